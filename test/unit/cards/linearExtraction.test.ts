/**
 * Card and concept extraction were rewritten to cost O(n log n) in a note's
 * size (binary search over sorted spans, heading paths and sentence
 * boundaries computed once per note, render work bounded by its slice).
 * The output must not change: these tests run the rewrite against a copy
 * of the code before it (./reference, ../graph/reference) on the sample
 * vault, bench notes, random documents and a few large notes, under
 * several rule sets, and check the index structures against brute force.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { renderNote } from '../../../bench/noteText';
import { Prng } from '../../../bench/prng';
import { planVault } from '../../../bench/vaultPlan';
import { base36 } from '../../../src/core/cards/cardIdentity';
import { DEFAULT_CARD_RULES, type CardRules } from '../../../src/core/cards/cardRules';
import { extractCards } from '../../../src/core/cards/extractCards';
import { NoteOutline } from '../../../src/core/cards/noteOutline';
import { PlainRenderer } from '../../../src/core/cards/plainText';
import { countWords, sentenceBoundaries, sentenceIn } from '../../../src/core/cards/sentences';
import { EditSet, SpanIndex } from '../../../src/core/cards/spans';
import { buildTaxonomy } from '../../../src/core/concepts/buildTaxonomy';
import { cardTermExtractor, type DefinedTerm, type TermExtractor } from '../../../src/core/concepts/definedTerms';
import { extractConcepts } from '../../../src/core/concepts/extractConcepts';
import { loadTaxonomy } from '../../../src/core/concepts/loadTaxonomy';
import { scanMentions } from '../../../src/core/concepts/mentionScan';
import type { NoteModel } from '../../../src/core/parse/noteModel';
import { parseNote } from '../../../src/core/parse/parseNote';
import { scanNote } from '../../../src/core/scan/scanNote';
import { extractConcepts as referenceConcepts } from '../graph/reference/extractConcepts';
import { scanMentions as referenceMentions } from '../graph/reference/mentionScan';
import { CardMarkdown, Rng } from './cardMarkdown';
import { extractCards as referenceCards } from './reference/extractCards';
import { NoteOutline as ReferenceOutline } from './reference/noteOutline';
import { PlainRenderer as ReferenceRenderer } from './reference/plainText';
import { sentenceAround as referenceSentence } from './reference/sentences';

const ROOT = path.join(__dirname, '../../..');

const RULES: [string, CardRules][] = [
  ['default', DEFAULT_CARD_RULES],
  ['reverse, no markers', { ...DEFAULT_CARD_RULES, reverse: true, lineMarkers: false }],
  ['definitions only', { ...DEFAULT_CARD_RULES, cloze: false, noteSwitch: false, lineMarkers: false }],
  ['tight limits', { ...DEFAULT_CARD_RULES, maxTermChars: 12, maxClozeWords: 3, minClozeContextWords: 6, maxFieldChars: 60, definitionNext: false }],
];

interface Note {
  name: string;
  text: string;
  model: NoteModel;
}

function samples(): Note[] {
  const files = [
    ...readdirSync(path.join(ROOT, 'sample-vault'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => path.join(ROOT, 'sample-vault', f)),
    path.join(ROOT, 'test/fixtures/sample-note.md'),
  ];
  return files.map((f) => {
    const text = readFileSync(f, 'utf8');
    return { name: path.basename(f), text, model: parseNote(text) };
  });
}

function benchNotes(count: number): string[] {
  const rng = new Prng(11);
  const ctx = { plans: planVault(Math.max(count, 60), rng), imageCount: 20, rng };
  return Array.from({ length: count }, (_, i) => renderNote(i, ctx).text);
}

/** Random documents, read by the server's scanner (micromark's parseNote is ten times slower). */
function randomNotes(count: number, seed: number): Note[] {
  const rng = new Rng(seed);
  const gen = new CardMarkdown(rng);
  return Array.from({ length: count }, (_, i) => {
    const text = gen.document();
    return { name: `random ${seed}/${i}`, text, model: scanNote(text) };
  });
}

function sameCards(note: Note, rules: CardRules, label: string): void {
  const actual = extractCards(`${note.name}.md`, note.text, note.model, rules);
  const expected = referenceCards(`${note.name}.md`, note.text, note.model, rules);
  assert.deepEqual(actual, expected, `${note.name} (${label})`);
}

describe('linear-time card extraction: same cards as before', function () {
  this.timeout(120_000);

  it('on the sample vault and the fixture note, under every rule set', () => {
    for (const note of samples()) for (const [label, rules] of RULES) sameCards(note, rules, label);
  });

  it('on random card-shaped documents', () => {
    for (const note of randomNotes(300, 1)) for (const [label, rules] of RULES) sameCards(note, rules, label);
  });

  it('on bench notes', () => {
    benchNotes(150).forEach((text, i) => {
      const note = { name: `bench ${i}`, text, model: scanNote(text) };
      for (const [label, rules] of RULES.slice(0, 2)) sameCards(note, rules, label);
    });
  });

  it('on large notes: many bench notes in one, and as one long paragraph', () => {
    const joined = benchNotes(40).join('\n\n');
    // Blank lines gone, headings and list markers kept: one paragraph or list item holds thousands of lines.
    const dense = joined.replace(/\n{2,}/g, '\n');
    const random = randomNotes(120, 7)
      .map((n) => n.text)
      .join('\n');
    const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join('\n');
    for (const [name, text] of [
      ['joined', joined],
      ['dense', dense],
      ['random', random],
      // One sentence over hundreds of lines (lines in lower case do not end it), a highlight on each.
      ['log', lines(400, (i) => `check ${i} ==value== and *fusion* ok %% card %%`)],
      ['log, upper case', lines(400, (i) => `Check ${i} ==value== and [[fusion]] ok.`)],
      ['terms', lines(600, (i) => `${'\t'.repeat(i % 3)}- ==Term ${i % 50}==: meaning of [[N${i}]] here.`)],
      ['long body', `==Big:==\n${lines(600, (i) => `word ${i} **bold** [[L${i}]] and ==more== e.g. this`)}`],
    ]) {
      const note = { name, text, model: scanNote(text) };
      sameCards(note, DEFAULT_CARD_RULES, 'default');
    }
  });
});

describe('linear-time card extraction: the renderer and sentences agree with the old ones', () => {
  it('renders random slices (with marks, quoted or not) as before', () => {
    const rng = new Rng(3);
    for (const note of randomNotes(150, 2)) {
      const lines = new NoteOutline(note.text, note.model).lines;
      const actual = new PlainRenderer(note.text, lines, note.model);
      const expected = new ReferenceRenderer(note.text, new ReferenceOutline(note.text, note.model).lines, note.model);
      for (let k = 0; k < 30; k++) {
        const a = rng.int(0, note.text.length);
        const b = rng.int(a, Math.min(note.text.length, a + rng.pick([5, 40, 400, 5000])));
        const quoted = rng.chance(0.3);
        // The same slice again with other marks (a sentence with several highlights), now and then one
        // off the slice (not something extraction does, but the old mapping must still hold).
        for (let again = rng.pick([1, 1, 2, 4]); again > 0; again--) {
          const mark = () => (rng.chance(0.05) ? rng.int(a - 3, b + 3) : rng.int(a, b));
          const marks = rng.chance(0.7) ? [mark(), mark()].sort((x, y) => x - y) : undefined;
          const options = { ...(marks ? { marks } : {}), quoted };
          assert.deepEqual(actual.render(a, b, options), expected.render(a, b, options), `${note.name} [${a}, ${b}) ${JSON.stringify(options)}`);
        }
      }
    }
  });

  it('finds the same sentence around every offset of a unit', () => {
    const rng = new Rng(5);
    const gen = new CardMarkdown(rng);
    for (let n = 0; n < 200; n++) {
      const text = Array.from({ length: rng.int(1, 6) }, () => gen.sentence()).join(rng.pick([' ', '\n', '  ', ' \n']));
      const unit = { s: rng.int(0, 3), e: text.length - rng.int(0, 3) };
      if (unit.e <= unit.s) continue;
      const boundaries = sentenceBoundaries(text, unit);
      for (let k = 0; k < 20; k++) {
        const s = rng.int(unit.s, unit.e);
        const target = { s, e: rng.int(s, Math.min(unit.e, s + 30)) };
        assert.deepEqual(sentenceIn(boundaries, unit, target), referenceSentence(text, unit, target), JSON.stringify({ text, unit, target }));
      }
    }
  });

  it('counts words as splitting on whitespace did', () => {
    const old = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
    for (const text of ['', ' ', 'a', ' a  b ', '— - [', 'x—y', 'über 𝑥 𝟙 \u00a0 a\u2003b', '\ud835 lone', '1.5 e.g. (a)', 'a\tb\nc\r\nd\u000be\ffe']) {
      assert.equal(countWords(text), old(text), JSON.stringify(text));
    }
    const rng = new Rng(9);
    const gen = new CardMarkdown(rng);
    for (let n = 0; n < 300; n++) {
      const text = gen.sentence();
      assert.equal(countWords(text), old(text), text);
      // In pieces (as if joined) and with a limit: the count up to the limit.
      let cut = rng.int(0, text.length);
      if (/[\uD800-\uDBFF]/.test(text[cut - 1] ?? '')) cut++; // pieces never split a surrogate pair
      const limit = rng.int(0, 8);
      assert.equal(countWords([text.slice(0, cut), text.slice(cut)], limit), Math.min(old(text), limit), `${text} | ${cut} | ${limit}`);
    }
  });
});

describe('linear-time card extraction: index structures against brute force', () => {
  it('writes card ids in base 36 as toString(36) did', () => {
    const rng = new Rng(29);
    const values = [0, 1, 35, 36, 37, 36 ** 2, 36 ** 10 - 1, 36 ** 10, 2 ** 32, 2 ** 53 - 1, 2 ** 53 - 36, 2 ** 52 + 35];
    for (let n = 0; n < 5000; n++) values.push(4294967296 * Math.floor(rng.next() * 2097152) + Math.floor(rng.next() * 4294967296));
    for (const v of values) assert.equal(base36(v), v.toString(36), String(v));
  });

  it('SpanIndex finds exactly the spans touching a window, in list order', () => {
    const rng = new Rng(13);
    for (let n = 0; n < 200; n++) {
      const spans = Array.from({ length: rng.int(0, 40) }, () => {
        const s = rng.int(0, 200);
        const e = rng.chance(0.05) ? s - rng.int(0, 5) : s + rng.int(0, rng.chance(0.1) ? 150 : 8);
        return { s, e };
      });
      const index = new SpanIndex(
        spans.map((x) => x.s),
        spans.map((x) => x.e),
      );
      for (let k = 0; k < 20; k++) {
        const start = rng.int(-5, 210);
        const end = rng.int(start, start + 40);
        const expected = spans.map((x, i) => [x, i] as const).filter(([x]) => Math.min(x.s, x.e) <= end && Math.max(x.s, x.e) >= start).map(([, i]) => i);
        assert.deepEqual(index.touching(start, end), expected);
      }
    }
  });

  it('EditSet keeps and drops edits as the newest-first scan did', () => {
    const rng = new Rng(17);
    for (let n = 0; n < 300; n++) {
      const set = new EditSet();
      const naive: { s: number; e: number; rep: string }[] = [];
      const count = rng.int(0, rng.chance(0.2) ? 600 : 40);
      for (let k = 0; k < count; k++) {
        const s = rng.int(0, 300);
        const e = s + (rng.chance(0.15) ? 0 : rng.int(1, rng.chance(0.1) ? 80 : 6));
        const rep = `${k}`;
        let kept = true;
        for (let i = naive.length - 1; i >= 0; i--) {
          const o = naive[i];
          if (o.s >= s && o.e <= e) naive.splice(i, 1);
          else if (o.s < e && s < o.e) {
            kept = false;
            break;
          }
        }
        if (kept) naive.push({ s, e, rep });
        assert.equal(set.add(s, e, rep), kept);
      }
      const expected = [...naive].sort((a, b) => a.s - b.s || a.e - b.e);
      assert.deepEqual(
        set.sorted().map((x) => [x.s, x.e, x.rep]),
        expected.map((x) => [x.s, x.e, x.rep]),
      );
    }
  });
});

describe('linear-time concept extraction: same concepts as before', function () {
  this.timeout(60_000);
  const { taxonomy } = buildTaxonomy();
  const referenceTerms: TermExtractor = (p, text, model) => {
    const out: DefinedTerm[] = [];
    const rules = { ...DEFAULT_CARD_RULES, cloze: false, reverse: false, noteSwitch: false, folderRules: false, lineMarkers: false };
    for (const card of referenceCards(p, text, model, rules)) {
      if (card.kind !== 'definition' || card.reversed || !card.term) continue;
      out.push({ term: card.term, aliases: card.aliases ?? [], definition: card.back, parentTerm: card.parentTerm, line: card.source.line - 1 });
    }
    return out;
  };

  it('on the sample vault, random documents, bench notes and a large note', () => {
    const notes = [
      ...samples(),
      ...randomNotes(150, 21),
      ...benchNotes(60).map((text, i) => ({ name: `bench ${i}`, text, model: scanNote(text) })),
    ];
    const big = benchNotes(30).join('\n\n');
    notes.push({ name: 'Big', text: big, model: scanNote(big) });
    for (const note of notes) {
      const p = `${note.name}.md`;
      assert.deepEqual(extractConcepts(p, note.text, note.model, taxonomy, cardTermExtractor), referenceConcepts(p, note.text, note.model, taxonomy, referenceTerms), note.name);
    }
  });
});

describe('linear-time concept extraction: mentions', () => {
  it('finds the same mentions as before, whatever the words look like', () => {
    // Names that test the first-letters filter: `isation` stems to `ization`, one-letter and non-ASCII names, hyphens.
    const { taxonomy } = loadTaxonomy(`concepts:
  - name: Ization
  - name: Isation theory
  - name: X
  - name: Über model
  - name: Kelvin scale
  - name: Σigma
  - name: Co-learning rate
`);
    const vocabulary = ['isation', 'Isation', 'ISATIONS', 'ization', 'izations', 'theory', 'x', 'X', 'xs', 'über', 'ÜBER', 'models', 'kelvin', '\u212aelvin', 'scales', 'σigma', 'Σigmas', 'co', 'learning', 'colearning', 'rate', 'fusion', 'Fusions', 'representation', 'element', 'representations', 'cross', 'modal', 'the', 'a'];
    const joiners = [' ', ' ', '  ', '-', '\n', ' *', '_ ', ', ', '. ', '\n\n', ' = ', '>'];
    const rng = new Rng(23);
    const skipAt = new Set<number>();
    for (let n = 0; n < 300; n++) {
      let text = '';
      for (let k = rng.int(1, 60); k > 0; k--) text += rng.pick(vocabulary) + rng.pick(joiners);
      skipAt.clear();
      for (let k = 0; k < 5; k++) skipAt.add(rng.int(0, text.length));
      const skip = (offset: number) => skipAt.has(offset);
      for (const t of [taxonomy, buildTaxonomy().taxonomy]) assert.deepEqual(scanMentions(text, t, skip), referenceMentions(text, t, skip), text);
    }
    for (const text of benchNotes(20)) assert.deepEqual(scanMentions(text, taxonomy, () => false), referenceMentions(text, taxonomy, () => false));
    // More distinct words than the scan remembers: it forgets and goes on.
    // (Their first letters are those of names, so the first-letters filter lets them through.)
    const many = Array.from({ length: 60_000 }, (_, i) => (i % 7 ? `${rng.pick(['co', 'mu', 'is', 'iz', 'el', 'cr'])}${i.toString(36)}` : rng.pick(vocabulary))).join(' ');
    assert.deepEqual(scanMentions(many, taxonomy, () => false), referenceMentions(many, taxonomy, () => false));
  });
});
