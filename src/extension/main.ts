import type MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { IndexStatusNotification, IndexStatusRequest, NamesChangedNotification } from '../protocol/requests';
import { BacklinksView } from './backlinksView';
import { registerCards } from './cards';
import { registerGraphFeatures } from './graph/registerGraph';
import { createLanguageClient, serverSettings } from './languageClient';
import { openNoteCommand } from './openNoteCommand';
import { registerPasteProviders } from './paste';
import { obsidianMarkdownIt } from './preview/obsidianMarkdownIt';
import { delegatingResolver } from './preview/previewResolver';
import { PreviewNames } from './preview/vscodePreviewResolver';
import { IndexStatusBar } from './statusBar';
import { onTyped, sendTyped } from './typedClient';

/** What the extension exposes to tests and to other extensions. */
export interface MmnotesApi {
  client: LanguageClient;
  /** Resolves once the language server has started. */
  started: Promise<void>;
  /** Called by VS Code's Markdown preview (contributes markdown.markdownItPlugins). */
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

export async function activate(context: vscode.ExtensionContext): Promise<MmnotesApi> {
  const output = vscode.window.createOutputChannel('mmnotes');
  const client = createLanguageClient(context, output);
  registerCards(context, client);
  registerGraphFeatures(context, client, (m) => output.appendLine(m));
  const statusBar = new IndexStatusBar();
  const backlinks = new BacklinksView(client);

  context.subscriptions.push(
    output,
    statusBar,
    backlinks,
    vscode.window.registerTreeDataProvider('mmnotes.backlinks', backlinks),
    vscode.commands.registerCommand('mmnotes.openNote', () => openNoteCommand(client)),
    vscode.commands.registerCommand('mmnotes.showOutput', () => output.show()),
    vscode.commands.registerCommand('mmnotes.restartServer', () => client.restart()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('mmnotes') || e.affectsConfiguration('files.exclude')) {
        void client.sendNotification('workspace/didChangeConfiguration', { settings: serverSettings() });
      }
    }),
  );

  registerPasteProviders(context);
  const previewNames = new PreviewNames(client);
  const refreshNames = () => void previewNames.refresh().catch((e) => output.appendLine(`mmnotes: preview names: ${e}`));
  // Not awaited: the preview asks for extendMarkdownIt as soon as activate returns.
  const started = client.start().then(async () => {
    context.subscriptions.push(
      onTyped(client, IndexStatusNotification, (s) => {
        statusBar.show(s);
        backlinks.refresh();
        if (s.state === 'ready') refreshNames();
      }),
      onTyped(client, NamesChangedNotification, () => {
        backlinks.refresh();
        refreshNames();
      }),
    );
    // The server may have finished indexing before the listeners were attached.
    const s = await sendTyped(client, IndexStatusRequest, {});
    statusBar.show(s);
    if (s.state === 'ready') refreshNames();
  });
  context.subscriptions.push(client);
  started.catch((e) => output.appendLine(`mmnotes: the language server did not start: ${e}`));

  return {
    client,
    started,
    extendMarkdownIt(md: MarkdownIt): MarkdownIt {
      obsidianMarkdownIt(md, delegatingResolver(() => previewNames.current()));
      return md;
    },
  };
}

export function deactivate(): void {
  // The client is in context.subscriptions: VS Code stops it.
}
