import * as assert from 'node:assert/strict';
import { definition } from '../../../src/core/features/definition';
import { documentLinks } from '../../../src/core/features/documentLinks';
import { documentSymbols, type OutlineSymbol } from '../../../src/core/features/documentSymbols';
import { foldingRanges } from '../../../src/core/features/foldingRanges';
import { hover } from '../../../src/core/features/hover';
import { linkAt } from '../../../src/core/features/linkAt';
import { references } from '../../../src/core/features/references';
import { NEVER_CANCELLED } from '../../../src/core/features/types';
import { workspaceSymbols } from '../../../src/core/features/workspaceSymbols';
import type { Position, Range } from '../../../src/core/text/range';
import { find, fixtureVault } from './vaultFixture';

const FUSION = [
  '---',
  'aliases: [Early fusion, Late fusion]',
  '---',
  '# Fusion',
  'Intro text.',
  '## Early',
  'Early fusion combines. ^early-def',
  '### Details',
  'Deep details.',
  '## Late',
  '- item one',
  '  - child',
  '- item two ^late-item',
].join('\n');

const INDEX = [
  'See [[Fusion]] and [[Fusion#Early]] and [[Fusion#Early#Details]].',
  'Block [[Fusion#^early-def]], alias [[Early fusion]], folder [[ML/Fusion|shown]].',
  'Code `[[Fusion]]` is not a link.',
  '![[pic.png|300]] ![[pic.png|100x145]] ![[pic.png]]',
  '[[Dup]] [[Missing]] [[#Local]] [[Fusion#Late#Details]]',
  '[md link](ML/Fusion.md#Late)',
  '',
  '## Local',
  'Local text.',
].join('\n');

const { index } = fixtureVault({
  'ML/Fusion.md': FUSION,
  'Index.md': INDEX,
  'Other.md': 'Case: [[fusion#EARLY]] and [[Fusion#Details]]',
  'a/Dup.md': '# A',
  'b/Dup.md': '# B',
  'pic.png': '',
  'Multimodal Machine Learning.md': 'About modalities.',
});

const at = (needle: string, delta = 2, n = 0) => find(index, 'Index.md', needle, delta, n);
/** The text a range covers in a note. */
const textAt = (path: string, r: Range) => {
  const lines = index.getNote(path)!.text.split('\n');
  assert.equal(r.start.line, r.end.line, 'one-line range');
  return lines[r.start.line].slice(r.start.character, r.end.character);
};
const defs = (pos: Position) => definition(index, 'Index.md', pos, NEVER_CANCELLED).map((d) => `${d.path}:${d.selectionRange.start.line}`);
const hoverText = (pos: Position) => hover(index, 'Index.md', pos, NEVER_CANCELLED, { fileUri: (p) => `file:///vault/${p}` })?.markdown ?? '';

describe('navigation: linkAt', () => {
  const entry = index.getNote('Index.md')!;
  it('tells path, heading, block and alias parts apart', () => {
    assert.equal(linkAt(entry, at('[[Fusion#Early]]', 3))?.part, 'path');
    assert.equal(linkAt(entry, at('[[Fusion#Early]]', 10))?.part, 'heading');
    assert.equal(linkAt(entry, at('[[Fusion#^early-def]]', 12))?.part, 'block');
    assert.equal(linkAt(entry, at('|shown', 2))?.part, 'alias');
    assert.equal(linkAt(entry, at('[[Fusion]]', 0))?.part, 'syntax');
  });
  it('finds nothing in code spans or plain text', () => {
    assert.equal(linkAt(entry, at('`[[Fusion]]`', 4)), undefined);
    assert.equal(linkAt(entry, find(index, 'Index.md', 'Local text', 3)), undefined);
  });
});

describe('navigation: definition', () => {
  it('leads a note link to the top of the note, through folder paths too', () => {
    assert.deepEqual(defs(at('[[Fusion]]')), ['ML/Fusion.md:0']);
    assert.deepEqual(defs(at('[[ML/Fusion')), ['ML/Fusion.md:0']);
  });
  it('leads a link that names a note by an alias to that alias in the frontmatter', () => {
    const [d] = definition(index, 'Index.md', at('[[Early fusion]]'), NEVER_CANCELLED);
    assert.equal(d.path, 'ML/Fusion.md');
    assert.equal(textAt('ML/Fusion.md', d.selectionRange), 'Early fusion');
    assert.deepEqual(d.range, d.selectionRange);
  });
  it('leads headings, nested heading paths and blocks to their line', () => {
    assert.deepEqual(defs(at('[[Fusion#Early]]')), ['ML/Fusion.md:5']);
    assert.deepEqual(defs(at('[[Fusion#Early#Details]]')), ['ML/Fusion.md:7']);
    assert.deepEqual(defs(at('[[Fusion#^early-def]]')), ['ML/Fusion.md:6']);
    assert.deepEqual(defs(at('[md link]', 12)), ['ML/Fusion.md:9']);
    const block = definition(index, 'Index.md', at('[[Fusion#^early-def]]'), NEVER_CANCELLED)[0];
    assert.deepEqual(block.originRange, index.getNote('Index.md')!.model.links[3].range);
  });
  it('falls back to the note when a heading path does not exist', () => {
    assert.deepEqual(defs(at('[[Fusion#Late#Details]]')), ['ML/Fusion.md:0']);
  });
  it('leads same-note heading links, attachments, and every candidate of an ambiguous name', () => {
    assert.deepEqual(defs(at('[[#Local]]')), ['Index.md:7']);
    assert.deepEqual(defs(at('![[pic.png]]', 3)), ['pic.png:0']);
    assert.deepEqual(defs(at('[[Dup]]')), ['a/Dup.md:0', 'b/Dup.md:0']);
    assert.deepEqual(defs(at('[[Missing]]')), []);
  });
});

describe('navigation: document links', () => {
  const links = documentLinks(index, 'Index.md', NEVER_CANCELLED);
  const byLine = (line: number) => links.filter((l) => l.range.start.line === line);
  it('targets notes, heading lines and blocks, and skips unresolved links and code', () => {
    assert.deepEqual(byLine(0).map((l) => l.target), [
      { path: 'ML/Fusion.md', line: undefined },
      { path: 'ML/Fusion.md', line: 5 },
      { path: 'ML/Fusion.md', line: 7 },
    ]);
    assert.equal(byLine(2).length, 0);
    assert.equal(byLine(3).length, 3);
    const line4 = byLine(4);
    assert.equal(line4.length, 3, 'Missing has no link');
    assert.equal(line4[0].target, undefined);
    assert.match(line4[0].tooltip!, /a\/Dup\.md, b\/Dup\.md/);
    assert.deepEqual(line4[1].target, { path: 'Index.md', line: 7 });
    assert.match(line4[2].tooltip!, /heading is not found/);
  });
  it('opens a note named by an alias on the alias line', () => {
    const alias = byLine(1).find((l) => l.range.start.character === at('Early fusion]]', 0).character);
    assert.deepEqual(alias?.target, { path: 'ML/Fusion.md', line: 1 });
  });
  it('covers the target text, not the brackets', () => {
    const first = byLine(0)[0].range;
    assert.deepEqual([first.start.character, first.end.character], [6, 12]);
  });
});

describe('navigation: hover', () => {
  it('previews a note after its frontmatter, a section, or a block', () => {
    const note = hoverText(at('[[Fusion]]'));
    assert.match(note, /\*\*Fusion\*\*/);
    assert.match(note, /Intro text\./);
    assert.doesNotMatch(note, /aliases/);
    const section = hoverText(at('[[Fusion#Early]]'));
    assert.match(section, /Early fusion combines/);
    assert.match(section, /Deep details/);
    assert.doesNotMatch(section, /item one/);
    assert.match(hoverText(at('[[Fusion#^early-def]]')), /Early fusion combines\. \^early-def/);
  });
  it('says which alias a link used and on which line it is written', () => {
    const md = hoverText(at('[[Early fusion]]'));
    assert.match(md, /\*\*Fusion\*\* › alias \*Early fusion\* \(line 2\)/);
    assert.match(md, /Intro text\./);
  });
  it('shows image thumbnails sized as the embed says', () => {
    assert.match(hoverText(at('![[pic.png|300]]', 3)), /<img src="file:\/\/\/vault\/pic\.png" width="300" alt="pic\.png">/);
    assert.match(hoverText(at('![[pic.png|100x145]]', 3)), /width="100" height="145"/);
    assert.match(hoverText(at('![[pic.png]]', 3)), /!\[pic\\\.png\]\(<file:\/\/\/vault\/pic\.png>\)/);
  });
  it('says when a link is unresolved, ambiguous, or names a missing heading', () => {
    assert.match(hoverText(at('[[Missing]]')), /Not found/);
    const dup = hoverText(at('[[Dup]]'));
    assert.match(dup, /Ambiguous/);
    assert.match(dup, /a\/Dup\.md[\s\S]*b\/Dup\.md/);
    assert.match(hoverText(at('[[Fusion#Late#Details]]')), /not found/);
  });
  it('shows image embeds inside a preview as small thumbnails, but not embeds in code', () => {
    const v = fixtureVault({ 'A.md': '[[Pics]]', 'Pics.md': '![[p.png]] and ![[p.png|100x50]]\n`![[p.png]]`', 'p.png': '' });
    const md = hover(v.index, 'A.md', { line: 0, character: 3 }, NEVER_CANCELLED, { fileUri: (p) => `file:///v/${p}` })!.markdown;
    assert.match(md, /<img src="file:\/\/\/v\/p\.png" width="240" alt="p\.png"> and <img [^>]*width="100" height="50"/);
    assert.match(md, /`!\[\[p\.png\]\]`/);
  });
  it('never lets note text become HTML, and keeps code as written', () => {
    const v = fixtureVault({
      'A.md': '[[Evil]]',
      'Evil.md': 'Look <script>alert(1)</script> & `<b>` here\n```\n<i>x</i>\n```\n<img src=x onerror=alert(1)>',
    });
    const md = hover(v.index, 'A.md', { line: 0, character: 3 }, NEVER_CANCELLED, { fileUri: String })!.markdown;
    assert.doesNotMatch(md.replace(/`[^`]*`/g, '').replace(/```[\s\S]*?```/g, ''), /<(script|img|i)\b/);
    assert.match(md, /&lt;script>/);
    assert.match(md, /`<b>`/);
    assert.match(md, /```\n<i>x<\/i>\n```/);
  });
});

describe('navigation: references', () => {
  const refs = (path: string, pos: Position, decl = false) =>
    references(index, path, pos, decl, NEVER_CANCELLED).map((l) => `${l.path}:${l.range.start.line}:${l.range.start.character}`);
  it('lists every backlink of a note from its body or from a link to it', () => {
    const all = refs('ML/Fusion.md', find(index, 'ML/Fusion.md', 'Intro'));
    assert.equal(all.length, 10);
    assert.deepEqual(refs('Index.md', at('[[Early fusion]]')), all);
  });
  it('lists links to a heading by normalized, nested heading path', () => {
    const early = refs('ML/Fusion.md', find(index, 'ML/Fusion.md', '## Early', 4));
    assert.deepEqual(early, ['Index.md:0:19', 'Other.md:0:6']);
    assert.deepEqual(refs('Index.md', at('[[Fusion#Early]]', 11)), early);
    assert.equal(refs('ML/Fusion.md', find(index, 'ML/Fusion.md', '### Details')).length, 2);
    const withDecl = refs('ML/Fusion.md', find(index, 'ML/Fusion.md', '## Early'), true);
    assert.deepEqual(withDecl, ['ML/Fusion.md:5:0', ...early]);
  });
  it('lists the links that use an alias, from the alias in the frontmatter', () => {
    const pos = find(index, 'ML/Fusion.md', 'Early fusion', 3);
    const link = `Index.md:1:${at('[[Early fusion]]', 0).character}`;
    assert.deepEqual(refs('ML/Fusion.md', pos), [link]);
    assert.deepEqual(refs('ML/Fusion.md', pos, true), ['ML/Fusion.md:1:10', link]);
    assert.deepEqual(refs('ML/Fusion.md', find(index, 'ML/Fusion.md', 'Late fusion', 3)), []);
    // From a link that uses the alias: every link to the note, declared at the alias.
    const fromLink = refs('Index.md', at('[[Early fusion]]'), true);
    assert.equal(fromLink[0], 'ML/Fusion.md:1:10');
    assert.equal(fromLink.length, 11);
  });
  it('lists links to a block and same-note heading links', () => {
    assert.deepEqual(refs('ML/Fusion.md', find(index, 'ML/Fusion.md', '^early-def', 1)), ['Index.md:1:6']);
    assert.deepEqual(refs('Index.md', find(index, 'Index.md', '## Local')), ['Index.md:4:20']);
  });
});

describe('navigation: symbols', () => {
  const outline = (s: OutlineSymbol): string => s.name + (s.children.length ? `(${s.children.map(outline).join(', ')})` : '');
  it('builds the heading tree with block ids under their section, after the aliases', () => {
    const tree = documentSymbols(index, 'ML/Fusion.md', NEVER_CANCELLED);
    assert.deepEqual(tree.map(outline), ['Early fusion', 'Late fusion', 'Fusion(Early(^early-def, Details), Late(^late-item))']);
    assert.equal(tree[2].range.end.line, 12);
    assert.equal(tree[2].children[0].range.end.line, 8);
  });
  it('puts alias symbols on the alias text, not on the whole frontmatter', () => {
    const [early, late] = documentSymbols(index, 'ML/Fusion.md', NEVER_CANCELLED);
    assert.equal(early.kind, 'alias');
    assert.equal(textAt('ML/Fusion.md', early.selectionRange), 'Early fusion');
    assert.equal(textAt('ML/Fusion.md', late.range), 'Late fusion');
    const symbol = workspaceSymbols(index, 'late fusion', NEVER_CANCELLED).find((s) => s.kind === 'alias')!;
    assert.equal(symbol.path, 'ML/Fusion.md');
    assert.equal(textAt('ML/Fusion.md', symbol.range), 'Late fusion');
  });
  it('finds notes, aliases and headings fuzzily across the vault, best first', () => {
    const names = (q: string) => workspaceSymbols(index, q, NEVER_CANCELLED).map((s) => `${s.kind}:${s.name}`);
    assert.deepEqual(names('fus').slice(0, 2), ['note:Fusion', 'heading:Fusion']);
    assert.ok(names('fus').includes('alias:Early fusion'));
    assert.deepEqual(names('mml'), ['note:Multimodal Machine Learning']);
    assert.deepEqual(names('zzz'), []);
    assert.equal(workspaceSymbols(index, '', NEVER_CANCELLED, 3).length, 3);
    assert.deepEqual(workspaceSymbols(index, 'f', { isCancellationRequested: true }), []);
  });
});

describe('navigation: folding', () => {
  it('folds frontmatter, sections, callouts, list items with children and fences', () => {
    const fold = fixtureVault({
      'F.md': ['---', 'a: 1', '---', '# Top', 'text', '> [!note] Title', '> body', '> more', '', '- parent', '  - child', '- single', '', '```js', 'x', '```', '## Sub', 'end'].join('\n'),
    });
    const ranges = foldingRanges(fold.index, 'F.md', NEVER_CANCELLED).map((r) => `${r.startLine}-${r.endLine}`);
    assert.deepEqual(ranges, ['0-2', '3-17', '5-7', '9-10', '13-15', '16-17']);
  });
});
