import type { FSRS } from 'ts-fsrs';
import type { CardState, ReviewEvent } from '../../core/cards';
import type { DueCounts } from '../../protocol/cards';
import type { VaultCardSet } from './vaultCardSet';

type History = ReadonlyMap<string, readonly ReviewEvent[]>;
type StateOf = (cardId: string, reviews: readonly ReviewEvent[], f: FSRS) => CardState;

/** What one note adds to the vault's counts; times of reviewed cards only. */
interface NoteSummary {
  total: number;
  unseen: number;
  /** Due times of reviewed cards (valid dates only: an invalid one counts nowhere, as in dueSummary). */
  dues: number[];
  /** First-rating times of reviewed cards (valid dates only). */
  firsts: number[];
}

/**
 * The vault's due counts (what the status bar shows after every edit
 * pause) kept up to date per note, so an edit costs the notes it changed,
 * not a pass over every card: at 70,000 cards `dueSummary` held the server
 * 120–190 ms a pause. Each note's summary is kept until its cards or their
 * ids change (VaultCardSet says which), its cards' ratings change (the
 * history lists of the ids are compared when the history is derived
 * again), or the FSRS parameters change. The vault's due and first-rating
 * times are kept sorted, so the counts for `now` and its day are binary
 * searches, and the new-card limit is applied once on the totals.
 *
 * Exactly `dueSummary(all cards, …).counts` with nothing introduced
 * elsewhere (the randomized test in vaultDueCounts.test.ts checks it).
 */
export class VaultDueCounts {
  private readonly notes = new Map<string, NoteSummary>();
  private readonly dirty = new Set<string>();
  private everything = true;
  private history: History | undefined;
  private fsrs: FSRS | undefined;
  private total = 0;
  private unseen = 0;
  private dues: number[] = [];
  private firsts: number[] = [];

  constructor(
    private readonly cards: VaultCardSet,
    private readonly stateOf: StateOf,
  ) {
    cards.onNotesChanged((paths) => {
      if (paths === 'all') this.everything = true;
      else if (!this.everything) for (const p of paths) this.dirty.add(p);
    });
  }

  counts(history: History, fsrs: FSRS, now: Date, newPerDay: number): DueCounts {
    this.cards.generation; // applies pending note changes, which tells the listener above
    if (fsrs !== this.fsrs) this.everything = true;
    else if (history !== this.history && !this.everything) this.historyChanged(this.history, history);
    this.history = history;
    this.fsrs = fsrs;
    if (this.everything) this.rebuild();
    else if (this.dirty.size) this.update();

    const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
    const endOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
    const endOfTomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 2).getTime();
    const t = now.getTime();
    const dueNow = upperBound(this.dues, t);
    const beforeTomorrow = Math.max(dueNow, lowerBound(this.dues, endOfToday));
    const beforeAfterTomorrow = Math.max(beforeTomorrow, lowerBound(this.dues, endOfTomorrow));
    const introduced = this.firsts.length - lowerBound(this.firsts, startOfToday);
    return {
      due: dueNow,
      fresh: Math.min(this.unseen, sliceLength(newPerDay - introduced)),
      laterToday: beforeTomorrow - dueNow,
      tomorrow: beforeAfterTomorrow - beforeTomorrow,
      unseen: this.unseen,
      total: this.total,
    };
  }

  /** Marks the notes of every card whose ratings differ between two histories. */
  private historyChanged(before: History | undefined, after: History): void {
    if (!before) {
      this.everything = true;
      return;
    }
    const mark = (id: string) => {
      for (const p of this.cards.notesOfId(id)) this.dirty.add(p);
    };
    for (const [id, list] of after) if (!sameReviews(before.get(id), list)) mark(id);
    for (const id of before.keys()) if (!after.has(id)) mark(id);
  }

  private rebuild(): void {
    this.notes.clear();
    this.dirty.clear();
    this.everything = false;
    this.total = 0;
    this.unseen = 0;
    const dues: number[] = [];
    const firsts: number[] = [];
    for (const [path, cards] of this.cards.notes()) {
      const s = this.summarize(cards);
      this.notes.set(path, s);
      this.total += s.total;
      this.unseen += s.unseen;
      for (const d of s.dues) dues.push(d);
      for (const f of s.firsts) firsts.push(f);
    }
    this.dues = dues.sort((a, b) => a - b);
    this.firsts = firsts.sort((a, b) => a - b);
  }

  private update(): void {
    for (const path of this.dirty) {
      const old = this.notes.get(path);
      if (old) {
        this.total -= old.total;
        this.unseen -= old.unseen;
        for (const d of old.dues) remove(this.dues, d);
        for (const f of old.firsts) remove(this.firsts, f);
        this.notes.delete(path);
      }
      const cards = this.cards.ofNote(path);
      if (!cards.length) continue;
      const s = this.summarize(cards);
      this.notes.set(path, s);
      this.total += s.total;
      this.unseen += s.unseen;
      for (const d of s.dues) insert(this.dues, d);
      for (const f of s.firsts) insert(this.firsts, f);
    }
    this.dirty.clear();
  }

  private summarize(cards: readonly { id: string }[]): NoteSummary {
    const s: NoteSummary = { total: cards.length, unseen: 0, dues: [], firsts: [] };
    for (const card of cards) {
      const reviews = this.history!.get(card.id);
      if (!reviews?.length) {
        s.unseen++;
        continue;
      }
      const state = this.stateOf(card.id, reviews, this.fsrs!);
      const first = state.firstReview?.getTime();
      if (first !== undefined && !Number.isNaN(first)) s.firsts.push(first);
      const at = state.due.getTime();
      if (!Number.isNaN(at)) s.dues.push(at);
    }
    return s;
  }
}

function sameReviews(a: readonly ReviewEvent[] | undefined, b: readonly ReviewEvent[]): boolean {
  if (a === b) return true;
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].id !== b[i].id) return false;
  return true;
}

/** How many elements `slice(0, n)` keeps of a long enough list. */
function sliceLength(n: number): number {
  const k = Math.max(0, n);
  return Number.isNaN(k) ? 0 : Math.trunc(k);
}

/** First index whose value is >= x. */
function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is > x. */
function upperBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insert(a: number[], x: number): void {
  a.splice(upperBound(a, x), 0, x);
}

function remove(a: number[], x: number): void {
  const i = lowerBound(a, x);
  if (a[i] === x) a.splice(i, 1);
}
