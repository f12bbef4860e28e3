import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  encodeTokens,
  noteTokens,
  SEMANTIC_TOKEN_MODIFIERS,
  SEMANTIC_TOKEN_TYPES,
} from '../../../src/core/features/semanticTokens';
import { NEVER_CANCELLED } from '../../../src/core/features/types';
import { range } from '../../../src/core/text/range';
import { fixtureVault } from './vaultFixture';

interface Row {
  line: number;
  char: number;
  length: number;
  type: string;
  modifiers: string[];
  text: string;
}

/** Decodes LSP's relative integer array back into absolute rows, as an editor would. */
function decode(data: number[], text: string): Row[] {
  assert.equal(data.length % 5, 0, 'five integers per token');
  const lines = text.split('\n');
  const rows: Row[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [dl, dc, length, type, bits] = data.slice(i, i + 5);
    line += dl;
    char = dl === 0 ? char + dc : dc;
    const modifiers = SEMANTIC_TOKEN_MODIFIERS.filter((_, k) => bits & (1 << k));
    assert.ok(type < SEMANTIC_TOKEN_TYPES.length, `type index ${type} is in the legend`);
    rows.push({ line, char, length, type: SEMANTIC_TOKEN_TYPES[type], modifiers: [...modifiers], text: lines[line].slice(char, char + length) });
  }
  return rows;
}

function tokensOf(files: Record<string, string>, path: string, options = {}): Row[] {
  const { index } = fixtureVault(files);
  return decode(encodeTokens(noteTokens(index, path, NEVER_CANCELLED, options)), index.getNote(path)!.text);
}

const brief = (rows: Row[]) => rows.map((r) => `${r.line}:${r.char} ${r.type}${r.modifiers.map((m) => '.' + m).join('')} ${JSON.stringify(r.text)}`);

describe('semantic tokens', () => {
  const NOTE = [
    'See [[Fusion]] and [[Missing note]].', // 0
    'A ==highlight== here, ![[pic.png|300]] and ![[gone.png]].', // 1
    '[[Fusion#Early]] [[Fusion#Nope]] [[Fusion#^blk]] [[#Local]] [[Dup]]', // 2
    '==see [[Fusion]] now== #tag/sub', // 3
    '`[[Fusion]] ==code==` and [web](https://example.com) [md](Fusion.md)', // 4
    '## Local', // 5
  ].join('\n');
  const FILES = {
    'index.md': NOTE,
    'Fusion.md': '# Fusion\n## Early\ntext ^blk',
    'pic.png': '',
    'a/Dup.md': '',
    'b/Dup.md': '',
  };

  it('marks resolved, unresolved and ambiguous link targets, headings and blocks, highlights and tags', () => {
    assert.deepEqual(brief(tokensOf(FILES, 'index.md')), [
      '0:6 noteLink.resolved "Fusion"',
      '0:21 noteLink.unresolved "Missing note"',
      // A cloze: "A […] here, …" keeps enough words around it.
      '1:2 highlight.cardSource "==highlight=="',
      '1:25 noteEmbed.resolved "pic.png"',
      '1:46 noteEmbed.unresolved "gone.png"',
      '2:2 noteLink.resolved "Fusion"',
      '2:8 linkHeading.resolved "#Early"',
      '2:19 noteLink.resolved "Fusion"',
      '2:25 linkHeading.unresolved "#Nope"',
      '2:35 noteLink.resolved "Fusion"',
      '2:41 linkBlock.resolved "#^blk"',
      '2:51 linkHeading.resolved "#Local"',
      '2:62 noteLink.ambiguous "Dup"',
      // The link inside the highlight cuts it in two: tokens never overlap.
      '3:0 highlight "==see [["',
      '3:8 noteLink.resolved "Fusion"',
      '3:14 highlight "]] now=="',
      '3:23 hashtag "#tag/sub"',
      // Nothing in code; web links are not vault links; a Markdown link to a note is.
      '4:58 noteLink.resolved "Fusion.md"',
    ]);
  });

  it('answers a range request with the tokens of its lines only', () => {
    const rows = tokensOf(FILES, 'index.md', { range: range(1, 0, 1, 10) });
    assert.deepEqual(rows.map((r) => r.line), [1, 1, 1]);
    assert.equal(rows[0].text, '==highlight==');
  });

  it('splits a highlight that spans lines into one token per line', () => {
    const rows = tokensOf({ 'n.md': 'one ==two\nthree== four' }, 'n.md');
    assert.deepEqual(brief(rows), ['0:4 highlight "==two"', '1:0 highlight "three=="']);
  });

  it('marks highlights that make flashcards with cardSource, and only those', () => {
    const text = [
      '==Fusion==: joining two modalities into one representation.', // definition
      '',
      'A modality is the way in which something is ==expressed== or ==perceived.==', // two clozes
      '',
      '# A ==heading highlight== makes no card', // headings never make cards
      '',
      '==A whole highlighted sentence with nothing left around it.==', // no context: no cloze
    ].join('\n');
    const rows = tokensOf({ 'n.md': text }, 'n.md').filter((r) => r.type === 'highlight');
    assert.deepEqual(brief(rows), [
      '0:0 highlight.cardSource "==Fusion=="',
      '2:44 highlight.cardSource "==expressed=="',
      '2:61 highlight.cardSource "==perceived.=="',
      '4:4 highlight "==heading highlight=="',
      '6:0 highlight "==A whole highlighted sentence with nothing left around it.=="',
    ]);
  });

  it('turns card sources off with the note switch', () => {
    const text = '---\nmmnotes-cards: false\n---\n==Fusion==: joining two modalities into one.';
    const rows = tokensOf({ 'n.md': text }, 'n.md');
    assert.deepEqual(brief(rows), ['3:0 highlight "==Fusion=="']);
  });

  it('colours the sample note: every embed resolves or not, definitions are card sources', () => {
    const sample = readFileSync(join(__dirname, '..', '..', 'fixtures', 'sample-note.md'), 'utf8');
    const rows = tokensOf({ 'Multimodal Machine Learning.md': sample, 'Pasted image 20240608095521.png': '' }, 'Multimodal Machine Learning.md');
    const embeds = rows.filter((r) => r.type === 'noteEmbed');
    assert.ok(embeds.length > 5);
    assert.deepEqual(embeds.filter((r) => r.modifiers.includes('resolved')).map((r) => r.text), ['Pasted image 20240608095521.png']);
    const connection = rows.find((r) => r.text === '==Connection==');
    assert.deepEqual(connection?.modifiers, ['cardSource']);
    // Sorted, non-overlapping: what the LSP encoding requires.
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1];
      const b = rows[i];
      assert.ok(b.line > a.line || b.char >= a.char + a.length, `${brief([a])} overlaps ${brief([b])}`);
    }
  });

  it('gives nothing for a note the index does not have', () => {
    const { index } = fixtureVault({ 'a.md': '[[x]]' });
    assert.deepEqual(noteTokens(index, 'nope.md', NEVER_CANCELLED), []);
  });
});
