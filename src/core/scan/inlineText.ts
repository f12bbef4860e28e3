/**
 * The content one inline scan reads, s[from, to), with the recognisers of
 * constructs that need nothing but the text: autolinks and inline HTML
 * (micromark's state machines), GFM's literal autolinks (www, http(s),
 * email), and bounded searches (indexOf would look past `to`, to the end of
 * the note, once per paragraph).
 */
import { classify, isAsciiAlpha, isAsciiAlphanumeric } from './chars';

export function isLineEnding(c: number): boolean {
  return c === 10 || c === 13;
}

/** The first `code` in s[from, to), or -1 (indexOf would look past `to`, to the end of the note). */
export function indexIn(s: string, code: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === code) return i;
  return -1;
}

/** GFM's atext for literal email autolinks. */
export function isGfmAtext(c: number): boolean {
  return c === 43 || c === 45 || c === 46 || c === 95 || isAsciiAlphanumeric(c);
}

/** micromark's markdownLineEndingOrSpace or unicodeWhitespace, or nothing (-1: before or after the content). */
function isWsOrNone(c: number): boolean {
  return c < 0 || classify(c) === 1;
}

/** micromark's asciiAtext: /[#-'*+\--9=?A-Z^-~]/. */
function isAsciiAtext(c: number): boolean {
  return (c >= 35 && c <= 39) || c === 42 || c === 43 || (c >= 45 && c <= 57) || c === 61 || c === 63 || (c >= 65 && c <= 90) || (c >= 94 && c <= 126);
}

export class InlineText {
  protected s = '';
  protected from = 0;
  protected to = 0;
  /** find()'s last answer per needle, so repeated failing searches stay linear. */
  protected memo: Map<string, [number, number]> | null = null;

  protected prev(i: number): number {
    return i > this.from ? this.s.charCodeAt(i - 1) : -1;
  }

  protected at(i: number): number {
    return i < this.to ? this.s.charCodeAt(i) : -1;
  }

  protected skipLineEnding(i: number): number {
    return this.s.charCodeAt(i) === 13 && this.at(i + 1) === 10 ? i + 2 : i + 1;
  }

  protected skipBlanks(i: number): number {
    while (i < this.to) {
      const c = this.s.charCodeAt(i);
      if (c !== 32 && c !== 9) break;
      i++;
    }
    return i;
  }

  /** `<scheme:…>` or `<email>`: the end, or -1. */
  protected autolink(i: number): number {
    let k = i + 1;
    let c = this.at(k);
    if (isAsciiAlpha(c)) {
      // Scheme (2–32 characters) or the start of an email.
      let n = 1;
      k++;
      for (;;) {
        c = this.at(k);
        if ((c === 43 || c === 45 || c === 46 || isAsciiAlphanumeric(c)) && n < 32) {
          n++;
          k++;
        } else break;
      }
      if (c === 58 && n >= 2) {
        for (k++; ; k++) {
          c = this.at(k);
          if (c === 62) return k + 1;
          if (c < 0 || c === 60 || c <= 32 || c === 127) break;
        }
      }
      k = i + 1;
    }
    // Email: atext, `@`, then labels of alphanumerics and inner dashes (at most 63), dot separated.
    for (;;) {
      c = this.at(k);
      if (isAsciiAtext(c)) k++;
      else break;
    }
    if (k === i + 1 || c !== 64) return -1;
    k++;
    let size = 0;
    let state = 0; // 0: at sign or dot, 1: label, 2: value
    for (;;) {
      c = this.at(k);
      if (state === 0) {
        if (!isAsciiAlphanumeric(c)) return -1;
        state = 2;
        continue;
      }
      if (state === 1) {
        if (c === 46) {
          size = 0;
          k++;
          state = 0;
          continue;
        }
        if (c === 62) return k + 1;
        state = 2;
        continue;
      }
      if ((c === 45 || isAsciiAlphanumeric(c)) && size++ < 63) {
        k++;
        state = c === 45 ? 2 : 1;
        continue;
      }
      return -1;
    }
  }

  /** Inline HTML at `<`: its end, or -1 (micromark's html-text state machine). */
  protected htmlText(i: number): number {
    const s = this.s;
    let k = i + 1;
    let c = this.at(k);
    if (c === 33) {
      k++;
      c = this.at(k);
      if (c === 45) {
        if (this.at(k + 1) !== 45) return -1;
        // The closing `-->` may share the opening dashes: `<!-->` and `<!--->` are comments too.
        const close = this.find('-->', k);
        return close < 0 ? -1 : close + 3;
      }
      if (c === 91) {
        if (!s.startsWith('CDATA[', k + 1) || k + 7 > this.to) return -1;
        const close = this.find(']]>', k + 7);
        return close < 0 ? -1 : close + 3;
      }
      if (isAsciiAlpha(c)) {
        const close = this.find('>', k);
        return close < 0 ? -1 : close + 1;
      }
      return -1;
    }
    if (c === 63) {
      const close = this.find('?>', k + 1);
      return close < 0 ? -1 : close + 2;
    }
    if (c === 47) {
      k++;
      if (!isAsciiAlpha(this.at(k))) return -1;
      while (this.at(k) === 45 || isAsciiAlphanumeric(this.at(k))) k++;
      k = this.htmlSpace(k);
      return this.at(k) === 62 ? k + 1 : -1;
    }
    if (!isAsciiAlpha(c)) return -1;
    while (this.at(k) === 45 || isAsciiAlphanumeric(this.at(k))) k++;
    c = this.at(k);
    if (!(c === 47 || c === 62 || c === 32 || c === 9 || isLineEnding(c))) return -1;
    // Attributes.
    for (;;) {
      const before = k;
      k = this.htmlSpace(k);
      c = this.at(k);
      if (c === 47) return this.at(k + 1) === 62 ? k + 2 : -1;
      if (c === 62) return k + 1;
      if (k === before || !(c === 58 || c === 95 || isAsciiAlpha(c))) return -1;
      while (true) {
        c = this.at(k);
        if (c === 45 || c === 46 || c === 58 || c === 95 || isAsciiAlphanumeric(c)) k++;
        else break;
      }
      const afterName = k;
      k = this.htmlSpace(k);
      if (this.at(k) !== 61) {
        k = afterName;
        continue;
      }
      k = this.htmlSpace(k + 1);
      c = this.at(k);
      if (c === 34 || c === 39) {
        const close = this.find(s[k], k + 1);
        if (close < 0) return -1;
        k = close + 1;
        c = this.at(k);
        if (!(c === 47 || c === 62 || c === 32 || c === 9 || isLineEnding(c))) return -1;
        continue;
      }
      if (c < 0 || c === 60 || c === 61 || c === 62 || c === 96) return -1;
      while (true) {
        c = this.at(k);
        if (c < 0 || c === 34 || c === 39 || c === 60 || c === 61 || c === 96) return -1;
        if (c === 47 || c === 62 || c === 32 || c === 9 || isLineEnding(c)) break;
        k++;
      }
    }
  }

  /** Spaces, tabs and line endings (with the next line's indentation). */
  protected htmlSpace(k: number): number {
    for (;;) {
      const c = this.at(k);
      if (c === 32 || c === 9) k++;
      else if (isLineEnding(c)) k = this.skipLineEnding(k);
      else return k;
    }
  }

  /** indexOf within the content, memoized so repeated failing searches stay linear. */
  protected find(needle: string, from: number): number {
    const memo = (this.memo ??= new Map());
    const known = memo.get(needle);
    if (known && from >= known[0] && (known[1] < 0 || known[1] >= from)) return known[1];
    const s = this.s;
    const first = needle.charCodeAt(0);
    let at = -1;
    for (let k = indexIn(s, first, from, this.to); k >= 0; k = indexIn(s, first, k + 1, this.to)) {
      if (k + needle.length > this.to) break;
      if (s.startsWith(needle, k)) {
        at = k;
        break;
      }
    }
    memo.set(needle, [from, at]);
    return at;
  }

  protected email(i: number): number {
    let k = i;
    while (isGfmAtext(this.at(k))) k++;
    if (this.at(k) !== 64) return -1;
    k++;
    let data = false;
    let dot = false;
    for (;;) {
      const c = this.at(k);
      if (c === 46) {
        if (!isAsciiAlphanumeric(this.at(k + 1))) break;
        dot = true;
        k++;
        continue;
      }
      if (c === 45 || c === 95 || isAsciiAlphanumeric(c)) {
        data = true;
        k++;
        continue;
      }
      break;
    }
    return data && dot && isAsciiAlpha(this.s.charCodeAt(k - 1)) ? k : -1;
  }

  protected www(i: number): number {
    for (let n = 0; n < 3; n++) {
      const c = this.at(i + n);
      if (c !== 119 && c !== 87) return -1;
    }
    if (this.at(i + 3) !== 46 || i + 4 >= this.to) return -1;
    const end = this.domain(i);
    return end < 0 ? -1 : this.path(end);
  }

  protected protocol(i: number): number {
    let k = i;
    while (isAsciiAlpha(this.at(k)) && k - i < 5) k++;
    const name = this.s.slice(i, k).toLowerCase();
    if ((name !== 'http' && name !== 'https') || this.at(k) !== 58 || this.at(k + 1) !== 47 || this.at(k + 2) !== 47) return -1;
    k += 3;
    const c = this.at(k);
    if (c < 0 || c < 32 || c === 127 || classify(c) !== 0) return -1;
    const end = this.domain(k);
    return end < 0 ? -1 : this.path(end);
  }

  protected domain(i: number): number {
    let underscoreInLast = false;
    let underscoreInLastLast = false;
    let seen = false;
    let k = i;
    for (;;) {
      const c = this.at(k);
      if (c === 46 || c === 95) {
        if (this.isTrail(k)) break;
        if (c === 95) underscoreInLast = true;
        else {
          underscoreInLastLast = underscoreInLast;
          underscoreInLast = false;
        }
        k++;
        continue;
      }
      if (isWsOrNone(c) || (c !== 45 && classify(c) === 2)) break;
      seen = true;
      k++;
    }
    return underscoreInLast || underscoreInLastLast || !seen ? -1 : k;
  }

  protected path(i: number): number {
    let open = 0;
    let close = 0;
    let k = i;
    for (;;) {
      const c = this.at(k);
      if (c === 40) {
        open++;
        k++;
        continue;
      }
      if (c === 41 && close < open) {
        close++;
        k++;
        continue;
      }
      if (c === 33 || c === 34 || c === 38 || c === 39 || c === 41 || c === 42 || c === 44 || c === 46 || c === 58 || c === 59 || c === 60 || c === 63 || c === 93 || c === 95 || c === 126) {
        if (this.isTrail(k)) return k;
        if (c === 41) close++;
        k++;
        continue;
      }
      if (isWsOrNone(c)) return k;
      k++;
    }
  }

  /** Whether what follows k is only trailing punctuation up to whitespace, `<` or the end. */
  protected isTrail(k: number): boolean {
    for (;;) {
      const c = this.at(k);
      if (c === 33 || c === 34 || c === 39 || c === 41 || c === 42 || c === 44 || c === 46 || c === 58 || c === 59 || c === 63 || c === 95 || c === 126) {
        k++;
        continue;
      }
      if (c === 38) {
        k++;
        if (!isAsciiAlpha(this.at(k))) return false;
        while (isAsciiAlpha(this.at(k))) k++;
        if (this.at(k) !== 59) return false;
        k++;
        continue;
      }
      if (c === 93) {
        k++;
        const d = this.at(k);
        if (d < 0 || d === 40 || d === 91 || isWsOrNone(d)) return true;
        continue;
      }
      return c === 60 || isWsOrNone(c);
    }
  }
}
