// Reference: the vault's status counts as CardService computed them before they were kept per note (session of the incremental status counts).
/**
 * THE ORACLE of src/server/cards/vaultDueCounts.ts and of CardService's
 * derive (see vaultDueCounts.test.ts): every card of the vault, its
 * history from the whole log (reconcile over every card, pending relinks
 * added, reviewsByCard), its state replayed by cardState with no memo,
 * and `dueSummary` as it was in src/server/cards/cardStates.ts. Slow on
 * purpose; do not refactor it together with src.
 */
import { cardState, reconcile, reviewsByCard, type Card, type CardSnapshot, type CardState, type LogEvent, type Reconciliation } from '../../../../src/core/cards';
import type { FSRS } from 'ts-fsrs';
import type { DueCounts } from '../../../../src/protocol/cards';

export function referenceDueCounts(
  cards: readonly Card[],
  stateOf: (card: Card) => CardState,
  now: Date,
  newPerDay: number,
  introducedElsewhere = 0,
): DueCounts {
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const endOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
  const endOfTomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 2).getTime();
  const due: { card: Card; at: number }[] = [];
  const unseen: Card[] = [];
  let introduced = introducedElsewhere;
  let laterToday = 0;
  let tomorrow = 0;
  for (const card of cards) {
    const state = stateOf(card);
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
  const fresh = unseen.slice(0, Math.max(0, newPerDay - introduced));
  return { due: due.length, fresh: fresh.length, laterToday, tomorrow, unseen: unseen.length, total: cards.length };
}

/** The vault's counts and reconciliation from scratch: the log's events and known cards, every card. */
export function referenceVaultStatus(
  events: readonly LogEvent[],
  known: CardSnapshot[],
  cards: readonly Card[],
  fsrs: FSRS,
  now: Date,
  newPerDay: number,
): { counts: DueCounts; rec: Reconciliation } {
  const rec = reconcile(known, cards);
  const pending: LogEvent[] = rec.relinks.map((r) => ({ v: 1, type: 'relink', id: `pending:${r.from}`, t: new Date(0).toISOString(), ...r }));
  const history = reviewsByCard([...events, ...pending]);
  const counts = referenceDueCounts(cards, (c) => cardState(history.get(c.id) ?? [], fsrs, now), now, newPerDay);
  return { counts, rec };
}
