import { cardState, type Card, type CardState, type ReviewEvent } from '../../core/cards';
import type { FSRS } from 'ts-fsrs';
import type { DueCounts } from '../../protocol/cards';

/**
 * Card states, memoized. A state is the replay of a card's ratings through
 * FSRS (~20 µs a rating), and the status bar wants the whole vault's counts
 * after every edit: replaying 50,000 ratings each time costs about a second.
 * A reviewed card's state depends only on its ratings, so it is kept until
 * they change (compared by event ids, which also catches an undo or a merge).
 */
export class CardStates {
  private readonly cache = new Map<string, { reviews: readonly ReviewEvent[]; sig: string; state: CardState }>();
  private fsrsUsed: FSRS | undefined;
  /** The state of a card never rated, which depends only on the parameters and the time: one per summary, not one per new card. */
  private fresh: { at: number; state: CardState } | undefined;

  stateOf(cardId: string, reviews: readonly ReviewEvent[] | undefined, f: FSRS, now: Date): CardState {
    if (f !== this.fsrsUsed) {
      this.cache.clear(); // new FSRS parameters: every schedule changes
      this.fresh = undefined;
      this.fsrsUsed = f;
    }
    if (!reviews?.length) {
      if (this.fresh?.at !== now.getTime()) this.fresh = { at: now.getTime(), state: cardState([], f, now) };
      return this.fresh.state;
    }
    const hit = this.cache.get(cardId);
    // The same list object: the log has not changed since (the usual case while editing notes).
    if (hit?.reviews === reviews) return hit.state;
    const sig = reviews.map((r) => r.id).join(',');
    if (hit && hit.sig === sig) {
      hit.reviews = reviews;
      return hit.state;
    }
    const state = cardState(reviews, f, now);
    this.cache.set(cardId, { reviews, sig, state });
    return state;
  }
}

export interface DueSummary {
  due: Card[];
  fresh: Card[];
  counts: DueCounts;
  states: Map<string, CardState>;
}

/**
 * What to review now, and what is coming: the rules of core's `dueCards`
 * (reviews due now, most overdue first; new cards in note order within
 * today's limit; later today and tomorrow by local day), over memoized
 * states. `introducedElsewhere` counts cards first studied today outside
 * these cards, so the new-card limit is per day for the vault.
 */
export function dueSummary(
  cards: readonly Card[],
  stateOf: (card: Card) => CardState,
  now: Date,
  newPerDay: number,
  introducedElsewhere = 0,
): DueSummary {
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const endOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
  const endOfTomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 2).getTime();
  const states = new Map<string, CardState>();
  const due: { card: Card; at: number }[] = [];
  const unseen: Card[] = [];
  let introduced = introducedElsewhere;
  let laterToday = 0;
  let tomorrow = 0;
  for (const card of cards) {
    const state = stateOf(card);
    states.set(card.id, state);
    if (state.isNew) {
      unseen.push(card);
      continue;
    }
    if (state.firstReview && state.firstReview >= startOfToday) introduced++;
    const at = state.due.getTime();
    if (at <= now.getTime()) due.push({ card, at });
    else if (at < endOfToday) laterToday++;
    else if (at < endOfTomorrow) tomorrow++;
  }
  due.sort((a, b) => a.at - b.at);
  const fresh = unseen.slice(0, Math.max(0, newPerDay - introduced));
  return {
    due: due.map((d) => d.card),
    fresh,
    counts: { due: due.length, fresh: fresh.length, laterToday, tomorrow, unseen: unseen.length, total: cards.length },
    states,
  };
}
