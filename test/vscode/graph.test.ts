// The concept graph through VS Code's own API in the extension host: the commands and the
// Concepts view the extension registers, the graph the server serves, an edit reaching it, and
// "open definition" putting the cursor on the defining line. (Clicks in the panel are driven
// from outside, in test/e2e/graph.e2e.mjs.)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { GraphResult } from '../../src/protocol/graph';

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

describe('concept graph in a real VS Code (extension host)', function () {
  this.timeout(120_000);
  let client: LanguageClient;
  let note: vscode.TextDocument;

  before(async () => {
    const ext = vscode.extensions.getExtension<{ client: LanguageClient }>('mmnotes.mmnotes');
    assert.ok(ext, 'the extension is installed');
    client = (await ext.activate()).client;
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    note = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, NOTE));
  });

  const graph = (include?: string[]) => client.sendRequest<GraphResult>('mmnotes/graph', include ? { include } : {});

  it('registers the graph commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['mmnotes.openConceptGraph', 'mmnotes.refreshConcepts', 'mmnotes.editConceptsFile', 'mmnotes.openConceptDefinition']) {
      assert.ok(commands.includes(c), `${c} is not registered`);
    }
  });

  it('serves the sample vault\'s concepts with where the sample note defines them', async () => {
    const g = await eventually('the graph', async () => {
      const r = await graph(['concept']);
      assert.ok(r.nodes.some((n) => n.id === 'concept:fusion'));
      return r;
    });
    const fusion = g.nodes.find((n) => n.id === 'concept:fusion')!;
    assert.equal(fusion.path, NOTE);
    assert.match(note.lineAt(fusion.line!).text, /==Fusion==/);
    for (const c of ['association', 'correspondence']) assert.equal(g.nodes.find((n) => n.id === `concept:${c}`)!.parent, 'concept:connections');
  });

  it('opens a definition at its line', async () => {
    const fusion = (await graph(['concept'])).nodes.find((n) => n.id === 'concept:fusion')!;
    await vscode.commands.executeCommand('mmnotes.openConceptDefinition', fusion.path, fusion.line);
    const editor = await eventually('the note in an editor', () => {
      const e = vscode.window.activeTextEditor;
      assert.ok(e && e.document.uri.path.endsWith(NOTE));
      return e;
    });
    assert.equal(editor.selection.active.line, fusion.line);
  });

  it('follows an edit: a new term nested under Fusion becomes a concept under it', async () => {
    const editor = await vscode.window.showTextDocument(note);
    const line = note.lineAt(note.getText().split('\n').findIndex((l) => l.includes('==Fusion==')));
    const indent = /^\s*/.exec(line.text)![0];
    await editor.edit((b) => b.insert(line.range.end, `\n${indent}\t- ==Tensor fusion==: outer products of the modalities.`));
    try {
      const term = await eventually('the new term in the graph', async () => {
        const n = (await graph(['concept'])).nodes.find((x) => x.id === 'concept:term:tensor-fusion');
        assert.ok(n, 'no concept:term:tensor-fusion yet');
        return n;
      });
      assert.equal(term.parent, 'concept:fusion');
      assert.equal(term.known, false);
    } finally {
      await vscode.commands.executeCommand('undo');
      await note.save();
    }
  });

  it('opens the panel as a webview tab', async () => {
    await vscode.commands.executeCommand('mmnotes.openConceptGraph');
    await eventually('a Concept Graph tab', () => {
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
      assert.ok(tabs.some((t) => t.label === 'Concept Graph' && t.input instanceof vscode.TabInputWebview));
    });
  });
});
