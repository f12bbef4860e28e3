/**
 * The inline pass of scanNote over the content of one leaf (a paragraph, a
 * heading's text, a table cell): code spans, math, HTML, autolinks, wiki
 * links, links and images with their labels, and the delimiter runs of
 * emphasis, strikethrough and highlights, as micromark's text tokenizer sees
 * them. The result is a token tree (see inlineTypes.ts) that inlineWalk.ts
 * turns into links, highlights, tags and literal ranges.
 */
import { classify, isAsciiAlpha, isAsciiAlphanumeric, isAsciiPunctuation } from './chars';
import { CharFinder } from './charFinder';
import { StopFinder } from './stopFinder';
import { indexIn, InlineText, isGfmAtext, isLineEnding } from './inlineText';
import { startTokens, T, tok, type Tok } from './inlineTypes';
import { Resolver, resolveInside, resolveOne } from './inlineResolve';
import { normalizeIdentifier, scanDestination, scanLabel, scanTitle, skipWhitespace } from './linkParts';

const MAX_WIKI_CONTENT = 4096;

/**
 * What a character may start: 0 nothing, 1 a construct (punctuation the
 * switch in tokenize handles, line endings), 2 a literal email autolink
 * (letters, digits, `+-.`), 3 also a `www.` or `http://` autolink, 4 `:`
 * (only noted: `://` may concern the autolink transform).
 */
const CHAR_KIND = new Uint8Array(128);
for (const c of '\\`$<![]*_~=\n\r') CHAR_KIND[c.charCodeAt(0)] = 1;
for (let c = 48; c < 123; c++) if (isAsciiAlphanumeric(c)) CHAR_KIND[c] = 2;
for (const c of '+-.') CHAR_KIND[c.charCodeAt(0)] = 2;
for (const c of 'wWhH') CHAR_KIND[c.charCodeAt(0)] = 3;
CHAR_KIND[58] = 4;

/** What tokenize looks for ahead in one text, each search keeping its answer (see CharFinder). */
class Searches {
  /** `]`: a label start with none after it can never close. */
  readonly brackets = new CharFinder(']');
  /** `@`: without one ahead, no email autolink can start. */
  readonly ats = new CharFinder('@');
  /** `:/`: the autolink transform may find a URL. */
  readonly colons = new CharFinder(':/');
  readonly stops = new StopFinder();

  clear(): void {
    this.brackets.clear();
    this.ats.clear();
    this.colons.clear();
    this.stops.clear();
  }
}

export interface InlineOptions {
  definitions: Set<string>;
  footnotes: Set<string>;
  /** The leaf opens a list item: `[ ]` / `[x]` at its start is a task check. */
  taskCheck: boolean;
}

/** micromark's markdownLineEndingOrSpace / unicodeWhitespace / unicodePunctuation on a code unit (-1: none). */
export class InlineScanner extends InlineText {
  private opts!: InlineOptions;
  private readonly toks: Tok[] = [];
  private readonly labelStarts: Tok[] = [];
  private unbalanced = 0;
  /**
   * Order in which the three delimiter resolvers were first used (micromark
   * resolves in that order), 4 bits each, first in the lowest: not an array,
   * which emptying each leaf would make allocate again at its first push.
   */
  private order = 0;
  private orderBits = 0;
  private used = 0;
  /** Offset just after the last character escape (a run right after one may follow a same character). */
  private escapeEnd = -1;
  /** Backtick runs in the content: length → their starts and a read pointer (made for a leaf that needs it). */
  private runs: Map<number, { starts: number[]; next: number }> | null = null;
  /** Per title marker (`"`, `'`, `(`): from where no title can close (see title()). */
  private readonly noTitleEnd = [Infinity, Infinity, Infinity];
  /** The image label start the last `]` balanced (a potential footnote call, see potentialFootnoteCall). */
  private balancedImage: Tok | null = null;
  /**
   * Searches ahead in the note, and in other content (a block quote's lines
   * joined): one set each, as switching one set between the two would make
   * it search the rest of the note again after each quote.
   */
  private readonly inNote = new Searches();
  private readonly inOther = new Searches();
  private searches = this.inNote;
  private note = '';
  /** The next `@` at or after the scan position (-1: none left). */
  private nextAt = -1;
  /** The content holds an `@`, `:/` or `www.`: text nodes may be split by the autolink transform. */
  urlish = false;

  /** Starts a note: content that is a piece of it is scanned as `s === note`. */
  startNote(note: string): void {
    this.note = note;
    this.s = '';
    this.inNote.clear();
    this.inOther.clear();
  }

  private nextAtSign(i: number): number {
    return this.searches.ats.find(this.s, i, this.to);
  }

  /** Tokenizes and resolves s[from, to). */
  scan(s: string, from: number, to: number, opts: InlineOptions): Tok[] {
    this.s = s;
    this.from = from;
    this.to = to;
    this.opts = opts;
    this.searches = s === this.note ? this.inNote : this.inOther;
    startTokens();
    // (Setting an array's length is a slow call: only when it changes.)
    if (this.toks.length) this.toks.length = 0;
    if (this.labelStarts.length) this.labelStarts.length = 0;
    this.unbalanced = 0;
    this.order = this.orderBits = 0;
    this.used = 0;
    this.escapeEnd = -1;
    // (Not fill(): a builtin call costs more than three stores.)
    const noTitleEnd = this.noTitleEnd;
    noTitleEnd[0] = noTitleEnd[1] = noTitleEnd[2] = Infinity;
    this.balancedImage = null;
    this.runs = null;
    this.memo = null;
    this.tokenize();
    let list = this.toks;
    for (let order = this.order; order !== 0; order >>= 4) list = resolveOne(list, (order & 15) as Resolver);
    // Leftover label starts are text.
    let n = 0;
    for (const t of list) if (t.t !== T.LabelStart) list[n++] = t;
    if (n < list.length) list.length = n;
    return list;
  }

  private use(r: Resolver): void {
    if (!(this.used & r)) {
      this.used |= r;
      this.order |= r << this.orderBits;
      this.orderBits += 4;
    }
  }

  private push(t: Tok): void {
    t.index = this.toks.length;
    this.toks.push(t);
  }

  private tokenize(): void {
    const s = this.s;
    const to = this.to;
    let i = this.from;
    if (this.opts.taskCheck) i = this.taskCheck(i);
    // Literal email autolinks need an `@`: without one, letters are plain text.
    this.nextAt = this.nextAtSign(i);
    const stops = this.searches.stops;
    // The walker only needs to know whether the autolink transform may find something: an `@`, a `:/`, a `www.`.
    this.urlish = this.nextAt >= 0 || this.searches.colons.find(s, i, to) >= 0 || stops.hasWww(s, i, to);
    while (i < to) {
      if (this.nextAt < 0) {
        // No email possible: on to the next character that may start something.
        i = stops.next(s, i, to);
        if (i >= to) break;
      }
      const c = s.charCodeAt(i);
      const kind = c < 128 ? CHAR_KIND[c] : 0;
      if (kind === 0 || (kind === 2 && this.nextAt < 0)) {
        i++;
        continue;
      }
      if (kind === 4) {
        // `:` of `://`: the autolink transform may have work here (see inlineWalk.ts).
        if (s.charCodeAt(i + 1) === 47) this.urlish = true;
        i++;
        continue;
      }
      if (kind === 3 && this.nextAt < 0) {
        // `w`/`h` can only start `www.` / `http`.
        const d = s.charCodeAt(i + 1) | 32;
        if (c === 119 || c === 87 ? d !== 119 : d !== 116) {
          i++;
          continue;
        }
        if (c === 119 || c === 87) this.urlish = true;
      }
      let next = -1;
      switch (c) {
        case 92: // \
          next = this.backslash(i);
          break;
        case 96: // `
          next = this.codeSpan(i);
          break;
        case 36: // $
          next = this.math(i);
          break;
        case 60: // <
          next = this.angle(i);
          break;
        case 33: // !
          next = this.wiki(i, true);
          if (next < 0 && this.at(i + 1) === 91) next = this.labelStart(i, 2);
          break;
        case 91: // [
          next = this.wiki(i, false);
          if (next < 0 && this.at(i + 1) === 94) next = this.footnoteCall(i);
          if (next < 0) next = this.labelStart(i, 1);
          break;
        case 93: // ]
          this.balancedImage = null;
          next = this.labelEnd(i);
          if (next < 0 && this.balancedImage) next = this.potentialFootnoteCall(i, this.balancedImage);
          break;
        case 42: // *
        case 95: // _
          if (c === 95) next = this.literalAutolink(i, c);
          if (next < 0) next = this.attention(i, c);
          break;
        case 126: // ~
          next = this.tilde(i);
          break;
        case 61: // =
          next = this.equals(i);
          break;
        case 10:
        case 13:
          next = this.lineEnding(i);
          break;
        default:
          if (c === 43 || c === 45 || c === 46 || (c < 128 && isAsciiAlphanumeric(c))) next = this.literalAutolink(i, c);
      }
      i = next < 0 ? i + 1 : next;
    }
  }

  // ---- escapes, line endings -------------------------------------------------------

  private backslash(i: number): number {
    const d = this.at(i + 1);
    if (isLineEnding(d)) {
      // Hard break; it takes the line ending, and the next line's indentation is no text.
      const end = this.skipLineEnding(i + 1);
      this.push(tok(T.Break, i, end));
      return this.skipBlanks(end);
    }
    if (d >= 0 && isAsciiPunctuation(d)) {
      if (d === 58) this.urlish = true; // `http\://` is a URL in the text's value
      this.escapeEnd = i + 2;
      return i + 2;
    }
    return -1;
  }

  /** Two or more spaces (no tab) before a line ending are a hard break. */
  private lineEnding(i: number): number {
    const s = this.s;
    let k = i;
    let tabs = false;
    while (k > this.from) {
      const c = s.charCodeAt(k - 1);
      if (c === 32) k--;
      else if (c === 9) {
        tabs = true;
        k--;
      } else break;
    }
    const end = this.skipLineEnding(i);
    const lastTok = this.toks[this.toks.length - 1];
    if (lastTok && lastTok.end > k) k = Math.min(i, lastTok.end);
    if (!tabs && i - k >= 2) this.push(tok(T.Break, k, end));
    return this.skipBlanks(end);
  }

  // ---- code, math -----------------------------------------------------------------

  private codeSpan(i: number): number {
    const s = this.s;
    if (this.prev(i) === 96 && this.escapeEnd !== i) return this.skipRun(i, 96);
    let k = i;
    while (k < this.to && s.charCodeAt(k) === 96) k++;
    const size = k - i;
    const close = this.nextRun(size, k);
    if (close < 0) return k;
    this.push(tok(T.Code, i, close + size));
    return close + size;
  }

  private skipRun(i: number, c: number): number {
    while (i < this.to && this.s.charCodeAt(i) === c) i++;
    return i;
  }

  /** The first maximal backtick run of exactly `size` starting at or after `from`. */
  private nextRun(size: number, from: number): number {
    if (!this.runs) {
      const runs = new Map<number, { starts: number[]; next: number }>();
      const s = this.s;
      for (let i = indexIn(s, 96, from, this.to); i >= 0; i = indexIn(s, 96, i, this.to)) {
        let k = i;
        while (k < this.to && s.charCodeAt(k) === 96) k++;
        let list = runs.get(k - i);
        if (!list) runs.set(k - i, (list = { starts: [], next: 0 }));
        list.starts.push(i);
        i = k;
      }
      this.runs = runs;
    }
    const list = this.runs.get(size);
    if (!list) return -1;
    const starts = list.starts;
    let p = list.next;
    while (p < starts.length && starts[p] < from) p++;
    list.next = p;
    return p < starts.length ? starts[p] : -1;
  }

  /** Inline math by Obsidian's rules (see parse/inlineMathSyntax.ts). */
  private math(i: number): number {
    if (this.prev(i) === 36) return -1;
    const s = this.s;
    let k = i;
    let size = 0;
    while (k < this.to && s.charCodeAt(k) === 36) {
      if (size === 2) return -1;
      size++;
      k++;
    }
    let c = this.at(k);
    if (c < 0 || isLineEnding(c) || (size === 1 && (c === 32 || c === 9))) return -1;
    let last = -1;
    for (;;) {
      c = this.at(k);
      if (c < 0 || isLineEnding(c)) return -1;
      if (c === 36 && last !== 92) break;
      last = c;
      k++;
    }
    let closeSize = 0;
    while (this.at(k) === 36) {
      closeSize++;
      k++;
    }
    const after = this.at(k);
    if (closeSize !== size || (size === 1 && (last === 32 || last === 9 || last < 0 || (after >= 48 && after <= 57)))) return -1;
    this.push(tok(T.Math, i, k));
    return k;
  }

  // ---- autolinks and HTML ------------------------------------------------------------

  private angle(i: number): number {
    const end = this.autolink(i);
    if (end > 0) {
      this.push(tok(T.Autolink, i, end));
      return end;
    }
    const html = this.htmlText(i);
    if (html > 0) {
      this.push(tok(T.Html, i, html));
      return html;
    }
    return -1;
  }

  /** GFM literal autolinks at a word start: `www.`, `http(s)://`, emails. */
  private literalAutolink(i: number, c: number): number {
    if (this.unbalanced > 0) return -1;
    const previous = this.prev(i);
    if (this.nextAt >= 0 && this.nextAt < i) this.nextAt = this.nextAtSign(i);
    if (this.nextAt >= 0 && isGfmAtext(c) && previous !== 47 && !isGfmAtext(previous)) {
      const end = this.email(i);
      if (end > 0) return this.pushLiteral(i, end);
    }
    if ((c === 119 || c === 87) && (previous < 0 || previous === 40 || previous === 42 || previous === 95 || previous === 91 || previous === 93 || previous === 126 || previous === 32 || previous === 9 || isLineEnding(previous))) {
      const end = this.www(i);
      if (end > 0) return this.pushLiteral(i, end);
    }
    if ((c === 104 || c === 72) && !isAsciiAlpha(previous)) {
      const end = this.protocol(i);
      if (end > 0) return this.pushLiteral(i, end);
    }
    return -1;
  }

  private pushLiteral(i: number, end: number): number {
    this.push(tok(T.Literal, i, end));
    return end;
  }

  // ---- wiki links, labels, links ---------------------------------------------------------

  /** `[[…]]` / `![[…]]` at i (see parse/wikiLinkSyntax.ts). */
  private wiki(i: number, embed: boolean): number {
    let k = embed ? i + 1 : i;
    if (this.at(k) !== 91 || this.at(k + 1) !== 91) return -1;
    k += 2;
    let c = this.at(k);
    if (c === 93 || c === 91 || c < 0 || isLineEnding(c)) return -1;
    let blank = true;
    let size = 0;
    for (;;) {
      c = this.at(k);
      if (c === 93) {
        if (blank || this.at(k + 1) !== 93) return -1;
        break;
      }
      if (c === 91 || c < 0 || isLineEnding(c) || ++size > MAX_WIKI_CONTENT) return -1;
      if (c > 32) blank = false;
      k++;
    }
    const t = tok(T.Wiki, i, k + 2);
    t.ch = embed ? 1 : 0;
    this.push(t);
    return k + 2;
  }

  private taskCheck(i: number): number {
    if (this.at(i) !== 91) return i;
    const v = this.at(i + 1);
    if (!(v === 32 || v === 9 || isLineEnding(v) || v === 120 || v === 88)) return i;
    if (this.at(i + 2) !== 93) return i;
    const after = this.at(i + 3);
    if (isLineEnding(after)) {
      this.push(tok(T.Check, i, i + 3));
      return i + 3;
    }
    if (after !== 32 && after !== 9) return i;
    let k = i + 3;
    while (this.at(k) === 32 || this.at(k) === 9) k++;
    if (k >= this.to) return i;
    this.push(tok(T.Check, i, i + 3));
    return i + 3;
  }

  private footnoteCall(i: number): number {
    if (!this.opts.footnotes.size) return -1;
    let k = i + 2;
    let size = 0;
    let data = false;
    for (;;) {
      const c = this.at(k);
      if (size > 999 || c < 0 || c === 91 || c === 32 || c === 9 || isLineEnding(c) || (c === 93 && !data)) return -1;
      if (c === 93) break;
      data = true;
      size++;
      k++;
      if (c === 92) {
        const d = this.at(k);
        if (d === 91 || d === 92 || d === 93) {
          k++;
          size++;
        }
      }
    }
    if (!this.opts.footnotes.has(normalizeIdentifier(this.s.slice(i + 2, k)))) return -1;
    this.push(tok(T.FootnoteCall, i, k + 1));
    return k + 1;
  }

  private labelStart(i: number, width: number): number {
    // No `]` ahead: it can never close, but it still keeps literal autolinks away.
    if (this.searches.brackets.find(this.s, i, this.to) < 0) {
      this.unbalanced++;
      return i + width;
    }
    const t = tok(T.LabelStart, i, i + width);
    t.ch = width === 2 ? 1 : 0;
    this.push(t);
    this.labelStarts.push(t);
    this.unbalanced++;
    return i + width;
  }

  private balance(t: Tok): void {
    t.balanced = true;
    this.unbalanced--;
    if (t.ch === 1) this.balancedImage = t;
  }

  private labelEnd(i: number): number {
    const starts = this.labelStarts;
    while (starts.length && starts[starts.length - 1].balanced) starts.pop();
    const start = starts[starts.length - 1];
    if (!start) return -1;
    if (start.inactive) {
      this.balance(start);
      return -1;
    }
    const defs = this.opts.definitions;
    // (Definition labels have at most 999 characters.)
    const defined = defs.size > 0 && i - start.end <= 4000 && defs.has(normalizeIdentifier(this.s.slice(start.end, i)));
    const after = i + 1;
    let end = -1;
    let reference = false;
    let destStart = -1;
    let destEnd = -1;
    const c = this.at(after);
    if (c === 40) {
      const r = this.resource(after);
      if (r) [end, destStart, destEnd] = r;
      else if (defined) {
        end = after;
        reference = true;
      }
    } else if (c === 91) {
      const full = this.fullReference(after);
      if (full > 0) {
        end = full;
        reference = true;
      } else if (defined && this.at(after + 1) === 93) {
        end = after + 2;
        reference = true;
      } else end = -1;
    } else if (defined) {
      end = after;
      reference = true;
    }
    if (end < 0) {
      this.balance(start);
      return -1;
    }
    starts.pop();
    this.unbalanced--;
    const image = start.ch === 1;
    const kind = image ? (reference ? T.ImageReference : T.Image) : reference ? T.LinkReference : T.Link;
    const g = tok(kind, start.start, end);
    g.innerStart = start.end;
    g.innerEnd = i;
    g.destStart = destStart;
    g.destEnd = destEnd;
    const toks = this.toks;
    g.kids = resolveInside(toks.slice(start.index + 1).filter((t) => t.t !== T.LabelStart));
    toks.length = start.index;
    if (!image) {
      // No links in links: label starts before this one are dead.
      for (let k = start.index - 1; k >= 0; k--) {
        const t = toks[k];
        if (t.t === T.Link || t.t === T.LinkReference) break;
        if (t.t === T.LabelStart && t.ch === 0) {
          if (t.inactive) break;
          t.inactive = true;
        }
      }
    }
    this.push(g);
    return end;
  }

  /**
   * `![^id]` with a footnote `id`: once `](` failed, GFM makes the `[^id]`
   * a footnote call (the `!` stays text).
   */
  private potentialFootnoteCall(i: number, start: Tok): number {
    // A footnote label: `^` then at most 999 characters.
    if (!this.opts.footnotes.size || this.s.charCodeAt(start.end) !== 94 || i - start.end > 1000) return -1;
    const toks = this.toks;
    let k = toks.length - 1;
    for (; k >= 0; k--) {
      const t = toks[k].t;
      if (t === T.LabelStart) break;
      if (t === T.FootnoteCall || t === T.Link || t === T.Image || t === T.LinkReference || t === T.ImageReference) return -1;
    }
    if (k < 0 || toks[k] !== start) return -1;
    const id = normalizeIdentifier(this.s.slice(start.end, i));
    if (id.charCodeAt(0) !== 94 || !this.opts.footnotes.has(id.slice(1))) return -1;
    toks.length = k;
    this.push(tok(T.FootnoteCall, start.start + 1, i + 1));
    return i + 1;
  }

  /** `(destination "title")` at i: [end, destination start, destination end], or undefined. */
  private resource(i: number): [number, number, number] | undefined {
    let k = skipWhitespace(this.s, i + 1, this.to);
    if (this.at(k) === 41) return [k + 1, -1, -1];
    const destination = scanDestination(this.s, k, this.to, 32);
    if (!destination) return undefined;
    const [start, end] = destination;
    k = destination[2];
    const between = skipWhitespace(this.s, k, this.to);
    if (between > k) {
      const c = this.at(between);
      if (c === 34 || c === 39 || c === 40) {
        const title = this.title(between);
        if (title < 0) return undefined;
        k = skipWhitespace(this.s, title, this.to);
      } else k = between;
    }
    if (this.at(k) !== 41) return undefined;
    return [k + 1, start, end];
  }

  /**
   * scanTitle, remembering per marker where a search found no closing
   * marker: a later title opened after that has none either (so a line of
   * `[a](b (` is linear).
   */
  private title(i: number): number {
    const marker = this.s.charCodeAt(i);
    const slot = marker === 34 ? 0 : marker === 39 ? 1 : 2;
    if (i >= this.noTitleEnd[slot]) return -1;
    const end = scanTitle(this.s, i, this.to);
    if (end < 0) this.noTitleEnd[slot] = i;
    return end;
  }

  private fullReference(i: number): number {
    const end = scanLabel(this.s, i, this.to);
    if (end < 0) return -1;
    const defs = this.opts.definitions;
    return defs.size > 0 && defs.has(normalizeIdentifier(this.s.slice(i + 1, end - 1))) ? end : -1;
  }

  // ---- delimiter runs ---------------------------------------------------------------

  private attention(i: number, marker: number): number {
    const s = this.s;
    let k = i;
    while (k < this.to && s.charCodeAt(k) === marker) k++;
    const previous = this.prev(i);
    const code = this.at(k);
    const before = classify(previous);
    const after = classify(code);
    const open = !after || (after === 2 && !!before) || code === 126 || code === 61;
    const close = !before || (before === 2 && !!after) || previous === 126 || previous === 61;
    const t = tok(T.Attention, i, k);
    t.ch = marker;
    t.open = marker === 42 ? open : open && (!!before || !close);
    t.close = marker === 42 ? close : close && (!!after || !open);
    this.push(t);
    this.use(Resolver.Attention);
    return k;
  }

  /** `~` / `~~` (GFM strikethrough, single tilde allowed). */
  private tilde(i: number): number {
    return this.pairRun(i, 126, 1, T.Tilde, Resolver.Strike);
  }

  /** `==` (exactly two). */
  private equals(i: number): number {
    return this.pairRun(i, 61, 2, T.Equals, Resolver.Highlight);
  }

  private pairRun(i: number, marker: number, min: number, kind: T, resolver: Resolver): number {
    const previous = this.prev(i);
    // Part of a longer run (unless that character was escaped).
    if (previous === marker && this.escapeEnd !== i) return -1;
    let k = i;
    while (k < this.to && this.s.charCodeAt(k) === marker) {
      if (k - i === 2) return -1;
      k++;
    }
    if (k - i < min) return -1;
    const before = classify(previous);
    const after = classify(this.at(k));
    const t = tok(kind, i, k);
    t.ch = marker;
    t.open = !after || (after === 2 && !!before);
    t.close = !before || (before === 2 && !!after);
    this.push(t);
    this.use(resolver);
    return k;
  }
}
