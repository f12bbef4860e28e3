// Reference: src/core/cards/noteOutline.ts as it was before extraction was made linear in the note's size (9deee6d).
// The oracle of test/unit/cards/linearExtraction.test.ts: keep it as it is (slow on purpose); change it only with the rules.
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
import type { Heading, NoteModel } from '../../../../src/core/parse/noteModel';
import { LineIndex } from '../../../../src/core/text/lineIndex';
import type { Range } from '../../../../src/core/text/range';

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

export class NoteOutline {
  readonly lines: LineIndex;
  readonly highlights: HighlightSpan[];
  readonly paragraphs: ParagraphInfo[] = [];
  private readonly paragraphByBlock = new Map<number, ParagraphInfo>();
  private readonly children: number[][];

  constructor(
    readonly text: string,
    readonly model: NoteModel,
  ) {
    this.lines = new LineIndex(text);
    this.highlights = model.highlights
      .map((h, index) => ({ index, outer: this.span(h.range), inner: this.span(h.innerRange), startLine: h.range.start.line, endLine: h.range.end.line }))
      .sort((a, b) => a.outer.s - b.outer.s);
    this.children = model.blocks.map(() => []);
    model.blocks.forEach((b, i) => {
      if (b.parent >= 0) this.children[b.parent]?.push(i);
    });
    model.blocks.forEach((b, i) => {
      if (b.kind !== 'paragraph') return;
      const p = this.paragraph(i);
      this.paragraphs.push(p);
      this.paragraphByBlock.set(i, p);
    });
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
    const highlights = this.highlights.filter((h) => h.outer.s >= s && h.outer.e <= e);
    const first = this.lines.positionAt(s).line;
    const last = this.lines.positionAt(e).line;
    const groups: LineGroup[] = [];
    for (let line = first; line <= last; line++) {
      const gs = line === first ? s : this.lines.lineStart(line);
      const ge = line === last ? e : this.lines.lineEnd(line);
      const prev = groups[groups.length - 1];
      // A highlight that runs onto this line glues it to the previous one.
      if (prev && highlights.some((h) => h.startLine < line && h.endLine >= line)) {
        prev.e = ge;
        prev.lastLine = line;
        continue;
      }
      const prefix = (quoted ? /^[ \t]*(?:>[ \t]?)*[ \t]*/ : /^[ \t]*/).exec(this.text.slice(gs, ge))![0];
      groups.push({ s: gs, e: ge, head: gs + prefix.length, firstLine: line, lastLine: line });
    }
    return { block, s, e, quoted, groups, highlights };
  }

  paragraphOf(block: number): ParagraphInfo | undefined {
    return this.paragraphByBlock.get(block);
  }

  childBlocks(block: number): readonly number[] {
    return this.children[block] ?? [];
  }

  /** The paragraph a list item opens with (its first line), if any. */
  headParagraph(item: number): ParagraphInfo | undefined {
    const first = this.children[item]?.[0];
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

  /** The headings above a line, outermost first. */
  headingPath(line: number): Heading[] {
    const stack: Heading[] = [];
    for (const h of this.model.headings) {
      if (h.range.start.line >= line) break;
      while (stack.length && stack[stack.length - 1].level >= h.level) stack.pop();
      stack.push(h);
    }
    return stack;
  }
}

function columns(ws: string): number {
  let col = 0;
  for (const ch of ws) col = ch === '\t' ? col + 4 - (col % 4) : col + 1;
  return col;
}
