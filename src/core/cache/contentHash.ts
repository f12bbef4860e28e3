/**
 * A fast, non-cryptographic 64-bit hash of a note's text (two 32-bit lanes
 * over UTF-16 code units, murmur3-style mixing), plus the length. It only
 * has to tell unchanged notes from changed ones: nobody gains anything by
 * forging a collision in their own vault, and with the length as a third
 * component a chance collision at 50,000 notes is about 1 in 10^10.
 */
export interface ContentKey {
  readonly h1: number;
  readonly h2: number;
  /** Length of the text in UTF-16 units. */
  readonly length: number;
}

/** Hashes a text; the same text always gives the same key, on every platform. */
export function contentKey(text: string): ContentKey {
  const n = text.length;
  let h1 = 0x9747b28c ^ n;
  let h2 = 0x2f8b1d35 ^ n;
  let i = 0;
  // Two code units per step: the loop is what a warm start pays per byte of the vault.
  for (; i + 1 < n; i += 2) {
    let k = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h1 ^= k;
    h1 = (h1 << 13) | (h1 >>> 19);
    h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
    h2 = Math.imul(h2 ^ k, 0x85ebca6b);
    h2 ^= h2 >>> 15;
  }
  if (i < n) {
    const k = Math.imul(text.charCodeAt(i), 0xcc9e2d51);
    h1 ^= k;
    h2 = Math.imul(h2 ^ k, 0x85ebca6b);
  }
  return { h1: fmix(h1 ^ h2), h2: fmix(h2 + Math.imul(h1, 0x27d4eb2f)), length: n };
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A number that identifies a key well enough for a Map lookup (the full key is compared after). */
export function keyNumber(k: ContentKey): number {
  // 32 bits of h1 and 21 bits of h2: the largest integer a double holds exactly.
  return k.h1 * 0x200000 + (k.h2 & 0x1fffff);
}

/**
 * Checksum of words[start, end) (for the cache file: its tables, and each
 * entry's data). Two running sums (Fletcher-style) rather than a mixing
 * hash: it runs over every entry a warm start decodes, at about a
 * nanosecond a word, and it only has to catch a torn or bit-flipped file,
 * which it does (any one changed word changes the first sum, swapped ones
 * the second; every single-bit flip of a cache file is tested).
 */
export function wordsChecksum(words: Int32Array, start: number, end: number): number {
  let s1 = end - start;
  let s2 = 0;
  for (let i = start; i < end; i++) {
    s1 = (s1 + words[i]) | 0;
    s2 = (s2 + s1) | 0;
  }
  // Both sums through a mixer: a plain combination of them lets related changes to both cancel out.
  return fmix((fmix(s1 >>> 0) ^ s2) >>> 0) | 0;
}
