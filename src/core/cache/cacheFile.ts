/**
 * The bytes of a parse cache file. Little-endian 32-bit words:
 *
 *     0 magic 'MMNC'   1 format version   2 parser-version byte length P
 *     3 entry count E  4 stat record count R  5 path byte length T
 *     6 number count I (all entries' numbers, decoded)  7 data byte length D
 *     8 checksum of the header and the tables (everything before the data)
 *     9 index snapshot word count S   10 its string byte length U   11 reserved (0)
 *     parser version (UTF-8, P bytes, padded to 4)
 *     E entries × 8 words: hash h1, hash h2, text length, first number (in
 *       the decoded numbers), data start (a multiple of 4), byte length of
 *       its numbers, byte length of its strings, checksum of its data
 *     R stat records × 7 words: entry, size, mtimeMs (float64), ctimeMs
 *       (float64), path length in UTF-16 units
 *     T bytes: the records' paths, UTF-8, one after the other, padded to 4
 *     S words and U bytes (UTF-8, padded to 4): what the index knew at the
 *       save, per stat record (see indexSnapshot.ts); S = 0 when nothing
 *     D bytes: per entry, its numbers (modelCodec's, as zigzag varints:
 *       most are small, so ~1 byte instead of 4) then its strings (UTF-8),
 *       each part padded to 4 with zeros
 *
 * Opening checks what is cheap and needed to look anything up: the sizes
 * against the file length, the versions, the tables' checksum and order.
 * The data (nearly all of the file) is checked one entry at a time, when
 * that entry is first used (`entryIntact`), and decoded on each use
 * (`decodeEntry`): a warm start pays for the entries it uses, not for a
 * pass over the whole file first, and the file is half what plain 32-bit
 * numbers take, which is what reading it costs. A file that fails an opening check is foreign or
 * corrupt and is not used at all; an entry that fails its checksum or
 * does not decode is a miss. A stat record says: the file at this path,
 * with this size and these times, has the text of this entry (see
 * ParseCache.deferredByStat).
 */
import { wordsChecksum } from './contentHash';
import { MODEL_CODEC_VERSION } from './modelCodec';

const MAGIC = 0x434e4d4d; // 'MMNC' read as a little-endian word
const HEADER_WORDS = 12;
export const ENTRY_WORDS = 8;
export const STAT_WORDS = 7;
/** The file layout above; the model layout has its own version. */
export const CACHE_FILE_VERSION = 4 * 1000 + MODEL_CODEC_VERSION;

/** A cache file's tables, checked, and its data, checked and decoded entry by entry on use. */
export interface CacheFileData {
  /** E × ENTRY_WORDS words, see above. */
  entries: Int32Array;
  /** I: every entry's numbers, once decoded. */
  intCount: number;
  /** The data bytes, and the same as words (for checksums). */
  bytes: Uint8Array;
  byteWords: Int32Array;
  /** R × STAT_WORDS words, see above. */
  stats: Int32Array;
  /** Path of each stat record. */
  paths: string[];
  /** The index snapshot's words and strings (see indexSnapshot.ts), checked with the tables but decoded by its reader. */
  snapshot: { words: Int32Array; strings: string };
}

export type CacheFileRead = { ok: true; data: CacheFileData } | { ok: false; reason: string };

/** The words are the host's own int32s: on a big-endian host (no platform VS Code ships for) the cache is off. */
export const CACHE_SUPPORTED = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * One entry to write: its key and its model's numbers and strings, either
 * as modelCodec writes them or as an older file stored them (copied as
 * they are, see rawEntry).
 */
export type EntryToWrite = { h1: number; h2: number; length: number } & (
  | { ints: Int32Array; strings: string }
  | { raw: { intCount: number; numbers: Uint8Array; strings: Uint8Array } }
);

/** One stat record to write. */
export interface StatToWrite {
  path: string;
  /** Index of the entry in the list written. */
  entry: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

const NO_SNAPSHOT = { words: new Int32Array(0), strings: '' };
const f64 = new Float64Array(1);
const f64Words = new Int32Array(f64.buffer);
const pad4 = (n: number) => (n + 3) & ~3;

/** Builds the file bytes. */
export function writeCacheFile(
  parserVersion: string,
  entries: readonly EntryToWrite[],
  stats: readonly StatToWrite[] = [],
  snapshot: { words: Int32Array; strings: string } = NO_SNAPSHOT,
): Uint8Array {
  const encoder = new TextEncoder();
  const version = encoder.encode(parserVersion);
  const paths = encoder.encode(stats.map((s) => s.path).join(''));
  const snapshotBytes = encoder.encode(snapshot.strings);
  const sWords = snapshot.words.length;
  const uWords = pad4(snapshotBytes.length) >> 2;
  const parts = entries.map((e) =>
    'raw' in e ? e.raw : { intCount: e.ints.length, numbers: encodeNumbers(e.ints), strings: encoder.encode(e.strings) },
  );
  let intCount = 0;
  let dataLength = 0;
  for (const p of parts) {
    intCount += p.intCount;
    dataLength += pad4(p.numbers.length) + pad4(p.strings.length);
  }
  const pWords = pad4(version.length) >> 2;
  const tWords = pad4(paths.length) >> 2;
  const tablesEnd = HEADER_WORDS + pWords + entries.length * ENTRY_WORDS + stats.length * STAT_WORDS + tWords + sWords + uWords;
  const words = new Int32Array(tablesEnd + (dataLength >> 2));
  const bytes = new Uint8Array(words.buffer);
  bytes.set(version, HEADER_WORDS * 4);
  let e = HEADER_WORDS + pWords;
  const dataAt = tablesEnd * 4;
  let i = 0;
  let d = 0;
  for (let k = 0; k < entries.length; k++, e += ENTRY_WORDS) {
    const { h1, h2, length } = entries[k];
    const { intCount: n, numbers, strings } = parts[k];
    const size = pad4(numbers.length) + pad4(strings.length);
    bytes.set(numbers, dataAt + d);
    bytes.set(strings, dataAt + d + pad4(numbers.length));
    words[e] = h1;
    words[e + 1] = h2;
    words[e + 2] = length;
    words[e + 3] = i;
    words[e + 4] = d;
    words[e + 5] = numbers.length;
    words[e + 6] = strings.length;
    words[e + 7] = wordsChecksum(words, tablesEnd + (d >> 2), tablesEnd + ((d + size) >> 2));
    i += n;
    d += size;
  }
  for (const s of stats) {
    words[e] = s.entry;
    words[e + 1] = s.size;
    f64[0] = s.mtimeMs;
    words[e + 2] = f64Words[0];
    words[e + 3] = f64Words[1];
    f64[0] = s.ctimeMs;
    words[e + 4] = f64Words[0];
    words[e + 5] = f64Words[1];
    words[e + 6] = s.path.length;
    e += STAT_WORDS;
  }
  bytes.set(paths, e * 4);
  const snapshotAt = e + tWords;
  words.set(snapshot.words, snapshotAt);
  bytes.set(snapshotBytes, (snapshotAt + sWords) * 4);
  words[0] = MAGIC;
  words[1] = CACHE_FILE_VERSION;
  words[2] = version.length;
  words[3] = entries.length;
  words[4] = stats.length;
  words[5] = paths.length;
  words[6] = intCount;
  words[7] = dataLength;
  words[9] = sWords;
  words[10] = snapshotBytes.length;
  words[8] = tablesChecksum(words, tablesEnd);
  return bytes;
}

/** The header's size in bytes: read it first to learn how much more `tablesLength` needs. */
export const HEADER_BYTES = HEADER_WORDS * 4;

/** The byte length of the header and tables (everything before the data) a header announces; undefined when it is no header. */
export function tablesLength(header: Uint8Array): number | undefined {
  if (header.length < HEADER_BYTES) return undefined;
  const copy = new Uint8Array(HEADER_BYTES);
  copy.set(header.subarray(0, HEADER_BYTES));
  const words = new Int32Array(copy.buffer);
  const [p, e, r, t, sw, u] = [words[2], words[3], words[4], words[5], words[9], words[10]];
  if (words[0] !== MAGIC || p < 0 || e < 0 || r < 0 || t < 0 || sw < 0 || u < 0) return undefined;
  return (HEADER_WORDS + (pad4(p) >> 2) + e * ENTRY_WORDS + r * STAT_WORDS + (pad4(t) >> 2) + sw + (pad4(u) >> 2)) * 4;
}

/**
 * Checks the header and tables and splits the file; never throws. Each
 * entry's data is checked on use (`entryIntact`). `raw` may hold only the
 * header and tables of a file of `fileLength` bytes: the data is then read
 * by `readData` when first used (a bad read makes every entry a miss).
 */
export function readCacheFile(raw: Uint8Array, parserVersion: string, fileLength = raw.length, readData?: () => Uint8Array | undefined): CacheFileRead {
  if (!CACHE_SUPPORTED) return { ok: false, reason: 'big-endian host' };
  if (raw.length < HEADER_WORDS * 4 || raw.length % 4 !== 0 || fileLength % 4 !== 0) return { ok: false, reason: 'not a cache file (size)' };
  // An Int32Array view needs 4-byte alignment; Node's pooled buffers may not have it.
  const bytes = raw.byteOffset % 4 === 0 ? raw : copyOf(raw);
  const words = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  if (words[0] !== MAGIC) return { ok: false, reason: 'not a cache file (magic)' };
  if (words[1] !== CACHE_FILE_VERSION) return { ok: false, reason: `cache format ${words[1]}, expected ${CACHE_FILE_VERSION}` };
  const [p, e, r, t, i, d, sw, u] = [words[2], words[3], words[4], words[5], words[6], words[7], words[9], words[10]];
  if (p < 0 || e < 0 || r < 0 || t < 0 || i < 0 || d < 0 || d % 4 !== 0 || sw < 0 || u < 0 || words[11] !== 0) {
    return { ok: false, reason: 'corrupt header' };
  }
  const tablesEnd = HEADER_WORDS + (pad4(p) >> 2) + e * ENTRY_WORDS + r * STAT_WORDS + (pad4(t) >> 2) + sw + (pad4(u) >> 2);
  const expected = tablesEnd + (d >> 2);
  if (expected !== fileLength / 4) return { ok: false, reason: `truncated or padded (${fileLength / 4} words, header says ${expected})` };
  if (words.length < tablesEnd || (words.length !== expected && !readData)) return { ok: false, reason: 'tables not read' };
  if (tablesChecksum(words, tablesEnd) !== words[8]) return { ok: false, reason: 'checksum mismatch' };
  let at = HEADER_WORDS;
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const version = decoder.decode(bytes.subarray(at * 4, at * 4 + p));
    if (version !== parserVersion) return { ok: false, reason: `parser version '${version}', expected '${parserVersion}'` };
    at += pad4(p) >> 2;
    const entries = words.subarray(at, (at += e * ENTRY_WORDS));
    const stats = words.subarray(at, (at += r * STAT_WORDS));
    const allPaths = decoder.decode(bytes.subarray(at * 4, at * 4 + t));
    at += pad4(t) >> 2;
    const snapshot = { words: words.subarray(at, at + sw), strings: decoder.decode(bytes.subarray((at + sw) * 4, (at + sw) * 4 + u)) };
    if (!entriesInOrder(entries, i, d)) return { ok: false, reason: 'corrupt entry table' };
    const paths = splitPaths(allPaths, stats, e);
    if (!paths) return { ok: false, reason: 'corrupt stat table' };
    const tables = { entries, intCount: i, stats, paths, snapshot };
    if (words.length === expected) return { ok: true, data: { ...tables, bytes: bytes.subarray(tablesEnd * 4), byteWords: words.subarray(tablesEnd) } };
    return { ok: true, data: withDataOnDemand(tables, d, readData!) };
  } catch {
    return { ok: false, reason: 'invalid UTF-8' };
  }
}

/** A copy at offset 0 (a Node Buffer's `slice` is a view, at the same offset). */
function copyOf(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  return out;
}

/** Cache data whose bytes are read when first used; when they cannot be, zeros, which no entry's checksum matches. */
function withDataOnDemand(tables: Omit<CacheFileData, 'bytes' | 'byteWords'>, dataLength: number, readData: () => Uint8Array | undefined): CacheFileData {
  let bytes: Uint8Array | undefined;
  let byteWords: Int32Array | undefined;
  const load = () => {
    let got = readData();
    if (!got || got.length !== dataLength) got = new Uint8Array(dataLength);
    bytes = got.byteOffset % 4 === 0 ? got : copyOf(got);
    byteWords = new Int32Array(bytes.buffer, bytes.byteOffset, dataLength / 4);
  };
  return {
    ...tables,
    get bytes() {
      if (!bytes) load();
      return bytes!;
    },
    get byteWords() {
      if (!byteWords) load();
      return byteWords!;
    },
  };
}

/** Entry `k`'s number count, and where its strings' bytes are in data.bytes: [count, strStart, strEnd]. */
export function entryBounds(data: CacheFileData, k: number): [intCount: number, strStart: number, strEnd: number] {
  const { entries } = data;
  const e = k * ENTRY_WORDS;
  const last = e + ENTRY_WORDS >= entries.length;
  const strStart = entries[e + 4] + pad4(entries[e + 5]);
  return [(last ? data.intCount : entries[e + ENTRY_WORDS + 3]) - entries[e + 3], strStart, strStart + entries[e + 6]];
}

/** True when entry `k`'s data is what was written: its checksum matches (the caller remembers the answer). */
export function entryIntact(data: CacheFileData, k: number): boolean {
  const { entries, byteWords } = data;
  const e = k * ENTRY_WORDS;
  const start = entries[e + 4];
  const end = start + pad4(entries[e + 5]) + pad4(entries[e + 6]);
  return wordsChecksum(byteWords, start >> 2, end >> 2) === entries[e + 7];
}

/**
 * Decodes entry `k`'s numbers into out[0, count), `out` being at least
 * entryBounds' count long; false when the bytes do not hold exactly that
 * many numbers. Decoded on every use, never kept: a warm start decodes
 * each entry into one reused buffer instead of filling ~4 bytes a number
 * of fresh memory.
 */
export function decodeEntry(data: CacheFileData, k: number, out: Int32Array): boolean {
  const e = k * ENTRY_WORDS;
  const start = data.entries[e + 4];
  return decodeNumbers(data.bytes, start, start + data.entries[e + 5], out, 0, entryBounds(data, k)[0]);
}

/** The stored form of entry `k`, to copy into a new file unchanged (after entryIntact said it is). */
export function rawEntry(data: CacheFileData, k: number): { intCount: number; numbers: Uint8Array; strings: Uint8Array } {
  const [intCount, strStart, strEnd] = entryBounds(data, k);
  const start = data.entries[k * ENTRY_WORDS + 4];
  return {
    intCount,
    numbers: data.bytes.subarray(start, start + data.entries[k * ENTRY_WORDS + 5]),
    strings: data.bytes.subarray(strStart, strEnd),
  };
}

/** A stat record's fields. */
export function statRecord(data: CacheFileData, r: number): { entry: number; size: number; mtimeMs: number; ctimeMs: number } {
  const s = data.stats;
  const w = r * STAT_WORDS;
  f64Words[0] = s[w + 2];
  f64Words[1] = s[w + 3];
  const mtimeMs = f64[0];
  f64Words[0] = s[w + 4];
  f64Words[1] = s[w + 5];
  return { entry: s[w], size: s[w + 1], mtimeMs, ctimeMs: f64[0] };
}

/** True when stat record `r` holds exactly this size and these times (no object made: a warm start asks 10,000 times). */
export function statMatches(data: CacheFileData, r: number, stat: { size: number; mtimeMs: number; ctimeMs: number }): boolean {
  const s = data.stats;
  const w = r * STAT_WORDS;
  if (s[w + 1] !== stat.size) return false;
  f64[0] = stat.mtimeMs;
  if (s[w + 2] !== f64Words[0] || s[w + 3] !== f64Words[1]) return false;
  f64[0] = stat.ctimeMs;
  return s[w + 4] === f64Words[0] && s[w + 5] === f64Words[1];
}

/** The entry stat record `r` points at. */
export function statEntry(data: CacheFileData, r: number): number {
  return data.stats[r * STAT_WORDS];
}

/** Numbers as zigzag varints: 7 bits a byte, the high bit set on all but a number's last byte. */
function encodeNumbers(ints: Int32Array): Uint8Array {
  let length = 0;
  for (let i = 0; i < ints.length; i++) {
    const z = ((ints[i] << 1) ^ (ints[i] >> 31)) >>> 0;
    length += z < 0x80 ? 1 : z < 0x4000 ? 2 : z < 0x200000 ? 3 : z < 0x10000000 ? 4 : 5;
  }
  const out = new Uint8Array(length);
  let p = 0;
  for (let i = 0; i < ints.length; i++) {
    let z = ((ints[i] << 1) ^ (ints[i] >> 31)) >>> 0;
    while (z >= 0x80) {
      out[p++] = (z & 0x7f) | 0x80;
      z >>>= 7;
    }
    out[p++] = z;
  }
  return out;
}

/** Decodes exactly out[at, end) from exactly bytes[from, to); false when they do not fit each other. */
function decodeNumbers(bytes: Uint8Array, from: number, to: number, out: Int32Array, at: number, end: number): boolean {
  let p = from;
  for (let n = at; n < end; n++) {
    if (p >= to) return false;
    let b = bytes[p++];
    let z = b & 0x7f;
    for (let shift = 7; b >= 0x80; shift += 7) {
      if (p >= to || shift > 28) return false;
      b = bytes[p++];
      z |= (b & 0x7f) << shift;
    }
    out[n] = (z >>> 1) ^ -(z & 1);
  }
  return p === to;
}

/** The checksum in word 8: the header's other words and every table (the part a lookup trusts before any entry is checked). */
function tablesChecksum(words: Int32Array, tablesEnd: number): number {
  return wordsChecksum(words, 9, tablesEnd) ^ Math.imul(wordsChecksum(words, 0, 8), 0x9e3779b1);
}

function entriesInOrder(entries: Int32Array, intCount: number, dataLength: number): boolean {
  let dataEnd = 0;
  for (let k = 0; k < entries.length; k += ENTRY_WORDS) {
    const length = entries[k + 2];
    const intStart = entries[k + 3];
    const start = entries[k + 4];
    const numbers = entries[k + 5];
    const strings = entries[k + 6];
    const intEnd = k + ENTRY_WORDS < entries.length ? entries[k + ENTRY_WORDS + 3] : intCount;
    // Every number takes at least one byte.
    if (length < 0 || intStart < 0 || intEnd < intStart || intEnd > intCount || intEnd - intStart > numbers) return false;
    if (start % 4 !== 0 || start < dataEnd || numbers < 0 || strings < 0 || start + pad4(numbers) + pad4(strings) > dataLength) return false;
    dataEnd = start + pad4(numbers) + pad4(strings);
  }
  return true;
}

/** Each record's path, cut from the joined paths by the lengths in the records; undefined when they do not add up. */
function splitPaths(all: string, stats: Int32Array, entryCount: number): string[] | undefined {
  const paths: string[] = new Array(stats.length / STAT_WORDS);
  let at = 0;
  for (let r = 0, w = 0; w < stats.length; r++, w += STAT_WORDS) {
    const entry = stats[w];
    const length = stats[w + 6];
    if (entry < 0 || entry >= entryCount || stats[w + 1] < 0 || length <= 0 || at + length > all.length) return undefined;
    paths[r] = all.slice(at, (at += length));
  }
  return at === all.length ? paths : undefined;
}
