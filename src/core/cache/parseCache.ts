import type { NoteModel } from '../parse/noteModel';
import type { FileStat } from '../vault/fileSystem';
import {
  CACHE_SUPPORTED,
  HEADER_BYTES,
  tablesLength,
  type CacheFileRead,
  ENTRY_WORDS,
  decodeEntry,
  entryBounds,
  entryIntact,
  rawEntry,
  readCacheFile,
  statEntry,
  statMatches,
  statRecord,
  writeCacheFile,
  type CacheFileData,
  type EntryToWrite,
  type StatToWrite,
} from './cacheFile';
import type { CacheStore } from './cacheStore';
import { contentKey, keyNumber, type ContentKey } from './contentHash';
import { DeferredModel, type ModelSource } from './deferredModel';
import { encodeSnapshot, IndexSnapshot } from './indexSnapshot';
import { CacheFormatError, ModelReader, ModelWriter } from './modelCodec';
import type { KnownLinks, SavedNames } from '../vault/vaultIndex';

/** A model already encoded (by a parse worker): numbers and strings as modelCodec writes them. */
export interface EncodedModel {
  ints: Int32Array;
  strings: string;
}

/**
 * The index whose state a save records beside the stat records (a
 * VaultIndex): every file, the notes' alias keys, and the links of a note
 * indexed with a given model.
 */
export interface SnapshotSource {
  allFiles(): Iterable<string>;
  readonly names: { aliasedNotes(): Iterable<[string, readonly string[]]> };
  knownLinks(path: string, model: NoteModel): KnownLinks | undefined;
}

/** A note taken by its unchanged stat without decoding it (see ParseCache.deferredByStat). */
export interface DeferredHit {
  key: ContentKey;
  model: DeferredModel;
  /** What the saved index knew of its links and aliases, when the cache holds a snapshot of it. */
  known?: KnownLinks;
  aliasKeys?: readonly string[];
}

/** What opening the cache found, for the log. */
export interface CacheOpenStatus {
  entries: number;
  /** Stat records: notes a warm start can take without reading them when their size and times are unchanged. */
  stats: number;
  /** Why the stored file was not used (absent, corrupt, other version, unreadable); undefined when it was. */
  dropped?: string;
}

/**
 * Reads again, at save time, notes whose times were too recent to trust
 * when a load saw them: each one's stat, taken before reading it, its text
 * (decoded as a load decodes it) and when the stat was taken (Date.now()).
 * Undefined for a note that cannot be read.
 */
export type RecheckFn = (paths: readonly string[]) => Promise<({ stat: FileStat; text: string; observedAt: number } | undefined)[]>;

/**
 * How close to the moment a file was stat'ed its modification (or change)
 * time may be before the stat no longer proves anything ("racy git"): a
 * file written again within the same clock tick keeps its time, so a stat
 * taken in that tick would match a file that changed after it. Times on
 * whole seconds are those of a coarse file system (FAT keeps 2 s, HFS+ 1 s);
 * the rest allows for ticks and a little clock skew to a network drive.
 */
const FINE_MARGIN_MS = 1000;
const COARSE_MARGIN_MS = 3000;

/** True when a stat taken at `observedAt` cannot tell this file from a later version of it: it is read next time. */
export function tooRecent(stat: FileStat, observedAt: number): boolean {
  const margin = stat.mtimeMs % 1000 === 0 ? COARSE_MARGIN_MS : FINE_MARGIN_MS;
  return !(Math.max(stat.mtimeMs, stat.ctimeMs) < observedAt - margin);
}

/** What a load saw of one note: the text's key, the model given to the index, and the stat taken before reading. */
interface Seen {
  key: ContentKey;
  model: NoteModel;
  stat?: FileStat;
  observedAt: number;
}

const EMPTY_DATA: CacheFileData = { entries: new Int32Array(0), intCount: 0, bytes: new Uint8Array(0), byteWords: new Int32Array(0), stats: new Int32Array(0), paths: [], snapshot: { words: new Int32Array(0), strings: '' } };
const decoder = new TextDecoder();

/**
 * Parse results by content hash, kept in one file of a CacheStore, so a
 * restart does not re-parse an unchanged vault. The key is the text's hash
 * and length, never its path: a renamed or copied note is still a hit.
 * Beside them, per path, the size and times the file had when a load saw
 * that text (a stat record), so that the next start can take an unchanged
 * note's model without reading the note at all.
 *
 * Opening checks the file's header and tables (sizes, versions, a checksum);
 * each entry's own checksum and structure are checked, and its numbers
 * decoded, when it is first used. Anything wrong means a miss and a rewrite, never a wrong model.
 * `save` writes the entries of exactly the notes it is given, so deleted
 * notes fall out.
 */
export class ParseCache {
  private data: CacheFileData = EMPTY_DATA;
  /** keyNumber → entry index in data. */
  private byKey = new Map<number, number>();
  /** Path → stat record index in data; built on first use. */
  private byPath: Map<string, number> | undefined;
  /** Per entry of data: 0 not checked yet, 1 intact, 2 corrupt. */
  private checked = new Uint8Array(0);
  /** Where an entry's numbers are decoded to be read (the next entry's overwrite them). */
  private scratch = new Int32Array(4096);
  /** Parsed since the last save: keyNumber → model or its encoding. */
  private readonly fresh = new Map<number, { key: ContentKey; model?: NoteModel; encoded?: EncodedModel }>();
  /** The last key computed per path, so saving does not hash an unchanged note again. */
  private readonly keys = new Map<string, { text: string; key: ContentKey }>();
  /** The key of every model this cache gave or was given: saving then needs no text (the index may not hold it). */
  private readonly keyByModel = new WeakMap<NoteModel, ContentKey>();
  /** What the last load saw per path: saved as stat records while the index still has that model. */
  private readonly seen = new Map<string, Seen>();
  private recheck: RecheckFn | undefined;
  /** Lets the stored file go when its data was never read (see readTablesFirst). */
  private release: (() => void) | undefined;
  /** The stored index snapshot, decoded on first use; null when there is none or it is bad. */
  private snapshot: IndexSnapshot | null | undefined;
  private saving: Promise<unknown> = Promise.resolve();
  private changed = false;
  hits = 0;
  misses = 0;

  private constructor(
    private readonly store: CacheStore,
    /** Anything that changes what the parser returns must change this string (see the server's parserVersion). */
    private readonly parserVersion: string,
  ) {}

  /** Opens the cache in `store`; a missing, unreadable, corrupt or foreign file gives an empty cache. Never throws. */
  static async open(store: CacheStore, parserVersion: string): Promise<{ cache: ParseCache; status: CacheOpenStatus }> {
    const cache = new ParseCache(store, parserVersion);
    let read: CacheFileRead | undefined;
    let release: (() => void) | undefined;
    try {
      if (store.open) {
        const opened = await readTablesFirst(store.open.bind(store), parserVersion);
        read = opened?.read;
        release = opened?.release;
      } else read = await readWhole(store, parserVersion);
    } catch (e) {
      return { cache, status: { entries: 0, stats: 0, dropped: `unreadable (${(e as Error).message})` } };
    }
    if (!read) return { cache, status: { entries: 0, stats: 0, dropped: 'no cache yet' } };
    if (!read.ok) {
      cache.changed = true;
      return { cache, status: { entries: 0, stats: 0, dropped: read.reason } };
    }
    cache.use(read.data);
    cache.release = release;
    return { cache, status: { entries: cache.byKey.size, stats: read.data.paths.length } };
  }

  /** An empty cache that never reads, for callers that want the same code path without a store. */
  static empty(store: CacheStore, parserVersion: string): ParseCache {
    return new ParseCache(store, parserVersion);
  }

  /** The content key of a note's text, remembered per path. */
  keyOf(path: string, text: string): ContentKey {
    const known = this.keys.get(path);
    if (known && known.text === text) return known.key;
    const key = contentKey(text);
    this.keys.set(path, { text, key });
    return key;
  }

  /**
   * The cached model for a text's key, or undefined. `lazy` (the default)
   * decodes the links and frontmatter now and the rest on first access.
   */
  get(key: ContentKey, lazy = true): NoteModel | undefined {
    const model = this.lookup(key, lazy);
    if (model) this.hits++;
    else this.misses++;
    return model;
  }

  /**
   * The model of the note at `path`, without reading it, when the file has
   * the size and times its stat record holds; undefined when there is no
   * record, the file changed or was merely touched (then read it and look
   * its text up), or the entry is known to be bad. Observed as `observe`
   * would. The model is not decoded: it is when first read, from `source`
   * (or parsed, when its entry does not decode then). With the snapshot's
   * links and aliases when it holds them. The entry's checksum is checked when it is
   * decoded, not now (checking 10,000 entries was a fifth of a warm
   * start): the snapshot's links come from the file's checksummed tables,
   * so a torn entry costs only its own parse later.
   */
  deferredByStat(path: string, stat: FileStat, source: ModelSource, observedAt: number): DeferredHit | undefined {
    const r = this.pathIndex().get(path);
    if (r === undefined || !statMatches(this.data, r, stat)) return undefined;
    const e = statEntry(this.data, r) * ENTRY_WORDS;
    const { entries } = this.data;
    const key: ContentKey = { h1: entries[e] >>> 0, h2: entries[e + 1] >>> 0, length: entries[e + 2] };
    const k = this.byKey.get(keyNumber(key));
    if (k === undefined || !this.sameEntryKey(k, key) || this.checked[k] === 2) return undefined;
    this.hits++;
    const model = new DeferredModel(source, key, path);
    // What observe records; the stat is the record's, so nothing changed.
    this.seen.set(path, { key, model, stat, observedAt });
    const snapshot = this.snapshotView();
    const known = snapshot?.known(r);
    return known ? { key, model, known, aliasKeys: snapshot!.aliasKeysOf(path) } : { key, model };
  }

  /** The key number (keyNumber) of every model this cache holds: a parse worker skips texts with these keys. */
  keyNumbers(): Float64Array {
    const out = new Float64Array(this.byKey.size + this.fresh.size);
    let i = 0;
    for (const n of this.byKey.keys()) out[i++] = n;
    for (const n of this.fresh.keys()) out[i++] = n;
    return out;
  }

  /** The model of a key decoded from the cache (for a DeferredModel's source), without counting a hit. */
  decode(key: ContentKey): NoteModel | undefined {
    return this.lookup(key, true);
  }

  /** The names the stored index snapshot was resolved against, when the file holds one. */
  savedNames(): SavedNames | undefined {
    return this.snapshotView()?.names();
  }

  private snapshotView(): IndexSnapshot | undefined {
    if (this.snapshot === undefined) {
      const { words, strings } = this.data.snapshot;
      this.snapshot = (words.length && IndexSnapshot.decode(words, strings, this.data.paths.length)) || null;
    }
    return this.snapshot ?? undefined;
  }

  /** Remembers a freshly parsed model for the next save. */
  put(key: ContentKey, model: NoteModel, encoded?: EncodedModel): void {
    this.fresh.set(keyNumber(key), { key, model, encoded });
    this.keyByModel.set(model, key);
    this.changed = true;
  }

  /**
   * What a load saw of a note: the key of its text, the model it gave the
   * index, and the file's stat taken (at `observedAt`, a Date.now()) before
   * the text was read, or before the model was taken by that stat. Saved as
   * the note's stat record as long as the index holds that model.
   */
  observe(path: string, key: ContentKey, model: NoteModel, stat: FileStat | undefined, observedAt: number): void {
    this.seen.set(path, { key, model, stat, observedAt });
    if (!stat) return;
    const r = this.pathIndex().get(path);
    const rec = r === undefined ? undefined : statRecord(this.data, r);
    const e = rec && rec.entry * ENTRY_WORDS;
    const same =
      rec !== undefined && e !== undefined && rec.size === stat.size && rec.mtimeMs === stat.mtimeMs && rec.ctimeMs === stat.ctimeMs &&
      this.data.entries[e] >>> 0 === key.h1 && this.data.entries[e + 1] >>> 0 === key.h2 && this.data.entries[e + 2] === key.length;
    if (!same) this.changed = true;
  }

  /** How save reads again the notes whose stat was too recent to record (set by the loader). */
  setRecheck(recheck: RecheckFn | undefined): void {
    this.recheck = recheck;
  }

  /** True when a save would write something new (a note was parsed or changed on disk, or the stored file was bad). */
  get dirty(): boolean {
    return this.changed;
  }

  /**
   * Writes the entries of exactly these notes (their models from the cache
   * where they are there, else encoded from the note), and the stat record
   * of each note whose model is still the one a load saw, atomically
   * through the store. A note's text is only read for a model this cache
   * never saw (one the index parsed itself). Saves run one at a time; an
   * error is returned, not thrown.
   */
  save(
    notes: Iterable<{ path: string; text: string; model: NoteModel }>,
    index?: SnapshotSource,
  ): Promise<{ entries: number; stats: number; bytes: number } | { error: string }> {
    const list = [...notes];
    const run = this.saving.then(() => this.saveNow(list, index));
    this.saving = run.catch(() => undefined);
    return run.catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }));
  }

  private async saveNow(notes: { path: string; text: string; model: NoteModel }[], index: SnapshotSource | undefined): Promise<{ entries: number; stats: number; bytes: number }> {
    if (!CACHE_SUPPORTED) return { entries: 0, stats: 0, bytes: 0 };
    const writer = new ModelWriter();
    const entries: EntryToWrite[] = [];
    const stats: StatToWrite[] = [];
    const recheck: { path: string; key: ContentKey; entry: number }[] = [];
    const entryOf = new Map<number, number>();
    const paths = new Set<string>();
    for (const note of notes) {
      paths.add(note.path);
      const seen = this.seen.get(note.path);
      const current = seen && seen.model === note.model ? seen : undefined;
      if (seen && !current) this.seen.delete(note.path); // edited since: its text is the index's now
      // The key without the text wherever this cache knows the model: the index may read texts on demand.
      const key = current?.key ?? this.keyByModel.get(note.model) ?? this.keyOf(note.path, note.text);
      const n = keyNumber(key);
      let entry = entryOf.get(n);
      if (entry === undefined) {
        const e = this.entryToWrite(key, note.model, writer);
        if (!e) continue;
        entry = entries.push(e) - 1;
        entryOf.set(n, entry);
      } else if (!sameKey(entries[entry], key)) continue; // two texts, one key number: the second is parsed next time
      // A record holds a size up to 2^31 and a non-empty path (notes are far smaller than that limit anyway).
      if (!current?.stat || !note.path || !(current.stat.size <= 0x7fffffff)) continue;
      if (!tooRecent(current.stat, current.observedAt)) stats.push({ path: note.path, entry, ...current.stat });
      else if (this.recheck) recheck.push({ path: note.path, key, entry });
    }
    for (const path of this.seen.keys()) if (!paths.has(path)) this.seen.delete(path);
    // Deleted notes' texts need not stay reachable from here.
    for (const path of this.keys.keys()) if (!paths.has(path)) this.keys.delete(path);
    if (recheck.length && this.recheck) await this.recheckStats(recheck, stats);
    // Read from the index in one go after the last await, so that names and resolutions agree with each other.
    const modelOf = new Map(notes.map((n) => [n.path, n.model]));
    const snapshot =
      index &&
      encodeSnapshot({
        files: index.allFiles(),
        aliasKeys: index.names.aliasedNotes(),
        records: stats.map((s) => index.knownLinks(s.path, modelOf.get(s.path)!)),
      });
    const bytes = writeCacheFile(this.parserVersion, entries, stats, snapshot);
    await this.store.write(bytes);
    // What is on disk now is what the next save copies from and later lookups decode.
    const read = readCacheFile(bytes, this.parserVersion);
    if (read.ok) this.use(read.data);
    this.fresh.clear();
    this.changed = false;
    return { entries: entries.length, stats: stats.length, bytes: bytes.length };
  }

  /** Reads again the notes that were written just before a load saw them; those unchanged since get their record now. */
  private async recheckStats(list: { path: string; key: ContentKey; entry: number }[], stats: StatToWrite[]): Promise<void> {
    let results;
    try {
      results = await this.recheck!(list.map((r) => r.path));
    } catch {
      return; // they are read next time
    }
    results.forEach((got, i) => {
      const { path, key, entry } = list[i];
      if (!got || tooRecent(got.stat, got.observedAt) || !sameKey(contentKey(got.text), key)) return;
      stats.push({ path, entry, ...got.stat });
      const seen = this.seen.get(path);
      if (seen) this.seen.set(path, { ...seen, stat: got.stat, observedAt: got.observedAt });
    });
  }

  /** The numbers and strings of one entry to save: a worker's encoding, the stored entry, or the model encoded now. */
  private entryToWrite(key: ContentKey, model: NoteModel, writer: ModelWriter): EntryToWrite | undefined {
    const n = keyNumber(key);
    const head = { h1: key.h1 | 0, h2: key.h2 | 0, length: key.length };
    const fresh = this.fresh.get(n);
    if (fresh && sameKey(fresh.key, key)) {
      if (fresh.encoded) return { ...head, ints: fresh.encoded.ints, strings: fresh.encoded.strings };
    } else {
      const k = this.byKey.get(n);
      if (k !== undefined && this.sameEntryKey(k, key) && this.intact(k)) return { ...head, raw: rawEntry(this.data, k) };
    }
    const encoded = writer.encodeOne(model);
    return encoded && { ...head, ...encoded };
  }

  /** The model of a key from the fresh models or the stored entries, without counting a hit or a miss. */
  private lookup(key: ContentKey, lazy: boolean): NoteModel | undefined {
    const n = keyNumber(key);
    const fresh = this.fresh.get(n);
    if (fresh && sameKey(fresh.key, key) && fresh.model) return fresh.model;
    const k = this.byKey.get(n);
    if (k === undefined || !this.sameEntryKey(k, key) || !this.intact(k)) return undefined;
    const data = this.data;
    const [count, c, d] = entryBounds(data, k);
    if (this.scratch.length < count) this.scratch = new Int32Array(Math.max(count, 2 * this.scratch.length));
    try {
      if (!decodeEntry(data, k, this.scratch)) throw new CacheFormatError('parse cache: numbers do not decode');
      const strings = decoder.decode(data.bytes.subarray(c, d));
      const reader = new ModelReader(this.scratch, 0, count, strings, 0, strings.length);
      const model = lazy ? reader.readLazy(() => numbersOf(data, k, count)) : reader.readModel();
      this.keyByModel.set(model, key);
      return model;
    } catch (err) {
      if (!(err instanceof CacheFormatError)) throw err;
      // Checksummed yet malformed: written by something else. Forget the entry; the note is re-parsed.
      this.forget(k);
      return undefined;
    }
  }

  /** True when entry k passes its checksum (checked once). */
  private intact(k: number): boolean {
    if (this.checked[k] === 0) this.checked[k] = entryIntact(this.data, k) ? 1 : 2;
    if (this.checked[k] === 1) return true;
    this.forget(k);
    return false;
  }

  private forget(k: number): void {
    const e = k * ENTRY_WORDS;
    const { entries } = this.data;
    const n = keyNumber({ h1: entries[e] >>> 0, h2: entries[e + 1] >>> 0, length: entries[e + 2] });
    if (this.byKey.get(n) === k) this.byKey.delete(n);
    this.checked[k] = 2;
    this.changed = true;
  }

  private sameEntryKey(k: number, key: ContentKey): boolean {
    const e = k * ENTRY_WORDS;
    const { entries } = this.data;
    return entries[e] >>> 0 === key.h1 && entries[e + 1] >>> 0 === key.h2 && entries[e + 2] === key.length;
  }

  private pathIndex(): Map<string, number> {
    if (!this.byPath) {
      this.byPath = new Map();
      this.data.paths.forEach((p, r) => this.byPath!.set(p, r));
    }
    return this.byPath;
  }

  private use(data: CacheFileData): void {
    this.release?.();
    this.release = undefined;
    this.data = data;
    this.byKey = new Map();
    this.byPath = undefined;
    this.snapshot = undefined;
    this.checked = new Uint8Array(data.entries.length / ENTRY_WORDS);
    const { entries } = data;
    // keyNumber of each entry's key, inline: 10,000 keys need not be objects first.
    for (let k = 0, e = 0; e < entries.length; k++, e += ENTRY_WORDS) this.byKey.set((entries[e] >>> 0) * 0x200000 + (entries[e + 1] & 0x1fffff), k);
  }
}

async function readWhole(store: CacheStore, parserVersion: string): Promise<CacheFileRead | undefined> {
  const raw = await store.read();
  return raw && readCacheFile(raw, parserVersion);
}

/**
 * The header and tables now, the models' data when a model is first
 * decoded (or the cache saved): a warm start with the index snapshot
 * decodes no model, and reading the whole file (16 MB at 10,000 notes)
 * was a fifth of it.
 */
async function readTablesFirst(
  open: NonNullable<CacheStore['open']>,
  parserVersion: string,
): Promise<{ read: CacheFileRead; release?: () => void } | undefined> {
  const file = await open();
  if (!file) return undefined;
  let handedOver = false;
  try {
    if (file.size < HEADER_BYTES) return { read: { ok: false, reason: 'not a cache file (size)' } };
    const length = tablesLength(await file.head(HEADER_BYTES));
    if (length === undefined || length > file.size) return { read: readCacheFile(await file.head(HEADER_BYTES), parserVersion, file.size) };
    const read = readCacheFile(await file.head(length), parserVersion, file.size, () => file.tail(length));
    handedOver = read.ok && length < file.size;
    return { read, release: handedOver ? () => file.close() : undefined };
  } finally {
    if (!handedOver) file.close();
  }
}

/** Entry k's numbers in an array of their own (a lazy model's rest, decoded when a feature asks). */
function numbersOf(data: CacheFileData, k: number, count: number): Int32Array {
  const ints = new Int32Array(count);
  // Decoded and checked once already: the bytes are the same (the data is never written to).
  if (!decodeEntry(data, k, ints)) throw new CacheFormatError('parse cache: numbers do not decode');
  return ints;
}

function sameKey(a: { h1: number; h2: number; length: number }, b: ContentKey): boolean {
  return a.h1 >>> 0 === b.h1 && a.h2 >>> 0 === b.h2 && a.length === b.length;
}
