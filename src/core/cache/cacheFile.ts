/**
 * The bytes of a parse cache file. Little-endian 32-bit words:
 *
 *     0 magic 'MMNC'   1 format version   2 parser-version byte length P
 *     3 entry count E  4 number count I   5 string byte length B
 *     6 checksum of every word after the header   7 reserved (0)
 *     parser version (UTF-8, P bytes, padded to 4)
 *     E entries × 5 words: hash h1, hash h2, text length, first number, first string char
 *     I numbers (the models, see modelCodec.ts)
 *     B bytes: every string of every model, UTF-8, padded to 4
 *
 * Reading checks the sizes against the file length, the checksum, the
 * versions and that entries are in order; a file that fails any check is
 * foreign or corrupt and is reported as such, never partly used.
 */
import { wordsChecksum } from './contentHash';
import { MODEL_CODEC_VERSION } from './modelCodec';

const MAGIC = 0x434e4d4d; // 'MMNC' read as a little-endian word
const HEADER_WORDS = 8;
export const ENTRY_WORDS = 5;
/** The file layout above; the model layout has its own version. */
export const CACHE_FILE_VERSION = 1 * 1000 + MODEL_CODEC_VERSION;

/** A cache file's contents, checked and ready to index. */
export interface CacheFileData {
  /** E × ENTRY_WORDS words, see above. */
  entries: Int32Array;
  ints: Int32Array;
  strings: string;
}

export type CacheFileRead = { ok: true; data: CacheFileData } | { ok: false; reason: string };

/** The words are the host's own int32s: on a big-endian host (no platform VS Code ships for) the cache is off. */
export const CACHE_SUPPORTED = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Builds the file bytes. */
export function writeCacheFile(parserVersion: string, entries: Int32Array, ints: Int32Array, strings: string): Uint8Array {
  const version = new TextEncoder().encode(parserVersion);
  const text = new TextEncoder().encode(strings);
  const pWords = (version.length + 3) >> 2;
  const bWords = (text.length + 3) >> 2;
  const total = HEADER_WORDS + pWords + entries.length + ints.length + bWords;
  const words = new Int32Array(total);
  const bytes = new Uint8Array(words.buffer);
  let at = HEADER_WORDS;
  bytes.set(version, at * 4);
  at += pWords;
  words.set(entries, at);
  at += entries.length;
  words.set(ints, at);
  at += ints.length;
  bytes.set(text, at * 4);
  words[0] = MAGIC;
  words[1] = CACHE_FILE_VERSION;
  words[2] = version.length;
  words[3] = entries.length / ENTRY_WORDS;
  words[4] = ints.length;
  words[5] = text.length;
  words[6] = wordsChecksum(words.subarray(HEADER_WORDS));
  return bytes;
}

/** Checks and splits file bytes; never throws. */
export function readCacheFile(raw: Uint8Array, parserVersion: string): CacheFileRead {
  if (!CACHE_SUPPORTED) return { ok: false, reason: 'big-endian host' };
  if (raw.length < HEADER_WORDS * 4 || raw.length % 4 !== 0) return { ok: false, reason: 'not a cache file (size)' };
  // An Int32Array view needs 4-byte alignment; Node's pooled buffers may not have it.
  const bytes = raw.byteOffset % 4 === 0 ? raw : raw.slice();
  const words = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  if (words[0] !== MAGIC) return { ok: false, reason: 'not a cache file (magic)' };
  if (words[1] !== CACHE_FILE_VERSION) return { ok: false, reason: `cache format ${words[1]}, expected ${CACHE_FILE_VERSION}` };
  const [p, e, i, b] = [words[2], words[3], words[4], words[5]];
  if (p < 0 || e < 0 || i < 0 || b < 0 || words[7] !== 0) return { ok: false, reason: 'corrupt header' };
  const pWords = (p + 3) >> 2;
  const expected = HEADER_WORDS + pWords + e * ENTRY_WORDS + i + ((b + 3) >> 2);
  if (expected !== words.length) return { ok: false, reason: `truncated or padded (${words.length} words, header says ${expected})` };
  if (wordsChecksum(words.subarray(HEADER_WORDS)) !== words[6] >>> 0) return { ok: false, reason: 'checksum mismatch' };
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let version: string;
  let strings: string;
  let at = HEADER_WORDS;
  try {
    version = decoder.decode(bytes.subarray(at * 4, at * 4 + p));
    at += pWords;
    const entries = words.subarray(at, at + e * ENTRY_WORDS);
    at += e * ENTRY_WORDS;
    const ints = words.subarray(at, at + i);
    at += i;
    if (version !== parserVersion) return { ok: false, reason: `parser version '${version}', expected '${parserVersion}'` };
    strings = decoder.decode(bytes.subarray(at * 4, at * 4 + b));
    if (!entriesInOrder(entries, i, strings.length)) return { ok: false, reason: 'corrupt entry table' };
    return { ok: true, data: { entries, ints, strings } };
  } catch {
    return { ok: false, reason: 'invalid UTF-8' };
  }
}

function entriesInOrder(entries: Int32Array, intCount: number, charCount: number): boolean {
  let lastInt = 0;
  let lastChar = 0;
  for (let k = 0; k < entries.length; k += ENTRY_WORDS) {
    const length = entries[k + 2];
    const intStart = entries[k + 3];
    const charStart = entries[k + 4];
    if (length < 0 || intStart < lastInt || charStart < lastChar || intStart > intCount || charStart > charCount) return false;
    lastInt = intStart;
    lastChar = charStart;
  }
  return true;
}
