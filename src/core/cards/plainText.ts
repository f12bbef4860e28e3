/**
 * Turns a slice of note source into the plain text a reader sees, so that a
 * card never shows Markdown (`==`, `*`, `[[…]]`, `<b>`, `%%…%%`). Structure
 * the parser knows (links, highlights, code, HTML) comes from the NoteModel;
 * only inline decoration it does not record (emphasis, escapes, external
 * links, Obsidian comments) is recognised here, on a copy of the source in
 * which everything already handled is masked so no pattern matches inside it.
 *
 * Offsets given as `marks` are mapped into the output, which is how a cloze
 * finds its hidden text after the markup around it is gone.
 */
import type { LinkRef, NoteModel } from '../parse/noteModel';
import type { LineIndex } from '../text/lineIndex';
import type { Range } from '../text/range';
import { EditSet, SpanIndex, type Edit, type Span } from './spans';

const MASK = '\u0001';
/** Lazy emphasis patterns are bounded so a line full of unmatched `*` stays linear. */
const STAR = /(\*{1,3}|~~)(?=[^\s*~])([^\n]{0,400}?[^\s*\\~])\1(?![*~])/g;
const UNDERSCORE = /(?<![\p{L}\p{N}_])(_{1,3})(?=[^\s_])([^\n]{0,400}?[^\s_\\])\1(?![\p{L}\p{N}_])/gu;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
// Patterns of render, compiled once (a literal in the method made a new RegExp per call). Each runs
// only when the slice holds the characters it needs: most slices are a plain sentence.
const QUOTE_PREFIX = /^[ \t]*(?:>[ \t]?)+/gm;
const COMMENT = /%%[\s\S]*?(?:%%|$)/g;
const IMAGE = /!\[[^\]\n]*\]\([^)\n]*\)/g;
const LINK = /\[([^\]\n]*)\]\([^)\n]*\)/g;
const AUTOLINK = /<((?:https?|mailto):[^>\s]*)>/g;
const ESCAPE = /\\([!-/:-@[-`{-~])/g;
const EQUALS = /={2,}/g;
const BLOCK_ID = /[ \t]\^[A-Za-z0-9-]+[ \t]*$/gm;
const ENTITY = /&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-z]+);/g;

/** What the text of a wiki link shows: its alias, else the target as Obsidian prints it (`Note > Heading`). */
export function wikiLinkDisplay(link: Extract<LinkRef, { kind: 'wiki' }>): string {
  if (link.alias !== undefined && !link.embed) return link.alias;
  const parts = [link.path, ...link.headings].filter((p) => p !== '');
  if (parts.length === 0 && link.blockId) return link.blockId;
  return parts.join(' > ');
}

interface Offsets {
  s: Float64Array;
  e: Float64Array;
}

/** Renders slices of one note as plain text. */
export class PlainRenderer {
  private readonly links: readonly LinkRef[];
  // Offsets of the model's links, highlights and literal ranges, flat (a note can hold tens of thousands).
  private readonly link: Offsets;
  private readonly outer: Offsets;
  private readonly inner: Offsets;
  private readonly literal: Offsets;
  // A render looks only at the links, highlights and literal ranges of its own slice: walking all of
  // them for every card made card extraction O(cards × note) (seconds on a multi-megabyte note).
  private readonly linkIndex: SpanIndex;
  private readonly highlightIndex: SpanIndex;
  private readonly literalIndex: SpanIndex;

  constructor(
    private readonly text: string,
    lines: LineIndex,
    model: NoteModel,
  ) {
    const offsets = (ranges: readonly Range[]): Offsets => {
      const s = new Float64Array(ranges.length);
      const e = new Float64Array(ranges.length);
      ranges.forEach((r, i) => {
        s[i] = lines.offsetAt(r.start);
        e[i] = lines.offsetAt(r.end);
      });
      return { s, e };
    };
    this.links = model.links;
    this.link = offsets(model.links.map((l) => l.range));
    this.outer = offsets(model.highlights.map((h) => h.range));
    this.inner = offsets(model.highlights.map((h) => h.innerRange));
    this.literal = offsets(model.literalRanges);
    this.linkIndex = new SpanIndex(this.link.s, this.link.e);
    this.highlightIndex = new SpanIndex(this.outer.s, this.outer.e);
    this.literalIndex = new SpanIndex(this.literal.s, this.literal.e);
  }

  /** Reused by every render for the indices of the spans it touches (see SpanIndex.touching). */
  private readonly hits: number[] = [];
  /** The last slice rendered: the clozes of one sentence render it once per highlight. */
  private last?: Rendered;

  /**
   * Plain text of source[start, end). Whitespace (line breaks included) is
   * collapsed to single spaces and trimmed; `quoted` strips `>` prefixes.
   * `marks` (source offsets) come back as offsets into the text.
   */
  render(start: number, end: number, options: { marks?: number[]; quoted?: boolean } = {}): { text: string; marks: number[] } {
    const marks = options.marks ?? [];
    const quoted = !!options.quoted;
    if (!marks.every((m) => Number.isInteger(m) && m >= start && m <= end)) {
      // Only a caller's mistake gets here; the mapping of the original code handles it exactly as before.
      const r = this.slice(start, end, quoted);
      return collapse(applyEdits(this.text, start, end, r.edits, marks));
    }
    let r = this.last;
    if (r?.start === start && r.end === end && r.quoted === quoted) r.uses++;
    else this.last = r = this.slice(start, end, quoted);
    return { text: r.text, marks: marks.map((m) => r!.place(m)) };
  }

  /** Renders [start, end) without marks, keeping what placing marks later needs. */
  private slice(start: number, end: number, quoted: boolean): Rendered {
    const job = new RenderJob(this.text, start, end);
    // Each loop visits, in the model's order as before, only the entries that can touch [start, end].
    for (const i of this.literalIndex.touching(start, end, this.hits)) {
      const s = this.literal.s[i];
      const e = this.literal.e[i];
      if (e <= start || s >= end) continue;
      const raw = this.text.slice(s, e);
      // HTML and `%%comments%%` (the only literal ranges starting so) are hidden in Obsidian.
      if (raw.startsWith('<') || raw.startsWith('%%')) job.add(Math.max(s, start), Math.min(e, end), '');
      else if (raw.startsWith('`')) job.add(s, e, raw.replace(/^`+ ?/, '').replace(/ ?`+$/, ''));
      else job.protect(s, e); // math stays as written: it is the notation the reader learns
    }
    for (const i of this.linkIndex.touching(start, end, this.hits)) {
      const link = this.links[i];
      const s = this.link.s[i];
      const e = this.link.e[i];
      if (s < start || e > end) continue;
      if (link.kind === 'wiki') job.add(s, e, link.embed ? '' : wikiLinkDisplay(link));
      else if (link.embed) job.add(s, e, '');
      else {
        job.add(s, s + 1, '');
        job.add(s + 1 + link.text.length, e, '');
      }
    }
    for (const i of this.highlightIndex.touching(start, end, this.hits)) {
      if (this.outer.e[i] <= start || this.outer.s[i] >= end) continue;
      job.add(this.outer.s[i], this.inner.s[i], '');
      job.add(this.inner.e[i], this.outer.e[i], '');
    }

    if (quoted && job.has('>')) job.scan(QUOTE_PREFIX, 'drop');
    if (job.has('%%')) job.scan(COMMENT, 'drop');
    if (job.has('![')) job.scan(IMAGE, 'drop');
    if (job.has('](')) job.scan(LINK, 'link');
    if (job.has('<')) job.scan(AUTOLINK, 'autolink');
    if (job.has('\\')) job.scan(ESCAPE, 'escape');
    const star = job.has('*') || job.has('~~');
    const underscore = job.has('_');
    for (let round = 0; round < 4 && (star || underscore); round++) {
      let found = false;
      if (star) found = job.scan(STAR, 'emphasis') || found;
      if (underscore) found = job.scan(UNDERSCORE, 'emphasis') || found;
      if (!found) break;
    }
    if (job.has('==')) job.scan(EQUALS, 'drop');
    if (job.has('^')) job.scan(BLOCK_ID, 'drop');
    if (job.has('&')) job.scan(ENTITY, 'entity');

    return new Rendered(this.text, start, end, quoted, job.edits.sorted());
  }
}

/**
 * One rendered slice and the mapping of source offsets into its text. A
 * mark goes through the edits (a binary search: they are sorted and never
 * overlap, so "the first edit that ends after the mark or starts at or
 * after it" is a boundary in their order) and then through the whitespace
 * collapse (a walk up to the mark; a slice asked again, like a long
 * sentence holding many highlights, gets a table instead). A long sentence
 * with a highlight on each line used to cost its length per highlight.
 */
class Rendered {
  /** The slice after the edits, before whitespace is collapsed. */
  private readonly applied: string;
  readonly text: string;
  /** shift[k]: how much longer the edits before k made the text (replacement minus replaced); built for the first mark. */
  private shift?: Float64Array;
  private places?: Int32Array;
  uses = 1;

  constructor(
    source: string,
    readonly start: number,
    readonly end: number,
    readonly quoted: boolean,
    readonly edits: readonly Edit[],
  ) {
    this.applied = applyEdits(source, start, end, edits, []).text;
    this.text = collapseText(this.applied);
  }

  /** Where source offset m (within the slice) lands in the text: applyEdits, then collapse. */
  place(m: number): number {
    const a = this.applyOffset(m);
    if (this.uses > 1) {
      this.places ??= placesOf(this.applied);
      return Math.min(this.places[a], this.text.length);
    }
    return collapseMarks(this.applied, this.text.length, [a])[0];
  }

  /** applyEdits' mapping of a mark, for one mark within [start, end]. */
  private applyOffset(m: number): number {
    const edits = this.edits;
    // The edit a mark is placed at: the first that ends after it or starts at or after it.
    let lo = 0;
    let hi = edits.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (m < edits[mid].e || m <= edits[mid].s) hi = mid;
      else lo = mid + 1;
    }
    if (!this.shift) {
      const shift = (this.shift = new Float64Array(edits.length + 1));
      edits.forEach((x, k) => (shift[k + 1] = shift[k] + x.rep.length - (x.e - x.s)));
    }
    const at = lo > 0 ? edits[lo - 1].e : this.start;
    const out = at - this.start + this.shift[lo];
    if (lo === edits.length || m <= edits[lo].s) return out + (m - at);
    // Inside an edit: right after its replacement.
    return out + (edits[lo].s - at) + edits[lo].rep.length;
  }
}

/** collapse's offset of every position of `text` (the walk of collapse, all at once). */
function placesOf(text: string): Int32Array {
  const index = new Int32Array(text.length + 1);
  let len = 0;
  let pendingSpace = false;
  let run = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : -1;
    const space = c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(text[i]));
    if (c !== -1 && !space) {
      if (run === -1) {
        if (pendingSpace) {
          len++;
          pendingSpace = false;
        }
        run = i;
      }
      index[i] = len + (i - run);
      continue;
    }
    if (run !== -1) {
      len += i - run;
      run = -1;
    }
    index[i] = len;
    if (len > 0 && c !== -1) pendingSpace = true;
  }
  return index;
}

/** What a pattern's match becomes: removed whole, or which of its parts go. */
type MatchRule = 'drop' | 'link' | 'autolink' | 'escape' | 'emphasis' | 'entity';

/**
 * The state of one render: its slice, the masked copy patterns run on and
 * the edits so far. (A class rather than closures: a card extraction
 * renders tens of thousands of slices.)
 */
class RenderJob {
  readonly edits = new EditSet();
  /** The slice as written: a pattern cannot match where it lacks the pattern's characters (masking only removes). */
  private readonly raw: string;
  // The masked copy is rebuilt only when a pattern runs, from the spans protected since: joining a
  // per-character array instead costs tens of milliseconds on a 5,000-word paragraph.
  private masked: string;
  private pending: Span[] = [];

  constructor(
    text: string,
    private readonly start: number,
    private readonly end: number,
  ) {
    this.raw = this.masked = text.slice(start, end);
  }

  /**
   * Whether `needle` occurs in the masked slice, i.e. somewhere no edit or
   * protected span covers yet: a pattern that needs it cannot match
   * otherwise. Answered without rebuilding the masked copy while few spans
   * are pending (a cloze's sentence holds its highlight's `==`, already
   * covered, so the `==` pattern need not run).
   */
  has(needle: string): boolean {
    let at = this.raw.indexOf(needle);
    if (at < 0) return false;
    if (this.pending.length > 8) return this.currentMask().includes(needle);
    for (; at >= 0; at = this.raw.indexOf(needle, at + 1)) if (!this.masks(at, at + needle.length)) return true;
    return false;
  }

  /** Some character of [from, to) (slice offsets) is masked, or will be once the pending spans are applied. */
  private masks(from: number, to: number): boolean {
    for (let i = from; i < to; i++) {
      if (this.masked.charCodeAt(i) === 1 && this.raw.charCodeAt(i) !== 1) return true;
      for (const p of this.pending) if (p.s <= i && i < p.e) return true;
    }
    return false;
  }

  protect(s: number, e: number): void {
    const { start, end } = this;
    if (Math.min(e, end) > Math.max(s, start)) this.pending.push({ s: Math.max(s, start) - start, e: Math.min(e, end) - start });
  }

  add(s: number, e: number, rep: string): void {
    if (s < this.start || e > this.end || s > e) return;
    // An edit that covers earlier ones (a comment around a link) replaces them; a partial overlap is dropped.
    if (this.edits.add(s, e, rep)) this.protect(s, e);
  }

  /** Runs a pattern over the masked slice as it is now; true when it matched. */
  scan(re: RegExp, rule: MatchRule): boolean {
    const masked = this.currentMask();
    let found = false;
    re.lastIndex = 0;
    for (let m = re.exec(masked); m; m = re.exec(masked)) {
      found = true;
      const at = this.start + m.index;
      const len = m[0].length;
      switch (rule) {
        case 'drop':
          this.add(at, at + len, '');
          break;
        case 'link':
          this.add(at, at + 1, '');
          this.add(at + 1 + m[1].length, at + len, '');
          break;
        case 'autolink':
          this.add(at, at + 1, '');
          this.add(at + len - 1, at + len, '');
          break;
        case 'escape':
          this.add(at, at + 1, '');
          this.protect(at + 1, at + 2);
          break;
        case 'emphasis': {
          const n = m[1].length;
          this.add(at, at + n, '');
          this.add(at + len - n, at + len, '');
          break;
        }
        case 'entity': {
          const rep = decodeEntity(m[1]);
          if (rep !== undefined) this.add(at, at + len, rep);
          break;
        }
      }
      if (len === 0) re.lastIndex++;
    }
    return found;
  }

  private currentMask(): string {
    const pending = this.pending;
    if (!pending.length) return this.masked;
    if (!ascending(pending)) pending.sort((a, b) => a.s - b.s);
    const pieces: string[] = [];
    let at = 0;
    for (const p of pending) {
      if (p.e <= at) continue;
      const from = Math.max(p.s, at);
      pieces.push(this.masked.slice(at, from), MASK.repeat(p.e - from));
      at = p.e;
    }
    pieces.push(this.masked.slice(at));
    this.pending = [];
    this.masked = pieces.join('');
    return this.masked;
  }
}

function decodeEntity(name: string): string | undefined {
  if (name.startsWith('#')) {
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  return ENTITIES[name];
}

function ascending(spans: readonly Span[]): boolean {
  for (let i = 1; i < spans.length; i++) if (spans[i].s < spans[i - 1].s) return false;
  return true;
}

/** `edits` sorted by start, then end (as EditSet gives them), never overlapping. */
function applyEdits(text: string, start: number, end: number, edits: readonly Edit[], marks: number[]): { text: string; marks: number[] } {
  let out = '';
  let at = start;
  const mapped = marks.map(() => -1);
  const place = (upTo: number, edit?: Edit) => {
    marks.forEach((m, i) => {
      if (mapped[i] !== -1) return;
      if (m <= upTo) mapped[i] = out.length + (m - at);
      else if (edit && m < edit.e) mapped[i] = out.length + (upTo - at) + edit.rep.length;
    });
  };
  for (const edit of edits) {
    place(edit.s, edit);
    out += text.slice(at, edit.s) + edit.rep;
    at = edit.e;
  }
  place(end);
  out += text.slice(at, end);
  return { text: out, marks: mapped.map((m) => (m === -1 ? out.length : m)) };
}

/** Whitespace that collapsing changes inside trimmed text: anything but a lone space. */
const FOLDS = /[^\S ]| \s/;

/**
 * Collapses whitespace runs to one space and trims, keeping marks on the
 * same characters. `\s` and trim() know the same whitespace as the walk
 * below, so the text is a native trim and replace (most slices need only
 * the trim); the walk runs only to place the marks, and only as far as the
 * last one (it used to build a four-byte offset per rendered character).
 */
function collapse(input: { text: string; marks: number[] }): { text: string; marks: number[] } {
  const out = collapseText(input.text);
  return { text: out, marks: collapseMarks(input.text, out.length, input.marks) };
}

function collapseText(text: string): string {
  const trimmed = text.trim();
  return FOLDS.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
}

/** Where marks on `text` land in collapseText(text), whose length is `outLength`. */
function collapseMarks(text: string, outLength: number, marks: readonly number[]): number[] {
  if (!marks.length) return [];
  // Where each offset of `text` lands; a mark off the text (none are) has no place, as before.
  const stops = [...new Set(marks.filter((m) => Number.isInteger(m) && m >= 0 && m <= text.length))].sort((a, b) => a - b);
  const placed = new Map<number, number>();
  let next = 0;
  let len = 0;
  let pendingSpace = false;
  let run = -1;
  for (let i = 0; next < stops.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : -1;
    const space = c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(text[i]));
    if (c !== -1 && !space) {
      if (run === -1) {
        if (pendingSpace) {
          len++;
          pendingSpace = false;
        }
        run = i;
      }
      if (i === stops[next]) placed.set(stops[next++], len + (i - run));
      continue;
    }
    if (run !== -1) {
      len += i - run;
      run = -1;
    }
    // A mark on whitespace lands before the single space that replaces the run.
    if (i === stops[next]) placed.set(stops[next++], len);
    if (len > 0 && c !== -1) pendingSpace = true;
  }
  return marks.map((m) => Math.min(placed.get(m) ?? NaN, outLength));
}
