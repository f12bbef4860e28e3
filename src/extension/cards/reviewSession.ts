/**
 * One sitting of reviews, as the panel walks through it. Pure (no vscode),
 * so the queue rules are tested without an editor.
 *
 * Like Anki, a card whose next due time falls within the learn-ahead window
 * (a new card rated Again or Good is due again in minutes) comes back at the
 * end of this sitting instead of waiting for the next one. Undo is limited
 * to this sitting's own ratings: `u` must never reach into yesterday's.
 */
import type { CardView, Rating, ReviewSummary } from '../../protocol/cards';

/** Anki's default learn-ahead limit. */
export const LEARN_AHEAD_MS = 20 * 60_000;

interface Step {
  card: CardView;
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

  current(): CardView | undefined {
    return this.queue[0];
  }

  find(id: string): CardView | undefined {
    return this.queue.find((c) => c.id === id) ?? [...this.steps].reverse().find((s) => s.card.id === id)?.card;
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
    this.steps.push({ card: shown, rating, requeued });
  }

  /** The latest rating was undone: its card is shown again, first. */
  undone(): CardView | undefined {
    const step = this.steps.pop();
    if (!step) return undefined;
    if (step.requeued) {
      const at = this.queue.map((c) => c.id).lastIndexOf(step.card.id);
      if (at >= 0) this.queue.splice(at, 1);
    }
    this.queue.unshift(step.card);
    return step.card;
  }

  summary(): ReviewSummary {
    const ratings: ReviewSummary['ratings'] = { 1: 0, 2: 0, 3: 0, 4: 0 };
    for (const s of this.steps) ratings[s.rating]++;
    return { reviewed: this.steps.length, ratings };
  }
}
