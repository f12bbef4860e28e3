/**
 * The block pass of scanNote: one walk over the lines that finds
 * containers (block quotes, list items, footnote definitions) and leaves
 * (paragraphs, headings, code, math, HTML, tables, frontmatter) the way
 * micromark's document and flow tokenizers do, including their column rules
 * for tabs (a tab is 1–4 columns, and may be consumed in part), laziness and
 * which constructs may interrupt a paragraph.
 *
 * Blocks of the model are allocated in document order: containers when they
 * open, leaves when they close (only then is it known whether a paragraph is
 * a setext heading, a link definition or a lone `^id`).
 */
import { BlockObjects, type OpenLeaf, type PendingBlock } from './blockObjects';
import { ContainerKind, LeafKind, type Container, type Leaf, type ListNode, type Sibling } from './blockTypes';
import { isAsciiDigit, isSpaceOrTab } from './chars';
import { LineCursor } from './lineCursor';
import {
  atxHeading,
  htmlBlockStart,
  htmlLineCloses,
  HtmlState,
  isClosingFence,
  openingFence,
  setextLevel,
  tableDelimiterCells,
  tableHeadCells,
  tableRowCells,
} from './lineStarts';
import { normalizeIdentifier, scanDefinition } from './linkParts';

const LONE_ID = /^\^([A-Za-z0-9-]+)[ \t]*$/;

/** Why open blocks are closed before the current line. */
const enum Cut {
  /** micromark closes its flow (a new container, or the next item of a list). */
  Flow,
  /** The line is lazy and continues nothing. */
  Lazy,
}

/** Results of the block pass. */
export interface BlockScan {
  leaves: Leaf[];
  blocks: PendingBlock[];
  /** Blockquotes in document order with their first child, for callouts. */
  quotes: { quote: Container; first: Leaf | null }[];
  /** Normalized labels of link reference definitions. */
  definitions: Set<string>;
  /** Normalized labels of footnote definitions. */
  footnotes: Set<string>;
}

export class BlockScanner extends LineCursor {
  private readonly leaves: Leaf[] = [];
  private readonly blocks: PendingBlock[] = [];
  private readonly quotes: { quote: Container; first: Leaf | null }[] = [];
  private readonly definitions = new Set<string>();
  private readonly footnotes = new Set<string>();
  private readonly stack: Container[] = [];
  private readonly objects = new BlockObjects();
  private open: OpenLeaf | null = null;
  /** The last flow construct of this container was a table row: the next line may be one too. */
  private tableOpen: { leaf: Leaf; container: Container } | null = null;

  /** Where this line's flow content starts (after the container prefixes). */
  private flowStart = 0;
  /**
   * A first line `---` that no closing `---` follows: micromark tries it as
   * frontmatter to the end of the text, a "concrete" construct during which
   * no container is looked for, and keeps that when the attempt fails: the
   * whole note then has no block quotes, lists or footnotes.
   */
  private noContainers = false;
  /** paragraphContinues found a complete HTML tag on a lazy line. */
  private html7Interrupts = false;
  /** The line continueConcrete read had nothing after its container prefixes. */
  private concreteLineEmpty = false;
  /** A footnote's indentation was read on this line (an item before a sibling here cannot end before it). */
  private footnotePrefix = false;
  /** A quote prefix or footnote indentation was read on this line (see line()). */
  private prefixStops = false;
  /** paragraphContinues found an underline under nothing but definitions: a new paragraph starts. */
  private newParagraph = false;

  private readonly result: BlockScan = { leaves: this.leaves, blocks: this.blocks, quotes: this.quotes, definitions: this.definitions, footnotes: this.footnotes };

  /** Lets go of the last text and what was found in it. */
  release(): void {
    this.startText('');
    // (A frontmatter leaf's YAML is a slice that would keep the whole note.)
    for (const leaf of this.leaves) leaf.value = '';
    this.leaves.length = 0;
    this.blocks.length = 0;
    this.quotes.length = 0;
    this.stack.length = 0;
    this.open = null;
    this.tableOpen = null;
  }

  /** Scans one text. The scanner is reused: what it returns is good until the next scan. */
  scan(src: string): BlockScan {
    this.startText(src);
    this.objects.restart();
    // (Setting an array's length is a slow call: only when it changes.)
    if (this.leaves.length) this.leaves.length = 0;
    if (this.blocks.length) this.blocks.length = 0;
    if (this.quotes.length) this.quotes.length = 0;
    // (Clearing allocates a new table, even for an empty set.)
    if (this.definitions.size) this.definitions.clear();
    if (this.footnotes.size) this.footnotes.clear();
    if (this.stack.length) this.stack.length = 0;
    this.stack.push(this.objects.container(ContainerKind.Root, 0, -1, -1));
    this.open = null;
    this.tableOpen = null;
    this.flowStart = 0;
    this.noContainers = false;
    this.html7Interrupts = false;
    this.concreteLineEmpty = false;
    this.footnotePrefix = false;
    this.prefixStops = false;
    this.newParagraph = false;
    let p = 0;
    if (this.src.startsWith('---')) p = this.frontmatter();
    while (p < this.len) {
      this.readLine(p);
      this.line();
      p = this.next;
    }
    this.finish();
    return this.result;
  }

  // ---- frontmatter ------------------------------------------------------------

  /** YAML frontmatter at the very start; returns where the body starts. */
  private frontmatter(): number {
    const src = this.src;
    this.readLine(0);
    let i = 3;
    while (i < this.eol && isSpaceOrTab(src.charCodeAt(i))) i++;
    if (i !== this.eol || this.eol === this.len) return 0;
    this.noContainers = true;
    const valueStart = this.next;
    let p = this.next;
    while (p < this.len) {
      this.readLine(p);
      if (src.startsWith('---', p)) {
        let k = p + 3;
        while (k < this.eol && isSpaceOrTab(src.charCodeAt(k))) k++;
        if (k === this.eol) {
          this.noContainers = false;
          const leaf = this.objects.leaf(LeafKind.Frontmatter, 0, -1);
          leaf.end = this.eol;
          let valueEnd = p;
          if (valueEnd > valueStart) valueEnd -= src.charCodeAt(valueEnd - 1) === 10 && src.charCodeAt(valueEnd - 2) === 13 ? 2 : 1;
          leaf.value = src.slice(valueStart, Math.max(valueStart, valueEnd));
          leaf.valueStart = src.indexOf('\n') + 1;
          this.leaves.push(leaf);
          this.addChild(this.stack[0], leaf);
          return this.next;
        }
      }
      p = this.next;
    }
    return 0;
  }

  // ---- one line -----------------------------------------------------------------

  private line(): void {
    this.concreteLineEmpty = false;
    if (this.noContainers) {
      const open = this.open;
      if (open && isConcrete(open.leaf.kind)) this.continueConcrete(open);
      else this.flow(false);
      return;
    }
    const stack = this.stack;
    let matched = 1;
    let siblingOpened = false;
    this.footnotePrefix = false;
    // A quote prefix or footnote indentation on this line: containers that a
    // new container closes here end where the matched prefixes end (micromark
    // only moves container ends back over line endings and list indentation).
    let prefixStops = false;
    while (matched < stack.length) {
      const c = stack[matched];
      if (c.kind === ContainerKind.Quote) {
        const s = this.save();
        this.eatColumns(3);
        if (this.cur() !== 62 || this.virt > 0) {
          this.restore(s);
          break;
        }
        this.pos++;
        this.col++;
        if (isSpaceOrTab(this.cur())) this.eatColumns(1);
        matched++;
        prefixStops = true;
        continue;
      }
      if (c.kind === ContainerKind.Footnote) {
        if (this.restIsBlank()) {
          matched++;
          continue;
        }
        const s = this.save();
        if (this.eatColumns(4) === 4) {
          matched++;
          prefixStops = true;
          this.footnotePrefix = true;
          continue;
        }
        this.restore(s);
        break;
      }
      // List item.
      if (this.restIsBlank()) {
        c.furtherBlank = c.furtherBlank || c.initialBlank;
        this.eatColumns(c.size);
        matched++;
        continue;
      }
      const further = c.furtherBlank;
      c.furtherBlank = c.initialBlank = false;
      const s = this.save();
      if (!further && isSpaceOrTab(this.cur())) {
        if (this.eatColumns(c.size) === c.size) {
          matched++;
          continue;
        }
        this.restore(s);
      }
      // Not in this item: the next item of the same list?
      const before = this.col;
      this.eatColumns(3);
      if (this.virt === 0 && this.listItemStart(c.list, false, this.col - before, matched)) {
        siblingOpened = true;
        matched = stack.length;
      } else this.restore(s);
      break;
    }
    const allMatched = matched === stack.length;
    const open = this.open;
    if (allMatched && !siblingOpened && open && isConcrete(open.leaf.kind)) {
      this.continueConcrete(open);
      this.touchQuotes();
      return;
    }
    // micromark's document-level `interrupt` (it only matters to list items) lasts the whole line.
    const interrupt = allMatched && !siblingOpened && !!open && (open.leaf.kind === LeafKind.Paragraph || open.leaf.kind === LeafKind.IndentedCode);
    let opened = siblingOpened;
    // Where containers closed by a new one end, if their end is not moved back (see closeFrom).
    const closeEnd = this.offset();
    this.prefixStops = prefixStops;
    for (;;) {
      const s = this.save();
      const before = this.col;
      this.eatColumns(3);
      const ch = this.cur();
      if (this.virt > 0 || ch < 0) {
        this.restore(s);
        break;
      }
      if (ch === 62) {
        if (!opened) this.closeFrom(matched, Cut.Flow, -1, closeEnd);
        opened = true;
        this.openQuote();
        continue;
      }
      if (ch === 91 && this.src.charCodeAt(this.pos + 1) === 94 && this.footnoteStart(opened ? -1 : matched, closeEnd)) {
        opened = true;
        continue;
      }
      if ((ch === 42 || ch === 43 || ch === 45 || isAsciiDigit(ch)) && this.listItemStart(null, interrupt, this.col - before, opened ? -1 : matched, closeEnd)) {
        opened = true;
        continue;
      }
      this.restore(s);
      break;
    }
    if (!opened && !allMatched) {
      // A lazy line: only a paragraph continues over it.
      if (open && open.leaf.kind === LeafKind.Paragraph && this.paragraphContinues(open, true)) {
        this.appendParagraphLine(open);
        this.touchQuotes();
        return;
      }
      if (this.html7Interrupts) {
        // A complete tag ends the paragraph yet stays where it was (micromark lets HTML kind 7 interrupt only lazily).
        this.html7Interrupts = false;
        this.closeLeaf(this.prevLineEnd());
        this.flowStart = this.offset();
        const container = this.stack[this.stack.length - 1];
        const leaf = this.objects.leaf(LeafKind.Html, this.flowStart, container.childParent);
        leaf.end = this.eol;
        this.openLeaf(leaf, container).htmlKind = 7;
        this.touchQuotes();
        return;
      }
      if (this.eol === this.len && this.pos === this.eol && this.virt === 0) {
        // The text ends right after the matched prefixes: micromark marks the line lazy (which ends
        // code and the like before it) and closes every container at the very end (then moved
        // back as for a new container, see closeFrom).
        this.closeFrom(matched, Cut.Lazy, -1, this.len);
        return;
      }
      this.closeFrom(matched, Cut.Lazy);
      this.flow(true);
      this.touchQuotes();
      return;
    }
    this.flow(false);
    this.touchQuotes();
  }

  /**
   * Every open block quote holds the current line. On a blank line inside a
   * quote, the lists open inside it reach that line too (micromark moves a
   * container's end back over blank lines, but not past a `>` prefix).
   */
  private touchQuotes(): void {
    const stack = this.stack;
    let quote = -1;
    for (let i = 1; i < stack.length; i++) {
      if (stack[i].kind !== ContainerKind.Quote) continue;
      quote = i;
      if (stack[i].end < this.eol) stack[i].end = this.eol;
    }
    if (quote < 0 || quote === stack.length - 1 || !this.restIsBlank()) return;
    for (let i = quote + 1; i < stack.length; i++) {
      const list = stack[i].list;
      if (stack[i].kind === ContainerKind.Item && list && list.blankEnd < this.eol) list.blankEnd = this.eol;
    }
  }


  // ---- containers ----------------------------------------------------------------

  private openQuote(): void {
    const start = this.pos;
    this.pos++;
    this.col++;
    if (isSpaceOrTab(this.cur())) this.eatColumns(1);
    const parent = this.stack[this.stack.length - 1];
    const block = this.blocks.push(this.objects.block('blockquote', start, start, parent.childParent)) - 1;
    const quote = this.objects.container(ContainerKind.Quote, start, block, block);
    quote.end = this.eol;
    quote.calloutSlot = this.quotes.push({ quote, first: null }) - 1;
    this.addChild(parent, quote);
    this.stack.push(quote);
  }

  /** `[^label]:` at the cursor opens a footnote definition (closing the stack from `closeAt` first when >= 0). */
  private footnoteStart(closeAt: number, closeEnd: number): boolean {
    const src = this.src;
    const start = this.pos;
    let i = start + 2;
    let size = 0;
    let data = false;
    for (;;) {
      if (i >= this.eol) return false;
      const c = src.charCodeAt(i);
      if (size > 999 || c === 91 || c === 32 || c === 9 || (c === 93 && !data)) return false;
      if (c === 93) break;
      data = true;
      size++;
      i++;
      if (c === 92 && i < this.eol) {
        const d = src.charCodeAt(i);
        if (d === 91 || d === 92 || d === 93) {
          i++;
          size++;
        }
      }
    }
    if (i + 1 >= this.eol || src.charCodeAt(i + 1) !== 58) return false;
    if (closeAt >= 0) this.closeFrom(closeAt, Cut.Flow, -1, closeEnd);
    this.footnotes.add(normalizeIdentifier(src.slice(start + 2, i)));
    this.col += i + 2 - this.pos;
    this.pos = i + 2;
    this.eatColumns(Infinity);
    const parent = this.stack[this.stack.length - 1];
    const footnote = this.objects.container(ContainerKind.Footnote, start, -1, parent.childParent);
    footnote.markerLineEnd = this.eol;
    footnote.end = this.eol;
    this.addChild(parent, footnote);
    this.stack.push(footnote);
    return true;
  }

  /**
   * A list item at the cursor, after `indentBefore` columns of indentation
   * (micromark's initialSize). `list`: the list it must continue (same
   * marker), or null for a new list. `closeAt` >= 0: close the stack from
   * there first (the item then opens in what is left open).
   */
  private listItemStart(list: ListNode | null, interrupt: boolean, indentBefore: number, closeAt: number, closeEnd = -1): boolean {
    const src = this.src;
    const start = this.pos;
    let c = this.cur();
    let ordered: boolean;
    let i = start;
    let ordinal: number | undefined;
    if (list ? !list.ordered : c === 42 || c === 43 || c === 45) {
      if (list && c !== list.marker) return false;
      if (c !== 42 && c !== 43 && c !== 45) return false;
      if ((c === 42 || c === 45) && this.thematic(start)) return false;
      ordered = false;
      i++;
    } else {
      if (!isAsciiDigit(c)) return false;
      if (interrupt && c !== 49) return false;
      while (i < this.eol && isAsciiDigit(src.charCodeAt(i)) && i - start < 9) i++;
      const digits = i - start;
      c = i < this.eol ? src.charCodeAt(i) : -1;
      if (interrupt && digits >= 2) return false;
      if (list ? c !== list.marker : c !== 46 && c !== 41) return false;
      ordinal = Number(src.slice(start, i));
      ordered = true;
      i++;
    }
    const marker = src.charCodeAt(i - 1);
    const markerWidth = i - start;
    // After the marker: blank, or 1–4 columns then content, or one column then indented content.
    const saved = this.save();
    this.col += markerWidth;
    this.pos = i;
    let initialBlank = false;
    let whitespace: number;
    if (this.restIsBlank()) {
      if (interrupt) {
        this.restore(saved);
        return false;
      }
      initialBlank = true;
      whitespace = 1;
    } else {
      const s = this.save();
      const n = this.eatColumns(4);
      if (n >= 1 && !isSpaceOrTab(this.cur())) whitespace = n;
      else {
        this.restore(s);
        if (!isSpaceOrTab(this.cur())) {
          this.restore(saved);
          return false;
        }
        this.eatColumns(1);
        whitespace = 1;
      }
    }
    const prefixEnd = this.offset();
    if (closeAt >= 0) this.closeFrom(closeAt, Cut.Flow, list ? prefixEnd : -1, closeEnd);
    const parent = this.stack[this.stack.length - 1];
    let theList = list;
    if (!theList) {
      theList = this.objects.list(start, marker, ordered);
      this.addChild(parent, theList);
    }
    parent.openList = theList;
    const block = this.blocks.push(this.objects.block('listItem', start, start, parent.childParent)) - 1;
    if (ordinal !== undefined) this.blocks[block].ordinal = ordinal;
    const item = this.objects.container(ContainerKind.Item, start, block, block);
    item.list = theList;
    item.size = indentBefore + markerWidth + whitespace;
    item.initialBlank = initialBlank;
    item.startedBlank = initialBlank;
    item.markerLineEnd = this.eol;
    item.end = this.eol;
    this.stack.push(item);
    return true;
  }

  /** Adds a child to a container: counts it and makes it the sibling a lone `^id` may label. */
  private addChild(parent: Container, child: Sibling): void {
    parent.count++;
    parent.last = child;
    if (child !== parent.openList) parent.openList = null;
  }

  /**
   * Closes the open leaf and the containers from stack index `from` on.
   * `siblingPrefixEnd` >= 0: the next item of the same list starts here, its
   * marker and blanks ending there. `p` >= 0: a new container starts here,
   * after the matched prefixes ending at p. micromark ends containers there
   * and then moves their ends back over line endings and list indentation,
   * but not over a quote prefix or footnote indentation, nor into a leaf that
   * kept its line ending: then they end at p.
   */
  private closeFrom(from: number, cut: Cut, siblingPrefixEnd = -1, p = -1): void {
    const open = this.open;
    let swallowed = false;
    if (open) {
      const kind = open.leaf.kind;
      // Code, math and HTML kinds 1–5 cut off by micromark closing its flow keep their last line ending.
      swallowed = cut === Cut.Flow && (kind === LeafKind.FencedCode || kind === LeafKind.Math || (kind === LeafKind.Html && open.htmlKind < 6));
      this.closeLeaf(swallowed ? this.lineStart : this.prevLineEnd());
    }
    const closeEnd = p >= 0 && (this.prefixStops || swallowed) ? p : -1;
    const stack = this.stack;
    const last = stack.length - 1;
    for (let i = last; i >= from; i--) {
      this.closeContainer(stack[i], stack[i - 1], i === from ? siblingPrefixEnd : -1, closeEnd, i < last || swallowed);
    }
    const kept = Math.max(from, 1);
    if (stack.length > kept) stack.length = kept;
    // A new container starts a new flow; a lazy line goes on in the same one.
    if (cut === Cut.Flow) this.tableOpen = null;
  }

  /** `stopped`: the walk back from the item's end meets an inner container's end or a leaf first. */
  private closeContainer(c: Container, parent: Container, siblingPrefixEnd: number, closeEnd: number, stopped: boolean): void {
    let end = Math.max(c.markerLineEnd, c.end);
    if (c.kind === ContainerKind.Item) {
      // An item whose last child took the line ending ends where the next item's prefix does.
      // So does any item before a sibling whose line starts with a footnote's indentation
      // (mdast-util-from-markdown walks back from the next item over prefixes, but not that one).
      if (siblingPrefixEnd >= 0 && ((c.end === this.lineStart && c.end > c.markerLineEnd) || this.footnotePrefix)) end = siblingPrefixEnd;
      // mdast-util-from-markdown ends an item at the line ending before its list's exit, unless an inner container's exit sits between.
      // (It walks back over quote prefixes and list indentation, not over a footnote's indentation.)
      if (closeEnd >= 0 && (stopped || this.footnotePrefix)) end = closeEnd;
      this.blocks[c.block].end = end;
      const list = c.list!;
      list.end = closeEnd >= 0 && siblingPrefixEnd < 0 ? closeEnd : Math.max(end, list.blankEnd);
      if (list.end > parent.end) parent.end = list.end;
      if (siblingPrefixEnd < 0 && parent.openList === list) parent.openList = null;
    } else {
      if (closeEnd >= 0) end = closeEnd;
      if (c.kind === ContainerKind.Quote) this.blocks[c.block].end = end;
    }
    c.end = end;
    if (end > parent.end) parent.end = end;
  }

  // ---- flow -----------------------------------------------------------------------

  /** The rest of the line is flow content of the innermost container. */
  private flow(lazy: boolean): void {
    this.flowStart = this.offset();
    const container = this.stack[this.stack.length - 1];
    const open = this.open;
    if (this.restIsBlank()) {
      if (open) {
        if (open.leaf.kind === LeafKind.IndentedCode) {
          // A blank line of 4+ columns is code; shorter ones only if code follows them.
          if (this.indent() >= 4) open.codeEnd = this.eol;
          return;
        }
        this.closeLeaf(this.prevLineEnd());
      }
      this.tableOpen = null;
      return;
    }
    const indent = this.indent();
    if (open) {
      if (open.leaf.kind === LeafKind.Paragraph) {
        if (this.paragraphContinues(open, lazy)) {
          this.appendParagraphLine(open);
          return;
        }
        // paragraphContinues may have turned it into a setext heading or a table.
        if (!this.open) return;
        this.closeLeaf(this.prevLineEnd());
        if (this.newParagraph) {
          this.newParagraph = false;
          this.eatColumns(indent);
          const leaf = this.objects.leaf(LeafKind.Paragraph, this.pos, container.childParent);
          leaf.segs = [this.pos, this.eol];
          leaf.end = this.eol;
          this.openLeaf(leaf, container);
          return;
        }
      } else if (open.leaf.kind === LeafKind.IndentedCode && indent >= 4 && !lazy) {
        open.codeEnd = this.eol;
        return;
      } else this.closeLeaf(this.prevLineEnd());
    }
    if (indent >= 4) {
      this.tableOpen = null;
      const leaf = this.objects.leaf(LeafKind.IndentedCode, this.flowStart, container.childParent);
      const o = this.openLeaf(leaf, container);
      o.codeEnd = this.eol;
      // Opened on a lazy line it cannot go on, and micromark ends it at once (nothing is then open to interrupt).
      if (lazy) this.closeLeaf(this.eol);
      return;
    }
    this.eatColumns(indent);
    const p = this.pos;
    const src = this.src;
    const eol = this.eol;
    const c = src.charCodeAt(p);
    if (c === 35) {
      const h = atxHeading(src, p, eol);
      if (h) {
        const leaf = this.objects.leaf(LeafKind.AtxHeading, p, container.childParent);
        leaf.end = eol;
        leaf.level = h.level;
        leaf.segs = [h.start, h.end];
        leaf.block = this.blocks.push(this.objects.block('heading', p, eol, leaf.parent)) - 1;
        this.addLeaf(leaf, container);
        return;
      }
    }
    if ((c === 42 || c === 45 || c === 95) && this.thematic(p)) {
      const leaf = this.objects.leaf(LeafKind.ThematicBreak, p, container.childParent);
      leaf.end = eol;
      this.addLeaf(leaf, container);
      return;
    }
    if (c === 60) {
      const html = htmlBlockStart(src, p, eol, false, lazy);
      if (html) {
        this.tableOpen = null;
        const leaf = this.objects.leaf(LeafKind.Html, this.flowStart, container.childParent);
        leaf.end = eol;
        this.openLeaf(leaf, container).htmlKind = html.kind;
        if (htmlLineCloses(src, html.resume, eol, html.kind, html.state)) this.closeLeaf(eol);
        return;
      }
    }
    if (c === 96 || c === 126 || c === 36) {
      const fence = openingFence(src, p, eol);
      if (fence) {
        this.tableOpen = null;
        const leaf = this.objects.leaf(fence.marker === 36 ? LeafKind.Math : LeafKind.FencedCode, p, container.childParent);
        leaf.end = eol;
        const o = this.openLeaf(leaf, container);
        o.marker = fence.marker;
        o.size = fence.size;
        return;
      }
    }
    const table = this.tableOpen;
    if (table && table.container === container && !lazy) {
      tableRowCells(src, p, eol, table.leaf.segs);
      table.leaf.end = eol;
      this.blocks[table.leaf.block].end = eol;
      if (eol > container.end) container.end = eol;
      return;
    }
    // After a table row micromark's table construct reads a lazy line as a body row, fails, and
    // does not try it as a head either.
    const afterRow = table !== null && lazy;
    this.tableOpen = null;
    // A paragraph (its first line may be a table head: decided on the next line).
    const leaf = this.objects.leaf(LeafKind.Paragraph, p, container.childParent);
    // Blanks before it are a line prefix for micromark, which then sees no task check in an item that opened blank.
    leaf.taskCheck = !(indent > 0 && container.kind === ContainerKind.Item && container.startedBlank);
    const o = this.openLeaf(leaf, container);
    leaf.segs = [p, eol];
    leaf.end = eol;
    o.headPossible = eol < this.len && !afterRow;
  }

  private openLeaf(leaf: Leaf, container: Container): OpenLeaf {
    const o = this.objects.openLeaf(leaf, container);
    this.open = o;
    return o;
  }

  /** Registers a finished one-line leaf (ATX heading, thematic break). */
  private addLeaf(leaf: Leaf, container: Container): void {
    this.tableOpen = null;
    this.leaves.push(leaf);
    this.registerChild(container, leaf, false);
  }

  private registerChild(container: Container, child: Sibling, isParagraph: boolean): void {
    if (container.count === 0 && container.kind === ContainerKind.Quote) {
      this.quotes[container.calloutSlot].first = isParagraph ? (child as Leaf) : null;
    }
    this.addChild(container, child);
    if (child.end > container.end) container.end = child.end;
  }

  /**
   * Whether the current line continues the open paragraph (the cursor is
   * after the container prefixes). A setext underline or a table delimiter
   * row is handled here: the paragraph then becomes a heading or a table.
   */
  private paragraphContinues(open: OpenLeaf, lazy: boolean): boolean {
    if (this.restIsBlank()) return false;
    const indent = this.indent();
    const headPossible = open.headPossible;
    open.headPossible = false;
    if (indent >= 4) return true;
    const s = this.save();
    this.eatColumns(indent);
    const p = this.pos;
    this.restore(s);
    const src = this.src;
    const eol = this.eol;
    const c = src.charCodeAt(p);
    // A table head on the previous line and a delimiter row on this one.
    if (headPossible && !lazy && (c === 124 || c === 45 || c === 58) && open.container === this.stack[this.stack.length - 1]) {
      const cells = tableDelimiterCells(src, p, eol);
      const segs = open.leaf.segs;
      if (cells > 0 && cells === tableHeadCells(src, segs[segs.length - 2], segs[segs.length - 1])) {
        this.paragraphToTable(open);
        return false;
      }
    }
    // An underline under nothing but link definitions is no underline (micromark).
    if (!lazy && (c === 61 || c === 45) && setextLevel(src, p, eol)) {
      if (!this.onlyDefinitions(open.leaf.segs)) {
        this.paragraphToSetext(open, setextLevel(src, p, eol));
        return false;
      }
      // Under nothing but definitions it is no underline, and it starts new content (unless a thematic break).
      if (!this.thematic(p)) this.newParagraph = true;
      return false;
    }
    if (c === 35 && atxHeading(src, p, eol)) return false;
    if ((c === 42 || c === 45 || c === 95) && this.thematic(p)) return false;
    if ((c === 96 || c === 126 || c === 36) && openingFence(src, p, eol)) return false;
    if (c === 60) {
      const html = htmlBlockStart(src, p, eol, true, lazy);
      if (html) {
        // Only when a line ending follows: micromark then still waits for the next line, and keeps the containers.
        this.html7Interrupts = lazy && html.kind === 7 && eol < this.len;
        return false;
      }
    }
    // This line may be a table head whose delimiter row comes next.
    open.headPossible = eol < this.len;
    return true;
  }

  private appendParagraphLine(open: OpenLeaf): void {
    open.leaf.segs.push(this.firstNonBlank(), this.eol);
    open.leaf.end = this.eol;
  }

  /** The delimiter row under the paragraph's last line: that line becomes a table head. */
  private paragraphToTable(open: OpenLeaf): void {
    const leaf = open.leaf;
    const segs = leaf.segs;
    const headStart = segs[segs.length - 2];
    const headEnd = segs[segs.length - 1];
    segs.length -= 2;
    if (segs.length) {
      leaf.end = segs[segs.length - 1];
      this.closeLeaf(leaf.end);
    }
    this.open = null;
    const container = open.container;
    const table = this.objects.leaf(LeafKind.Table, headStart, container.childParent);
    table.segs = [];
    tableRowCells(this.src, headStart, headEnd, table.segs);
    table.end = this.eol;
    table.block = this.blocks.push(this.objects.block('table', headStart, this.eol, container.childParent)) - 1;
    this.leaves.push(table);
    this.registerChild(container, table, false);
    this.tableOpen = { leaf: table, container };
  }

  private paragraphToSetext(open: OpenLeaf, level: number): void {
    const leaf = open.leaf;
    leaf.kind = LeafKind.SetextHeading;
    leaf.level = level;
    leaf.end = this.eol;
    this.closeLeaf(this.eol);
  }

  /** A line for an open fenced code, math or HTML block, all containers matched. */
  private continueConcrete(open: OpenLeaf): void {
    const leaf = open.leaf;
    this.concreteLineEmpty = this.pos === this.eol && this.virt === 0;
    if (leaf.kind === LeafKind.Html) {
      if (open.htmlKind >= 6) {
        if (this.restIsBlank()) this.closeLeaf(this.prevLineEnd());
        else leaf.end = this.eol;
        return;
      }
      leaf.end = this.eol;
      if (htmlLineCloses(this.src, this.pos, this.eol, open.htmlKind, HtmlState.Continuation)) this.closeLeaf(this.eol);
      return;
    }
    leaf.end = this.eol;
    const indent = this.indent();
    if (indent < 4) {
      const s = this.save();
      this.eatColumns(indent);
      const closes = isClosingFence(this.src, this.pos, this.eol, open.marker, open.size);
      this.restore(s);
      if (closes) this.closeLeaf(this.eol);
    }
  }

  // ---- closing leaves -------------------------------------------------------------------

  /** Closes the open leaf; a code, math or HTML leaf ends at `end`. */
  private closeLeaf(end: number): void {
    const open = this.open;
    if (!open) return;
    this.open = null;
    const leaf = open.leaf;
    const container = open.container;
    switch (leaf.kind) {
      case LeafKind.Paragraph:
        this.closeParagraph(leaf, container);
        return;
      case LeafKind.SetextHeading:
        this.closeSetext(leaf, container);
        return;
      case LeafKind.IndentedCode:
        leaf.end = open.codeEnd;
        break;
      default:
        leaf.end = Math.max(leaf.start, end);
    }
    this.leaves.push(leaf);
    this.registerChild(container, leaf, false);
  }

  /** Whether the lines hold nothing but link definitions. */
  private onlyDefinitions(segs: number[]): boolean {
    return this.src.charCodeAt(segs[0]) === 91 && this.definitionLines(segs, null) * 2 === segs.length;
  }

  /** Link definitions at the start of a paragraph: how many of its lines they take. */
  private takeDefinitions(leaf: Leaf, container: Container): number {
    return this.definitionLines(leaf.segs, container);
  }

  /** How many lines link definitions take at the start of `segs`; registers them when `container` is given. */
  private definitionLines(segs: number[], container: Container | null): number {
    // (`[[`: a label cannot hold `[`; most such paragraphs open with a wiki link.)
    if (this.src.charCodeAt(segs[0]) !== 91 || this.src.charCodeAt(segs[0] + 1) === 91) return 0;
    // Paragraph content as micromark's content sees it, one `\n` per line.
    let joined = '';
    const lineAt: number[] = [];
    for (let k = 0; k < segs.length; k += 2) {
      lineAt.push(joined.length);
      joined += this.src.slice(segs[k], segs[k + 1]) + '\n';
    }
    let at = 0;
    let lines = 0;
    while (at < joined.length && joined.charCodeAt(at) === 91) {
      const def = scanDefinition(joined, at, joined.length);
      if (!def) break;
      let line = lines;
      while (line + 1 < lineAt.length && lineAt[line + 1] <= def.end) line++;
      if (container) {
        this.definitions.add(normalizeIdentifier(def.label));
        this.registerChild(container, { start: segs[lines * 2], end: segs[line * 2 + 1] }, false);
      }
      lines = line + 1;
      at = lines < lineAt.length ? lineAt[lines] : joined.length;
    }
    return lines;
  }

  private closeParagraph(leaf: Leaf, container: Container): void {
    const lines = this.takeDefinitions(leaf, container);
    if (lines * 2 >= leaf.segs.length) return;
    if (lines) {
      leaf.segs = leaf.segs.slice(lines * 2);
      leaf.start = leaf.segs[0];
    }
    leaf.end = leaf.segs[leaf.segs.length - 1];
    const previous = container.last;
    if (previous && leaf.segs.length === 2 && this.src.charCodeAt(leaf.start) === 94 && leaf.end - leaf.start <= 200) {
      const m = LONE_ID.exec(this.src.slice(leaf.start, leaf.end));
      if (m) {
        leaf.loneId = m[1];
        leaf.labels = previous;
      }
    }
    if (leaf.loneId === undefined) {
      leaf.block = this.blocks.push(this.objects.block('paragraph', leaf.start, leaf.end, leaf.parent)) - 1;
      if (container.kind === ContainerKind.Item && container.count === 0) {
        leaf.item = container;
        // (taskCheck was settled when the paragraph opened.)
      }
    }
    this.leaves.push(leaf);
    this.registerChild(container, leaf, true);
  }

  private closeSetext(leaf: Leaf, container: Container): void {
    const end = leaf.end;
    // (Never only definitions: an underline under nothing else is no underline, see paragraphContinues.)
    const lines = this.takeDefinitions(leaf, container);
    // The heading's text follows the definitions, but micromark starts the heading with them.
    if (lines) leaf.segs = leaf.segs.slice(lines * 2);
    leaf.end = end;
    leaf.block = this.blocks.push(this.objects.block('heading', leaf.start, end, leaf.parent)) - 1;
    this.leaves.push(leaf);
    this.registerChild(container, leaf, false);
  }

  private finish(): void {
    const open = this.open;
    let swallowed = false;
    if (open) {
      const kind = open.leaf.kind;
      // Unclosed code, math and comments run to the end of the text.
      const runs = kind === LeafKind.FencedCode || kind === LeafKind.Math || (kind === LeafKind.Html && open.htmlKind < 6);
      let end = this.eol;
      if (runs) {
        if (this.eol < this.len) {
          // After a final line ending, an open block quote makes micromark see a lazy empty line, which stops them.
          end = this.stack.some((c) => c.kind === ContainerKind.Quote) ? this.eol : this.len;
        } else if (this.concreteLineEmpty && this.lineStart < this.eol) {
          // A last line that is only container prefixes adds nothing: they end with the line ending before it
          // (and the containers, whose ends micromark cannot move back into them, at the very end).
          end = this.lineStart;
          swallowed = true;
        } else end = this.len;
      }
      this.closeLeaf(end);
    }
    const stack = this.stack;
    for (let i = stack.length - 1; i >= 1; i--) this.closeContainer(stack[i], stack[i - 1], -1, swallowed ? this.len : -1, swallowed);
    if (stack.length > 1) stack.length = 1;
  }
}

function isConcrete(kind: LeafKind): boolean {
  return kind === LeafKind.FencedCode || kind === LeafKind.Math || kind === LeafKind.Html;
}
