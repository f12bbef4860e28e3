import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ListNotesRequest } from '../protocol/requests';
import { sendTyped } from './typedClient';

/** "mmnotes: Open Note…": a quick pick over every note and alias in the vault. */
export async function openNoteCommand(client: LanguageClient): Promise<void> {
  const notes = await sendTyped(client, ListNotesRequest, {});
  type Pick = vscode.QuickPickItem & { uri: string };
  const items: Pick[] = [];
  for (const n of notes) {
    const folder = n.path.includes('/') ? n.path.slice(0, n.path.lastIndexOf('/')) : '';
    items.push({ label: n.name, description: folder, uri: n.uri });
    for (const a of n.aliases) items.push({ label: a, description: `alias of ${n.name}`, uri: n.uri });
  }
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Open a note by name or alias', matchOnDescription: true });
  if (picked) await vscode.window.showTextDocument(vscode.Uri.parse(picked.uri));
}
