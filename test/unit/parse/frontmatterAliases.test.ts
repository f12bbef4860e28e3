/**
 * Where each frontmatter alias is written (Frontmatter.aliasRanges), in both
 * parsers: the alias's own text in every form Obsidian reads, the whole
 * scalar or the whole frontmatter when no exact place exists, and the same
 * answer from the fast YAML reader and from the `yaml` package.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFrontmatter } from '../../../src/core/parse/frontmatter';
import type { NoteModel } from '../../../src/core/parse/noteModel';
import { parseNote } from '../../../src/core/parse/parseNote';
import { scanNote } from '../../../src/core/scan/scanNote';
import { LineIndex } from '../../../src/core/text/lineIndex';
import { Rng } from '../scan/randomMarkdown';
import { benchNotes, markdownFiles } from '../support/corpus';

const root = join(__dirname, '..', '..', '..');

/** Each alias with the source text its range covers, from both parsers (which must agree). */
function aliasTexts(text: string): [string, string][] {
  const out: [string, string][][] = [];
  for (const parse of [parseNote, scanNote]) {
    const model: NoteModel = parse(text);
    const fm = model.frontmatter;
    assert.ok(fm, 'frontmatter expected');
    assert.equal(fm.aliasRanges?.length, fm.aliases.length);
    const lines = new LineIndex(text);
    out.push(fm.aliases.map((a, i) => [a, text.slice(lines.offsetAt(fm.aliasRanges![i].start), lines.offsetAt(fm.aliasRanges![i].end))]));
  }
  assert.deepEqual(out[0], out[1], 'parseNote and scanNote agree');
  return out[0];
}

describe('frontmatter alias ranges', () => {
  it('point at the alias itself in flow lists, block lists and single strings', () => {
    assert.deepEqual(aliasTexts('---\naliases: [Modality, Sensing modalities]\n---\n'), [
      ['Modality', 'Modality'],
      ['Sensing modalities', 'Sensing modalities'],
    ]);
    assert.deepEqual(aliasTexts('---\ntags: x\naliases:\n  - Six challenges\n  -   Spaced  # comment\n---\n# H'), [
      ['Six challenges', 'Six challenges'],
      ['Spaced', 'Spaced'],
    ]);
    assert.deepEqual(aliasTexts('---\nalias: Single\n---\n'), [['Single', 'Single']]);
    // Obsidian's comma-separated string form: each part is an alias of its own.
    assert.deepEqual(aliasTexts('---\naliases: One,  Two ,Three\n---\n'), [
      ['One', 'One'],
      ['Two', 'Two'],
      ['Three', 'Three'],
    ]);
  });

  it('point inside the quotes of quoted aliases', () => {
    assert.deepEqual(aliasTexts('---\naliases: ["Quoted, with comma", \'single\']\n---\n'), [
      ['Quoted, with comma', 'Quoted, with comma'],
      ['single', 'single'],
    ]);
    assert.deepEqual(aliasTexts('---\naliases:\n  - " Padded "\n  - \'x\'\n---\n'), [
      ['Padded', 'Padded'],
      ['x', 'x'],
    ]);
    assert.deepEqual(aliasTexts('---\naliases: "A, B"\n---\n'), [
      ['A', 'A'],
      ['B', 'B'],
    ]);
  });

  it('cover the whole scalar when escapes or folding leave no exact place', () => {
    assert.deepEqual(aliasTexts("---\naliases: ['it''s', \"tab\\there\", 1.50]\n---\n"), [
      ["it's", "'it''s'"],
      ['tab\there', '"tab\\there"'],
      ['1.5', '1.50'],
    ]);
    assert.deepEqual(aliasTexts('---\naliases: >\n  folded\n  alias\n---\n'), [['folded alias', '>\n  folded\n  alias']]);
  });

  it('fall back to the whole frontmatter when the alias is an anchor reference', () => {
    const text = '---\nnames: &n [Shared]\naliases: *n\n---\n';
    assert.deepEqual(aliasTexts(text), [['Shared', '---\nnames: &n [Shared]\naliases: *n\n---']]);
  });

  it('are found by the yaml package too (nested YAML elsewhere in the frontmatter)', () => {
    assert.deepEqual(aliasTexts('---\nmeta:\n  nested: 1\naliases: [A, "B c"]\nalias:\n  - D\n---\n'), [
      ['A', 'A'],
      ['B c', 'B c'],
      ['D', 'D'],
    ]);
  });

  it('are exact on CRLF text and after a byte order mark', () => {
    assert.deepEqual(aliasTexts('---\r\naliases:\r\n  - A\r\n  - B c\r\n---\r\ntext'), [
      ['A', 'A'],
      ['B c', 'B c'],
    ]);
    assert.deepEqual(aliasTexts('\uFEFF---\naliases: [A]\n---\n'), [['A', 'A']]);
  });

  it('are the same from the fast reader and from the yaml package', () => {
    // A flow mapping is outside the fast reader's subset: appending one sends the same aliases through yaml.
    const force = '\nzz_force_yaml: {a: 1}';
    const random = randomAliasBlocks(400);
    let compared = 0;
    for (const content of [...handWritten(), ...corpusFrontmatters(), ...random]) {
      const fast = readFrontmatter(content, 0, 0, content.length);
      const slow = readFrontmatter(content + force, 0, 0, content.length);
      if (!fast.data || !slow.data) continue;
      compared++;
      assert.deepEqual(fast.aliases, slow.aliases, JSON.stringify(content));
      assert.deepEqual(fast.aliasSpans, slow.aliasSpans, JSON.stringify(content));
    }
    assert.ok(compared > 300, `compared ${compared}`);
    // Without escapes every alias has an exact place.
    for (const content of random) {
      const { aliases, aliasSpans } = readFrontmatter(content, 0, 0, content.length);
      aliases.forEach((alias, i) => {
        const span = aliasSpans[i];
        assert.equal(span && content.slice(span[0], span[1]), alias, JSON.stringify(content));
      });
    }
  });
});

function handWritten(): string[] {
  return [
    'aliases: [A, B]',
    'aliases:\n  - A\n  -\n  - "B"\ntags: [x]',
    'Aliases: X, Y\nalias: [Z]',
    "aliases: ['a''b', \"c\\\"d\", 12, true, null, ' ']",
    'aliases: [ spaced , "q" ,]',
    'aliases:',
    'aliases: # none',
    'title: t\naliases: Only one  # comment',
  ];
}

/** The frontmatter text of the sample vault's notes and of the benchmark's notes. */
function corpusFrontmatters(): string[] {
  const notes = [...markdownFiles(join(root, 'sample-vault')).map((f) => readFileSync(f, 'utf8')), ...benchNotes(200)];
  const out: string[] = [];
  for (const note of notes) {
    const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(note);
    if (m) out.push(m[1]);
  }
  return out;
}

/** Alias keys in every form, with random names, padding and quoting. */
function randomAliasBlocks(count: number): string[] {
  const rng = new Rng(77);
  const names = ['Fusion', 'Late fusion', 'Über', 'a b c', 'x-y', 'CLIP', '2024', 'it', 'Q&A'];
  const name = () => rng.pick(names);
  const pad = () => rng.pick(['', '', ' ', '  ']);
  const item = () => {
    const n = name();
    return rng.pick([n, `"${pad()}${n}${pad()}"`, `'${n}'`]);
  };
  return Array.from({ length: count }, () => {
    const key = rng.pick(['aliases', 'alias', 'Aliases']);
    const lines = rng.chance(0.3) ? ['title: x'] : [];
    const form = rng.int(0, 2);
    if (form === 0) lines.push(`${key}: [${Array.from({ length: rng.int(0, 4) }, () => pad() + item() + pad()).join(',')}]`);
    else if (form === 1) lines.push(`${key}:`, ...Array.from({ length: rng.int(1, 4) }, () => `  - ${item()}${rng.chance(0.2) ? ' # c' : ''}`));
    else lines.push(`${key}: ${Array.from({ length: rng.int(1, 3) }, () => pad() + name() + pad()).join(',')}`);
    if (rng.chance(0.3)) lines.push('tags: [a, b]');
    return lines.join(rng.chance(0.1) ? '\r\n' : '\n');
  });
}
