/**
 * Turns the inline tokens of one leaf into what the model records: links
 * (wiki and Markdown), highlights, tags, code/math/HTML ranges, and a summary
 * of the leaf's direct children (for trailing block ids and heading text).
 *
 * Text nodes are what lies between tokens, with micromark's trimming: blanks
 * before a line ending (or at the very end) and indentation after one are no
 * text. Tags are read only in text outside links; a text node that
 * mdast-util-gfm-autolink-literal would split afterwards loses its position
 * in the reference parser (so its tags and block id are not seen there): the
 * same is done here, see transformSplits.
 */
import { CharFinder } from './charFinder';
import { classify } from './chars';
import { T, type Tok } from './inlineTypes';
import { scanTags } from './textMarkers';
import { scanWikiLink } from './wikiLinks';
import { markdownLinkRef, type ToRange } from '../parse/linkRefs';
import type { NoteModel } from '../parse/noteModel';

/** Maps content offsets to source offsets (identity when the content is the source). */
export interface OffsetMap {
  /** Content offsets where each piece starts, and the source offset it maps to. */
  at: number[];
  src: number[];
}

export interface Children {
  count: number;
  /** Source offsets of the first child's start and the last child's end (-1 when no child). */
  firstStart: number;
  lastEnd: number;
  /** The last child is a text node (with a position): its source range. */
  lastTextStart: number;
  lastTextEnd: number;
  /** The first child is a text node. */
  firstIsText: boolean;
}

interface Frame {
  list: Tok[];
  i: number;
  pos: number;
  b: number;
  /** The frame of the leaf itself: its children fill the summary. */
  top: boolean;
  first: boolean;
  headShift: boolean;
  /** inLink outside this node, restored when it is done. */
  inLink: boolean;
}

/** Frames kept between walks; a walk deeper than that gets plain new frames below (let go when it ends). */
const FRAMES_KEPT = 256;

/** Walks the tokens of one leaf after another; reused from note to note (start). */
export class InlineWalker {
  private src = '';
  private model: NoteModel | null = null;
  private s = '';
  private contentEnd = 0;
  private map: OffsetMap | null = null;
  private inLink = false;
  /** The leaf has something the autolink transform may split (see transformSplits). */
  private urlish = false;
  /** Tags need a `#`. */
  private readonly hashes = new CharFinder('#');
  /** The walk's explicit stack (emphasis can nest as deep as a note is long): frames reused, and the deeper ones. */
  private readonly frames: Frame[] = [];
  private deep: Frame[] | null = null;
  /** textBounds' answer. */
  private ts = 0;
  private te = 0;
  /** The summary of the last walk: good until the next one. */
  private readonly summary: Children = { count: 0, firstStart: -1, lastEnd: -1, lastTextStart: -1, lastTextEnd: -1, firstIsText: false };

  constructor(private readonly toRange: ToRange) {}

  /** Starts a note: its source, and the model that links, tags and the like go to. */
  start(src: string, model: NoteModel | null): void {
    this.src = src;
    this.model = model;
    this.s = '';
    this.map = null;
    this.hashes.clear();
  }

  /**
   * Records what tokens of s[from, to) hold. `shift`: after a task check at
   * the start, the first text loses its first character (as in
   * mdast-util-gfm-task-list-item, for a paragraph).
   */
  walk(tokens: Tok[], s: string, from: number, to: number, map: OffsetMap | null, shift: boolean, urlish: boolean): Children {
    this.urlish = urlish;
    this.s = s;
    this.contentEnd = to;
    this.map = map;
    this.inLink = false;
    const summary = this.summary;
    summary.count = 0;
    summary.firstStart = summary.lastEnd = summary.lastTextStart = summary.lastTextEnd = -1;
    summary.firstIsText = false;
    let start = from;
    let first = 0;
    let headShift = false;
    if (tokens.length && tokens[0].t === T.Check) {
      start = tokens[0].end;
      first = 1;
      headShift = shift;
    }
    this.children(tokens, first, start, to, headShift);
    return summary;
  }

  /** The piece of the offset map holding content offset i (binary search: quotes can have many lines). */
  private piece(i: number, end: boolean): number {
    const at = this.map!.at;
    let lo = 0;
    let hi = at.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (end ? at[mid] < i : at[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private srcStart(i: number): number {
    const map = this.map;
    if (!map) return i;
    const k = this.piece(i, false);
    return map.src[k] + (i - map.at[k]);
  }

  /** An end offset at a piece boundary belongs to the piece before (it ends with its line ending). */
  private srcEnd(i: number): number {
    const map = this.map;
    if (!map) return i;
    const k = this.piece(i, true);
    return map.src[k] + (i - map.at[k]);
  }

  /** Pushes a frame at `depth` (reusing the one there). */
  private frame(depth: number, list: Tok[], i: number, pos: number, b: number, top: boolean, headShift: boolean): void {
    const kept = depth < FRAMES_KEPT;
    const frames = kept ? this.frames : (this.deep ??= []);
    const at = kept ? depth : depth - FRAMES_KEPT;
    let f = frames[at];
    if (!f) {
      f = { list, i, pos, b, top, first: true, headShift, inLink: this.inLink };
      frames.push(f);
      return;
    }
    f.list = list;
    f.i = i;
    f.pos = pos;
    f.b = b;
    f.top = top;
    f.first = true;
    f.headShift = headShift;
    f.inLink = this.inLink;
  }

  /**
   * Walks the children of the leaf, list[i...] in s[a, b), and their
   * children, with an explicit stack; fills the summary for the direct
   * children of the leaf.
   */
  private children(list: Tok[], i: number, a: number, b: number, headShift: boolean): void {
    const frames = this.frames;
    const summary = this.summary;
    this.frame(0, list, i, a, b, true, headShift);
    let depth = 1;
    while (depth > 0) {
      const f = depth <= FRAMES_KEPT ? frames[depth - 1] : this.deep![depth - 1 - FRAMES_KEPT];
      if (f.i >= f.list.length) {
        if (f.b > f.pos) this.text(f.pos, f.b, f.top, f.first && f.headShift);
        this.inLink = f.inLink;
        depth--;
        continue;
      }
      const t = f.list[f.i++];
      if (t.t === T.LabelStart) continue; // an unused label start is text
      if (t.t === T.Check) {
        f.pos = t.end;
        continue;
      }
      if (t.start > f.pos) this.text(f.pos, t.start, f.top, f.first && f.headShift);
      f.first = false;
      f.pos = t.end;
      if (f.top) {
        const start = this.srcStart(t.start);
        if (summary.count === 0) summary.firstStart = start;
        summary.count++;
        summary.lastEnd = this.srcEnd(t.end);
        summary.lastTextStart = summary.lastTextEnd = -1;
      }
      if (this.node(t)) {
        this.frame(depth++, t.kids!, 0, t.innerStart, t.innerEnd, false, false);
        if (t.t === T.Link) this.inLink = true;
      }
    }
    this.deep = null;
  }

  /** The text node in s[x, y), if any; `top`: a direct child of the leaf. */
  private text(x: number, y: number, top: boolean, headShift: boolean): void {
    this.textBounds(x, y);
    let ts = this.ts;
    const te = this.te;
    if (te <= ts) return;
    // After a task check the first text loses its first character (its position moves by one in the source).
    let start = this.srcStart(ts);
    if (headShift) {
      ts++;
      if (ts >= te) return;
      start++;
    }
    const end = this.srcEnd(te);
    const lost = this.urlish && !this.inLink && transformSplits(this.s, ts, te);
    if (top) {
      const summary = this.summary;
      if (summary.count === 0) {
        summary.firstStart = start;
        summary.firstIsText = true;
      }
      summary.count++;
      summary.lastEnd = end;
      summary.lastTextStart = lost ? -1 : start;
      summary.lastTextEnd = lost ? -1 : end;
    }
    if (this.inLink || lost) return;
    const hash = this.hashes.find(this.src, start, end);
    if (hash >= 0) scanTags(this.src, hash, end, this.model!.tags, this.toRange);
  }

  /** Records a node; true when its children are to be walked. */
  private node(t: Tok): boolean {
    const model = this.model!;
    switch (t.t) {
      case T.Code:
      case T.Math:
      case T.Html:
        model.literalRanges.push(this.toRange(this.srcStart(t.start), this.srcEnd(t.end)));
        return false;
      case T.Wiki: {
        const start = this.srcStart(t.start);
        const end = this.srcEnd(t.end);
        model.links.push(scanWikiLink(this.src, start, end, t.ch === 1, this.toRange));
        return false;
      }
      case T.Highlight: {
        const start = this.srcStart(t.start);
        const end = this.srcEnd(t.end);
        model.highlights.push({ text: this.src.slice(start + 2, end - 2), range: this.toRange(start, end), innerRange: this.toRange(start + 2, end - 2) });
        return true;
      }
      case T.Link:
        this.markdownLink(t, false, this.linkText(t));
        return true;
      case T.Image:
        this.markdownLink(t, true, altText(this.s, t));
        return false;
      case T.Emphasis:
      case T.Strikethrough:
      case T.LinkReference:
        return true;
      default:
        return false;
    }
  }

  /** Source of a link's text: from its first child to its last ('' when it has none). */
  private linkText(t: Tok): string {
    let first = -1;
    let last = -1;
    let pos = t.innerStart;
    for (const kid of t.kids!) {
      if (kid.t === T.LabelStart) continue;
      if (kid.start > pos) {
        this.textBounds(pos, kid.start);
        if (this.te > this.ts) {
          if (first < 0) first = this.ts;
          last = this.te;
        }
      }
      if (first < 0) first = kid.start;
      last = kid.end;
      pos = kid.end;
    }
    if (t.innerEnd > pos) {
      this.textBounds(pos, t.innerEnd);
      if (this.te > this.ts) {
        if (first < 0) first = this.ts;
        last = this.te;
      }
    }
    return first < 0 ? '' : this.src.slice(this.srcStart(first), this.srcEnd(last));
  }

  /** The text of s[x, y) without micromark's trimmed blanks: sets ts and te. */
  private textBounds(x: number, y: number): void {
    const s = this.s;
    let ts = x;
    if (isEol(s.charCodeAt(x - 1))) while (ts < y && isBlank(s.charCodeAt(ts))) ts++;
    let j = ts;
    while (j < y && isBlank(s.charCodeAt(j))) j++;
    if (j > ts && j < y && isEol(s.charCodeAt(j))) ts = j;
    else if (j === y && y === this.contentEnd) ts = y;
    let te = y;
    let k = y;
    while (k > ts && isBlank(s.charCodeAt(k - 1))) k--;
    if (k < y && (y === this.contentEnd || (k > ts && isEol(s.charCodeAt(k - 1))))) te = k;
    this.ts = ts;
    this.te = te;
  }

  private markdownLink(t: Tok, embed: boolean, text: string): void {
    if (t.destStart < 0) return;
    const destination = { start: this.srcStart(t.destStart), end: this.srcEnd(t.destEnd) };
    const link = { start: this.srcStart(t.start), end: this.srcEnd(t.end), embed, text };
    const ref = markdownLinkRef(this.src, destination, link, this.toRange);
    if (ref) this.model!.links.push(ref);
  }
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function isEol(c: number): boolean {
  return c === 10 || c === 13;
}

/**
 * An image's alt as mdast-util-to-string gives it: the label's text with
 * escapes resolved and markup dropped (character references other than
 * `&amp;`, `&lt;`, `&gt;`, `&quot;` and numeric ones are kept as written).
 */
function altText(s: string, image: Tok): string {
  let out = '';
  // An explicit stack: markup inside the alt may nest deeply.
  const stack: { list: Tok[]; i: number; pos: number; b: number }[] = [{ list: image.kids!, i: 0, pos: image.innerStart, b: image.innerEnd }];
  while (stack.length) {
    const f = stack[stack.length - 1];
    if (f.i >= f.list.length) {
      if (f.b > f.pos) out += textValue(s, f.pos, f.b);
      stack.pop();
      continue;
    }
    const t = f.list[f.i++];
    if (t.t === T.LabelStart) continue;
    if (t.start > f.pos) out += textValue(s, f.pos, t.start);
    f.pos = t.end;
    switch (t.t) {
      case T.Code:
        out += codeValue(s.slice(t.start, t.end));
        break;
      case T.Math: {
        const raw = s.slice(t.start, t.end);
        const size = raw.startsWith('$$') ? 2 : 1;
        out += raw.slice(size, raw.length - size);
        break;
      }
      case T.Html:
      case T.Literal:
        out += s.slice(t.start, t.end);
        break;
      case T.Wiki:
        out += s.slice(t.start + (t.ch === 1 ? 3 : 2), t.end - 2);
        break;
      case T.Autolink:
        out += s.slice(t.start + 1, t.end - 1);
        break;
      default:
        if (t.kids) stack.push({ list: t.kids, i: 0, pos: t.innerStart, b: t.innerEnd });
    }
  }
  return out;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The value of text: escapes and common character references resolved, blanks around line endings dropped. */
function textValue(s: string, a: number, b: number): string {
  let out = '';
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c === 92 && i + 1 < b && s.charCodeAt(i + 1) < 128 && classify(s.charCodeAt(i + 1)) === 2) {
      out += s[i + 1];
      i++;
      continue;
    }
    if (c === 38) {
      const m = /^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/.exec(s.slice(i, Math.min(b, i + 40)));
      const value = m ? referenceValue(m[1]) : undefined;
      if (m && value !== undefined) {
        out += value;
        i += m[0].length - 1;
        continue;
      }
    }
    if (isBlank(c)) {
      let j = i;
      while (j < b && isBlank(s.charCodeAt(j))) j++;
      if (!isEol(s.charCodeAt(i - 1)) && !(j < b && isEol(s.charCodeAt(j)))) out += s.slice(i, j);
      i = j - 1;
      continue;
    }
    out += s[i];
  }
  return out;
}

function referenceValue(name: string): string | undefined {
  if (name[0] !== '#') return NAMED[name];
  const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\uFFFD';
}

function codeValue(raw: string): string {
  let n = 0;
  while (raw.charCodeAt(n) === 96) n++;
  let value = raw.slice(n, raw.length - n).replace(/\r\n|\r|\n/g, ' ');
  if (value.length > 2 && value[0] === ' ' && value[value.length - 1] === ' ' && /[^ ]/.test(value)) value = value.slice(1, -1);
  return value;
}

const URL = /(?<![\da-z])(https?:\/\/|www(?=\.))([\w-]*\.[\w\-.]*)([^\t\n\r ]*)/gi;
const XMPP = /(?<![\w+\-.@])xmpp:([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)(\/(?:[\w\-/]|\.(?=[\dA-Za-z]))*)?/g;
const MAILTO = /(?<![\w+\-.@])mailto:([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)/g;
const EMAIL = /(?<![\w+\-.]|(?:^|[^\d@A-Za-z])(?:mailto|xmpp):)([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)/g;

/**
 * Whether mdast-util-gfm-autolink-literal's transform would split the text
 * node s[a, b) (a URL or email micromark did not take as an autolink); it
 * looks at the node's value, escapes and references resolved.
 */
export function transformSplits(s: string, a: number, b: number): boolean {
  // Cheap rejection: an email needs `@`, a URL `://` or `www.`.
  let maybe = false;
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c === 64 || (c === 58 && s.charCodeAt(i + 1) === 47) || (c === 46 && i >= 3 && (s.charCodeAt(i - 1) | 32) === 119 && (s.charCodeAt(i - 2) | 32) === 119 && (s.charCodeAt(i - 3) | 32) === 119)) {
      maybe = true;
      break;
    }
  }
  if (!maybe) return false;
  const value = textValue(s, a, b);
  if (value.includes('@')) {
    if (anyMatch(EMAIL, value, (m) => !/[\d\-_]$/.test(m[2]))) return true;
    if (anyMatch(MAILTO, value, (m) => !/[\d\-_]$/.test(m[2]))) return true;
    const xmpp = (m: RegExpExecArray): boolean => {
      const resource = m[3];
      if (/[\d\-_]$/.test(m[2])) return false;
      return !(resource && (!/[A-Za-z]$/.test(resource) || value.charAt(m.index + m[0].length) === '@'));
    };
    if (anyMatch(XMPP, value, xmpp)) return true;
  }
  if (!/https?:\/\/|www\./i.test(value)) return false;
  return anyMatch(URL, value, (m) => {
    const before = m.index > 0 ? value.charCodeAt(m.index - 1) : -1;
    if (m.index !== 0 && classify(before) === 0) return false;
    let domain = m[2];
    if (/^w/i.test(m[1])) domain = m[1] + domain;
    return classify(domain.charCodeAt(0)) !== 2 && isCorrectDomain(domain);
  });
}

/** mdast-util-find-and-replace's loop: after a rejected match it retries one character later. */
function anyMatch(re: RegExp, value: string, accept: (m: RegExpExecArray) => boolean): boolean {
  re.lastIndex = 0;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    if (accept(m)) return true;
    re.lastIndex = m.index + 1;
  }
  return false;
}

function isCorrectDomain(domain: string): boolean {
  const parts = domain.split('.');
  const last = parts[parts.length - 1];
  const lastLast = parts[parts.length - 2];
  return !(
    parts.length < 2 ||
    (last && (/_/.test(last) || !/[\dA-Za-z]/.test(last))) ||
    (lastLast && (/_/.test(lastLast) || !/[\dA-Za-z]/.test(lastLast)))
  );
}
