/**
 * scanNote (the fast scanner) against parseNote (micromark, the reference):
 * on every fixture of parse.test.ts, the sample note and vault, the notes of
 * the benchmark's generator and thousands of random documents, the two must
 * build the same NoteModel, range for range (links with every part,
 * headings, block ids, highlights, tags, callouts, literal ranges, blocks
 * with their nesting). A failure prints each differing element of both
 * sides with the source line it is on, and the document to reproduce it.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { splitIntoChunks } from '../../../src/core/parse/chunks';
import { parseNote } from '../../../src/core/parse/parseNote';
import { scanNote } from '../../../src/core/scan/scanNote';
import { benchNotes, markdownFiles } from '../support/corpus';
import { compareModels } from './compareModels';
import { fixtureStrings } from './fixtureStrings';
import { MarkdownGenerator, Rng } from './randomMarkdown';

const root = join(__dirname, '..', '..', '..');

/** Asserts agreement on each document; on failure, reports every disagreeing one (up to a few). */
function agree(documents: { name: string; text: string }[]): void {
  const failures: string[] = [];
  for (const { name, text } of documents) {
    const differences = compareModels(text, scanNote(text), parseNote(text));
    if (!differences.length) continue;
    const shown = text.length > 600 ? `${JSON.stringify(text.slice(0, 600))}… (${text.length} characters)` : JSON.stringify(text);
    failures.push(`  ${name}: ${shown}\n    ${differences.join('\n    ')}`);
    if (failures.length >= 5) break;
  }
  assert.ok(!failures.length, `scanNote and parseNote disagree on ${failures.length} document(s):\n${failures.join('\n\n')}`);
}

/** Short documents drawn from an alphabet of Markdown's special characters and fragments. */
function soup(rng: Rng): string {
  const alphabets = ['[]!=#^|\\`$<>-*_ \t\n\r>1.:aZ%', '[]!=#^ \n>-*_`~$ab', 'aa bb [( ) ] < > " \' \n : / @ . w h t p s x'];
  const fragments = ['[[', ']]', '![[', '](', '==', '**', '~~', '``', '$$', '<!--', '-->', '%%', '\n- ', '\n\t- ', '\n> ', '\n1. ', '\n```\n', '\n\n', '#tag', ' ^id', 'www.x.org', 'https://a.b/c', 'a@b.co', '\\', '|', '\n| a | b |\n| - | - |\n', '[^1]', '\n[^1]: x\n', '[ref]', '\n[ref]: /u\n', '<span a="b">', '&amp;', '    ', '\n===\n', '\n---\n'];
  const alphabet = rng.pick(alphabets);
  let text = '';
  for (let n = rng.int(1, 200); n > 0; n--) text += rng.chance(0.2) ? rng.pick(fragments) : alphabet[rng.int(0, alphabet.length - 1)];
  return text;
}

describe('scanNote agrees with parseNote', function () {
  this.timeout(600_000);

  it('on every fixture of parse.test.ts and of the comment and alias tests', () => {
    const strings = [
      ...fixtureStrings(join(root, 'test', 'unit', 'parse.test.ts')),
      ...fixtureStrings(join(root, 'test', 'unit', 'parse', 'obsidianComments.test.ts')),
      ...fixtureStrings(join(root, 'test', 'unit', 'parse', 'frontmatterAliases.test.ts')),
    ];
    assert.ok(strings.length > 150, `fixtures found: ${strings.length}`);
    const documents = strings.flatMap((text, i) => [
      { name: `fixture ${i}`, text },
      // The wiki link table is written `Before ${source} after`.
      { name: `fixture ${i} in a sentence`, text: `Before ${text} after` },
    ]);
    agree(documents);
  });

  it('with a length limit, as ParseOptions.maxLength', () => {
    const text = readFileSync(join(root, 'test', 'fixtures', 'sample-note.md'), 'utf8');
    for (const maxLength of [1, 40, 1000, 4321]) {
      const differences = compareModels(text, scanNote(text, { maxLength }), parseNote(text, { maxLength }));
      assert.deepEqual(differences, [], `maxLength ${maxLength}`);
    }
  });

  it('on the sample note and every note of the sample vault', () => {
    const files = [join(root, 'test', 'fixtures', 'sample-note.md'), ...markdownFiles(join(root, 'sample-vault'))];
    agree(files.map((file) => ({ name: file.slice(root.length + 1), text: readFileSync(file, 'utf8') })));
  });

  it("on 200 notes of the benchmark's generator", () => {
    agree(benchNotes(200).map((text, i) => ({ name: `bench note ${i}`, text })));
  });

  const randomCount = 2000;
  it(`on ${randomCount} random documents mixing every construct`, () => {
    const documents = Array.from({ length: randomCount }, (_, i) => ({
      name: `random document ${i} (new MarkdownGenerator(new Rng(${i})).document())`,
      text: new MarkdownGenerator(new Rng(i)).document(),
    }));
    agree(documents);
  });

  const soupCount = 3000;
  it(`on ${soupCount} random strings of Markdown punctuation`, () => {
    const rng = new Rng(2024);
    agree(Array.from({ length: soupCount }, (_, i) => ({ name: `soup ${i}`, text: soup(rng) })));
  });

  it('on long random documents, piece by piece', () => {
    // parseNote reads a note over 8 KB in pieces (chunks.ts), which differs from reading it whole
    // when something crosses a piece boundary: a definition, a footnote, a fence opened inside an
    // HTML block (the splitter cannot see that). So each piece is compared on its own here.
    const documents: { name: string; text: string }[] = [];
    for (let i = 0; i < 20; i++) {
      const generator = new MarkdownGenerator(new Rng(90_000 + i));
      let text = '';
      while (text.length < 20_000) text += generator.document().replace(/^\uFEFF/, '') + '\n\n';
      const pieces = splitIntoChunks(text);
      for (const [start, end] of pieces) documents.push({ name: `long random document ${i}, characters ${start}–${end}`, text: text.slice(start, end) });
    }
    assert.ok(documents.length > 40, `${documents.length} pieces`);
    agree(documents);
  });
});

describe('scanNote on hostile input', function () {
  this.timeout(120_000);

  it('stays linear and never fails', () => {
    const n = 400_000;
    const samples: [string, string][] = [
      ['[[', '[['.repeat(n / 2)],
      ['nested quotes', '>'.repeat(20_000) + ' deep'],
      ['nested lists', '- '.repeat(20_000) + 'deep list'],
      ['unmatched ==', '==a '.repeat(n / 8) + 'b== '.repeat(n / 8)],
      ['nested emphasis', '*a '.repeat(n / 6) + 'b* '.repeat(n / 6)],
      ['long runs', '*'.repeat(n / 2) + 'a' + '*'.repeat(n / 2)],
      ['backticks', '` `` ``` '.repeat(n / 10)],
      ['comments', '<!-- '.repeat(n / 5)],
      ['brackets', '['.repeat(n / 2) + ']'.repeat(n / 2)],
      ['links in links', '[a [b](c) '.repeat(n / 10)],
      ['unclosed titles', '[a](b ('.repeat(n / 7)],
      ['brackets after a footnote', '[^1]: x\n\n' + '*]'.repeat(n / 2)],
      ['one long paragraph', 'word [[Link]] ==hl== #tag\n'.repeat(n / 25)],
      ['%% comments', 'a %%b [[L]]%% '.repeat(n / 14)],
      ['%% in code', '`%%` '.repeat(n / 5)],
      ['escaped %%', '\\%%'.repeat(n / 3)],
    ];
    for (const [name, text] of samples) {
      const started = performance.now();
      const model = scanNote(text);
      const ms = performance.now() - started;
      assert.deepEqual(model.problems, [], name);
      // Generous: a loaded CI box; quadratic behaviour would take minutes here.
      assert.ok(ms < 10_000, `${name}: ${ms.toFixed(0)} ms for ${(text.length / 1e3).toFixed(0)} KB`);
    }
  });

  it('reads a 10 MB note', () => {
    const note = benchNotes(60).join('\n\n');
    const text = note.repeat(Math.ceil(10e6 / note.length));
    const started = performance.now();
    const model = scanNote(text);
    const ms = performance.now() - started;
    assert.ok(model.links.length > 10_000, `${model.links.length} links`);
    assert.deepEqual(model.problems, []);
    console.log(`      (${(text.length / 1e6).toFixed(1)} MB in one note: ${ms.toFixed(0)} ms)`);
  });
});

describe('scanNote speed (printed, not asserted)', function () {
  this.timeout(300_000);

  // Under tsx every cross-module call goes through a getter; an esbuild bundle (what the
  // extension ships) is measured in a child process instead.
  it('on the notes of the benchmark vault, bundled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmnotes-scan-speed-'));
    try {
      const out = join(dir, 'speed.cjs');
      await build({
        stdin: { contents: SPEED_PROBE, resolveDir: join(root, 'test', 'unit', 'scan'), sourcefile: 'speedProbe.ts', loader: 'ts' },
        bundle: true,
        platform: 'node',
        format: 'cjs',
        outfile: out,
        logLevel: 'warning',
      });
      const result = JSON.parse(execFileSync(process.execPath, [out], { encoding: 'utf8' })) as Record<string, number>;
      console.log(
        `      scanNote ${result.scanRate.toFixed(1)} MB/s on ${result.notes} notes (${result.mb.toFixed(1)} MB), ` +
          `${result.bigRate.toFixed(1)} MB/s on them as one ${result.mb.toFixed(1)} MB text; ` +
          `parseNote ${result.parseRate.toFixed(2)} MB/s: ${(result.scanRate / result.parseRate).toFixed(0)}×`,
      );
      assert.ok(result.scanRate > 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Run as a bundle: prints MB/s of scanNote and parseNote on the benchmark's notes. */
const SPEED_PROBE = `
import { renderNote } from '../../../bench/noteText';
import { Prng } from '../../../bench/prng';
import { planVault } from '../../../bench/vaultPlan';
import { parseNote } from '../../../src/core/parse/parseNote';
import { scanNote } from '../../../src/core/scan/scanNote';
const rng = new Prng(42 ^ 10000);
const plans = planVault(10000, rng);
const ctx = { plans, imageCount: 1000, rng };
const notes = Array.from({ length: 1000 }, (_, i) => renderNote(i, ctx).text);
const bytes = notes.reduce((sum, n) => sum + n.length, 0);
const time = (f: () => void, rounds: number): number => {
  const t = performance.now();
  for (let r = 0; r < rounds; r++) f();
  return (performance.now() - t) / rounds;
};
time(() => notes.forEach((n) => scanNote(n)), 5);
const scanMs = time(() => notes.forEach((n) => scanNote(n)), 5);
const big = notes.join('\\n\\n');
time(() => scanNote(big), 2);
const bigMs = time(() => scanNote(big), 3);
const sample = notes.slice(0, 100);
const sampleBytes = sample.reduce((sum, n) => sum + n.length, 0);
const parseMs = time(() => sample.forEach((n) => parseNote(n)), 1);
console.log(JSON.stringify({ notes: notes.length, mb: bytes / 1e6, scanRate: bytes / 1e3 / scanMs, bigRate: big.length / 1e3 / bigMs, parseRate: sampleBytes / 1e3 / parseMs }));
`;
