/**
 * Over real JSON-RPC with the built server: alias symbols sit on the alias
 * text in the YAML (outline, workspace symbols, go to definition), and text
 * inside Obsidian `%%comments%%` gives no diagnostic, link, outline entry or
 * token.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  SymbolKind,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type DocumentLink,
  type DocumentSymbol,
  type FoldingRange,
  type LocationLink,
  type Range,
  type SymbolInformation,
} from 'vscode-languageserver/node';
import { LspSession } from './support/lspSession';

const SAMPLE_VAULT = path.resolve(__dirname, '../../sample-vault');
const sample = (name: string) => readFileSync(path.join(SAMPLE_VAULT, name), 'utf8');

const QUOTED = ['---', 'alias: "Late fusion, Score fusion"', 'aliases:', "  - 'Decision fusion'", '---', '# Quoted'].join('\n');

const DRAFTS = [
  '# Drafts',
  'Real [[Nowhere]] and [[Six challenges]].',
  '',
  '%%',
  '## Draft section',
  '[[Also nowhere]] ==Term==: hidden. #hidden',
  '%%',
  '',
  'Text %%[[Gone]] ![[gone.png]]%% end. #kept',
].join('\n');

const FILES = {
  'Core Challenges.md': sample('Core Challenges.md'),
  'Modalities.md': sample('Modalities.md'),
  'Multimodal Machine Learning.md': readFileSync('/work/shared/sample-vault/Multimodal Machine Learning.md', 'utf8'),
  'Quoted.md': QUOTED,
  'Drafts.md': DRAFTS,
};

describe('lsp: alias symbols and %%comments%%', function () {
  let s: LspSession;
  before(async () => {
    s = await LspSession.start(FILES);
  });
  after(async () => s?.close());

  const doc = (p: string) => ({ textDocument: { uri: s.uri(p) } });
  /** The text a one-line range covers in a fixture file. */
  const textAt = (p: keyof typeof FILES, r: Range) => {
    assert.equal(r.start.line, r.end.line, JSON.stringify(r));
    return FILES[p].split('\n')[r.start.line].slice(r.start.character, r.end.character);
  };
  const outline = (p: string) => s.request<DocumentSymbol[]>('textDocument/documentSymbol', doc(p));

  it('puts alias document symbols on the alias text, block list and flow list', async () => {
    const core = await outline('Core Challenges.md');
    assert.deepEqual(
      { name: core[0].name, kind: core[0].kind, detail: core[0].detail, range: core[0].range, selectionRange: core[0].selectionRange },
      {
        name: 'Six challenges',
        kind: SymbolKind.Constant,
        detail: 'alias',
        range: { start: { line: 2, character: 4 }, end: { line: 2, character: 18 } },
        selectionRange: { start: { line: 2, character: 4 }, end: { line: 2, character: 18 } },
      },
    );
    assert.equal(core[1].name, 'Core Challenges');
    assert.equal(core[1].kind, SymbolKind.String);

    const modalities = (await outline('Modalities.md')).filter((d) => d.kind === SymbolKind.Constant);
    assert.deepEqual(
      modalities.map((d) => [d.name, textAt('Modalities.md', d.selectionRange)]),
      [
        ['Modality', 'Modality'],
        ['Sensing modalities', 'Sensing modalities'],
      ],
    );
  });

  it('puts quoted and comma-separated aliases inside their quotes', async () => {
    const aliases = (await outline('Quoted.md')).filter((d) => d.detail === 'alias');
    assert.deepEqual(
      aliases.map((d) => [d.name, d.range.start.line, textAt('Quoted.md', d.range)]),
      [
        ['Late fusion', 1, 'Late fusion'],
        ['Score fusion', 1, 'Score fusion'],
        ['Decision fusion', 3, 'Decision fusion'],
      ],
    );
  });

  it('finds an alias in the workspace at its text, and goes there from a link', async () => {
    const symbols = await s.request<SymbolInformation[]>('workspace/symbol', { query: 'sensing mod' });
    const alias = symbols.find((x) => x.name === 'Sensing modalities')!;
    assert.equal(alias.location.uri, s.uri('Modalities.md'));
    assert.equal(textAt('Modalities.md', alias.location.range), 'Sensing modalities');
    assert.equal(alias.containerName, 'alias of Modalities');

    const [d] = await s.request<LocationLink[]>('textDocument/definition', { ...doc('Drafts.md'), position: { line: 1, character: 25 } });
    assert.equal(d.targetUri, s.uri('Core Challenges.md'));
    assert.equal(textAt('Core Challenges.md', d.targetSelectionRange), 'Six challenges');
  });

  it('gives no diagnostic, link or outline entry for what is inside a comment', async () => {
    const report = await s.request<DocumentDiagnosticReport>('textDocument/diagnostic', doc('Drafts.md'));
    const items = (report as { items: Diagnostic[] }).items;
    assert.deepEqual(
      items.map((d) => [d.range.start.line, d.message.includes('Nowhere')]),
      [[1, true]],
    );
    const links = await s.request<DocumentLink[]>('textDocument/documentLink', doc('Drafts.md'));
    assert.deepEqual(links.map((l) => l.range.start.line), [1]);
    const names = (await outline('Drafts.md')).map((d) => [d.name, (d.children ?? []).map((c) => c.name)]);
    assert.deepEqual(names, [['Drafts', []]]);
    const folds = await s.request<FoldingRange[]>('textDocument/foldingRange', doc('Drafts.md'));
    assert.ok(folds.some((f) => f.startLine === 3 && f.endLine === 6 && f.kind === 'comment'), JSON.stringify(folds));
  });

  it('follows a comment typed into an open note', async () => {
    s.open('Drafts.md', DRAFTS);
    s.change('Drafts.md', 'Now %%[[Nowhere]]%% and [[Also nowhere]]');
    const report = await s.request<DocumentDiagnosticReport>('textDocument/diagnostic', doc('Drafts.md'));
    const items = (report as { items: Diagnostic[] }).items;
    assert.deepEqual(items.map((d) => d.range.start.character), [24]);
  });
});
