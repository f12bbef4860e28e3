import * as assert from 'node:assert/strict';
import { LEARN_AHEAD_MS, ReviewSession } from '../../../src/extension/cards/reviewSession';
import type { CardView } from '../../../src/protocol/cards';
import { dueIn, lensTitle, splitCloze } from '../../../src/server/cards/cardViews';
import { cardState, createFsrs } from '../../../src/core/cards';
import { cardsOf } from './helpers';

const NOW = new Date('2024-06-12T10:00:00.000Z');

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
    schedule: { state: 'review', due: new Date(NOW.getTime() + dueInMs).toISOString(), reviews: 1, lapses: 0 },
  };
}

describe('cards: a review sitting (panel queue)', () => {
  it('walks the queue, counts progress and brings back a card due within the learn-ahead window', () => {
    const s = new ReviewSession([view('a'), view('b')]);
    assert.deepEqual(s.progress(), { done: 0, total: 2 });
    s.rated(view('a', 10 * 60_000), 3, NOW); // a new card rated Good: due in 10 minutes
    assert.equal(s.current()?.id, 'b');
    assert.deepEqual(s.progress(), { done: 1, total: 3 });
    s.rated(view('b', 3 * 86_400_000), 3, NOW);
    assert.equal(s.current()?.id, 'a', 'a comes back in this sitting');
    s.rated(view('a', LEARN_AHEAD_MS + 60_000), 4, NOW);
    assert.equal(s.current(), undefined);
    assert.deepEqual(s.summary(), { reviewed: 3, ratings: { 1: 0, 2: 0, 3: 2, 4: 1 } });
  });

  it('undo shows the card again, first, as it was, and removes its requeued copy', () => {
    const first = view('a');
    const s = new ReviewSession([first, view('b')]);
    assert.equal(s.canUndo, false, 'nothing of this sitting to undo');
    s.rated(view('a', 60_000), 1, NOW);
    assert.deepEqual(s.progress(), { done: 1, total: 3 });
    assert.equal(s.undone(), first);
    assert.equal(s.current(), first);
    assert.deepEqual(s.progress(), { done: 0, total: 2 });
    assert.equal(s.undone(), undefined);
  });
});

describe('cards: what the server shows of a card', () => {
  it('splits a cloze at its hidden text, and refuses when front and back disagree', () => {
    assert.deepEqual(splitCloze('It is […] or perceived.', 'It is [expressed] or perceived.'), { before: 'It is ', answer: 'expressed', after: ' or perceived.' });
    assert.equal(splitCloze('It is […] or […].', 'It is [a] or [b].'), undefined);
    assert.equal(splitCloze('It is […].', 'Something else.'), undefined);
  });

  it('says how far off a due time is', () => {
    const at = (ms: number) => dueIn(new Date(NOW.getTime() + ms), NOW);
    assert.deepEqual([at(-5), at(0), at(30_000), at(10 * 60_000), at(5 * 3_600_000), at(3 * 86_400_000), at(90 * 86_400_000), at(800 * 86_400_000)], ['now', 'now', 'in 1m', 'in 10m', 'in 5h', 'in 3d', 'in 3mo', 'in 2.2y']);
  });

  it('titles the lens of a line from the soonest card on it', () => {
    const [expressed, perceived] = cardsOf('A modality is the way something is ==expressed== or ==perceived== by us.\n');
    const f = createFsrs();
    const fresh = cardState([], f, NOW);
    assert.equal(lensTitle([{ card: expressed, state: fresh }], NOW), 'cloze · new');
    const reviewed = cardState([{ v: 1, type: 'review', id: 'e', card: expressed.id, t: NOW.toISOString(), rating: 4 }], f, NOW);
    assert.match(lensTitle([{ card: expressed, state: reviewed }, { card: perceived, state: fresh }], NOW), /^cloze ×2 · due in \d+d · 1 new$/);
  });
});
