// Flashcards through VS Code's own API in the extension host: the code lenses VS Code gets from
// the server, the commands the extension registers, and the review panel opening on a note.
// (Keys in the panel are driven from outside, in test/e2e/review.e2e.mjs.)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const NOTE = 'Multimodal Machine Learning.md';

async function eventually<T>(what: string, check: () => Promise<T> | T, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`${what} (after ${ms / 1000} s): ${last instanceof Error ? last.message : String(last)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('flashcards in a real VS Code (extension host)', function () {
  this.timeout(120_000);
  let note: vscode.TextDocument;

  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    note = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, NOTE));
    await vscode.window.showTextDocument(note);
  });

  it('registers the review, list and export commands', async () => {
    await eventually('the flashcard commands', async () => {
      const commands = await vscode.commands.getCommands(true);
      for (const c of ['mmnotes.reviewCards', 'mmnotes.listNoteCards', 'mmnotes.exportAnki']) assert.ok(commands.includes(c), `${c} is not registered`);
    });
  });

  it('puts a lens on each line that makes cards', async () => {
    const lenses = await eventually('card lenses on the sample note', async () => {
      const list = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', note.uri)) ?? [];
      const cards = list.filter((l) => /^(card|cloze)\b/.test(l.command?.title ?? ''));
      assert.ok(cards.length >= 15, `got ${list.length} lenses: ${list.map((l) => l.command?.title).join(' | ')}`);
      return cards;
    });
    const line = (l: vscode.CodeLens) => note.lineAt(l.range.start.line).text;
    const connection = lenses.find((l) => line(l).startsWith('==Connection=='));
    assert.equal(connection?.command?.title, 'card · new');
    assert.equal(connection?.command?.command, 'mmnotes.reviewCards');
    assert.ok(lenses.some((l) => l.command?.title === 'cloze ×2 · new' && line(l).includes('==expressed==')));
  });

  it('a lens command opens the review panel on that note', async () => {
    await vscode.commands.executeCommand('mmnotes.reviewCards', { kind: 'note', uri: note.uri.toString() });
    await eventually('a review panel tab', () => {
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
      const panel = tabs.find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('mmnotes.review'));
      assert.ok(panel, `tabs: ${tabs.map((t) => t.label).join(', ')}`);
      assert.equal(panel.label, 'Review: Multimodal Machine Learning');
    });
  });
});
