import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CardsExportAnkiRequest, CardsListRequest, type CardScope, type CardView } from '../../protocol/cards';
import { sendTyped } from '../typedClient';

export interface ScopeChoice {
  scope: CardScope;
  label: string;
}

/** The note in the active editor, when it is a Markdown file inside the workspace. */
function activeNote(): vscode.Uri | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || doc.languageId !== 'markdown' || doc.uri.scheme !== 'file') return undefined;
  return vscode.workspace.getWorkspaceFolder(doc.uri) ? doc.uri : undefined;
}

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1).replace(/\.md$/i, '');
}

/** A label for a scope passed as a command argument (a code lens, the status bar). */
export function describeScope(scope: CardScope): string {
  if (scope.kind === 'vault') return vscode.workspace.workspaceFolders?.[0]?.name ?? 'vault';
  const uri = vscode.Uri.parse(scope.uri);
  return scope.kind === 'note' ? fileName(uri) : `${vscode.workspace.asRelativePath(uri, false)}/`;
}

/** Asks which cards to review: the vault, the current note or its folder (only the choices that exist now). */
export async function pickScope(): Promise<ScopeChoice | undefined> {
  const note = activeNote();
  type Item = vscode.QuickPickItem & { choice: ScopeChoice };
  const vault = { scope: { kind: 'vault' }, label: describeScope({ kind: 'vault' }) } satisfies ScopeChoice;
  const items: Item[] = [{ label: '$(library) Whole vault', description: vault.label, choice: vault }];
  if (note) {
    items.push({ label: '$(file) Current note', description: fileName(note), choice: { scope: { kind: 'note', uri: note.toString() }, label: fileName(note) } });
    const folder = vscode.Uri.joinPath(note, '..');
    const inRoot = vscode.workspace.getWorkspaceFolder(note)?.uri.toString() === folder.toString();
    if (!inRoot) {
      const scope: CardScope = { kind: 'folder', uri: folder.toString() };
      items.push({ label: '$(folder) Current folder', description: describeScope(scope), choice: { scope, label: describeScope(scope) } });
    }
  }
  if (items.length === 1) return vault;
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Review the due cards of…' });
  return picked?.choice;
}

/** "mmnotes: List Cards in This Note": every card of the note with its state; picking one jumps to its line. */
export async function listNoteCardsCommand(client: LanguageClient): Promise<void> {
  const note = activeNote();
  if (!note) {
    void vscode.window.showInformationMessage('mmnotes: open a note of the vault to list its cards.');
    return;
  }
  const { cards } = await sendTyped(client, CardsListRequest, { scope: { kind: 'note', uri: note.toString() } });
  if (!cards.length) {
    void vscode.window.showInformationMessage(
      `mmnotes: "${fileName(note)}" makes no cards. Cards come from ==Term==: definition, a ==Term== item with a "Definition:" sub-item, and highlights in sentences (clozes); a note can turn them off with "mmnotes-cards: false".`,
    );
    return;
  }
  type Item = vscode.QuickPickItem & { card: CardView };
  const items: Item[] = cards.map((card) => ({
    label: `${card.kind === 'cloze' ? '$(symbol-key)' : '$(symbol-field)'} ${card.front}`,
    description: `line ${card.line + 1} · ${dueLabel(card)}`,
    detail: card.back,
    card,
  }));
  const picked = await vscode.window.showQuickPick(items, { placeHolder: `${cards.length} cards in ${fileName(note)}`, matchOnDetail: true });
  if (!picked) return;
  const pos = new vscode.Position(picked.card.line, 0);
  await vscode.window.showTextDocument(vscode.Uri.parse(picked.card.uri), { selection: new vscode.Range(pos, pos) });
}

function dueLabel(card: CardView): string {
  const s = card.schedule;
  if (s.state === 'new') return 'new';
  const days = (Date.parse(s.due) - Date.now()) / 86_400_000;
  if (days <= 0) return 'due now';
  return days < 1 ? `due in ${Math.max(1, Math.round(days * 24))}h` : `due in ${Math.round(days)}d`;
}

/** "mmnotes: Export Cards to Anki…": a save dialog, then the server writes the file. */
export async function exportAnkiCommand(client: LanguageClient): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const target = await vscode.window.showSaveDialog({
    title: 'Export flashcards for Anki (File › Import…)',
    defaultUri: folder ? vscode.Uri.joinPath(folder.uri, `${folder.name} (Anki).txt`) : undefined,
    filters: { 'Anki text import': ['txt'] },
  });
  if (!target) return;
  if (target.scheme !== 'file') {
    void vscode.window.showErrorMessage(`mmnotes: can only export to a local file, not ${target.toString()}.`);
    return;
  }
  const r = await sendTyped(client, CardsExportAnkiRequest, { scope: { kind: 'vault' }, file: target.fsPath });
  const open = 'Open File';
  const answer = await vscode.window.showInformationMessage(
    `mmnotes: exported ${r.cards} cards (${r.basic} Basic, ${r.cloze} Cloze) to ${r.file}. In Anki use File › Import…; importing again updates the same notes.`,
    open,
  );
  if (answer === open) await vscode.window.showTextDocument(target);
}
