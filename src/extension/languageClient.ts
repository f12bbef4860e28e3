import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_EXEC_ARGV } from '../protocol/serverProcess';

/** Settings the server needs, with VS Code's `files.exclude` folded into `exclude`. */
export function serverSettings(): Record<string, unknown> {
  const cfg = vscode.workspace.getConfiguration('mmnotes');
  const filesExclude = vscode.workspace.getConfiguration('files').get<Record<string, boolean>>('exclude') ?? {};
  return {
    exclude: [...(cfg.get<string[]>('exclude') ?? []), ...Object.keys(filesExclude).filter((k) => filesExclude[k] === true)],
    maxNoteSizeMB: cfg.get<number>('maxNoteSizeMB', 20),
    cards: cfg.get('cards') ?? {},
    diagnostics: { enabled: cfg.get<boolean>('diagnostics.enabled', true), brokenLinks: cfg.get<string>('diagnostics.brokenLinks', 'warning') },
  };
}

/** Creates the client for the bundled server (dist/server.js), over IPC. */
export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'markdown', scheme: 'file' }],
    outputChannel: output,
    // Hovers carry <img width=…> for sized image embeds; nothing else in them is HTML (the server escapes note text).
    markdown: { isTrusted: false, supportHtml: true },
    // The parse cache lives in VS Code's per-workspace storage (absent without a folder: the server then uses the user cache folder).
    initializationOptions: { settings: serverSettings(), cacheDir: context.storageUri?.fsPath },
    // The server registers its own file watcher; nothing to synchronize here.
  };
  return new LanguageClient('mmnotes', 'mmnotes', serverOptions, clientOptions);
}
