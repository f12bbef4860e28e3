/**
 * The searchable form of the completion table's names: one lower-cased
 * string holding them all, so one indexOf scans every name.
 */

/** Separates names in the search strings; no name a user types holds it (names that do are searched one by one). */
export const SEP = '\0';

/** One searchable text per entry, joined, so one indexOf scans them all. */
export interface Haystack {
  /** SEP + text of entry 0 + SEP + text of entry 1 …, lower-cased. */
  blob: string;
  /** Where each entry's text starts in blob. */
  starts: Int32Array;
  entries: Int32Array;
  /** Entries whose text holds SEP (the blob has an empty text for them), checked one by one: index → text. */
  odd: Map<number, string>;
}

/** The haystack of these texts (lower-cased here) for these entries. */
export function haystack(texts: readonly string[], entries: Int32Array): Haystack {
  const starts = new Int32Array(texts.length);
  const odd = new Map<number, string>();
  let at = 0;
  for (let i = 0; i < texts.length; i++) {
    if (texts[i].indexOf(SEP) !== -1) odd.set(i, texts[i].toLowerCase());
    starts[i] = at + 1;
    at += 1 + (odd.has(i) ? 0 : texts[i].length);
  }
  const raw = SEP + texts.map((t, i) => (odd.has(i) ? '' : t)).join(SEP);
  // One toLowerCase for the whole blob. Lower-casing never shortens a UTF-16 string and only
  // 'İ' lengthens one, so equal lengths mean every name kept its offsets; SEP, not being
  // case-ignorable, ends a word for the final-sigma rule just as the end of a name does.
  let blob = raw.toLowerCase();
  if (blob.length !== raw.length) {
    blob = SEP + texts.map((t, i) => (odd.has(i) ? '' : t.toLowerCase())).join(SEP);
    at = 0;
    for (let i = 0; i < texts.length; i++) {
      starts[i] = at + 1;
      at += 1 + (odd.has(i) ? 0 : texts[i].toLowerCase().length);
    }
  }
  return { blob, starts, entries, odd };
}

/** The text of entry i as the blob holds it. */
export function textOf(hay: Haystack, i: number): string {
  const end = i + 1 < hay.starts.length ? hay.starts[i + 1] - 1 : hay.blob.length;
  return hay.blob.slice(hay.starts[i], end);
}

/**
 * A pattern matching q as a subsequence inside one name: q0, then anything
 * but SEP and q1, then q1, and so on. Excluding the next wanted character
 * makes the match the greedy leftmost one, which exists exactly when q is a
 * subsequence, and keeps backtracking linear. Code units, like the loop in
 * isSubsequence, so no `u` flag.
 */
export function subsequencePattern(q: string): RegExp {
  const unit = (i: number) => '\\u' + q.charCodeAt(i).toString(16).padStart(4, '0');
  let source = unit(0);
  for (let i = 1; i < q.length; i++) source += `[^\\0${unit(i)}]*${unit(i)}`;
  return new RegExp(source, 'g');
}

/** Index of the entry whose text holds blob position p (the last start ≤ p). */
export function entryAt(starts: Int32Array, p: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= p) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
