import * as assert from 'node:assert/strict';
import { parseNote } from '../../../src/core/parse/parseNote';
import type { Card } from '../../../src/core/cards/card';
import { reconcile, snapshotOf } from '../../../src/core/cards/cardIdentity';
import { ReviewLog } from '../../../src/core/cards/reviewLog';
import { reviewsByCard } from '../../../src/core/cards/scheduler';
import { vaultCards } from '../../../src/core/cards/vaultCards';
import { cardsOf, MemoryFiles } from './helpers';
import { referenceReconcile } from './reference/reconcile';

const NOTE = `# Lecture

Intro text.

- ==Representation==
  - Definition: Learning representations.
  - Sub-challenges
    - ==Fusion==: Joining modalities into one.
- The encoder maps ==tokens== to vectors here.
`;

/** Ids by term, to compare across edits. */
function ids(cards: Card[]): Record<string, string> {
  return Object.fromEntries(cards.map((c) => [c.term!, c.id]));
}

describe('cards: stable identity across edits', () => {
  const before = ids(cardsOf(NOTE, 'notes/lecture.md'));

  it('has one id per card', () => {
    assert.deepEqual(Object.keys(before), ['Representation', 'Fusion', 'tokens']);
    assert.equal(new Set(Object.values(before)).size, 3);
  });

  it('keeps ids when lines are inserted above', () => {
    assert.deepEqual(ids(cardsOf(`New first line.\n\n## Added heading\n\nMore text.\n${NOTE}`, 'notes/lecture.md')), before);
  });

  it('keeps ids when the definition is edited', () => {
    const edited = NOTE.replace('Joining modalities into one.', 'Combining two or more modalities into a single representation.').replace('Learning representations.', 'Learning good representations.');
    assert.deepEqual(ids(cardsOf(edited, 'notes/lecture.md')), before);
  });

  it('keeps ids when the heading is renamed (the front changes, the id does not)', () => {
    const cards = cardsOf(NOTE.replace('# Lecture', '# Lecture 3: Multimodal'), 'notes/lecture.md');
    assert.deepEqual(ids(cards), before);
    assert.equal(cards[1].front, 'Lecture 3: Multimodal › Representation › Sub-challenges › Fusion');
  });

  it('keeps ids when the note is moved or renamed', () => {
    assert.deepEqual(ids(cardsOf(NOTE, 'archive/2024/lecture.md')), before);
    assert.deepEqual(ids(cardsOf(NOTE, 'Renamed lecture.md')), before);
  });

  it('re-matches a changed term to its old card when unambiguous', () => {
    const old = cardsOf(NOTE, 'notes/lecture.md');
    const changed = cardsOf(NOTE.replace('==Fusion==', '==Early Fusion==').replace('==tokens==', '==words=='), 'notes/lecture.md');
    assert.notEqual(ids(changed)['Early Fusion'], before.Fusion);
    const result = reconcile(old.map(snapshotOf), changed);
    assert.deepEqual(result.relinks, [
      { from: before.Fusion, to: ids(changed)['Early Fusion'], reason: 'same-body' },
      { from: before.tokens, to: ids(changed).words, reason: 'same-body' },
    ]);
    assert.deepEqual(result.orphans, []);
  });

  it('re-matches a typo fix in a term even when the definition changed too', () => {
    const old = cardsOf('==Fision==: Splitting.\n');
    const fixed = cardsOf('==Fission==: Splitting into parts.\n');
    assert.deepEqual(reconcile(old.map(snapshotOf), fixed).relinks.map((r) => r.reason), ['similar-term']);
  });

  it('keeps ambiguous and deleted history as reported orphans, never guessing', () => {
    const old = cardsOf('==A==: Same body.\n');
    const twoCandidates = cardsOf('==B==: Same body.\n\n==C==: Same body.\n');
    const r = reconcile(old.map(snapshotOf), twoCandidates);
    assert.deepEqual(r.relinks, []);
    assert.deepEqual(r.orphans.map((o) => o.term), ['A']);
    assert.deepEqual(reconcile(old.map(snapshotOf), []).orphans.map((o) => o.term), ['A']);
  });

  it('tells apart the same term twice in a note and in two notes', () => {
    const twice = cardsOf('- ==Attention==: one.\n- ==Attention==: two.\n');
    assert.notEqual(twice[0].id, twice[1].id);
    const notes = (a: string, b: string) =>
      vaultCards([
        { path: a, text: '==Attention==: in A.\n', model: parseNote('==Attention==: in A.\n') },
        { path: b, text: '==Attention==: in B.\n', model: parseNote('==Attention==: in B.\n') },
      ]);
    const v = notes('x/A.md', 'y/B.md');
    assert.notEqual(v[0].id, v[1].id);
    const moved = notes('z/deep/A.md', 'B.md');
    assert.deepEqual(moved.map((c) => c.id), v.map((c) => c.id), 'moving notes between folders keeps ids');
  });

  it('carries review history to the renamed card through the log', async () => {
    const files = new MemoryFiles();
    let n = 0;
    const log = await ReviewLog.open(files, { newId: () => `e${++n}` });
    const old = cardsOf(NOTE, 'notes/lecture.md');
    const fusion = old.find((c) => c.term === 'Fusion')!;
    await log.rate(fusion, 3, new Date('2024-06-01T10:00:00Z'));
    await log.rate(fusion, 4, new Date('2024-06-02T10:00:00Z'));

    // The note is moved and the term renamed; after a restart only the log remembers the old card.
    const reopened = await ReviewLog.open(files, { newId: () => `e${++n}` });
    const changed = cardsOf(NOTE.replace('==Fusion==', '==Late Fusion=='), 'moved/lecture.md');
    const { relinks } = reconcile(reopened.knownCards(), changed);
    assert.equal(relinks.length, 1);
    for (const r of relinks) await reopened.relink(r, new Date('2024-06-03T10:00:00Z'));
    const history = reviewsByCard(reopened.events());
    const late = changed.find((c) => c.term === 'Late Fusion')!;
    assert.deepEqual(history.get(late.id)?.map((e) => e.rating), [3, 4]);
    assert.deepEqual(reconcile(reopened.knownCards(), changed).relinks, [], 'a relink is recorded once');
  });
});

describe('cards: reconcile at vault scale', () => {
  /** A deterministic generator (mulberry32). */
  function rng(seed: number): () => number {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const TERMS = ['Fusion', 'fusion.', 'Fusions', 'Alignment', 'Alignmnet', '“Alignment”', 'Co-learning', 'Translation', ''];
  const BODIES = ['joining modalities', 'Joining  modalities!', 'matching parts', 'a new body'];
  const PATHS = ['a/Lecture.md', 'b/lecture.md', 'Other.md', 'c/Third.md'];

  function randomCard(r: () => number, id: string): Card {
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
    const term = pick(TERMS);
    const card: Card = {
      id,
      kind: r() < 0.7 ? 'definition' : 'cloze',
      front: pick(BODIES),
      back: pick(BODIES),
      context: [],
      source: { path: pick(PATHS), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, line: 1 },
      rule: 'definition-colon',
    } as Card;
    if (term) card.term = term;
    if (r() < 0.2) card.reversed = true;
    if (r() < 0.3) card.parentTerm = pick(TERMS);
    return card;
  }

  it('relinks and reports orphans exactly as comparing every orphan with every fresh card did', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const r = rng(seed);
      const ids = Array.from({ length: 12 }, (_, i) => `id${i}`);
      const known = Array.from({ length: Math.floor(r() * 8) }, () => snapshotOf(randomCard(r, ids[Math.floor(r() * ids.length)])));
      const cards = Array.from({ length: Math.floor(r() * 10) }, () => randomCard(r, ids[Math.floor(r() * ids.length)]));
      assert.deepStrictEqual(reconcile(known, cards), referenceReconcile(known, cards), `seed ${seed}`);
    }
  });

  it('takes one pass over the cards, not one per orphan and card', () => {
    // 50,000 fresh cards against 200 orphans: pairwise that is 10 million comparisons per pass.
    const cards = Array.from({ length: 50_000 }, (_, i) => ({ ...randomCard(rng(i), `fresh${i}`), term: `Term ${i}` }));
    const known = Array.from({ length: 200 }, (_, i) => snapshotOf({ ...cards[i * 7], id: `old${i}` }));
    const result = reconcile(known, cards);
    assert.equal(result.relinks.length, 200);
    assert.ok(result.relinks.every((l) => l.reason === 'same-term' && l.to === `fresh${Number(l.from.slice(3)) * 7}`));
  });
});
