// The review panel after a window reload: its saved state read back (reviewState.ts) and the
// sitting rebuilt from it (ReviewSession.resume / saved / undone).
import * as assert from 'node:assert/strict';
import { LEARN_AHEAD_MS, requeuedIds, ReviewSession } from '../../../src/extension/cards/reviewSession';
import { parseReviewPanelState, SITTING_GAP_MS } from '../../../src/extension/cards/reviewState';
import type { CardView, ReviewPanelState, SavedRating } from '../../../src/protocol/cards';

const NOW = new Date('2024-06-12T10:00:00.000Z');
const T = NOW.getTime();

function view(id: string, dueInMs = 0): CardView {
  return {
    id,
    kind: 'definition',
    front: id,
    back: `${id} back`,
    context: [],
    rule: 'definition-colon',
    path: 'n.md',
    uri: 'file:///v/n.md',
    line: 0,
    schedule: { state: 'learning', due: new Date(T + dueInMs).toISOString(), reviews: 1, lapses: 0 },
  };
}

const rating = (id: string, r: SavedRating['rating'], requeued: boolean): SavedRating => ({ id, rating: r, requeued });

describe('review panel state: reading it back after a reload', () => {
  const saved: ReviewPanelState = {
    v: 1,
    scope: { kind: 'note', uri: 'file:///v/n.md' },
    scopeLabel: 'n',
    savedAt: T - 5_000,
    ratings: [rating('a', 4, false), rating('b', 1, true)],
  };

  it('round-trips what the panel saves (through JSON, as VS Code stores it)', () => {
    assert.deepEqual(parseReviewPanelState(JSON.parse(JSON.stringify(saved)), T), saved);
  });

  it('gives nothing to resume without a valid scope (the caller reviews the vault)', () => {
    for (const raw of [undefined, null, 'x', 42, {}, { ...saved, v: 2 }, { ...saved, scope: { kind: 'note' } }, { ...saved, scope: { kind: 'deck', uri: 'x' } }]) {
      assert.equal(parseReviewPanelState(raw, T), undefined, JSON.stringify(raw));
    }
  });

  it('keeps only the scope\'s fields and the well-formed ratings', () => {
    const raw = {
      ...saved,
      scope: { kind: 'folder', uri: 'file:///v/f', extra: 1 },
      scopeLabel: 7,
      ratings: [rating('a', 3, false), { id: 'b', rating: 5, requeued: false }, { id: '', rating: 1, requeued: true }, { id: 'c', rating: 2 }, null, rating('d', 1, true)],
    };
    const s = parseReviewPanelState(raw, T);
    assert.deepEqual(s?.scope, { kind: 'folder', uri: 'file:///v/f' });
    assert.equal(s?.scopeLabel, '', 'a bad label is left for the caller to describe');
    assert.deepEqual(s?.ratings, [rating('a', 3, false), rating('d', 1, true)]);
    assert.deepEqual(parseReviewPanelState({ ...saved, ratings: 'oops' }, T)?.ratings, []);
  });

  it('resumes only the scope of a sitting left long ago (or dated in the future)', () => {
    assert.equal(parseReviewPanelState({ ...saved, savedAt: T - SITTING_GAP_MS + 1 }, T)?.ratings.length, 2);
    for (const savedAt of [T - SITTING_GAP_MS - 1, T + 2 * SITTING_GAP_MS, undefined, 'yesterday']) {
      const s = parseReviewPanelState({ ...saved, savedAt }, T);
      assert.deepEqual(s?.scope, saved.scope);
      assert.deepEqual(s?.ratings, [], String(savedAt));
    }
  });
});

describe('review sitting: resumed after a reload', () => {
  it('saves its ratings, and a resumed sitting keeps progress and summary', () => {
    const s = new ReviewSession([view('a'), view('b'), view('c')]);
    s.rated(view('a', 3 * 86_400_000), 4, NOW);
    s.rated(view('b', 60_000), 1, NOW); // Again: back in this sitting
    assert.deepEqual(s.saved(), [rating('a', 4, false), rating('b', 1, true)]);
    assert.deepEqual(s.progress(), { done: 2, total: 4 });

    // After the reload the server says only c is due (b is due in a minute); the list has b.
    const r = ReviewSession.resume([view('c')], [view('a', 3 * 86_400_000), view('b', 60_000), view('c')], s.saved(), NOW);
    assert.equal(r.current()?.id, 'c', 'the next due card, not one already graded');
    assert.deepEqual(r.progress(), { done: 2, total: 4 }, 'b comes back after c, as before the reload');
    assert.deepEqual(r.summary(), { reviewed: 2, ratings: { 1: 1, 2: 0, 3: 0, 4: 1 } });
    assert.equal(r.canUndo, true);
    r.rated(view('c', 5 * 86_400_000), 3, NOW);
    assert.equal(r.current()?.id, 'b');
    assert.deepEqual(r.saved().map((x) => x.id), ['a', 'b', 'c']);
  });

  it('puts a requeued card that is already due at the end, once', () => {
    const ratings = [rating('b', 1, true), rating('a', 2, true)];
    const r = ReviewSession.resume([view('b'), view('c'), view('a')], [view('a'), view('b'), view('c')], ratings, NOW);
    const order: string[] = [];
    for (let c = r.current(); c; c = r.current()) {
      order.push(c.id);
      r.rated(view(c.id, 86_400_000), 3, NOW);
    }
    assert.deepEqual(order, ['c', 'b', 'a']);
  });

  it('leaves out a requeued card that is gone, no longer due soon, or rated again since', () => {
    assert.deepEqual(requeuedIds([rating('a', 1, true), rating('b', 1, true), rating('a', 4, false)]), ['b']);
    assert.deepEqual(requeuedIds([rating('a', 1, true), rating('b', 1, true), rating('a', 3, true)]), ['b', 'a']);
    const ratings = [rating('gone', 1, true), rating('later', 1, true), rating('soon', 1, true)];
    const r = ReviewSession.resume([], [view('later', LEARN_AHEAD_MS + 60_000), view('soon', 60_000)], ratings, NOW);
    assert.deepEqual(r.progress(), { done: 3, total: 4 });
    assert.equal(r.current()?.id, 'soon');
  });

  it('undoes a rating made before the reload with the card the server returns', () => {
    const r = ReviewSession.resume([view('c')], [view('b', 60_000)], [rating('a', 4, false), rating('b', 1, true)], NOW);
    const b = view('b');
    assert.equal(r.undone(b), b, 'the card as it is after the undo');
    assert.deepEqual(r.progress(), { done: 1, total: 3 }, 'b first, c, and no requeued copy of b');
    assert.equal(r.current(), b);
    assert.equal(r.undone(undefined), undefined, 'a card that is gone: the rating is undone, nothing shown');
    assert.deepEqual(r.progress(), { done: 0, total: 2 });
    assert.equal(r.canUndo, false);
  });

  it('shows the card the server undid when a stale saved state disagrees with the log', () => {
    // The state missed the latest rating (x): no step of the sitting is taken back.
    const missed = ReviewSession.resume([view('c'), view('x')], [], [rating('a', 4, false)], NOW);
    assert.equal(missed.undone(view('x'), 'x')?.id, 'x');
    assert.deepEqual(missed.progress(), { done: 1, total: 3 }, 'x first (its queued copy gone), then c');
    assert.deepEqual([missed.current()?.id, missed.canUndo], ['x', true]);

    // The state holds a rating (b) undone since: the server undoes a's, and a's step goes.
    const stale = ReviewSession.resume([view('c')], [], [rating('a', 4, false), rating('b', 3, false)], NOW);
    assert.equal(stale.undone(view('a'), 'a')?.id, 'a');
    assert.deepEqual(stale.saved(), [rating('b', 3, false)]);

    // A card of this very sitting re-identified by an edit of its note: its step is still the one.
    const shown = view('d');
    const live = new ReviewSession([shown]);
    live.rated(view('d', 86_400_000), 3, NOW);
    assert.equal(live.undone(view('d2'), 'd2'), shown);
    assert.equal(live.canUndo, false);
  });
});
