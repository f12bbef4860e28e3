import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { EncodedModel } from '../../core/cache/parseCache';
import { ModelReader } from '../../core/cache/modelCodec';
import type { NoteModel } from '../../core/parse/noteModel';
import type { ContentKey } from '../../core/cache/contentHash';
import { READ_STATUS, type ParseReply, type ParseRequest, type ReadReply, type ReadRequest } from './parseProtocol';
import type { WorkerText } from './sharedText';

/** What reading, hashing and parsing one note file in a worker gave (the loader's ReadParseResult). */
export type ReadResult =
  | { kind: 'parsed'; key: ContentKey; model: NoteModel; encoded?: EncodedModel }
  | { kind: 'known'; key: ContentKey }
  | { kind: 'skipped'; reason: 'binary' | 'too-large' | 'unreadable'; message: string };

export type { ParseReply, ParseRequest } from './parseProtocol';

interface Task {
  size: number;
  /** Decodes the reply; throws when it is malformed. */
  take: (reply: ParseReply) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Texts sent and not answered yet: the next batch goes to the least loaded worker. */
  load: number;
  tasks: Map<number, Task>;
  /** The known keys it was sent. */
  known?: Float64Array;
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
    const request: ParseRequest = { id: this.nextId++, texts: [...texts] };
    return this.send(request, texts.length, (reply) => decodeReply(reply, texts.length));
  }

  /**
   * Reads, hashes and parses a batch of note files (file system paths):
   * the texts stay in the worker, which saves the main thread reading them
   * and copying them over (54 MB at 10,000 notes). A file whose text has
   * a key in `known` (the parse cache's, asked for once) is not parsed.
   */
  readParseMany(files: readonly string[], maxBytes: number, known: () => Float64Array): Promise<ReadResult[]> {
    const request: ReadRequest = { id: this.nextId++, files: [...files], maxBytes };
    return this.send(request, files.length, (reply) => decodeReadReply(reply as ReadReply, files.length), known);
  }

  private send<T>(request: ParseRequest | ReadRequest, size: number, decode: (reply: ParseReply) => T, known?: () => Float64Array): Promise<T> {
    if (!this.slots.length) return Promise.reject(new Error('no parse worker is running'));
    const slot = this.slots.reduce((a, b) => (b.load < a.load ? b : a));
    if (known && !slot.known) {
      slot.known = known();
      slot.worker.postMessage({ knownKeys: slot.known });
    }
    return new Promise<T>((resolve, reject) => {
      slot.tasks.set(request.id, { size, take: (reply) => resolve(decode(reply)), reject });
      slot.load += size;
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
      slot.load -= task.size;
      if (!slot.tasks.size) worker.unref();
      try {
        task.take(reply);
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
export function decodeReply(reply: ParseReply, count: number, parsed: (i: number) => boolean = () => true): { model: NoteModel; encoded?: EncodedModel }[] {
  const { ints, strings, offsets } = reply;
  if (offsets.length !== 2 * (count + 1)) throw new Error('parse worker: reply does not match its request');
  const odd = new Map(reply.unencodable.map((u) => [u.index, u.model]));
  const out: { model: NoteModel; encoded?: EncodedModel }[] = new Array(count);
  for (let i = 0; i < count; i++) {
    if (!parsed(i)) continue;
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

const STATUS_REASON = ['', '', 'binary', 'too-large', 'unreadable'] as const;

/** Decodes a worker's reply to a ReadRequest; throws (the batch is then read on the main thread) when it is malformed. */
export function decodeReadReply(reply: ReadReply, count: number): ReadResult[] {
  const { status, keys, messages } = reply;
  if (status.length !== count || keys.length !== 3 * count) throw new Error('parse worker: reply does not match its request');
  const models = decodeReply(reply, count, (i) => status[i] === READ_STATUS.parsed);
  const out: ReadResult[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const key = { h1: keys[3 * i], h2: keys[3 * i + 1], length: keys[3 * i + 2] };
    const s = status[i];
    if (s === READ_STATUS.parsed) out[i] = { kind: 'parsed', key, ...models[i] };
    else if (s === READ_STATUS.known) out[i] = { kind: 'known', key };
    else if (s >= READ_STATUS.binary && s <= READ_STATUS.unreadable) out[i] = { kind: 'skipped', reason: STATUS_REASON[s] as 'binary', message: messages[i] ?? '' };
    else throw new Error('parse worker: bad read status');
  }
  return out;
}
