import type { NoteModel } from '../../core/parse/noteModel';
import { ParsePool } from './parsePool';
import type { NoteTextSnapshot } from './pieceTextDocument';

/** Notes longer than this (UTF-16 units) are parsed off the main thread while they are edited: ~10 ms of scanning. */
export const BIG_NOTE_CHARS = 512 * 1024;
/** A burst of keystrokes in a big note is parsed once it pauses this long. */
const QUIET_MS = 120;

interface Job {
  /** Not a string: building the text of a 10 MB note costs a pass over it, which a keystroke must not pay. */
  text: NoteTextSnapshot;
  timer?: NodeJS.Timeout;
  /** The worker parsing this note now, if any: terminated when a newer text arrives. */
  pool?: ParsePool;
  waiters: (() => void)[];
}

/**
 * Parses big notes (a 10 MB export, a long log) in a worker thread while
 * they are edited, so the server keeps answering hover and completion in
 * other notes. Per note, only the newest text counts: a keystroke arriving
 * while an older text is parsed terminates that worker (a synchronous parse
 * cannot be interrupted any other way) and the new text is parsed once the
 * burst pauses. The index keeps the note's previous model until then.
 */
export class BigNoteParser {
  private readonly jobs = new Map<string, Job>();
  /** Parses abandoned for a newer text, for the log. */
  stale = 0;

  constructor(
    private readonly workerFile: string,
    /** Receives the newest text's model; not called for abandoned texts. */
    private readonly done: (path: string, text: string, model: NoteModel) => void,
    private readonly fallback: (path: string, text: string) => void,
  ) {}

  /** Queues `text` as the note's newest; supersedes any text queued or being parsed for it. */
  update(path: string, text: NoteTextSnapshot): void {
    const job = this.jobs.get(path) ?? { text, waiters: [] };
    this.jobs.set(path, job);
    job.text = text;
    if (job.pool) this.cancel(job);
    clearTimeout(job.timer);
    job.timer = setTimeout(() => this.start(path, job), QUIET_MS);
  }

  /** Forgets a note (closed, deleted): its pending parse is dropped. */
  drop(path: string): void {
    const job = this.jobs.get(path);
    if (!job) return;
    clearTimeout(job.timer);
    if (job.pool) this.cancel(job);
    this.finish(path, job);
  }

  /** Resolves once the note has no parse queued or running (at once when it has none). */
  settled(path: string): Promise<void> {
    const job = this.jobs.get(path);
    return job ? new Promise((resolve) => job.waiters.push(resolve)) : Promise.resolve();
  }

  dispose(): void {
    for (const path of [...this.jobs.keys()]) this.drop(path);
  }

  private start(path: string, job: Job): void {
    job.timer = undefined;
    const text = job.text;
    const pool = new ParsePool(this.workerFile, 1);
    job.pool = pool;
    // The worker gets the text as shared memory plus edits: nothing on this thread grows with the note
    // (async, so that a failure to share the text takes the fallback below too).
    const parsing = (async () => pool.parseMany([await text.forWorker()]))();
    parsing.then(
      ([result]) => {
        if (job.pool !== pool) return; // superseded meanwhile
        job.pool = undefined;
        void pool.dispose();
        if (job.text !== text || job.timer) return; // a newer text is queued: its own parse will finish the job
        this.finish(path, job);
        this.done(path, text.toString(), result.model);
      },
      () => {
        if (job.pool !== pool) return; // terminated on purpose
        job.pool = undefined;
        void pool.dispose();
        if (job.text !== text || job.timer) return;
        // The worker failed (out of memory, missing bundle): parse here rather than never.
        this.finish(path, job);
        this.fallback(path, text.toString());
      },
    );
  }

  private cancel(job: Job): void {
    const pool = job.pool;
    job.pool = undefined;
    this.stale++;
    void pool?.dispose();
  }

  private finish(path: string, job: Job): void {
    if (this.jobs.get(path) === job) this.jobs.delete(path);
    for (const w of job.waiters.splice(0)) w();
  }
}
