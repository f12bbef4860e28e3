import * as assert from 'node:assert/strict';
import { createEmptyCard, fsrs, Rating, type Grade } from 'ts-fsrs';
import type { ReviewEvent } from '../../../src/core/cards/reviewLog';
import { cardState, createFsrs, dueCards, retrievability, reviewsByCard } from '../../../src/core/cards/scheduler';
import { cardsOf } from './helpers';

const T0 = Date.UTC(2024, 5, 1, 9, 0);
const MIN = 60_000;
const DAY = 86_400_000;

function review(card: string, at: number, rating: 1 | 2 | 3 | 4, id = `${card}@${at}`): ReviewEvent {
  return { v: 1, type: 'review', id, card, t: new Date(at).toISOString(), rating };
}

/** UTC days, so the test does not depend on the machine's time zone. */
const utcNextDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1));

describe('cards: FSRS scheduling', () => {
  const sequence: [number, Grade][] = [
    [T0, Rating.Good],
    [T0 + 10 * MIN, Rating.Good],
    [T0 + 2 * DAY, Rating.Again],
    [T0 + 2 * DAY + 10 * MIN, Rating.Good],
    [T0 + 6 * DAY, Rating.Hard],
    [T0 + 20 * DAY, Rating.Easy],
  ];

  it('derives the same state as ts-fsrs computes directly', () => {
    const f = fsrs();
    let direct = createEmptyCard(new Date(T0));
    for (const [at, grade] of sequence) direct = f.next(direct, new Date(at), grade).card;
    const state = cardState(sequence.map(([at, g]) => review('d-x', at, g as 1 | 2 | 3 | 4)));
    assert.deepEqual(state.fsrs, direct);
    assert.equal(state.reviews, 6);
    assert.equal(state.lapses, direct.lapses);
    assert.equal(state.lapses, 1);
    assert.equal(state.state, 'review');
    assert.deepEqual(state.due, direct.due);
    assert.equal(retrievability(state, new Date(T0 + 30 * DAY)), f.get_retrievability(direct, new Date(T0 + 30 * DAY), false));
  });

  it('orders events by time, whatever order the (merged) log holds them in', () => {
    const events = sequence.map(([at, g]) => review('d-x', at, g as 1 | 2 | 3 | 4));
    const shuffled = [events[3], events[0], events[5], events[1], events[4], events[2]];
    const history = reviewsByCard(shuffled);
    assert.deepEqual(cardState(history.get('d-x')!).fsrs, cardState(events).fsrs);
  });

  it('uses custom FSRS parameters', () => {
    const events = [review('d-x', T0, 3), review('d-x', T0 + DAY, 3)];
    const strict = cardState(events, createFsrs({ request_retention: 0.97 }));
    const lax = cardState(events, createFsrs({ request_retention: 0.8 }));
    assert.ok(strict.due < lax.due);
  });

  it('treats a never-reviewed card as new, with no retrievability', () => {
    const state = cardState([], undefined, new Date(T0));
    assert.equal(state.isNew, true);
    assert.equal(retrievability(state, new Date(T0)), undefined);
  });

  it('lists what is due now, new cards within the daily limit, and what comes later', () => {
    const cards = cardsOf('==A==: a.\n\n==B==: b.\n\n==C==: c.\n\n==D==: d.\n\n==E==: e.\n\n==F==: f.\n');
    const [a, b, c, d, e, f] = cards;
    const now = new Date(T0 + 10 * DAY);
    const reviewed = (id: string, at: number) => [review(id, at, 3)];
    // One Good review: a first interval of a few days, learning steps off for a due date in days.
    const f1 = createFsrs({ enable_short_term: false });
    const interval = cardState(reviewed('x', 0), f1).due.getTime();
    const history = new Map<string, ReviewEvent[]>([
      [a.id, reviewed(a.id, now.getTime() - interval - DAY)], // overdue by a day
      [b.id, reviewed(b.id, now.getTime() - interval - 2 * DAY)], // overdue by two
      [c.id, reviewed(c.id, now.getTime() - interval + 2 * 3600_000)], // later today (10:00 + 2 h, UTC)
      [d.id, reviewed(d.id, now.getTime() - interval + DAY)], // tomorrow
    ]);
    const summary = dueCards(cards, history, now, { fsrs: f1, newPerDay: 1, nextDayStart: utcNextDay });
    assert.deepEqual(summary.due.map((x) => x.term), ['B', 'A']);
    assert.deepEqual(summary.fresh.map((x) => x.term), ['E']);
    assert.deepEqual(summary.counts, { due: 2, fresh: 1, laterToday: 1, tomorrow: 1, unseen: 2 });
    assert.equal(summary.states.get(f.id)?.isNew, true);
    // A card introduced today uses up the day's new-card limit.
    history.set(e.id, [review(e.id, now.getTime() - MIN, 3)]);
    assert.deepEqual(dueCards(cards, history, now, { fsrs: f1, newPerDay: 1, nextDayStart: utcNextDay }).fresh, []);
  });
});
