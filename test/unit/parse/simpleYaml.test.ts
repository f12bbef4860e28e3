/**
 * parseSimpleYaml (the fast frontmatter reader) against the `yaml` package:
 * wherever it returns a value, yaml must parse the same text without errors
 * to a deepStrictEqual value. Hand-written cases pin which forms are read and
 * which fall back; the sample vault, the benchmark's notes and thousands of
 * random frontmatter-like documents look for disagreements.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { readFrontmatter } from '../../../src/core/parse/frontmatter';
import { parseSimpleYaml } from '../../../src/core/parse/simpleYaml';
import { Rng } from '../scan/randomMarkdown';
import { benchNotes, markdownFiles } from '../support/corpus';

const root = join(__dirname, '..', '..', '..');

/** yaml's reading, as readFrontmatter asks for it. */
function viaYaml(text: string): { errors: number; value: unknown } {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) return { errors: doc.errors.length, value: undefined };
  try {
    return { errors: 0, value: doc.toJS({ maxAliasCount: 100 }) };
  } catch {
    return { errors: 1, value: undefined };
  }
}

/**
 * Checks every document; returns how many the fast path read. Fails listing
 * (up to five) documents where it returned a value yaml disagrees with.
 */
function agree(texts: string[]): number {
  const failures: string[] = [];
  let read = 0;
  for (const text of texts) {
    const fast = parseSimpleYaml(text);
    if (fast === undefined) continue;
    read++;
    const slow = viaYaml(text);
    let problem = slow.errors ? `yaml reports ${slow.errors} error(s)` : '';
    if (!problem) {
      try {
        assert.deepStrictEqual(fast, slow.value);
      } catch {
        problem = `fast ${show(fast)} ≠ yaml ${show(slow.value)}`;
      }
    }
    if (problem) failures.push(`  ${JSON.stringify(text)}: ${problem}`);
    if (failures.length >= 5) break;
  }
  assert.ok(!failures.length, `parseSimpleYaml disagrees with yaml:\n${failures.join('\n')}`);
  return read;
}

/** JSON that shows NaN, ±Infinity and -0 (JSON.stringify hides them). */
function show(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? `<${Object.is(v, -0) ? '-0' : String(v)}>` : v,
  );
}

/** The text between a note's `---` fences, as the scanners hand it to readFrontmatter. */
function frontmatterOf(note: string): string | undefined {
  const match = /^---\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/.exec(note);
  return match ? (match[1] ?? '') : undefined;
}

// ---- hand-written cases --------------------------------------------------------

/** Forms the fast path must read (and agree on). */
const ACCEPTED = [
  '',
  '\n\n',
  '# only a comment',
  'aliases: [Foo, Bar baz]\ntags: [ml, multimodal]\ncreated: 2024-01-02',
  'aliases:\n  - A\n  - B\ntags:\n- x\n- y',
  'aliases:\n -  spaced  \n - b',
  'a:\n  -\n  - # null item with a comment\n  - x',
  'a:\n# comment before the items\n  - x\n\n# between\n  - y\nb: 1',
  'a: x\n  # an indented comment after a value',
  'a:',
  'a:   ',
  'a: # nothing but a comment',
  'a: #',
  'title: Hello world',
  'title: Hello world   ',
  'url: https://example.org/a?b=c#frag',
  'a: x#not-a-comment',
  'a: x # a comment',
  'a: a :b',
  'a: a[b] {c} d]',
  'a: a, b, c',
  'a: -x',
  'a: --x',
  'a: ---',
  'a: ...',
  'a: :x',
  'a: ?x',
  "a: x!&*|>%@`'\"",
  'a: [x, "y", \'z\']',
  'a: [ spaced out , b ]',
  'a: []',
  'a: [ ]',
  'a: [x, y,]',
  'a: [a#b, c#]',
  "a: [a'b, a\"b]",
  'a: [-a, -1, 1, true, null, ~, .inf, 0x1F]',
  'a: [x] # comment',
  "a: 'single'",
  "a: 'it''s'",
  "a: ''",
  "a: 'x' # comment",
  "a: ' # : ['",
  'a: "double"',
  'a: ""',
  'a: "esc \\" \\\\ \\/ \\n \\t \\r \\0 \\a \\b \\e \\f \\v \\N \\_ \\L \\P \\ "',
  'a: "\\x41\\u00e9\\U0001F600"',
  'a: "x" # comment',
  'a: "trailing  "',
  // Core schema: null, booleans, ints, floats, and their look-alikes that stay strings.
  'n1: null\nn2: Null\nn3: NULL\nn4: ~\nn5: nULL',
  'b1: true\nb2: True\nb3: TRUE\nb4: false\nb5: False\nb6: FALSE\nb7: tRue\nb8: yes\nb9: on',
  'i1: 0\ni2: -0\ni3: +12\ni4: 007\ni5: 0x1F\ni6: 0X1F\ni7: 0o17\ni8: 0o8\ni9: 1_000\ni10: 12345678901234567890',
  'f1: 1.5\nf2: .5\nf3: 1.\nf4: -.5\nf5: 1e3\nf6: 1E-3\nf7: .1e3\nf8: 1.e3\nf9: +1.50\nf10: 1e\nf11: e3',
  'x1: .inf\nx2: -.Inf\nx3: +.INF\nx4: .nan\nx5: .NaN\nx6: .NAN\nx7: -.nan\nx8: .Nan',
  'created: 2024-01-02\ntime: 12:30\nversion: 1.2.3',
  'key with spaces: 1\nkey-dash: 2\nkey.dot: 3\nkey/slash: 4\n_under: 5\nÜber: 6\n1a: 7',
  'toString: 1\nconstructor: 2\nhasOwnProperty: 3',
  'a: x\r\nb:\r\n  - y\r\n',
  'a: ünïcödé 😀 漢字',
  'a: x\u00a0',
];

/** Forms the fast path must leave to yaml. */
const REJECTED = [
  'plain scalar document',
  '- a sequence document',
  '"quoted key": 1',
  "'quoted key': 1",
  '? complex key\n: value',
  '1: numeric key',
  'true: boolean key',
  'null: null key',
  '~: null key',
  '1e3: float key',
  'a: 1\na: 2',
  'a:\n  - x\na: y',
  '__proto__: 1',
  'a : space before colon',
  '-a: leading dash key',
  '.a: leading dot key',
  'a#b: hash key',
  ' a: indented',
  'a: &anchor x',
  'a: *alias',
  'a: &x 1\nb: *x',
  'a: !tag x',
  'a: !!str 1',
  'a: |\n  literal',
  'a: >\n  folded',
  'a: multi\n  line',
  'a: multi\n\n  line',
  "a: 'multi\n  line'",
  'a: "multi\n  line"',
  'a: "continued \\\n  line"',
  'a: [multi,\n  line]',
  'a: {flow: map}',
  'a: [x, {y: z}]',
  'a: [x, [y]]',
  'a: [a: b]',
  'a: [a:b]',
  'a: [#a]',
  'a: [a, , b]',
  'a: [,]',
  'a: [x]#comment',
  "a: 'x'#comment",
  'a: "x"y',
  'a: ["a"b]',
  'a: [x] y',
  'a: b: c',
  'a: b:',
  'a:\n  nested: map',
  'a:\n  - x\n    - y',
  'a:\n  - x\n - y',
  'a:\n  - - nested',
  'a:\n  - [flow, item]',
  'a:\n  - k: v',
  'a: x\n- y',
  '- y\na: x',
  'a: - x',
  'a: @x',
  'a: `x`',
  'a: %x',
  '%YAML 1.2\n---\na: 1',
  '---\na: 1',
  'a: 1\n---\nb: 2',
  'a: 1\n...',
  'a:\tx',
  'a: x\t',
  'a:\n\t- x',
  '\ufeffa: 1',
  'a: x\ry',
  'a: "\\q"',
  'a: "\\x4"',
  'a: "\\u12"',
  'a: "\\U00110000"',
  'a: "unclosed',
  "a: 'unclosed",
  'a: x\u0085y',
  'a: x\u2028y',
  'a: \u0007',
  `${'k'.repeat(1100)}: long key`,
];

// ---- random frontmatter-like documents --------------------------------------------

const WORDS = ['ml', 'multimodal', 'Foo', 'Bar baz', 'lecture', 'note', 'Über', '漢字', '😀', 'a b', 'x'];
const NUMBERISH = ['1e3', '0x1F', '0o17', '.5', '+1', '-1', '1_000', '1.', '-0', '00', '1e', '.', '+', '-', '0x', '12:30', '2024-01-02', '1.2.3'];
const WORDISH = ['True', 'true', 'TRUE', 'tRUE', 'False', 'NULL', 'null', 'Null', 'nUll', '~', '.inf', '-.inf', '+.INF', '.NaN', '.nan', '.Nan', 'yes', 'no', 'on', 'y'];
const TRICKY = [':', ': ', '#', ' #', "'", "''", '"', '-', '- ', '[', ']', ',', ', ', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`', ' ', '  ', '?', '? ', '\\', '\\n', '\\"', '\\x41', '\\u00e9', '\\q', '\u00a0', '\u3000', 'é', '—', '/', '.', '...', '---', '\t', '\r', '\ufeff', '\u2028'];
const KEYS = ['aliases', 'tags', 'created', 'title', 'a', 'b', 'Key Two', 'k-1', 'k.x', '1', '1a', 'true', 'null', '~', '_', 'é', '__proto__', 'toString', 'a b', 'a  b', 'a:b', '-a', '.a', '? a', '"q"', "'q'", 'a#b', 'a #b', 'k ', ' k', 'k\u00a0', '\u3000k', 'x&', '[k]', 'k]', '{k}', '!k', '&k', '*k', '%k', '@k', 'k\t'];

function piece(rng: Rng): string {
  const r = rng.next();
  if (r < 0.3) return rng.pick(WORDS);
  if (r < 0.45) return rng.pick(NUMBERISH);
  if (r < 0.6) return rng.pick(WORDISH);
  return rng.pick(TRICKY);
}

/** Text from random pieces: often one piece (exercising the schema), sometimes a jumble. */
function jumble(rng: Rng): string {
  let text = '';
  for (let n = rng.chance(0.4) ? 1 : rng.int(1, 5); n > 0; n--) text += piece(rng);
  return text;
}

/** A scalar as it would be written: plain, single- or double-quoted, or (rarely) anything. */
function scalar(rng: Rng): string {
  const text = jumble(rng);
  const r = rng.next();
  if (r < 0.6) return text;
  if (r < 0.75) return `'${rng.chance(0.8) ? text.replace(/'/g, "''") : text}'`;
  if (r < 0.9) return `"${rng.chance(0.8) ? text.replace(/\\(?![nx"u])/g, '\\\\').replace(/(?<!\\)"/g, '\\"') : text}"`;
  return rng.pick(['', ' ', '[', '"', "'", '|', '>', '&a x', '*a', '!t x', '{a: b}']);
}

function flowSeq(rng: Rng): string {
  const items = Array.from({ length: rng.int(0, 4) }, () => scalar(rng));
  const sep = rng.pick([', ', ',', ' , ', ',  ']);
  const pad = rng.pick(['', ' ']);
  return `[${pad}${items.join(sep)}${rng.chance(0.1) ? ',' : ''}${pad}]`;
}

function comment(rng: Rng): string {
  return rng.pick(['', '', '', ' # c', '  #c: x', '#c', ' #']);
}

function randomDocument(rng: Rng): string {
  const lines: string[] = [];
  const keys = rng.chance(0.7) ? KEYS.slice(0, 12) : KEYS;
  for (let n = rng.int(0, 6); n > 0; n--) {
    const key = rng.chance(0.05) ? jumble(rng) : rng.pick(keys);
    const r = rng.next();
    if (r < 0.05) lines.push(rng.pick(['', '   ', '# comment', '  # indented comment', jumble(rng)]));
    else if (r < 0.45) lines.push(`${key}: ${scalar(rng)}${comment(rng)}`);
    else if (r < 0.65) lines.push(`${key}: ${flowSeq(rng)}${comment(rng)}`);
    else if (r < 0.75) lines.push(`${key}:${rng.pick(['', ' ', ' # c', '#c'])}`);
    else {
      // Items, mostly under an empty `key:`, sometimes where they cannot go.
      lines.push(rng.chance(0.9) ? `${key}:${comment(rng)}` : `${key}: ${scalar(rng)}`);
      const indent = rng.pick(['', ' ', '  ', '    ']);
      for (let m = rng.int(1, 4); m > 0; m--) {
        const r2 = rng.next();
        if (r2 < 0.05) lines.push(rng.pick(['', '# c', `${indent}  # c`]));
        else if (r2 < 0.1) lines.push(`${rng.pick(['', ' ', '  ', '\t'])}- ${scalar(rng)}`);
        else if (r2 < 0.15) lines.push(`${indent}  ${scalar(rng)}`);
        else if (r2 < 0.2) lines.push(`${indent}-${rng.pick(['', ' ', '  # c', '#c'])}`);
        else lines.push(`${indent}- ${rng.chance(0.1) ? flowSeq(rng) : scalar(rng)}${comment(rng)}`);
      }
    }
  }
  return lines.join(rng.chance(0.1) ? '\r\n' : '\n') + (rng.chance(0.2) ? '\n' : '');
}

/** Short strings of YAML's special characters: looks for holes in the grammar. */
function soup(rng: Rng): string {
  const alphabet = 'ab :#\'"-[],{}&*!|>%@`?\\\n\n  \t.~01eE+x_é';
  const prefix = rng.chance(0.7) ? rng.pick(['a: ', 'a:\n  - ', 'a: [', 'a: "', "a: '", 'a:\n- ']) : '';
  let text = prefix;
  for (let n = rng.int(1, 24); n > 0; n--) text += alphabet[rng.int(0, alphabet.length - 1)];
  return text;
}

describe('parseSimpleYaml agrees with yaml', function () {
  this.timeout(120_000);

  it('reads every accepted form exactly', () => {
    for (const text of ACCEPTED) {
      assert.notEqual(parseSimpleYaml(text), undefined, `should be read: ${JSON.stringify(text)}`);
    }
    agree(ACCEPTED);
  });

  it('falls back on every rejected form', () => {
    for (const text of REJECTED) {
      assert.equal(parseSimpleYaml(text), undefined, `should fall back: ${JSON.stringify(text)}`);
    }
  });

  it('on the frontmatter of every sample-vault note', () => {
    const texts = markdownFiles(join(root, 'sample-vault'))
      .map((path) => frontmatterOf(readFileSync(path, 'utf8')))
      .filter((t): t is string => t !== undefined);
    assert.ok(texts.length >= 3, `sample notes with frontmatter: ${texts.length}`);
    assert.equal(agree(texts), texts.length, 'every sample-vault frontmatter should take the fast path');
  });

  it('on the frontmatter of 500 bench notes, with the fallback rate', () => {
    const texts = benchNotes(500).map((note) => frontmatterOf(note) ?? '');
    const read = agree(texts);
    const rate = (texts.length - read) / texts.length;
    console.log(`      bench frontmatter: ${read}/${texts.length} read directly, fallback rate ${(rate * 100).toFixed(1)}%`);
    assert.ok(rate < 0.01, `fallback rate ${rate}`);
  });

  it('on thousands of random frontmatter-like documents', () => {
    const rng = new Rng(20240102);
    const documents = Array.from({ length: 8000 }, () => randomDocument(rng));
    const read = agree(documents);
    console.log(`      random documents: ${read}/${documents.length} read directly`);
    // The generator must exercise the fast path, not only its fallbacks.
    assert.ok(read > documents.length * 0.2, `only ${read} read directly`);
  });

  it('on random soups of special characters', () => {
    const rng = new Rng(7);
    const documents = Array.from({ length: 20000 }, () => soup(rng));
    const read = agree(documents);
    console.log(`      soups: ${read}/${documents.length} read directly`);
  });

  it('readFrontmatter gives the same result through either path', () => {
    const content = 'aliases: [Foo, Bar baz]\ntags: [ml, "#multimodal"]\ncreated: 2024-01-02';
    assert.notEqual(parseSimpleYaml(content), undefined);
    const parts = readFrontmatter(content, 4, 0, content.length + 8);
    assert.deepStrictEqual(parts, {
      data: { aliases: ['Foo', 'Bar baz'], tags: ['ml', '#multimodal'], created: '2024-01-02' },
      aliases: ['Foo', 'Bar baz'],
      aliasSpans: [
        [14, 17],
        [19, 26],
      ],
      tags: ['ml', 'multimodal'],
      problems: [],
    });
    // Errors still come from yaml.
    assert.equal(readFrontmatter('a: 1\na: 2', 4, 0, 20).problems[0]?.code, 'frontmatter-yaml');
  });
});
