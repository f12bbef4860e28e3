/**
 * The flashcards' contract: custom LSP requests (extension → server), the
 * server's change notification, and the messages between the extension and
 * the review webview. Types and method names only; no vscode, node or DOM.
 * The server owns the cards (from its index) and the review log; the
 * extension and the panel only ever see these views of them.
 */
import type { NotificationDef, RequestDef } from './requests';

const request = <P, R>(method: string): RequestDef<P, R> => ({ method });
const notification = <P>(method: string): NotificationDef<P> => ({ method });

export type Rating = 1 | 2 | 3 | 4;

/** Which cards: the whole vault, one note, or every note under a folder (URIs as the client knows them). */
export type CardScope = { kind: 'vault' } | { kind: 'note'; uri: string } | { kind: 'folder'; uri: string };

/** A card's FSRS state, as derived from the review log. */
export interface CardSchedule {
  state: 'new' | 'learning' | 'review' | 'relearning';
  /** ISO time; for a new card, now. */
  due: string;
  reviews: number;
  lapses: number;
  lastReview?: string;
  /** Probability of recall now (0–1); absent for a new card. */
  retrievability?: number;
}

/** One card as every client shows it: plain text only (the server strips all markup). */
export interface CardView {
  id: string;
  kind: 'definition' | 'cloze';
  reversed?: boolean;
  front: string;
  back: string;
  /** Heading path and parent terms, outermost first. */
  context: string[];
  term?: string;
  aliases?: string[];
  /** A cloze split at its hidden text, so a panel can mark the answer without parsing `{{c1::…}}`. */
  cloze?: { before: string; answer: string; after: string };
  /** The back was cut; the note holds the whole text. */
  truncated?: boolean;
  rule: string;
  /** Vault-relative path, URI and zero-based line of the card's source. */
  path: string;
  uri: string;
  line: number;
  schedule: CardSchedule;
}

export interface DueCounts {
  /** Reviews due now. */
  due: number;
  /** New cards to learn now (within today's limit). */
  fresh: number;
  laterToday: number;
  tomorrow: number;
  /** Never-reviewed cards, beyond today's limit included. */
  unseen: number;
  total: number;
}

/** What is wrong with the review log, for the user to see (never silently swallowed). */
export interface CardsHealth {
  /** URI of `.mmnotes/reviews.jsonl`. */
  logUri: string;
  /** Set when the log was written by a newer version: no review is possible, the file is untouched. */
  refused?: string;
  /** Corrupt lines, skipped (one-based line numbers); at most 50 listed. */
  problems: { line: number; message: string }[];
  problemCount: number;
  /** The last line was cut short by a crash and skipped. */
  tornLastLine: boolean;
  /** History whose card is gone: kept in the log, listed here; at most 50 listed. */
  orphans: { id: string; term?: string; path: string }[];
  orphanCount: number;
}

export interface CardsListParams {
  scope: CardScope;
  /** ISO time to compute states at (tests, "what is due tomorrow"); default now. */
  now?: string;
}

export interface CardsDueParams extends CardsListParams {
  /** Only the counts (the queue comes back empty): what a panel needs after each rating. */
  countsOnly?: boolean;
}

export interface CardsListResult {
  cards: CardView[];
  health: CardsHealth;
}

export interface CardsDueResult {
  /** Reviews due now (most overdue first), then new cards in note order. */
  queue: CardView[];
  counts: DueCounts;
  health: CardsHealth;
}

export interface CardsRateParams {
  cardId: string;
  rating: Rating;
}

export interface CardsRateResult {
  /** The card with its state after the rating. */
  card: CardView;
  /** Id of the log event (what an undo names). */
  eventId: string;
}

export interface CardsUndoResult {
  /** The card whose latest rating was undone (its state now), or nothing when there was no rating to undo. */
  card?: CardView;
  /** The card id even when the card itself no longer exists. */
  cardId?: string;
}

export interface CardsExportParams {
  scope: CardScope;
  /** Absolute file-system path of the file to write. */
  file: string;
}

export interface CardsExportResult {
  file: string;
  cards: number;
  basic: number;
  cloze: number;
}

export interface CardsStatus {
  counts: DueCounts;
  health: CardsHealth;
}

/** The cards of a scope with their states, in note order. */
export const CardsListRequest = request<CardsListParams, CardsListResult>('mmnotes/cards/list');

/** What to review now, and what is coming. */
export const CardsDueRequest = request<CardsDueParams, CardsDueResult>('mmnotes/cards/due');

/** Records a rating (appends one line to the log) and returns the card's next state. */
export const CardsRateRequest = request<CardsRateParams, CardsRateResult>('mmnotes/cards/rate');

/** Undoes the latest rating (appends an `undo` line; nothing is ever rewritten). */
export const CardsUndoRequest = request<Record<string, never>, CardsUndoResult>('mmnotes/cards/undo');

/** Writes the Anki import file for a scope. */
export const CardsExportAnkiRequest = request<CardsExportParams, CardsExportResult>('mmnotes/cards/exportAnki');

/** Counts for the whole vault and the log's health (the status bar). */
export const CardsStatusRequest = request<Record<string, never>, CardsStatus>('mmnotes/cards/status');

/** Server → client when cards, ratings or the log changed (throttled). */
export const CardsChangedNotification = notification<CardsStatus>('mmnotes/cards/changed');

/** The review panel's summary of a finished session. */
export interface ReviewSummary {
  reviewed: number;
  /** Ratings given, by rating (index 1–4). */
  ratings: Record<Rating, number>;
}

/** One rating of a sitting, as the review panel remembers it across a window reload. */
export interface SavedRating {
  /** The card's id when it was rated. */
  id: string;
  rating: Rating;
  /** The card came back at the end of the sitting (due within the learn-ahead window). */
  requeued: boolean;
}

/**
 * The review panel's webview state (`vscode.setState`), handed back to the
 * panel serializer after a window reload or a restart: the scope under
 * review and the ratings of the sitting so far. The cards themselves are
 * not kept: the server has every rating, so the resumed panel asks it what
 * is due and never shows a graded card as if it were not.
 */
export interface ReviewPanelState {
  v: 1;
  scope: CardScope;
  scopeLabel: string;
  /** When it was written (ms since the epoch): an old sitting is not resumed, only its scope. */
  savedAt: number;
  /** Oldest first. */
  ratings: SavedRating[];
}

/** Extension → review webview. */
export type HostToReview =
  | {
      type: 'card';
      card: CardView;
      /** Cards rated in this session, and that plus what is left. */
      progress: { done: number; total: number };
      counts: DueCounts;
      scopeLabel: string;
      canUndo: boolean;
    }
  | { type: 'end'; summary: ReviewSummary; counts: DueCounts; scopeLabel: string; canUndo: boolean; health?: string }
  | { type: 'loading'; scopeLabel: string }
  | { type: 'notice'; level: 'info' | 'error'; text: string }
  /** Keep this with `vscode.setState`: it is what a reloaded window restores the panel from. */
  | { type: 'state'; state: ReviewPanelState };

/** Review webview → extension. */
export type ReviewToHost =
  | { type: 'ready' }
  | { type: 'rate'; cardId: string; rating: Rating }
  | { type: 'undo' }
  /** Open the card's source line in the editor. */
  | { type: 'open'; cardId: string }
  /** Start again with whatever is due now. */
  | { type: 'restart' }
  | { type: 'error'; message: string };
