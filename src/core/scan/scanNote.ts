/**
 * scanNote: one note's text → NoteModel, the same model parseNote builds with
 * micromark (which stays the reference: test/unit/scan/differential.test.ts
 * compares the two on every fixture, the sample vault, the benchmark's notes
 * and thousands of random documents), over a hundred times faster. Two passes:
 * blockScanner.ts finds containers and leaves line by line, inlineScanner.ts
 * and inlineWalk.ts read the inline content of each leaf. Both follow
 * micromark's state machines (CommonMark, GFM, math, frontmatter, our wiki
 * links, highlights and inline math) for what the model needs, including
 * micromark's quirks where real notes can meet them (where a block quote or
 * list item ends, HTML that interrupts a lazy line, a first `---` that never
 * closes, GFM's autolink transform losing the positions of text it splits…);
 * nothing is built that the model does not use. Linear on any input.
 *
 * It is on the index's hot path, so (measure with the speed probe of the
 * differential test before changing these): its parts and their buffers are
 * made once and reused from note to note, tokens and block objects come
 * from pools (a note allocates little but its model); searches ahead use
 * indexOf and keep their answers (charFinder.ts, stopFinder.ts) rather than
 * loops over charCodeAt; equal offsets share one Position; and offsets are
 * never read from a Float64Array (a double reaching a model field makes V8
 * box that field in every object of its shape, see positions.ts).
 *
 * Known differences from parseNote (rare in real notes; the differential
 * test avoids them or compares around them):
 * - parseNote reads a note over 8 KB in pieces (parse/chunks.ts); scanNote
 *   reads it whole, as CommonMark does. They then differ where something
 *   crosses a piece boundary: a `[ref]` or `[^note]` defined in another piece
 *   (text for parseNote), a lone `^id` after a list that a boundary splits
 *   (parseNote labels only its last part), a fence opened inside an HTML
 *   block (the splitter misses that the HTML hides the fence, and may cut the
 *   code), a first `---` that never closes (no lists or quotes in the whole
 *   note for micromark, only in the first piece for parseNote), a U+FEFF
 *   opening a piece (micromark drops it and parseNote's offsets shift).
 * - A heading whose first or last text GFM's autolink transform splits (a
 *   URL or email micromark did not link itself, e.g. after an unclosed `[`)
 *   gets a textRange at the start of the note in parseNote (the split nodes
 *   have no position); scanNote keeps the heading's real text. (Tags and
 *   trailing block ids in such split text are lost in both, on purpose.)
 * - An image's alt text decodes only numeric character references and
 *   `&amp; &lt; &gt; &quot; &apos; &nbsp;`; other named ones stay as written.
 * - Pathological nestings where micromark's walk-back pairing of `~` runs
 *   or its "no links in links" walk differs from the stack-based versions
 *   here (a link inside an image inside a link label); none found by the
 *   differential test.
 */
import { readCalloutHeader } from '../parse/callouts';
import { readFrontmatter } from '../parse/frontmatter';
import type { ToRange } from '../parse/linkRefs';
import type { BlockNode, NoteModel } from '../parse/noteModel';
import { applyObsidianComments } from '../parse/obsidianComments';
import { LineIndex } from '../text/lineIndex';
import { BlockScanner } from './blockScanner';
import { LeafKind, type Leaf } from './blockTypes';
import { isJsWhitespace } from './chars';
import { InlineScanner } from './inlineScanner';
import { InlineWalker, type Children } from './inlineWalk';
import { Positions } from './positions';
import { scanTrailingBlockId } from './textMarkers';

const BOM = 0xfeff;

export interface ScanOptions {
  /** Read at most this many characters (cut at a line end), as ParseOptions.maxLength. */
  maxLength?: number;
}

function emptyModel(): NoteModel {
  return { headings: [], blockIds: [], links: [], highlights: [], tags: [], callouts: [], blocks: [], literalRanges: [], problems: [] };
}

/** Scans one note. Pure and synchronous; never throws, whatever the text. */
export function scanNote(text: string, options: ScanOptions = {}): NoteModel {
  try {
    const max = options.maxLength ?? Infinity;
    if (text.length <= max) return scanner.scan(text);
    const cut = text.lastIndexOf('\n', max - 1) + 1 || max;
    const model = scanner.scan(text.slice(0, cut));
    const at = new LineIndex(text).positionAt(cut);
    model.problems.push({
      code: 'too-large',
      message: `This note is ${megabytes(text.length)}; only its first ${megabytes(cut)} are read for links, headings and tags.`,
      range: { start: at, end: at },
    });
    return model;
  } catch (e) {
    const model = emptyModel();
    const lines = new LineIndex(text);
    model.problems.push({
      code: 'parse-failed',
      message: `This note could not be parsed: ${e instanceof Error ? e.message : String(e)}`,
      range: lines.rangeOf(0, lines.lineEnd(0)),
    });
    return model;
  } finally {
    scanner.release();
  }
}

function megabytes(chars: number): string {
  return `${(chars / 1e6).toFixed(1)} MB`;
}

/** The scanner's model between notes (never written to: each note gets its own). */
const NO_MODEL = emptyModel();

interface LeafOptions {
  definitions: Set<string>;
  footnotes: Set<string>;
  taskCheck: boolean;
}

/**
 * Scans one note after another: its parts (and their buffers) are made once
 * and reused, so a note allocates little besides its model. scanNote is
 * synchronous and nothing in here calls it, so one instance serves all.
 */
class NoteScanner {
  private model: NoteModel = NO_MODEL;
  private text = '';
  private src = '';
  private base = 0;
  private readonly positions = new Positions();
  private readonly toRange: ToRange = (start, end) => this.positions.range(this.base + start, this.base + end);
  private readonly blockScanner = new BlockScanner();
  private readonly inline = new InlineScanner();
  private readonly walker = new InlineWalker(this.toRange);

  scan(text: string): NoteModel {
    this.text = text;
    this.base = text.charCodeAt(0) === BOM ? 1 : 0;
    this.src = this.base ? text.slice(1) : text;
    const model = (this.model = emptyModel());
    this.positions.start(text);
    this.inline.startNote(this.src);
    this.walker.start(this.src, model);
    const scan = this.blockScanner.scan(this.src);
    const inlineOptions: LeafOptions = { definitions: scan.definitions, footnotes: scan.footnotes, taskCheck: false };
    for (const leaf of scan.leaves) {
      switch (leaf.kind) {
        case LeafKind.Frontmatter:
          this.frontmatter(leaf);
          break;
        case LeafKind.FencedCode:
        case LeafKind.IndentedCode:
        case LeafKind.Math:
        case LeafKind.Html:
          model.literalRanges.push(this.toRange(leaf.start, leaf.end));
          break;
        case LeafKind.AtxHeading:
        case LeafKind.SetextHeading: {
          // (A task check is read only in paragraphs, not in a setext heading opening an item.)
          inlineOptions.taskCheck = false;
          const children = this.inlineOf(leaf.segs, inlineOptions, false);
          this.heading(leaf, children);
          break;
        }
        case LeafKind.Paragraph:
          this.paragraph(leaf, scan.blocks, inlineOptions);
          break;
        case LeafKind.Table: {
          inlineOptions.taskCheck = false;
          const segs = leaf.segs;
          for (let k = 0; k < segs.length; k += 2) this.inlineSpan(segs[k], segs[k + 1], inlineOptions, false);
          break;
        }
        default:
          break;
      }
    }
    for (const { quote, first } of scan.quotes) {
      if (!first) continue;
      const header = readCalloutHeader(this.src, first.start);
      if (!header) continue;
      model.callouts.push({
        type: header.type,
        title: header.title,
        ...(header.fold ? { fold: header.fold } : {}),
        headerRange: this.toRange(first.start, header.end),
        range: this.toRange(quote.start, quote.end),
      });
    }
    for (const b of scan.blocks) {
      const block: BlockNode = { kind: b.kind, range: this.toRange(b.start, b.end), parent: b.parent };
      if (b.ordinal !== undefined) block.ordinal = b.ordinal;
      model.blocks.push(block);
    }
    applyObsidianComments(this.text, model);
    return model;
  }

  /** Lets go of the last note (its text, model and the scanners' references into them). */
  release(): void {
    this.text = this.src = '';
    this.model = NO_MODEL;
    this.inline.startNote('');
    this.walker.start('', null);
    this.blockScanner.release();
  }

  /** Scans the inline content of a leaf that is one piece of the source. */
  private inlineSpan(from: number, to: number, options: LeafOptions, shift: boolean): Children {
    const tokens = this.inline.scan(this.src, from, to, options);
    return this.walker.walk(tokens, this.src, from, to, null, shift, this.inline.urlish);
  }

  /** Scans the inline content of a leaf, given as [start, end) line pieces of the source. */
  private inlineOf(segs: number[], options: LeafOptions, shift: boolean): Children {
    if (segs.length <= 2 || this.contiguous(segs)) return this.inlineSpan(segs[0], segs[segs.length - 1], options, shift);
    // Lines of a block quote: drop the `>` prefixes, keep each line ending.
    const src = this.src;
    const at: number[] = [];
    const srcAt: number[] = [];
    let s = '';
    for (let k = 0; k < segs.length; k += 2) {
      at.push(s.length);
      srcAt.push(segs[k]);
      let lineEnd = segs[k + 1];
      if (k + 2 < segs.length) {
        if (src.charCodeAt(lineEnd) === 13 && src.charCodeAt(lineEnd + 1) === 10) lineEnd += 2;
        else lineEnd += 1;
      }
      s += src.slice(segs[k], lineEnd);
    }
    const tokens = this.inline.scan(s, 0, s.length, options);
    return this.walker.walk(tokens, s, 0, s.length, { at, src: srcAt }, shift, this.inline.urlish);
  }

  /** Whether the lines follow each other in the source with only blanks between (no `>` to drop). */
  private contiguous(segs: number[]): boolean {
    const src = this.src;
    for (let k = 2; k < segs.length; k += 2) {
      let i = segs[k - 1];
      if (src.charCodeAt(i) === 13) i++;
      if (src.charCodeAt(i) === 10) i++;
      for (; i < segs[k]; i++) {
        const c = src.charCodeAt(i);
        if (c !== 32 && c !== 9) return false;
      }
    }
    return true;
  }

  private heading(leaf: Leaf, children: Children): void {
    const src = this.src;
    let start = children.count ? children.firstStart : leaf.end;
    let end = children.count ? children.lastEnd : leaf.end;
    if (children.lastTextStart >= 0) {
      const id = scanTrailingBlockId(src, children.lastTextStart, children.lastTextEnd, start);
      if (id) {
        this.addBlockId(id, leaf.start, leaf.end);
        end = id.start;
        while (end > start && isJsWhitespace(src.charCodeAt(end - 1))) end--;
      }
    }
    if (end < start) start = end;
    // A setext heading's lines join with one space.
    let text = src.slice(start, end);
    if (text.includes('\n')) text = text.replace(/[ \t]*\r?\n[ \t]*/g, ' ');
    this.model.headings.push({ level: leaf.level, text, range: this.toRange(leaf.start, leaf.end), textRange: this.toRange(start, end) });
  }

  private paragraph(leaf: Leaf, blocks: { start: number; end: number }[], options: LeafOptions): void {
    if (leaf.loneId !== undefined) {
      const labels = leaf.labels!;
      this.addBlockId({ id: leaf.loneId, start: leaf.start, end: leaf.start + 1 + leaf.loneId.length }, labels.start, labels.end);
      return;
    }
    options.taskCheck = leaf.item !== null && leaf.taskCheck;
    const children = this.inlineOf(leaf.segs, options, true);
    let start = leaf.start;
    if (options.taskCheck && children.firstIsText && children.firstStart > start) {
      // After a task check the paragraph starts at its text (mdast-util-gfm-task-list-item).
      start = children.firstStart;
      blocks[leaf.block].start = start;
    }
    if (children.lastTextStart < 0) return;
    const id = scanTrailingBlockId(this.src, children.lastTextStart, children.lastTextEnd, start);
    if (!id) return;
    // The first paragraph of a list item carries the item's id, as in Obsidian.
    if (leaf.item) this.addBlockId(id, leaf.item.start, leaf.item.end);
    else this.addBlockId(id, start, leaf.end);
  }

  private addBlockId(id: { id: string; start: number; end: number }, blockStart: number, blockEnd: number): void {
    this.model.blockIds.push({ id: id.id, range: this.toRange(id.start, id.end), blockRange: this.toRange(blockStart, blockEnd) });
  }

  private frontmatter(leaf: Leaf): void {
    const model = this.model;
    model.literalRanges.push(this.toRange(leaf.start, leaf.end));
    const parts = readFrontmatter(leaf.value, leaf.valueStart, leaf.start, leaf.end);
    const whole = this.toRange(leaf.start, leaf.end);
    const aliasRanges = parts.aliasSpans.map((s) => (s ? this.toRange(s[0], s[1]) : whole));
    model.frontmatter = { range: whole, data: parts.data, aliases: parts.aliases, aliasRanges, tags: parts.tags };
    if (!parts.problems.length) return;
    const lines = new LineIndex(this.text);
    for (const p of parts.problems) {
      // A point inside the YAML becomes its whole line: that is what the user fixes.
      const line = lines.positionAt(this.base + p.start).line;
      const range = p.start === p.end ? lines.rangeOf(lines.lineStart(line), lines.lineEnd(line)) : this.toRange(p.start, p.end);
      model.problems.push({ code: p.code, message: p.message, range });
    }
  }
}

const scanner = new NoteScanner();
