import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { IndexStatusNotification, IndexStatusRequest, NamesChangedNotification } from '../protocol/requests';
import { BacklinksView } from './backlinksView';
import { createLanguageClient, serverSettings } from './languageClient';
import { openNoteCommand } from './openNoteCommand';
import { IndexStatusBar } from './statusBar';
import { onTyped, sendTyped } from './typedClient';

/** What the extension exposes to tests and to other extensions. */
export interface MmnotesApi {
  client: LanguageClient;
}

export async function activate(context: vscode.ExtensionContext): Promise<MmnotesApi> {
  const output = vscode.window.createOutputChannel('mmnotes');
  const client = createLanguageClient(context, output);
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

  await client.start();
  context.subscriptions.push(
    client,
    onTyped(client, IndexStatusNotification, (s) => {
      statusBar.show(s);
      backlinks.refresh();
    }),
    onTyped(client, NamesChangedNotification, () => backlinks.refresh()),
  );
  // The server may have finished indexing before the listener was attached.
  statusBar.show(await sendTyped(client, IndexStatusRequest, {}));
  return { client };
}

export function deactivate(): void {
  // The client is in context.subscriptions: VS Code stops it.
}
