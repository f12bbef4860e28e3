/**
 * The shape of a note as card extraction sees it, derived from the
 * NoteModel (never a second parse): paragraphs cut into line groups,
 * highlights as offsets, list nesting and the heading path of a line.
 *
 * Lines matter because Obsidian shows a single line break as a break, so
 * students write one definition per line, and CommonMark's lazy
 * continuation then folds a column-0 line like `==Association==: …` into
 * the list item above it. A line's own indentation, not the parse tree,
 * says which list items it really belongs to.
 */
import type { Heading, NoteModel } from '../parse/noteModel';
import { LineIndex } from '../text/lineIndex';
import type { Range } from '../text/range';
import { lowerBound } from './spans';

export interface Span {
  s: number;
  e: number;
}

export interface HighlightSpan {
  index: number;
  outer: Span;
  inner: Span;
  startLine: number;
  endLine: number;
}

/** One line of a paragraph, or several when a highlight spans them. */
export interface LineGroup {
  s: number;
  e: number;
  /** Offset of the first content character (after indentation and `>`). */
  head: number;
  firstLine: number;
  lastLine: number;
}

export interface ParagraphInfo {
  block: number;
  s: number;
  e: number;
  /** Inside a blockquote: its lines carry `>` prefixes. */
  quoted: boolean;
  groups: LineGroup[];
  highlights: HighlightSpan[];
}

const PREFIX = /^[ \t]*/;
const QUOTED_PREFIX = /^[ \t]*(?:>[ \t]?)*[ \t]*/;

/*
 * Sized for a multi-megabyte note (tens of thousands of blocks): what is
 * kept for every block is flat (typed arrays), and paragraphs are worked
 * out only where a card can start, at a highlight, or when asked for.
 */
export class NoteOutline {
  readonly lines: LineIndex;
  readonly highlights: HighlightSpan[];
  /** The paragraphs that hold a highlight, in document order: the only ones a card can start in. */
  readonly highlightedParagraphs: ParagraphInfo[] = [];
  private readonly paragraphByBlock = new Map<number, ParagraphInfo>();
  /** Children of block b: childList[childStart[b] .. childStart[b + 1]), in document order. */
  private readonly childStart: Int32Array;
  private readonly childList: Int32Array;
  /** headingPath's tables, built on first use (see there). */
  private headingTree?: { below: Int32Array; reach: Float64Array };

  constructor(
    readonly text: string,
    readonly model: NoteModel,
  ) {
    this.lines = new LineIndex(text);
    this.highlights = model.highlights
      .map((h, index) => ({ index, outer: this.span(h.range), inner: this.span(h.innerRange), startLine: h.range.start.line, endLine: h.range.end.line }))
      .sort((a, b) => a.outer.s - b.outer.s);
    const blocks = model.blocks;
    const n = blocks.length;
    this.childStart = new Int32Array(n + 1);
    for (const b of blocks) if (b.parent >= 0 && b.parent < n) this.childStart[b.parent + 1]++;
    for (let i = 0; i < n; i++) this.childStart[i + 1] += this.childStart[i];
    this.childList = new Int32Array(this.childStart[n]);
    const fill = this.childStart.slice(0, n);
    blocks.forEach((b, i) => {
      if (b.parent >= 0 && b.parent < n) this.childList[fill[b.parent]++] = i;
    });
    blocks.forEach((b, i) => {
      if (b.kind !== 'paragraph') return;
      const s = this.lines.offsetAt(b.range.start);
      const e = this.lines.offsetAt(b.range.end);
      if (!this.hasHighlightWithin(s, e)) return;
      const p = this.paragraph(i);
      this.highlightedParagraphs.push(p);
      this.paragraphByBlock.set(i, p);
    });
  }

  private hasHighlightWithin(s: number, e: number): boolean {
    const list = this.highlights;
    for (let k = lowerBound(list.length, (i) => list[i].outer.s, s); k < list.length && list[k].outer.s <= e; k++) if (list[k].outer.e <= e) return true;
    return false;
  }

  span(r: Range): Span {
    return { s: this.lines.offsetAt(r.start), e: this.lines.offsetAt(r.end) };
  }

  private paragraph(block: number): ParagraphInfo {
    const { s, e } = this.span(this.model.blocks[block].range);
    let quoted = false;
    for (let b = this.model.blocks[block].parent; b >= 0; b = this.model.blocks[b].parent) {
      if (this.model.blocks[b].kind === 'blockquote') quoted = true;
    }
    const highlights = highlightsWithin(this.highlights, s, e);
    const first = this.lines.positionAt(s).line;
    const last = this.lines.positionAt(e).line;
    const groups: LineGroup[] = [];
    // Lines are visited in order, so "some highlight starts above this line and reaches it" is the
    // furthest end line among the highlights started so far: one sweep, not all highlights per line.
    const byStartLine = highlights.length > 1 ? [...highlights].sort((a, b) => a.startLine - b.startLine) : highlights;
    let started = 0;
    let reach = -Infinity;
    for (let line = first; line <= last; line++) {
      const gs = line === first ? s : this.lines.lineStart(line);
      const ge = line === last ? e : this.lines.lineEnd(line);
      const prev = groups[groups.length - 1];
      for (; started < byStartLine.length && byStartLine[started].startLine < line; started++) reach = Math.max(reach, byStartLine[started].endLine);
      // A highlight that runs onto this line glues it to the previous one.
      if (prev && reach >= line) {
        prev.e = ge;
        prev.lastLine = line;
        continue;
      }
      const prefix = (quoted ? QUOTED_PREFIX : PREFIX).exec(this.text.slice(gs, ge))![0];
      groups.push({ s: gs, e: ge, head: gs + prefix.length, firstLine: line, lastLine: line });
    }
    return { block, s, e, quoted, groups, highlights };
  }

  /** The first highlight of a paragraph that starts at `offset` (its highlights are sorted by start). */
  highlightAt(paragraph: ParagraphInfo, offset: number): HighlightSpan | undefined {
    const list = paragraph.highlights;
    const k = lowerBound(list.length, (i) => list[i].outer.s, offset);
    return k < list.length && list[k].outer.s === offset ? list[k] : undefined;
  }

  /** Highlights of the note inside [s, e], by binary search (a note can hold tens of thousands). */
  highlightsIn(s: number, e: number): HighlightSpan[] {
    return highlightsWithin(this.highlights, s, e);
  }

  /** The highlights of a paragraph inside [s, e], by binary search. */
  highlightsWithin(paragraph: ParagraphInfo, s: number, e: number): HighlightSpan[] {
    return highlightsWithin(paragraph.highlights, s, e);
  }

  paragraphOf(block: number): ParagraphInfo | undefined {
    let p = this.paragraphByBlock.get(block);
    if (!p && this.model.blocks[block]?.kind === 'paragraph') this.paragraphByBlock.set(block, (p = this.paragraph(block)));
    return p;
  }

  childBlocks(block: number): Int32Array {
    if (!(block >= 0 && block < this.model.blocks.length)) return new Int32Array(0);
    return this.childList.subarray(this.childStart[block], this.childStart[block + 1]);
  }

  /** The paragraph a list item opens with (its first line), if any. */
  headParagraph(item: number): ParagraphInfo | undefined {
    const first = this.childBlocks(item)[0];
    if (first === undefined) return undefined;
    const b = this.model.blocks[first];
    return b.kind === 'paragraph' && b.range.start.line === this.model.blocks[item].range.start.line ? this.paragraphOf(first) : undefined;
  }

  /** Indentation of a line in columns (a tab is 4), as a reader sees it. */
  indentOf(line: number): number {
    const ws = /^[ \t]*/.exec(this.lines.lineText(line))![0];
    return columns(ws);
  }

  /**
   * List items that really enclose `line` of a paragraph, innermost first:
   * an item counts only when the line is indented past its marker (so a
   * lazy continuation line at column 0 is top level), and the item the
   * line itself opens is left out.
   */
  enclosingItems(paragraph: ParagraphInfo, line: number): number[] {
    const out: number[] = [];
    const indent = this.indentOf(line);
    for (let b = this.model.blocks[paragraph.block].parent; b >= 0; b = this.model.blocks[b].parent) {
      const block = this.model.blocks[b];
      if (block.kind !== 'listItem') continue;
      const opens = block.range.start.line === line && this.headParagraph(b) === paragraph;
      const marker = columns(this.lines.lineText(block.range.start.line).slice(0, block.range.start.character));
      if (!opens && indent > marker) out.push(b);
    }
    return out;
  }

  /**
   * The headings above a line, outermost first: the stack left by pushing
   * the headings in order (popping those of the same or a deeper level)
   * until the first one at or below the line. Every card asks, so the
   * stacks are built once per note as a tree: after heading k the stack is
   * k, below[k], below[below[k]], …; the headings before `line` are a
   * prefix of the list, found by binary search on the running maximum of
   * their lines (the same prefix even if the list were not in line order).
   */
  headingPath(line: number): Heading[] {
    const headings = this.model.headings;
    if (!this.headingTree) {
      const below = new Int32Array(headings.length);
      const reach = new Float64Array(headings.length);
      let top = -1;
      let max = -Infinity;
      headings.forEach((h, k) => {
        while (top >= 0 && headings[top].level >= h.level) top = below[top];
        below[k] = top;
        top = k;
        reach[k] = max = Math.max(max, h.range.start.line);
      });
      this.headingTree = { below, reach };
    }
    const { below, reach } = this.headingTree;
    const stack: Heading[] = [];
    for (let k = lowerBound(reach.length, (i) => reach[i], line) - 1; k >= 0; k = below[k]) stack.push(headings[k]);
    return stack.reverse();
  }
}

/** The highlights of a list sorted by start that lie inside [s, e], in list order. */
function highlightsWithin(list: readonly HighlightSpan[], s: number, e: number): HighlightSpan[] {
  const out: HighlightSpan[] = [];
  // A highlight starting after e also ends after it: the run to look at ends there.
  for (let k = lowerBound(list.length, (i) => list[i].outer.s, s); k < list.length && list[k].outer.s <= e; k++) {
    if (list[k].outer.e <= e) out.push(list[k]);
  }
  return out;
}

function columns(ws: string): number {
  let col = 0;
  for (const ch of ws) col = ch === '\t' ? col + 4 - (col % 4) : col + 1;
  return col;
}
