/**
 * Scheduling with FSRS (ts-fsrs). Nothing is stored but the log: a card's
 * state is the replay of its ratings through `fsrs.next`, so the state can
 * never disagree with the history, an undo is just a skipped event, and a
 * new ts-fsrs version or new parameters re-derive every card consistently.
 * Fuzz stays off (ts-fsrs's default) so a replay is deterministic.
 */
import { createEmptyCard, fsrs, State, type Card as FsrsCard, type FSRS, type FSRSParameters, type Grade } from 'ts-fsrs';
import type { Card } from './card';
import type { LogEvent, ReviewEvent } from './reviewEvents';

/** An FSRS scheduler; parameters from settings (desired retention, maximum interval, …). */
export function createFsrs(params: Partial<FSRSParameters> = {}): FSRS {
  return fsrs(params);
}

const defaultFsrs = createFsrs();

/**
 * Replays the log into the ratings of each card id: undone reviews are
 * dropped, relinked history is moved to the new id (following chains),
 * and each list is ordered by time (a union merge may interleave lines).
 */
export function reviewsByCard(events: readonly LogEvent[]): Map<string, ReviewEvent[]> {
  const undone = new Set<string>();
  const next = new Map<string, string>();
  for (const e of events) {
    if (e.type === 'undo') undone.add(e.target);
    else if (e.type === 'relink' && e.from !== e.to) next.set(e.from, e.to);
  }
  const target = (id: string): string => {
    const seen = new Set<string>([id]);
    for (let to = next.get(id); to !== undefined && !seen.has(to); to = next.get(to)) {
      seen.add(to);
      id = to;
    }
    return id;
  };
  const out = new Map<string, ReviewEvent[]>();
  events.forEach((e) => {
    if (e.type !== 'review' || undone.has(e.id)) return;
    const id = target(e.card);
    const list = out.get(id);
    if (list) list.push(e);
    else out.set(id, [e]);
  });
  for (const list of out.values()) list.sort((a, b) => Date.parse(a.t) - Date.parse(b.t));
  return out;
}

export interface CardState {
  /** The ts-fsrs card after the last rating (an empty card when never reviewed). */
  fsrs: FsrsCard;
  isNew: boolean;
  reviews: number;
  lapses: number;
  state: 'new' | 'learning' | 'review' | 'relearning';
  due: Date;
  lastReview?: Date;
  /** When the first rating was given (the day it stopped being new). */
  firstReview?: Date;
}

const STATE_NAMES = { [State.New]: 'new', [State.Learning]: 'learning', [State.Review]: 'review', [State.Relearning]: 'relearning' } as const;

/** State of a card after its ratings (ordered by time), computed by ts-fsrs. */
export function cardState(reviews: readonly ReviewEvent[], f: FSRS = defaultFsrs, now: Date = new Date()): CardState {
  if (!reviews.length) {
    const empty = createEmptyCard(now);
    return { fsrs: empty, isNew: true, reviews: 0, lapses: 0, state: 'new', due: empty.due };
  }
  const first = new Date(reviews[0].t);
  let card = createEmptyCard(first);
  let last = first.getTime();
  for (const r of reviews) {
    // A clock that went backwards (another machine, a merge) must not make FSRS see negative time.
    last = Math.max(last, Date.parse(r.t));
    card = f.next(card, new Date(last), r.rating as Grade).card;
  }
  return {
    fsrs: card,
    isNew: false,
    reviews: reviews.length,
    lapses: card.lapses,
    state: STATE_NAMES[card.state],
    due: card.due,
    lastReview: new Date(last),
    firstReview: first,
  };
}

/** Probability of recall now (0–1), for colouring by memory; undefined for a card never reviewed. */
export function retrievability(state: CardState, now: Date, f: FSRS = defaultFsrs): number | undefined {
  return state.isNew ? undefined : f.get_retrievability(state.fsrs, now, false);
}

export interface DueOptions {
  fsrs?: FSRS;
  /** New cards introduced per day (Anki's default is 20). */
  newPerDay?: number;
  /** Start of the next day after `d`, in the user's time zone (default: local midnight). */
  nextDayStart?: (d: Date) => Date;
}

export interface DueSummary {
  /** Reviews due now, most overdue first. */
  due: Card[];
  /** New cards to introduce now, in the order given (document order), within today's limit. */
  fresh: Card[];
  counts: {
    due: number;
    fresh: number;
    /** Reviews that fall due later today. */
    laterToday: number;
    /** Reviews that fall due tomorrow. */
    tomorrow: number;
    /** Never-reviewed cards, beyond today's limit included. */
    unseen: number;
  };
  states: Map<string, CardState>;
}

/** What to review now, and what is coming, for a set of cards (a vault, a note, a folder). */
export function dueCards(cards: readonly Card[], history: ReadonlyMap<string, readonly ReviewEvent[]>, now: Date, options: DueOptions = {}): DueSummary {
  const f = options.fsrs ?? defaultFsrs;
  const nextDay = options.nextDayStart ?? localNextDay;
  const endOfToday = nextDay(now);
  const endOfTomorrow = nextDay(endOfToday);
  const startOfToday = nextDay(new Date(now.getTime() - 86_400_000));
  const states = new Map<string, CardState>();
  const due: { card: Card; at: number }[] = [];
  const unseen: Card[] = [];
  let introducedToday = 0;
  let laterToday = 0;
  let tomorrow = 0;
  for (const card of cards) {
    const state = cardState(history.get(card.id) ?? [], f, now);
    states.set(card.id, state);
    if (state.isNew) {
      unseen.push(card);
      continue;
    }
    if (state.firstReview && state.firstReview >= startOfToday) introducedToday++;
    const at = state.due.getTime();
    if (at <= now.getTime()) due.push({ card, at });
    else if (at < endOfToday.getTime()) laterToday++;
    else if (at < endOfTomorrow.getTime()) tomorrow++;
  }
  due.sort((a, b) => a.at - b.at);
  const limit = Math.max(0, (options.newPerDay ?? 20) - introducedToday);
  const fresh = unseen.slice(0, limit);
  return {
    due: due.map((d) => d.card),
    fresh,
    counts: { due: due.length, fresh: fresh.length, laterToday, tomorrow, unseen: unseen.length },
    states,
  };
}

function localNextDay(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1);
}
