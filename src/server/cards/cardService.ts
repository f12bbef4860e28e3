import { LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import {
  freshCardOf,
  reconcile,
  REVIEW_LOG_PATH,
  ReviewLog,
  reviewsByCard,
  type Card,
  type CardSnapshot,
  type CardState,
  type FreshCard,
  type LogEvent,
  type Reconciliation,
  type Relink,
  type ReviewEvent,
} from '../../core/cards';
import type { CardsHealth, CardScope, CardView, DueCounts, Rating } from '../../protocol/cards';
import type { ServerContext } from '../serverContext';
import { cardSettingsFrom, type CardSettings } from './cardSettings';
import { CardStates, dueSummary } from './cardStates';
import { cardView } from './cardViews';
import { NodeReviewFiles } from './nodeReviewFiles';
import { VaultCardSet } from './vaultCardSet';
import { VaultDueCounts } from './vaultDueCounts';

const LISTED = 50;
/** The time a reviewed card's state is asked at: it depends on its ratings only. */
const EPOCH = new Date(0);

/**
 * The flashcards of the vault and their review log: cards from the index
 * (VaultCardSet), state replayed from `.mmnotes/reviews.jsonl` (ReviewLog).
 *
 * History whose card id changed (a term renamed, a note moved) is matched
 * by `reconcile` on every read, but the `relink` is written to the log only
 * when that card is next rated: while the user types `==Fusio` on the way
 * to `==Fusion==`, a half-typed term must not leave a permanent relink.
 * Every log operation goes through one queue, so a reload after a git pull
 * never interleaves with an append.
 */
export class CardService {
  readonly files: NodeReviewFiles;
  readonly cards: VaultCardSet;
  private log: ReviewLog | undefined;
  private readonly states = new CardStates();
  private openError: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private settingsCache: { raw: string; value: CardSettings } | undefined;
  private settingsRaw: unknown;
  private derived: { log: ReviewLog | undefined; events: number; generation: number; rec: Reconciliation; history: Map<string, ReviewEvent[]> } | undefined;
  /** The log's last snapshot of every card with history, for the log and event count it was read at. */
  private known: { log: ReviewLog; events: number; snaps: CardSnapshot[] } | undefined;
  private readonly vaultCounts: VaultDueCounts;
  private readonly freshCards = new WeakMap<Card, FreshCard>();
  readonly opened: Promise<void>;

  constructor(private readonly ctx: ServerContext) {
    this.files = new NodeReviewFiles((p) => ctx.uris.toFsPath(p));
    this.cards = new VaultCardSet(ctx.index, () => this.settings().rules);
    this.vaultCounts = new VaultDueCounts(this.cards, (id, reviews, fsrs) => this.states.stateOf(id, reviews, fsrs, EPOCH));
    this.opened = ctx.ready
      .then(() => this.serial(() => this.open()))
      // Off the serial queue: building reads notes, not the log. A failure leaves the build to the first read.
      .then(() => this.cards.build())
      .then(() => this.prepareReconcile())
      .catch((e: unknown) => ctx.log(`mmnotes: cards: ${(e as Error).stack ?? e}`));
  }

  /**
   * When the log has history whose card is gone, the first status
   * reconciles every card, and working out each card's keys (a
   * normalization and a hash of its text) held the server ~1 s at 70,000
   * cards: done here a slice at a time instead, before the first status.
   */
  private async prepareReconcile(sliceMs = 8): Promise<void> {
    const log = this.log;
    if (!log || log.refused || this.knownCards(log).every((k) => this.cards.hasId(k.id))) return;
    let sliceStart = performance.now();
    for (const card of this.cards.all()) {
      this.freshCard(card);
      if (performance.now() - sliceStart > sliceMs) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
  }

  /** An unreadable log (permissions, a folder in its place) turns reviewing off, with the reason, instead of failing every request. */
  private async open(): Promise<void> {
    try {
      this.log = await ReviewLog.open(this.files);
      this.openError = undefined;
    } catch (e) {
      this.log = undefined;
      this.openError = `Could not read ${REVIEW_LOG_PATH}: ${(e as Error).message}. Reviewing is off until it can be read; the file was not changed.`;
    }
  }

  /** `mmnotes.cards.*`, re-read on every use: the server has no settings event of its own to hook. */
  settings(): CardSettings {
    const raw = this.ctx.settings().cards;
    // The same settings object as last time is the same settings: no stringify per card of a 70,000-card summary.
    if (this.settingsCache && raw === this.settingsRaw) return this.settingsCache.value;
    this.settingsRaw = raw;
    const key = JSON.stringify(raw ?? null);
    if (this.settingsCache?.raw !== key) this.settingsCache = { raw: key, value: cardSettingsFrom(raw) };
    return this.settingsCache.value;
  }

  get logUri(): string {
    return this.ctx.uris.toUri(REVIEW_LOG_PATH);
  }

  /** Re-reads the log (someone else changed it: a git pull, a sync tool). */
  reload(): Promise<void> {
    return this.serial(async () => {
      // A fresh open either way: on failure it turns reviewing off with the reason, as at start.
      await this.open();
      this.derived = undefined;
    });
  }

  /** Cards of a scope, in note order. */
  inScope(scope: CardScope): Card[] {
    const all = this.cards.all();
    if (scope.kind === 'vault') return [...all];
    const path = this.ctx.uris.toPath(scope.uri);
    if (scope.kind === 'note') return path ? [...this.cards.ofNote(path)] : [];
    // The vault root itself has no vault path: it means every card.
    if (!path) return scope.uri.replace(/\/$/, '') === this.ctx.uris.toUri('').replace(/\/$/, '') ? [...all] : [];
    const prefix = `${path.replace(/\/$/, '')}/`;
    return all.filter((c) => c.source.path.startsWith(prefix));
  }

  stateOf(card: Card, now: Date): CardState {
    return this.states.stateOf(card.id, this.history().get(card.id), this.settings().fsrs, now);
  }

  view(card: Card, now: Date, state = this.stateOf(card, now)): CardView {
    return cardView(card, state, this.ctx.uris.toUri(card.source.path), now, this.settings().fsrs);
  }

  /** What to review now in a scope; the new-card limit is per day for the whole vault, not per scope. */
  due(scope: CardScope, now: Date, views = true): { queue: CardView[]; counts: DueCounts } {
    if (scope.kind === 'vault' && !views) {
      // The status bar's counts after every edit pause: kept per note, so they cost the notes that changed.
      const history = this.history();
      const { fsrs, newPerDay } = this.settings();
      return { queue: [], counts: this.vaultCounts.counts(history, fsrs, now, newPerDay) };
    }
    const cards = this.inScope(scope);
    const history = this.history();
    let elsewhere = 0;
    if (scope.kind !== 'vault') {
      const inScope = new Set(cards.map((c) => c.id));
      const startOfDay = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
      for (const c of this.cards.all()) {
        const first = inScope.has(c.id) ? undefined : history.get(c.id)?.[0];
        if (first && Date.parse(first.t) >= startOfDay) elsewhere++;
      }
    }
    // History and settings once, not once per card: each ask checks the card set and the log for changes.
    const { fsrs, newPerDay } = this.settings();
    const summary = dueSummary(cards, (c) => this.states.stateOf(c.id, history.get(c.id), fsrs, now), now, newPerDay, elsewhere);
    const queue = views ? [...summary.due, ...summary.fresh].map((c) => this.view(c, now, summary.states.get(c.id))) : [];
    return { queue, counts: summary.counts };
  }

  /** Appends a rating; persists the card's pending relink first so the history it continues is on disk. */
  rate(cardId: string, rating: Rating): Promise<{ card: CardView; eventId: string }> {
    return this.serial(async () => {
      const log = this.requireLog();
      const card = this.cards.byId(cardId);
      if (!card) throw new ResponseError(LSPErrorCodes.RequestFailed, `The card ${cardId} no longer exists (its note changed since the card was shown).`);
      if (![1, 2, 3, 4].includes(rating)) throw new ResponseError(LSPErrorCodes.RequestFailed, `A rating is 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), not ${rating}.`);
      for (const link of this.reconciliation().relinks) if (link.to === card.id) await log.relink(link);
      const event = await log.rate(card, rating);
      this.derived = undefined;
      return { card: this.view(card, new Date()), eventId: event.id };
    });
  }

  /** Undoes the latest rating; the card it belonged to is returned with its state now. */
  undo(): Promise<{ card?: CardView; cardId?: string }> {
    return this.serial(async () => {
      const log = this.requireLog();
      const undo = await log.undoLast();
      this.derived = undefined;
      if (!undo) return {};
      const target = log.events().find((e): e is ReviewEvent => e.type === 'review' && e.id === undo.target);
      if (!target) return {};
      const id = this.currentId(target.card);
      const card = this.cards.byId(id);
      return card ? { card: this.view(card, new Date()), cardId: id } : { cardId: id };
    });
  }

  health(): CardsHealth {
    const log = this.log;
    const orphans = log && !log.refused ? this.reconciliation().orphans : [];
    const health: CardsHealth = {
      logUri: this.logUri,
      problems: (log?.problems ?? []).slice(0, LISTED).map((p) => ({ line: p.line, message: p.message })),
      problemCount: log?.problems.length ?? 0,
      tornLastLine: log?.tornLastLine ?? false,
      orphans: orphans.slice(0, LISTED).map((o) => ({ id: o.id, path: o.path, ...(o.term !== undefined ? { term: o.term } : {}) })),
      orphanCount: orphans.length,
    };
    const refused = log?.refused ?? this.openError;
    if (refused) health.refused = refused;
    return health;
  }

  /** Ratings by current card id: the log plus the relinks that reconcile found but that are not written yet. */
  history(): Map<string, ReviewEvent[]> {
    return this.derive().history;
  }

  private reconciliation(): Reconciliation {
    return this.derive().rec;
  }

  /**
   * Reconciliation and history, again when the log or the cards changed.
   * An edit of a note (the log unchanged) costs the log's known cards, not
   * the vault's: when every card with history still exists there is
   * nothing to reconcile, which `hasId` tells without a pass over the
   * cards; and the history is rebuilt only when the log or the pending
   * relinks changed, so its lists stay the same objects (memoized states,
   * per-note counts).
   */
  private derive(): NonNullable<CardService['derived']> {
    const log = this.log;
    const events = log?.events() ?? [];
    const generation = this.cards.generation;
    const d = this.derived;
    if (d && d.log === log && d.events === events.length && d.generation === generation) return d;
    let rec: Reconciliation = { relinks: [], orphans: [] };
    if (log && !log.refused) {
      const known = this.knownCards(log);
      if (!known.every((k) => this.cards.hasId(k.id))) rec = reconcile(known, this.cards.all(), (c) => this.freshCard(c), (id) => this.cards.hasId(id));
    }
    const sameHistory = d && d.log === log && d.events === events.length && sameRelinks(d.rec.relinks, rec.relinks);
    let history: Map<string, ReviewEvent[]>;
    if (sameHistory) history = d.history;
    else {
      const pending: LogEvent[] = rec.relinks.map((r: Relink) => ({ v: 1, type: 'relink', id: `pending:${r.from}`, t: new Date(0).toISOString(), ...r }));
      history = reviewsByCard(pending.length ? [...events, ...pending] : events);
    }
    this.derived = { log, events: events.length, generation, rec, history };
    return this.derived;
  }

  /**
   * A card's reconcile keys, kept per card object while its id and note stay:
   * with history whose card is gone (a reviewed card deleted), every edit
   * reconciles, and normalizing and hashing 70,000 cards' texts each time
   * was most of it.
   */
  private freshCard(card: Card): FreshCard {
    const kept = this.freshCards.get(card);
    if (kept && kept.snap.id === card.id && kept.snap.path === card.source.path) return kept;
    const fresh = freshCardOf(card);
    this.freshCards.set(card, fresh);
    return fresh;
  }

  private knownCards(log: ReviewLog): CardSnapshot[] {
    const events = log.events().length;
    const k = this.known;
    if (k && k.log === log && k.events === events) return k.snaps;
    this.known = { log, events, snaps: log.knownCards() };
    return this.known.snaps;
  }

  /** Where the history of an old card id lives now (following relinks, written or pending). */
  private currentId(id: string): string {
    const next = new Map<string, string>();
    for (const e of this.log?.events() ?? []) if (e.type === 'relink') next.set(e.from, e.to);
    for (const r of this.reconciliation().relinks) next.set(r.from, r.to);
    const seen = new Set([id]);
    for (let to = next.get(id); to !== undefined && !seen.has(to); to = next.get(to)) seen.add((id = to));
    return id;
  }

  private requireLog(): ReviewLog {
    if (!this.log) throw new ResponseError(LSPErrorCodes.RequestFailed, this.openError ?? 'The review log is not loaded yet.');
    if (this.log.refused) throw new ResponseError(LSPErrorCodes.RequestFailed, this.log.refused);
    return this.log;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function sameRelinks(a: readonly Relink[], b: readonly Relink[]): boolean {
  return a.length === b.length && a.every((r, i) => r.from === b[i].from && r.to === b[i].to && r.reason === b[i].reason);
}
