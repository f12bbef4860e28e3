/**
 * The review log, `.mmnotes/reviews.jsonl`: the only place review state
 * lives (never in the notes, whose diffs stay clean). Append-only, one JSON
 * event per line, a header line first:
 *
 *   {"mmnotes":"reviews","v":1}
 *   {"v":1,"type":"review","id":"…","card":"d-…","t":"2024-06-12T10:00:00.000Z","rating":3,"snap":{…}}
 *   {"v":1,"type":"undo","id":"…","t":"…","target":"<id of the review undone>"}
 *   {"v":1,"type":"relink","id":"…","t":"…","from":"<old card id>","to":"<new card id>","reason":"same-body"}
 *
 * Why this shape: appending never rewrites what is there, so a crash can at
 * worst tear the last line, which loading skips; a line that is corrupt for
 * any other reason is reported by number and skipped, never fatal; git can
 * merge two machines' logs line by line (`merge=union`, see
 * REVIEW_LOG_GITATTRIBUTES), and replay orders events by time and drops
 * duplicate ids, so a union merge is exactly right. A file written by a newer
 * format is refused, for reading and writing, never overwritten.
 */
import type { Card, CardSnapshot } from './card';
import { snapshotOf, type Relink } from './cardIdentity';
import { parseLogLine, type LogEvent, type Rating, type RelinkEvent, type ReviewEvent, type UndoEvent } from './reviewEvents';

export type { LogEvent, Rating, RelinkEvent, ReviewEvent, UndoEvent } from './reviewEvents';

export const REVIEW_LOG_PATH = '.mmnotes/reviews.jsonl';
export const REVIEW_LOG_FORMAT = 1;
/** Content for `.mmnotes/.gitattributes`: lets git merge two logs by keeping both sides' lines. */
export const REVIEW_LOG_GITATTRIBUTES = 'reviews.jsonl merge=union\n';

/** The file access the log needs; paths are vault-relative. */
export interface ReviewFiles {
  /** The file's text, or undefined when it does not exist. */
  read(path: string): Promise<string | undefined>;
  /** Appends text, creating the file (and its folder) when missing. */
  append(path: string, text: string): Promise<void>;
}

export interface LogProblem {
  /** One-based line number in the file. */
  line: number;
  message: string;
}

export type ParsedLog =
  | { ok: true; events: LogEvent[]; problems: LogProblem[]; tornLastLine: boolean; endsWithNewline: boolean; empty: boolean }
  | { ok: false; message: string };

/** Parses the log text: corrupt lines are reported and skipped; a newer format refuses the whole file. */
export function parseReviewLog(text: string, path = REVIEW_LOG_PATH): ParsedLog {
  const lines = text.split('\n');
  const endsWithNewline = text.endsWith('\n');
  if (endsWithNewline) lines.pop();
  const events: LogEvent[] = [];
  const problems: LogProblem[] = [];
  const seen = new Set<string>();
  let tornLastLine = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (!line.trim()) continue;
    const parsed = parseLogLine(line);
    if (parsed.kind === 'newer') {
      return {
        ok: false,
        message: `${path} was written by a newer version of mmnotes (format ${parsed.version}, line ${i + 1}; this version understands format ${REVIEW_LOG_FORMAT}). Update mmnotes to review; the file was left unchanged.`,
      };
    }
    if (parsed.kind === 'error') {
      // An unterminated last line that does not parse is a write cut short by a crash, not corruption.
      if (i === lines.length - 1 && !endsWithNewline && parsed.json === false) tornLastLine = true;
      else problems.push({ line: i + 1, message: parsed.message });
      continue;
    }
    if (parsed.kind === 'header') continue;
    if (seen.has(parsed.event.id)) continue; // the same line from both sides of a union merge
    seen.add(parsed.event.id);
    events.push(parsed.event);
  }
  return { ok: true, events, problems, tornLastLine, endsWithNewline, empty: text.trim() === '' };
}

/** Thrown by every write once the file has been refused. */
export class ReviewLogRefusedError extends Error {}

export interface ReviewLogOptions {
  path?: string;
  now?: () => Date;
  /** Event ids: unique per event; tests pass a counter. */
  newId?: () => string;
}

/** The log of one vault: loads, appends and keeps the events in memory. */
export class ReviewLog {
  readonly path: string;
  private list: LogEvent[] = [];
  private loadProblems: LogProblem[] = [];
  private refusal: string | undefined;
  private torn = false;
  /** True when the next append must first end a line (a torn or unterminated last line). */
  private needsNewline = false;
  private needsHeader = true;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => Date;
  private readonly newId: () => string;

  private constructor(
    private readonly files: ReviewFiles,
    options: ReviewLogOptions,
  ) {
    this.path = options.path ?? REVIEW_LOG_PATH;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? defaultEventId;
  }

  /** Opens and loads the log; never throws for a corrupt or newer file (see `refused`, `problems`). */
  static async open(files: ReviewFiles, options: ReviewLogOptions = {}): Promise<ReviewLog> {
    const log = new ReviewLog(files, options);
    await log.reload();
    return log;
  }

  /** Re-reads the file (after a git pull, an edit by another process, …). */
  async reload(): Promise<void> {
    const text = await this.files.read(this.path);
    const parsed = parseReviewLog(text ?? '', this.path);
    if (!parsed.ok) {
      this.refusal = parsed.message;
      this.list = [];
      this.loadProblems = [];
      return;
    }
    this.refusal = undefined;
    this.list = parsed.events;
    this.loadProblems = parsed.problems;
    this.torn = parsed.tornLastLine;
    this.needsNewline = text !== undefined && text !== '' && !parsed.endsWithNewline;
    this.needsHeader = parsed.empty;
  }

  /** Why the file is refused (a newer format), or undefined. */
  get refused(): string | undefined {
    return this.refusal;
  }

  /** Corrupt lines found when loading, by line number. */
  get problems(): readonly LogProblem[] {
    return this.loadProblems;
  }

  /** True when the last line was cut short (and skipped). */
  get tornLastLine(): boolean {
    return this.torn;
  }

  events(): readonly LogEvent[] {
    return this.list;
  }

  /** Records a rating of a card (with a snapshot so its history can be re-matched later). */
  rate(card: Card, rating: Rating, at: Date = this.now()): Promise<ReviewEvent> {
    const { id: _id, ...snap } = snapshotOf(card);
    return this.write<ReviewEvent>({ v: REVIEW_LOG_FORMAT, type: 'review', id: this.newId(), card: card.id, t: at.toISOString(), rating, snap });
  }

  /** Undoes the latest rating not yet undone, by appending an `undo` event; undefined when there is none. */
  async undoLast(at: Date = this.now()): Promise<UndoEvent | undefined> {
    if (this.refusal) throw new ReviewLogRefusedError(this.refusal);
    const undone = new Set(this.list.filter((e): e is UndoEvent => e.type === 'undo').map((e) => e.target));
    const last = [...this.list].reverse().find((e) => e.type === 'review' && !undone.has(e.id));
    if (!last) return undefined;
    return this.write<UndoEvent>({ v: REVIEW_LOG_FORMAT, type: 'undo', id: this.newId(), t: at.toISOString(), target: last.id });
  }

  /** Records that the history of one card continues under another id (see reconcile). */
  relink(link: Relink, at: Date = this.now()): Promise<RelinkEvent> {
    return this.write<RelinkEvent>({ v: REVIEW_LOG_FORMAT, type: 'relink', id: this.newId(), t: at.toISOString(), ...link });
  }

  /** The last snapshot of every card that has history: what `reconcile` matches against. */
  knownCards(): CardSnapshot[] {
    const snaps = new Map<string, CardSnapshot>();
    for (const e of this.list) {
      if (e.type === 'review') {
        // A review written by hand has no snapshot: it is still history, reported if its card is gone.
        snaps.set(e.card, e.snap ? { id: e.card, ...e.snap } : (snaps.get(e.card) ?? { id: e.card, kind: e.card.startsWith('c') ? 'cloze' : 'definition', path: '', bodyHash: '' }));
      } else if (e.type === 'relink') {
        const from = snaps.get(e.from);
        snaps.delete(e.from);
        if (from && !snaps.has(e.to)) snaps.set(e.to, { ...from, id: e.to });
      }
    }
    return [...snaps.values()];
  }

  private write<E extends LogEvent>(event: E): Promise<E> {
    // One write at a time, in order: two quick ratings must not interleave their lines.
    const run = this.queue.then(async () => {
      if (this.refusal) throw new ReviewLogRefusedError(this.refusal);
      let text = `${JSON.stringify(event)}\n`;
      if (this.needsHeader) text = `${JSON.stringify({ mmnotes: 'reviews', v: REVIEW_LOG_FORMAT })}\n${text}`;
      if (this.needsNewline) text = `\n${text}`;
      await this.files.append(this.path, text);
      this.needsHeader = false;
      this.needsNewline = false;
      this.list.push(event);
      return event;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function defaultEventId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
