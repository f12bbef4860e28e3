import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import type { DocumentLink, DocumentSymbol, FoldingRange, Hover, Location, LocationLink, MarkupContent, SymbolInformation } from 'vscode-languageserver/node';
import { LspSession, PNG_1X1 } from './support/lspSession';

const SAMPLE = readFileSync('/work/shared/sample-vault/Multimodal Machine Learning.md', 'utf8');

const FUSION = [
  '---',
  'aliases: [Early fusion]',
  '---',
  '# Fusion',
  'Joining modalities.',
  '## Early',
  'Combine features first. ^early-def',
  '### Details',
  'Concatenate <b>vectors</b>.',
  '## Late',
  '- combine decisions',
  '  - by voting',
].join('\n');

const INDEX = [
  'See [[Fusion#Early]], [[Fusion#Early#Details]], [[Fusion#^early-def]] and [[Early fusion]].',
  'Also [[Multimodality]] and [[Multimodal Machine Learning|the lecture]].',
  '![[dot.png|100x145]] [[Nowhere]]',
].join('\n');

describe('lsp: navigation', function () {
  let s: LspSession;
  before(async () => {
    s = await LspSession.start({
      'Multimodal Machine Learning.md': SAMPLE,
      'Pasted image 20240612135341.png': PNG_1X1,
      'assets/dot.png': PNG_1X1,
      'Concepts/Fusion.md': FUSION,
      'Index.md': INDEX,
    });
  });
  after(async () => s?.close());

  const text = (p: string) => (p === 'Index.md' ? INDEX : p === 'Concepts/Fusion.md' ? FUSION : SAMPLE);
  /** Position of `needle` (plus `delta`) in a fixture file. */
  function pos(p: string, needle: string, delta = 2) {
    const at = text(p).indexOf(needle);
    assert.notEqual(at, -1, `${needle} not in ${p}`);
    const before = text(p).slice(0, at + delta).split('\n');
    return { textDocument: { uri: s.uri(p) }, position: { line: before.length - 1, character: before[before.length - 1].length } };
  }

  it('offers document links with #L line fragments for headings, blocks and aliases', async () => {
    const links = await s.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: s.uri('Index.md') } });
    const targets = links.map((l) => l.target);
    const fusion = s.uri('Concepts/Fusion.md');
    // [[Early fusion]] and [[Multimodality]] name their note by an alias: they open on its line.
    assert.deepEqual(targets.slice(0, 4), [`${fusion}#L6`, `${fusion}#L8`, `${fusion}#L7`, `${fusion}#L2`]);
    assert.equal(targets[4], `${s.uri('Multimodal Machine Learning.md')}#L3`);
    assert.equal(targets[5], s.uri('Multimodal Machine Learning.md'));
    assert.equal(targets[6], s.uri('assets/dot.png'));
    assert.equal(links.length, 7, 'the unresolved link has none');
  });

  it('goes to a heading, a nested heading, a block and an aliased note', async () => {
    const def = async (needle: string, delta?: number) => {
      const r = await s.request<LocationLink[]>('textDocument/definition', pos('Index.md', needle, delta));
      return r.map((l) => `${decodeURIComponent(l.targetUri.slice(s.uri('').length))}:${l.targetSelectionRange.start.line}`);
    };
    assert.deepEqual(await def('[[Fusion#Early]]'), ['/Concepts/Fusion.md:5']);
    assert.deepEqual(await def('[[Fusion#Early#Details]]', 18), ['/Concepts/Fusion.md:7']);
    assert.deepEqual(await def('[[Fusion#^early-def]]'), ['/Concepts/Fusion.md:6']);
    // By an alias: to the alias in the frontmatter (`  - Multimodality`).
    assert.deepEqual(await def('[[Multimodality]]'), ['/Multimodal Machine Learning.md:2']);
    assert.deepEqual(await def('[[Nowhere]]'), []);
  });

  it('answers plain Locations to a client without LocationLink support', async () => {
    const plain = await LspSession.start({ 'Concepts/Fusion.md': FUSION, 'Index.md': INDEX }, {}, { definitionLinkSupport: false });
    try {
      const at = pos('Index.md', '[[Fusion#Early]]');
      const r = await plain.request<Location[]>('textDocument/definition', { ...at, textDocument: { uri: plain.uri('Index.md') } });
      assert.deepEqual(
        r.map((l) => [Object.keys(l).sort().join(), l.uri, l.range.start.line]),
        [['range,uri', plain.uri('Concepts/Fusion.md'), 5]], // the `## Early` line, as the LocationLink's selection range
      );
    } finally {
      await plain.close();
    }
  });

  it('hovers a note preview (escaped) and image thumbnails by file URI', async () => {
    const value = async (p: string, needle: string, delta?: number) =>
      ((await s.request<Hover | null>('textDocument/hover', pos(p, needle, delta)))?.contents as MarkupContent | undefined)?.value ?? '';
    const lecture = await value('Index.md', '[[Multimodality]]');
    assert.match(lecture, /Multimodal Machine Learning/);
    assert.match(lecture, /Above: From CMU Multimodal Machine Learning/);
    assert.doesNotMatch(lecture, /aliases:/);
    assert.match(await value('Index.md', '[[Fusion#Early]]'), /Concatenate &lt;b>vectors&lt;\/b>/);
    const dot = pathToFileURL(path.join(s.root, 'assets/dot.png')).href;
    assert.ok((await value('Index.md', '![[dot.png', 4)).includes(`<img src="${dot}" width="100" height="145"`));
    const pasted = pathToFileURL(path.join(s.root, 'Pasted image 20240612135341.png')).href;
    const thumb = await value('Multimodal Machine Learning.md', '![[Pasted image 20240612135341.png|300]]', 5);
    assert.ok(thumb.includes(`<img src="${pasted}" width="300"`), thumb);
    assert.match(await value('Index.md', '[[Nowhere]]'), /Not found/);
  });

  it('finds references to a note, a heading (with declaration) and a block', async () => {
    const refs = async (p: string, needle: string, includeDeclaration = false, delta?: number) => {
      const r = await s.request<Location[]>('textDocument/references', { ...pos(p, needle, delta), context: { includeDeclaration } });
      return r.map((l) => `${decodeURIComponent(l.uri.slice(s.uri('').length))}:${l.range.start.line}:${l.range.start.character}`);
    };
    assert.equal((await refs('Concepts/Fusion.md', 'Joining')).length, 4);
    assert.deepEqual(await refs('Concepts/Fusion.md', '## Early', true), ['/Concepts/Fusion.md:5:0', '/Index.md:0:4']);
    assert.deepEqual(await refs('Concepts/Fusion.md', '^early-def', false, 1), ['/Index.md:0:48']);
    assert.deepEqual(await refs('Index.md', '[[Multimodality]]'), ['/Index.md:1:5', '/Index.md:1:27']);
  });

  it('gives the heading outline, vault symbols and folding ranges', async () => {
    const outline = await s.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: s.uri('Concepts/Fusion.md') } });
    const names = (d: DocumentSymbol): string => d.name + (d.children?.length ? `(${d.children.map(names).join(', ')})` : '');
    assert.deepEqual(outline.map(names), ['Early fusion', 'Fusion(Early(^early-def, Details), Late)']);

    const symbols = await s.request<SymbolInformation[]>('workspace/symbol', { query: 'mml' });
    assert.equal(symbols[0].name, 'Multimodal Machine Learning');
    assert.equal(symbols[0].location.uri, s.uri('Multimodal Machine Learning.md'));
    const alias = await s.request<SymbolInformation[]>('workspace/symbol', { query: 'early fus' });
    assert.ok(alias.some((x) => x.name === 'Early fusion' && x.containerName === 'alias of Fusion'));

    const folds = await s.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: s.uri('Concepts/Fusion.md') } });
    assert.deepEqual(folds.map((f) => `${f.startLine}-${f.endLine}`), ['0-2', '3-11', '5-8', '7-8', '9-11', '10-11']);
    const sample = await s.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: s.uri('Multimodal Machine Learning.md') } });
    assert.ok(sample.some((f) => f.startLine === 0 && f.endLine === 3), 'frontmatter folds');
    assert.ok(sample.length > 10, 'list items with children fold');
  });

  it('follows edits in an open document', async () => {
    s.open('Index.md');
    s.change('Index.md', '# Now\n[[Fusion#Late]]');
    const r = await s.request<LocationLink[]>('textDocument/definition', {
      textDocument: { uri: s.uri('Index.md') },
      position: { line: 1, character: 4 },
    });
    assert.equal(r[0]?.targetSelectionRange.start.line, 9);
  });
});
