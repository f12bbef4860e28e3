/**
 * One sitting of reviews, as the panel walks through it. Pure (no vscode),
 * so the queue rules are tested without an editor.
 *
 * Like Anki, a card whose next due time falls within the learn-ahead window
 * (a new card rated Again or Good is due again in minutes) comes back at the
 * end of this sitting instead of waiting for the next one. Undo is limited
 * to this sitting's own ratings: `u` must never reach into yesterday's.
 *
 * A sitting survives a window reload as its list of ratings (`saved()`,
 * `ReviewSession.resume`): the cards are asked of the server again, which
 * has every rating, so a graded card is never shown as if it were not.
 */
import type { CardView, Rating, ReviewSummary, SavedRating } from '../../protocol/cards';

/** Anki's default learn-ahead limit. */
export const LEARN_AHEAD_MS = 20 * 60_000;

interface Step {
  id: string;
  /** The card as it was shown; absent for a rating made before a reload. */
  card?: CardView;
  rating: Rating;
  /** The card was put back at the end of the queue. */
  requeued: boolean;
}

export class ReviewSession {
  private readonly queue: CardView[];
  private readonly steps: Step[] = [];

  constructor(queue: readonly CardView[]) {
    this.queue = [...queue];
  }

  /**
   * The sitting a reloaded panel continues: `due` is what the server says is
   * due now, `listed` the scope's cards (for the ones rated earlier that come
   * back within the learn-ahead window, which `due` does not hold yet), and
   * `ratings` what was saved. Those cards go at the end, as `rated` put them.
   */
  static resume(due: readonly CardView[], listed: readonly CardView[], ratings: readonly SavedRating[], now: Date): ReviewSession {
    const back = requeuedIds(ratings);
    const pending = new Set(back);
    const byId = new Map([...due, ...listed].map((c) => [c.id, c]));
    const tail = back.map((id) => byId.get(id)).filter((c): c is CardView => !!c && Date.parse(c.schedule.due) - now.getTime() <= LEARN_AHEAD_MS);
    const session = new ReviewSession([...due.filter((c) => !pending.has(c.id)), ...tail]);
    session.steps.push(...ratings.map((r) => ({ id: r.id, rating: r.rating, requeued: r.requeued })));
    return session;
  }

  /** This sitting's ratings, oldest first, as the panel saves them. */
  saved(): SavedRating[] {
    return this.steps.map((s) => ({ id: s.id, rating: s.rating, requeued: s.requeued }));
  }

  current(): CardView | undefined {
    return this.queue[0];
  }

  find(id: string): CardView | undefined {
    return this.queue.find((c) => c.id === id) ?? [...this.steps].reverse().find((s) => s.card?.id === id)?.card;
  }

  /** Ratings given so far, and that plus what is still queued. */
  progress(): { done: number; total: number } {
    return { done: this.steps.length, total: this.steps.length + this.queue.length };
  }

  get canUndo(): boolean {
    return this.steps.length > 0;
  }

  /** The current card was rated; `next` is its state afterwards (from the server). */
  rated(next: CardView, rating: Rating, now: Date): void {
    const shown = this.queue.shift();
    if (!shown) return;
    const requeued = Date.parse(next.schedule.due) - now.getTime() <= LEARN_AHEAD_MS;
    if (requeued) this.queue.push(next);
    this.steps.push({ id: shown.id, card: shown, rating, requeued });
  }

  /**
   * The server undid the latest rating in the log, of card `id`; `now` is
   * that card as it is after the undo. Normally that is this sitting's last
   * rating, and its card is shown again, first, as it was. A sitting resumed
   * from a saved state can disagree with the log (VS Code web writes the
   * state at most every minute when the browser tab is simply refreshed): then
   * the step of `id` is the one taken back, and a rating the state missed
   * takes none, but either way the card the server undid is the one shown.
   */
  undone(now?: CardView, id: string | undefined = now?.id): CardView | undefined {
    const own = id === undefined ? -1 : this.steps.map((s) => s.id).lastIndexOf(id);
    // A step of this very sitting trusts the server (a card re-identified by an edit of its note keeps the step).
    const at = own >= 0 ? own : id === undefined || this.steps.at(-1)?.card ? this.steps.length - 1 : -1;
    const step = at >= 0 ? this.steps.splice(at, 1)[0] : undefined;
    const card = step?.card ?? now;
    const queuedId = step?.requeued ? step.id : step ? undefined : card?.id;
    if (queuedId !== undefined) {
      const q = this.queue.map((c) => c.id).lastIndexOf(queuedId);
      if (q >= 0) this.queue.splice(q, 1);
    }
    if (card) this.queue.unshift(card);
    return card;
  }

  summary(): ReviewSummary {
    const ratings: ReviewSummary['ratings'] = { 1: 0, 2: 0, 3: 0, 4: 0 };
    for (const s of this.steps) ratings[s.rating]++;
    return { reviewed: this.steps.length, ratings };
  }
}

/** The cards whose latest rating in `ratings` put them back in the queue, in the order they went back. */
export function requeuedIds(ratings: readonly SavedRating[]): string[] {
  const last = new Map<string, SavedRating>();
  for (const r of ratings) {
    last.delete(r.id); // Map keeps insertion order: re-inserting moves the card to its latest place
    last.set(r.id, r);
  }
  return [...last.values()].filter((r) => r.requeued).map((r) => r.id);
}
