import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { EncodedModel } from '../../core/cache/parseCache';
import { ModelReader } from '../../core/cache/modelCodec';
import type { NoteModel } from '../../core/parse/noteModel';
import type { WorkerText } from './sharedText';

/** A batch of texts for a worker. */
export interface ParseRequest {
  id: number;
  /** Strings (the cold start's small notes), or a big note's text in shared memory (see sharedText.ts). */
  texts: WorkerText[];
}

/** A worker's answer: the models encoded (see modelCodec.ts), `offsets` = [intStart, charStart] per note plus an end pair. */
export interface ParseReply {
  id: number;
  ints: Int32Array;
  strings: string;
  offsets: Int32Array;
  /** Models the codec could not carry, structured-cloned instead (rare: odd frontmatter values). */
  unencodable: { index: number; model: NoteModel }[];
}

interface Task {
  request: ParseRequest;
  resolve: (models: { model: NoteModel; encoded?: EncodedModel }[]) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Texts sent and not answered yet: the next batch goes to the least loaded worker. */
  load: number;
  tasks: Map<number, Task>;
}

/** One worker per core left after the main thread's, at least one. */
export function defaultPoolSize(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, cores - 1);
}

/**
 * Parse worker threads for the cold start (and, one at a time, for big notes
 * being edited: see BigNoteParser). Texts go in by structured clone (a string
 * copy, cheap for small notes; a big note's goes in shared memory, see
 * sharedText.ts); models come back encoded in one transferred
 * buffer per batch and are decoded lazily here (links now, the rest on
 * first use), and their encoding goes straight into the parse cache. A
 * worker that dies fails its batches, which the loader then parses on the
 * main thread; the pool is meant to be disposed once the vault is loaded.
 */
export class ParsePool {
  private readonly slots: Slot[] = [];
  private nextId = 1;

  constructor(workerFile: string, size = defaultPoolSize()) {
    for (let i = 0; i < size; i++) this.start(workerFile);
  }

  get size(): number {
    return this.slots.length;
  }

  /** True when some worker has fewer than `texts` texts queued: worth sending it a batch rather than parsing here. */
  hasRoom(texts: number): boolean {
    return this.slots.some((s) => s.load < texts);
  }

  /** Parses a batch; rejects when the worker fails or there is none left. */
  parseMany(texts: readonly WorkerText[]): Promise<{ model: NoteModel; encoded?: EncodedModel }[]> {
    if (!this.slots.length) return Promise.reject(new Error('no parse worker is running'));
    const slot = this.slots.reduce((a, b) => (b.load < a.load ? b : a));
    const request: ParseRequest = { id: this.nextId++, texts: [...texts] };
    return new Promise((resolve, reject) => {
      slot.tasks.set(request.id, { request, resolve, reject });
      slot.load += texts.length;
      slot.worker.ref(); // a batch in flight keeps the process alive, an idle worker does not
      slot.worker.postMessage(request);
    });
  }

  /** Stops every worker; pending batches fail. */
  async dispose(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
    for (const s of slots) this.failAll(s, new Error('parse pool disposed'));
  }

  private start(workerFile: string): void {
    const worker = new Worker(workerFile);
    const slot: Slot = { worker, load: 0, tasks: new Map() };
    worker.unref();
    worker.on('message', (reply: ParseReply) => {
      const task = slot.tasks.get(reply.id);
      if (!task) return;
      slot.tasks.delete(reply.id);
      slot.load -= task.request.texts.length;
      if (!slot.tasks.size) worker.unref();
      try {
        task.resolve(decodeReply(reply, task.request.texts.length));
      } catch (e) {
        task.reject(e as Error);
      }
    });
    const fail = (e: Error) => {
      const at = this.slots.indexOf(slot);
      if (at !== -1) this.slots.splice(at, 1);
      this.failAll(slot, e);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`parse worker exited with code ${code}`)));
    this.slots.push(slot);
  }

  private failAll(slot: Slot, e: Error): void {
    for (const t of slot.tasks.values()) t.reject(e);
    slot.tasks.clear();
  }
}

/** Decodes a worker's reply; throws (and the batch is re-parsed on the main thread) when it is malformed. */
export function decodeReply(reply: ParseReply, count: number): { model: NoteModel; encoded?: EncodedModel }[] {
  const { ints, strings, offsets } = reply;
  if (offsets.length !== 2 * (count + 1)) throw new Error('parse worker: reply does not match its request');
  const odd = new Map(reply.unencodable.map((u) => [u.index, u.model]));
  const out: { model: NoteModel; encoded?: EncodedModel }[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const model = odd.get(i);
    if (model) {
      out[i] = { model };
      continue;
    }
    const [a, b, c, d] = [offsets[2 * i], offsets[2 * i + 2], offsets[2 * i + 1], offsets[2 * i + 3]];
    const reader = new ModelReader(ints, a, b, strings, c, d);
    out[i] = { model: reader.readLazy(), encoded: { ints: ints.subarray(a, b), strings: strings.slice(c, d) } };
  }
  return out;
}
