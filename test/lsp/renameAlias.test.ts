/**
 * Over real JSON-RPC with the built server: F2 on a frontmatter alias, or on
 * a link that reached its note through the alias, renames the alias and
 * every link through it; the vault then has no broken link.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Diagnostic, DocumentDiagnosticReport, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { applyTextEdits } from '../unit/features/editingFixture';
import { LspSession } from './support/lspSession';

const LECTURE = 'Multimodal Machine Learning.md';
const SAMPLE = readFileSync(`/work/shared/sample-vault/${LECTURE}`, 'utf8');
const FUSION = ['---', 'aliases: ["Early fusion", EF]', '---', '# Fusion', '## Details'].join('\n');
const READING = ['Read [[Multimodality]], [[Multimodality|the lecture]] and [[Multimodal Machine Learning]].', 'Then [[Early fusion#Details|details]] and [[Fusion]].'].join('\n');

describe('lsp: rename a frontmatter alias', function () {
  let s: LspSession;
  const files: Record<string, string> = { [LECTURE]: SAMPLE, 'Fusion.md': FUSION, 'Reading.md': READING };
  before(async () => {
    s = await LspSession.start(files);
  });
  after(async () => s?.close());

  const doc = (p: string) => ({ textDocument: { uri: s.uri(p) } });
  const pathOf = (uri: string) => Object.keys(files).find((p) => s.uri(p) === uri)!;
  /** Applies a WorkspaceEdit to the vault on disk, as an editor would on save. */
  function applyToVault(edit: WorkspaceEdit): void {
    assert.ok(edit.documentChanges?.length, JSON.stringify(edit));
    for (const c of edit.documentChanges!) {
      assert.ok(!('kind' in c), 'no file operation');
      const e = c as TextDocumentEdit;
      const p = pathOf(e.textDocument.uri);
      files[p] = applyTextEdits(files[p], e.edits as never);
      s.writeFile(p, files[p]);
    }
  }
  const diagnostics = async (p: string) => ((await s.request<DocumentDiagnosticReport>('textDocument/diagnostic', doc(p))) as { items: Diagnostic[] }).items;
  /** Waits until the server has indexed the written files: F2 at `position` offers `placeholder`. */
  async function reindexed(params: object, placeholder: string): Promise<void> {
    let last: unknown;
    for (let i = 0; i < 100; i++) {
      last = await s.request<{ placeholder: string }>('textDocument/prepareRename', params).catch((e: Error) => e.message);
      if ((last as { placeholder?: string })?.placeholder === placeholder) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.fail(`the server never saw the rename: ${JSON.stringify(last)}`);
  }

  it('renames the lecture note alias from a link, then from the frontmatter, leaving no broken link', async () => {
    // From a link that resolved through the alias: the alias is renamed, not the file.
    const at = { ...doc('Reading.md'), position: { line: 0, character: 9 } };
    const prep = await s.request<{ range: unknown; placeholder: string }>('textDocument/prepareRename', at);
    assert.deepEqual(prep, { range: { start: { line: 0, character: 7 }, end: { line: 0, character: 20 } }, placeholder: 'Multimodality' });
    applyToVault(await s.request<WorkspaceEdit>('textDocument/rename', { ...at, newName: 'MMML: intro' }));
    assert.equal(files[LECTURE], SAMPLE.replace('  - Multimodality\n', '  - "MMML: intro"\n'));
    assert.equal(files['Reading.md'].split('\n')[0], 'Read [[MMML: intro]], [[MMML: intro|the lecture]] and [[Multimodal Machine Learning]].');
    await reindexed(at, 'MMML: intro');
    assert.deepEqual(await diagnostics('Reading.md'), []);
    // (The lecture note's images are not in this vault: only its YAML and links matter here.)
    assert.deepEqual((await diagnostics(LECTURE)).filter((d) => d.code !== 'missing-attachment'), []);

    // From the quoted alias in the frontmatter of another note.
    const inYaml = { ...doc('Fusion.md'), position: { line: 1, character: 14 } };
    const prep2 = await s.request<{ range: unknown; placeholder: string }>('textDocument/prepareRename', inYaml);
    assert.deepEqual(prep2, { range: { start: { line: 1, character: 11 }, end: { line: 1, character: 23 } }, placeholder: 'Early fusion' });
    await assert.rejects(s.request('textDocument/rename', { ...inYaml, newName: 'mmml: INTRO' }), /already an alias of 'Multimodal Machine Learning'/);
    applyToVault(await s.request<WorkspaceEdit>('textDocument/rename', { ...inYaml, newName: 'Feature fusion' }));
    assert.equal(files['Fusion.md'], FUSION.replace('"Early fusion"', '"Feature fusion"'));
    assert.equal(files['Reading.md'].split('\n')[1], 'Then [[Feature fusion#Details|details]] and [[Fusion]].');
    await reindexed({ ...doc('Reading.md'), position: { line: 1, character: 9 } }, 'Feature fusion');
    assert.deepEqual(await diagnostics('Reading.md'), []);
    assert.deepEqual(await diagnostics('Fusion.md'), []);
  });
});
