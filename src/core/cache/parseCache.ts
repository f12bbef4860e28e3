import type { NoteModel } from '../parse/noteModel';
import { CACHE_SUPPORTED, ENTRY_WORDS, readCacheFile, writeCacheFile, type CacheFileData } from './cacheFile';
import type { CacheStore } from './cacheStore';
import { contentKey, keyNumber, type ContentKey } from './contentHash';
import { CacheFormatError, ModelReader, ModelWriter } from './modelCodec';

/** A model already encoded (by a parse worker): numbers and strings as modelCodec writes them. */
export interface EncodedModel {
  ints: Int32Array;
  strings: string;
}

/** What opening the cache found, for the log. */
export interface CacheOpenStatus {
  entries: number;
  /** Why the stored file was not used (absent, corrupt, other version, unreadable); undefined when it was. */
  dropped?: string;
}

/**
 * Parse results by content hash, kept in one file of a CacheStore, so a
 * restart does not re-parse an unchanged vault. The key is the text's hash
 * and length, never its path: a renamed or copied note is still a hit.
 *
 * The stored file is checked as a whole when opened (sizes, checksum,
 * format and parser versions) and each entry again when decoded; anything
 * wrong means a miss and a rewrite, never a wrong model. `save` writes the
 * entries of exactly the notes it is given, so deleted notes fall out.
 */
export class ParseCache {
  private data: CacheFileData = { entries: new Int32Array(0), ints: new Int32Array(0), strings: '' };
  /** keyNumber → entry index in data. */
  private byKey = new Map<number, number>();
  /** Parsed since the last save: keyNumber → model or its encoding. */
  private readonly fresh = new Map<number, { key: ContentKey; model?: NoteModel; encoded?: EncodedModel }>();
  /** The last key computed per path, so saving does not hash an unchanged note again. */
  private readonly keys = new Map<string, { text: string; key: ContentKey }>();
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
    let raw: Uint8Array | undefined;
    try {
      raw = await store.read();
    } catch (e) {
      return { cache, status: { entries: 0, dropped: `unreadable (${(e as Error).message})` } };
    }
    if (!raw) return { cache, status: { entries: 0, dropped: 'no cache yet' } };
    const read = readCacheFile(raw, parserVersion);
    if (!read.ok) {
      cache.changed = true;
      return { cache, status: { entries: 0, dropped: read.reason } };
    }
    cache.use(read.data);
    return { cache, status: { entries: cache.byKey.size } };
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
    const n = keyNumber(key);
    const fresh = this.fresh.get(n);
    if (fresh && sameKey(fresh.key, key) && fresh.model) {
      this.hits++;
      return fresh.model;
    }
    const k = this.byKey.get(n);
    if (k === undefined) {
      this.misses++;
      return undefined;
    }
    const { entries, ints, strings } = this.data;
    const e = k * ENTRY_WORDS;
    if (entries[e] >>> 0 !== key.h1 || entries[e + 1] >>> 0 !== key.h2 || entries[e + 2] !== key.length) {
      this.misses++;
      return undefined;
    }
    const last = e + ENTRY_WORDS >= entries.length;
    try {
      const reader = new ModelReader(
        ints, entries[e + 3], last ? ints.length : entries[e + ENTRY_WORDS + 3],
        strings, entries[e + 4], last ? strings.length : entries[e + ENTRY_WORDS + 4],
      );
      const model = lazy ? reader.readLazy() : reader.readModel();
      this.hits++;
      return model;
    } catch (err) {
      if (!(err instanceof CacheFormatError)) throw err;
      // Checksummed yet malformed: written by something else. Forget the entry; the note is re-parsed.
      this.byKey.delete(n);
      this.changed = true;
      this.misses++;
      return undefined;
    }
  }

  /** Remembers a freshly parsed model for the next save. */
  put(key: ContentKey, model: NoteModel, encoded?: EncodedModel): void {
    this.fresh.set(keyNumber(key), { key, model, encoded });
    this.changed = true;
  }

  /** True when a save would write something new (a note was parsed, or the stored file was bad). */
  get dirty(): boolean {
    return this.changed;
  }

  /**
   * Writes the entries of exactly these notes (their models from the cache
   * where they are there, else encoded from the note), atomically through
   * the store. Saves run one at a time; an error is returned, not thrown.
   */
  save(notes: Iterable<{ path: string; text: string; model: NoteModel }>): Promise<{ entries: number; bytes: number } | { error: string }> {
    const list = [...notes];
    const run = this.saving.then(() => this.saveNow(list));
    this.saving = run.catch(() => undefined);
    return run.catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }));
  }

  private async saveNow(notes: { path: string; text: string; model: NoteModel }[]): Promise<{ entries: number; bytes: number }> {
    if (!CACHE_SUPPORTED) return { entries: 0, bytes: 0 };
    const writer = new ModelWriter();
    const entries: number[] = [];
    const seen = new Set<number>();
    const { entries: oldEntries, ints: oldInts, strings: oldStrings } = this.data;
    const paths = new Set<string>();
    for (const note of notes) {
      const key = this.keyOf(note.path, note.text);
      paths.add(note.path);
      const n = keyNumber(key);
      if (seen.has(n)) continue;
      const intStart = writer.intLength;
      const charStart = writer.charLength;
      const k = this.byKey.get(n);
      const fresh = this.fresh.get(n);
      let written = true;
      if (fresh?.encoded && sameKey(fresh.key, key)) {
        writer.writeRaw(fresh.encoded.ints, fresh.encoded.strings);
      } else if (k !== undefined && !(fresh && sameKey(fresh.key, key)) && sameEntryKey(oldEntries, k, key)) {
        const e = k * ENTRY_WORDS;
        const last = e + ENTRY_WORDS >= oldEntries.length;
        writer.writeRaw(
          oldInts.subarray(oldEntries[e + 3], last ? oldInts.length : oldEntries[e + ENTRY_WORDS + 3]),
          oldStrings.slice(oldEntries[e + 4], last ? oldStrings.length : oldEntries[e + ENTRY_WORDS + 4]),
        );
      } else {
        written = writer.writeModel(note.model);
      }
      if (!written) continue;
      seen.add(n);
      entries.push(key.h1 | 0, key.h2 | 0, key.length, intStart, charStart);
    }
    // Deleted notes' texts need not stay reachable from here.
    for (const path of this.keys.keys()) if (!paths.has(path)) this.keys.delete(path);
    const { ints, strings } = writer.finish();
    const table = Int32Array.from(entries);
    const bytes = writeCacheFile(this.parserVersion, table, ints, strings);
    await this.store.write(bytes);
    // What is on disk now is what the next save copies from.
    this.use({ entries: table, ints: ints.slice(), strings });
    this.fresh.clear();
    this.changed = false;
    return { entries: table.length / ENTRY_WORDS, bytes: bytes.length };
  }

  private use(data: CacheFileData): void {
    this.data = data;
    this.byKey = new Map();
    const { entries } = data;
    for (let k = 0, e = 0; e < entries.length; k++, e += ENTRY_WORDS) {
      this.byKey.set(keyNumber({ h1: entries[e] >>> 0, h2: entries[e + 1] >>> 0, length: entries[e + 2] }), k);
    }
  }
}

function sameKey(a: ContentKey, b: ContentKey): boolean {
  return a.h1 === b.h1 && a.h2 === b.h2 && a.length === b.length;
}

function sameEntryKey(entries: Int32Array, k: number, key: ContentKey): boolean {
  const e = k * ENTRY_WORDS;
  return entries[e] >>> 0 === key.h1 && entries[e + 1] >>> 0 === key.h2 && entries[e + 2] === key.length;
}
