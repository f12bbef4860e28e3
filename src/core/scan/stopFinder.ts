/**
 * Where the inline tokenizer must look next when no email can start (most
 * of a note): the next character that may start a construct, found by one
 * indexOf per kind of character (native, many times faster than a loop over
 * charCodeAt), each answer kept until the tokenizer passes it. Kinds that do
 * not occur in the text drop out at the first search.
 *
 * Besides the punctuation the tokenizer handles and line endings, a stop is
 * the start of `www.` (any case) and the places where `http` or `https`
 * would start before a `://`. Stopping where nothing starts does nothing
 * (the tokenizer moves on), so these only need to include every place where
 * something may start.
 */
const NEEDLES = ['\\', '`', '$', '<', '!', '[', ']', '*', '_', '~', '=', '\n', '\r', '.', '://'];
/** `.`: a stop 3 before it when `www` precedes it. */
const WWW = NEEDLES.indexOf('.');
/** `://`: stops 5 and 4 before it (`https`, `http`). */
const PROTOCOL = NEEDLES.indexOf('://');

function isW(c: number): boolean {
  return c === 119 || c === 87;
}

export class StopFinder {
  private s = '';
  /** Queries from here on are answered by the cached positions. */
  private from = 0;
  /** Per needle: its first occurrence that may still give a stop at or after `from` (Int32: see LineCursor.saved). */
  private readonly at = new Int32Array(NEEDLES.length);
  /** Needles still found in the text, and how many. */
  private readonly live = new Int32Array(NEEDLES.length);
  private count = 0;

  /** Forgets the text. */
  clear(): void {
    this.s = '';
    this.from = 0;
    this.count = 0;
  }

  /** The first stop in s[i, to), or `to`. */
  next(s: string, i: number, to: number): number {
    this.sync(s, i);
    const at = this.at;
    const live = this.live;
    let min = to;
    for (let n = 0; n < this.count; n++) {
      const k = live[n];
      const p = this.advance(k, at[k], i);
      if (p < 0) {
        live[n--] = live[--this.count];
        continue;
      }
      at[k] = p;
      const stop = k === WWW ? p - 3 : k === PROTOCOL ? (p - 5 >= i ? p - 5 : p - 4) : p;
      if (stop < min) min = stop;
    }
    return min;
  }

  /** Whether a `www.` starts in s[i, to) (the autolink transform may then find a URL). */
  hasWww(s: string, i: number, to: number): boolean {
    this.sync(s, i);
    for (let n = 0; n < this.count; n++) {
      const k = this.live[n];
      if (k !== WWW) continue;
      const p = this.advance(k, this.at[k], i);
      if (p < 0) {
        this.live[n] = this.live[--this.count];
        return false;
      }
      this.at[k] = p;
      return p - 3 < to;
    }
    return false;
  }

  private sync(s: string, i: number): void {
    if (s !== this.s || i < this.from) this.reset(s, i);
    this.from = i;
  }

  /** The occurrence of needle k that gives the first stop at or after i, from p (its last answer) on; -1 when none. */
  private advance(k: number, p: number, i: number): number {
    const s = this.s;
    if (k === WWW) {
      while (p - 3 < i || !(isW(s.charCodeAt(p - 1)) && isW(s.charCodeAt(p - 2)) && isW(s.charCodeAt(p - 3)))) {
        p = s.indexOf('.', p + 1);
        if (p < 0) return -1;
      }
      return p;
    }
    if (k === PROTOCOL) {
      while (p - 4 < i) {
        p = s.indexOf('://', p + 1);
        if (p < 0) return -1;
      }
      return p;
    }
    return p < i ? s.indexOf(NEEDLES[k], i) : p;
  }

  private reset(s: string, i: number): void {
    this.s = s;
    this.count = 0;
    for (let k = 0; k < NEEDLES.length; k++) {
      const p = s.indexOf(NEEDLES[k], i);
      if (p < 0) continue;
      this.at[k] = p;
      this.live[this.count++] = k;
    }
  }
}
