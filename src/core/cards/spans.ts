/**
 * Index structures that keep card extraction linear (or n log n) in the
 * size of a note. Extraction asks many small questions ("which links lie in
 * this sentence", "which highlights lie in this paragraph") of one big
 * note; answering each by scanning the whole note made a 10 MB note cost
 * O(cards × note). These answer in O(log n + answer).
 */

export interface Span {
  s: number;
  e: number;
}

/** First index in [lo, hi) whose key is >= x (keys ascending). */
export function lowerBound(n: number, key: (i: number) => number, x: number, lo = 0, hi = n): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(mid) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in [lo, hi) whose key is > x (keys ascending). */
export function upperBound(n: number, key: (i: number) => number, x: number, lo = 0, hi = n): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(mid) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Spans in any order (the parser's lists are not all sorted: literal ranges
 * come from the block and the inline pass), asked for those that reach into
 * a window. Sorted by start with a running maximum of ends, a query walks
 * back from the window's end only while some earlier span can still reach
 * the window: O(log n + k) for spans that do not nest, which is what the
 * parser produces for links, highlights and literal ranges.
 */
export class SpanIndex {
  private readonly order: Int32Array;
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  /** reach[i] = max end of the first i + 1 spans in start order. */
  private readonly reach: Float64Array;
  /** The spans came sorted: results then need no sort, only reversing. */
  private readonly identity: boolean;

  /** Span i is [starts[i], ends[i]). */
  constructor(starts: ArrayLike<number>, ends: ArrayLike<number>) {
    const n = starts.length;
    // Either bound may come first in a malformed span: index it by the interval it covers.
    const lo = new Float64Array(n);
    const hi = new Float64Array(n);
    let sorted = true;
    for (let i = 0; i < n; i++) {
      lo[i] = Math.min(starts[i], ends[i]);
      hi[i] = Math.max(starts[i], ends[i]);
      if (i && lo[i] < lo[i - 1]) sorted = false;
    }
    this.identity = sorted;
    if (sorted) {
      this.order = new Int32Array(n);
      for (let i = 0; i < n; i++) this.order[i] = i;
      [this.starts, this.ends] = [lo, hi];
    } else {
      const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => lo[a] - lo[b] || a - b);
      this.order = Int32Array.from(order);
      this.starts = Float64Array.from(order, (i) => lo[i]);
      this.ends = Float64Array.from(order, (i) => hi[i]);
    }
    this.reach = new Float64Array(n);
    let max = -Infinity;
    for (let k = 0; k < n; k++) this.reach[k] = max = Math.max(max, this.ends[k]);
  }

  /**
   * Indices, ascending (the order of the list given), of the spans that
   * touch [start, end]: start <= span end and span start <= end. A superset
   * of both "overlaps" and "lies inside"; callers keep their exact test.
   * Written into `out` (emptied first), which a caller may reuse.
   */
  touching(start: number, end: number, out: number[] = []): number[] {
    out.length = 0;
    const starts = this.starts;
    for (let k = upperBound(starts.length, (i) => starts[i], end) - 1; k >= 0 && this.reach[k] >= start; k--) {
      if (this.ends[k] >= start) out.push(this.order[k]);
    }
    // Walked backwards in start order; the caller's loop must keep the original list order.
    if (out.length > 1) this.identity ? out.reverse() : out.sort((a, b) => a - b);
    return out;
  }
}

export interface Edit {
  s: number;
  e: number;
  rep: string;
}

interface SeqEdit extends Edit {
  /** When it was added: the rules below depend on which of two edits came later. */
  seq: number;
}

const CHUNK = 64;

/**
 * The replacement edits of one render, with the rule of PlainRenderer: a
 * new edit that covers earlier ones replaces them, one that partly overlaps
 * an earlier edit is dropped. The rule was a scan of every edit, newest
 * first, for every new edit (quadratic in a large body); here the edits are
 * kept sorted in chunks, and only the few that can matter are looked at.
 *
 * What "the few" are: the kept edits never overlap (each was checked
 * against all others when added), so in start order their ends ascend too;
 * an edit that a new one [s, e] covers or overlaps has start <= e and
 * end >= s, a contiguous run around the new start. The newest-first order
 * of the old scan still decides the one subtle case: when the new edit is
 * dropped for an overlap, the covered edits newer than that overlap were
 * already removed by the scan, the older ones were not.
 */
export class EditSet {
  private readonly chunks: SeqEdit[][] = [];
  private seq = 0;

  /** Adds an edit (see the class comment); false when it was dropped. */
  add(s: number, e: number, rep: string): boolean {
    const chunks = this.chunks;
    // Insertion point (c, i): every edit before it starts before s.
    let c = lowerBound(chunks.length, (k) => chunks[k][chunks[k].length - 1].s, s);
    let i = c < chunks.length ? lowerBound(chunks[c].length, (k) => chunks[c][k].s, s) : 0;
    let newestOverlap = -1;
    // Before the insertion point only an overlap is possible (a covered edit starts at or after s).
    for (let bc = c, bi = i - 1; ; bi--) {
      if (bi < 0) {
        if (--bc < 0) break;
        bi = chunks[bc].length - 1;
      }
      const o = chunks[bc][bi];
      if (o.e < s) break;
      if (o.s < e && s < o.e) newestOverlap = Math.max(newestOverlap, o.seq);
    }
    let covered: [number, number, number][] | undefined;
    for (let fc = c, fi = i; fc < chunks.length; fi++) {
      if (fi >= chunks[fc].length) {
        fc++;
        fi = -1;
        continue;
      }
      const o = chunks[fc][fi];
      if (o.s > e) break;
      if (o.s >= s && o.e <= e) (covered ??= []).push([fc, fi, o.seq]);
      else if (o.s < e && s < o.e) newestOverlap = Math.max(newestOverlap, o.seq);
    }
    // Removed back to front, so earlier positions (and the insertion point) stay valid.
    for (let k = (covered?.length ?? 0) - 1; k >= 0; k--) {
      const [rc, ri, seq] = covered![k];
      if (seq > newestOverlap) chunks[rc].splice(ri, 1);
    }
    let kept = true;
    if (newestOverlap >= 0) kept = false;
    else {
      const edit: SeqEdit = { s, e, rep, seq: this.seq++ };
      if (c === chunks.length) {
        if (c === 0) chunks.push([]);
        else i = chunks[--c].length;
      }
      chunks[c].splice(i, 0, edit);
      if (chunks[c].length > 2 * CHUNK) chunks.splice(c + 1, 0, chunks[c].splice(CHUNK));
    }
    // A chunk emptied by removals would break the search by last start.
    if (covered) for (let k = Math.min(chunks.length - 1, c + 1 + covered.length); k >= c; k--) if (chunks[k].length === 0) chunks.splice(k, 1);
    return kept;
  }

  /** The edits, sorted by start (then end). */
  sorted(): readonly Edit[] {
    return this.chunks.length === 1 ? this.chunks[0] : this.chunks.flat();
  }
}
