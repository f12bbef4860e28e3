/**
 * The walk behind parseNote: parses the note piece by piece (see chunks.ts)
 * and records links, headings, block ids, … from each piece's mdast.
 *
 * Every range comes from micromark offsets through LineIndex, never from
 * mdast columns (wrong after tabs, which indent the nested lists of real
 * notes). The tree is walked with an explicit stack: a hostile note nested a
 * thousand levels deep must not overflow the call stack.
 */
import type { Nodes, Parent, Root, RootContent } from 'mdast';
import { LineIndex } from '../text/lineIndex';
import type { Range } from '../text/range';
import { loneBlockId, trailingBlockId } from './blockIds';
import { readCalloutHeader } from './callouts';
import { splitIntoChunks } from './chunks';
import { readFrontmatter } from './frontmatter';
import { markdownLinkRef, wikiLinkRef, type ToRange } from './linkRefs';
import { markdownTree } from './markdownTree';
import type { BlockNode, NoteModel } from './noteModel';
import { applyObsidianComments } from './obsidianComments';
import { findTags } from './tags';

const BOM = '\uFEFF';

interface Frame {
  node: Nodes;
  /** Index in NoteModel.blocks of the enclosing list item or blockquote, or -1. */
  parent: number;
  /** Inside a Markdown link: its text is no tag. */
  inLink: boolean;
  /** For list items: the ordinal of an ordered list's item. */
  ordinal?: number;
  /** The parent node and the node's index in it, for block ids. */
  container?: Parent;
  index: number;
}

type Positioned = { position?: { start: { offset?: number }; end: { offset?: number } } };

/** A NoteModel with nothing in it. */
export function emptyModel(): NoteModel {
  return { headings: [], blockIds: [], links: [], highlights: [], tags: [], callouts: [], blocks: [], literalRanges: [], problems: [] };
}

/** Walks the mdast of each piece of one note and fills a NoteModel. */
export class NoteParser {
  private readonly model = emptyModel();
  private readonly text: string;
  private readonly lines: LineIndex;
  /** The text micromark sees: without a BOM, which micromark skips without counting. */
  private readonly src: string;
  private readonly base: number;
  /** Where the piece being walked starts in src: mdast offsets are relative to it. */
  private shift = 0;

  constructor(text: string) {
    this.text = text;
    this.lines = new LineIndex(text);
    this.base = text.startsWith(BOM) ? 1 : 0;
    this.src = this.base ? text.slice(1) : text;
  }

  parse(): NoteModel {
    for (const [start, end] of splitIntoChunks(this.src)) {
      this.shift = start;
      this.walk(markdownTree(start === 0 && end === this.src.length ? this.src : this.src.slice(start, end)));
    }
    // Over the whole note, not piece by piece: a comment may run across pieces.
    applyObsidianComments(this.text, this.model);
    return this.model;
  }

  private walk(tree: Root): void {
    const stack: Frame[] = [];
    const pushChildren = (node: Parent, frame: Omit<Frame, 'node' | 'index' | 'container'>): void => {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push({ ...frame, node: node.children[i], container: node, index: i });
    };
    pushChildren(tree, { parent: -1, inLink: false });
    for (let frame = stack.pop(); frame; frame = stack.pop()) {
      const descend = this.visit(frame);
      if (descend && 'children' in frame.node) {
        const node = frame.node;
        if (node.type === 'list') {
          const start = node.start ?? 1;
          for (let i = node.children.length - 1; i >= 0; i--) {
            stack.push({ node: node.children[i], parent: descend.parent, inLink: false, container: node, index: i, ordinal: node.ordered ? start + i : undefined });
          }
        } else {
          pushChildren(node, descend);
        }
      }
    }
  }

  private startOf(node: Positioned): number {
    return this.shift + (node.position?.start.offset ?? 0);
  }

  private endOf(node: Positioned): number {
    return this.shift + (node.position?.end.offset ?? 0);
  }

  private range(start: number, end: number): Range {
    return this.lines.rangeOf(this.base + start, this.base + end);
  }

  private readonly toRange: ToRange = (start, end) => this.range(start, end);

  private addBlock(kind: BlockNode['kind'], node: Nodes, parent: number, ordinal?: number): number {
    const block: BlockNode = { kind, range: this.range(this.startOf(node), this.endOf(node)), parent };
    if (ordinal !== undefined) block.ordinal = ordinal;
    return this.model.blocks.push(block) - 1;
  }

  /** Records what the node is; returns how to walk its children, or undefined to skip them. */
  private visit(frame: Frame): { parent: number; inLink: boolean } | undefined {
    const { node, parent, inLink } = frame;
    const m = this.model;
    switch (node.type) {
      case 'yaml':
        this.frontmatter(node.value, this.startOf(node), this.endOf(node));
        return undefined;
      case 'code':
      case 'inlineCode':
      case 'math':
      case 'inlineMath':
      case 'html':
        m.literalRanges.push(this.range(this.startOf(node), this.endOf(node)));
        return undefined;
      case 'definition':
        return undefined;
      case 'heading':
        this.heading(node);
        this.addBlock('heading', node, parent);
        return { parent, inLink };
      case 'paragraph':
        if (this.paragraph(node, frame)) this.addBlock('paragraph', node, parent);
        return { parent, inLink };
      case 'listItem':
        return { parent: this.addBlock('listItem', node, parent, this.ordinal(node) ?? frame.ordinal), inLink };
      case 'blockquote': {
        const index = this.addBlock('blockquote', node, parent);
        this.callout(node);
        return { parent: index, inLink };
      }
      case 'table':
        this.addBlock('table', node, parent);
        return { parent, inLink };
      case 'highlight': {
        const start = this.startOf(node);
        const end = this.endOf(node);
        m.highlights.push({ text: this.src.slice(start + 2, end - 2), range: this.range(start, end), innerRange: this.range(start + 2, end - 2) });
        return { parent, inLink };
      }
      case 'wikiLink':
        m.links.push(wikiLinkRef(node.value, node.embed, this.startOf(node), this.endOf(node), this.toRange));
        return undefined;
      case 'link':
      case 'image':
        this.markdownLink(node);
        return node.type === 'link' ? { parent, inLink: true } : undefined;
      case 'text':
        if (!inLink) {
          for (const tag of findTags(this.src, this.startOf(node), this.endOf(node))) m.tags.push({ name: tag.name, range: this.range(tag.start, tag.end) });
        }
        return undefined;
      default:
        return { parent, inLink };
    }
  }

  private markdownLink(node: Extract<Nodes, { type: 'link' | 'image' }>): void {
    const { destinationStart, destinationEnd } = node.data ?? {};
    if (destinationStart === undefined || destinationEnd === undefined) return;
    const children = node.type === 'link' ? node.children : [];
    const text =
      node.type === 'image'
        ? (node.alt ?? '')
        : children.length
          ? this.src.slice(this.startOf(children[0]), this.endOf(children[children.length - 1]))
          : '';
    const destination = { start: this.shift + destinationStart, end: this.shift + destinationEnd };
    const link = { start: this.startOf(node), end: this.endOf(node), embed: node.type === 'image', text };
    const ref = markdownLinkRef(this.src, destination, link, this.toRange);
    if (ref) this.model.links.push(ref);
  }

  private heading(node: Extract<Nodes, { type: 'heading' }>): void {
    const children = node.children;
    let start = children.length ? this.startOf(children[0]) : this.endOf(node);
    let end = children.length ? this.endOf(children[children.length - 1]) : this.endOf(node);
    const last = children[children.length - 1];
    if (last?.type === 'text') {
      const id = trailingBlockId(this.src, this.startOf(last), this.endOf(last), start);
      if (id) {
        this.addBlockId(id, this.startOf(node), this.endOf(node));
        end = id.start;
        while (end > start && /\s/.test(this.src[end - 1])) end--;
      }
    }
    if (end < start) start = end;
    const text = this.src.slice(start, end).replace(/[ \t]*\r?\n[ \t]*/g, ' ');
    this.model.headings.push({ level: node.depth, text, range: this.range(this.startOf(node), this.endOf(node)), textRange: this.range(start, end) });
  }

  /** Block ids of a paragraph; false when the paragraph is only a `^id` labelling the block before it. */
  private paragraph(node: Extract<Nodes, { type: 'paragraph' }>, frame: Frame): boolean {
    const start = this.startOf(node);
    const end = this.endOf(node);
    const lone = loneBlockId(this.src, start, end);
    const previous = frame.container && frame.index > 0 ? (frame.container.children[frame.index - 1] as RootContent) : undefined;
    if (lone !== undefined && previous) {
      this.addBlockId({ id: lone, start, end: start + 1 + lone.length }, this.startOf(previous), this.endOf(previous));
      return false;
    }
    const last = node.children[node.children.length - 1];
    if (last?.type !== 'text') return true;
    const id = trailingBlockId(this.src, this.startOf(last), this.endOf(last), start);
    if (!id) return true;
    // The first paragraph of a list item carries the item's id, as in Obsidian.
    const item = frame.container?.type === 'listItem' && frame.index === 0 ? frame.container : node;
    this.addBlockId(id, this.startOf(item), this.endOf(item));
    return true;
  }

  private addBlockId(id: { id: string; start: number; end: number }, blockStart: number, blockEnd: number): void {
    this.model.blockIds.push({ id: id.id, range: this.range(id.start, id.end), blockRange: this.range(blockStart, blockEnd) });
  }

  /** The number written before an ordered item (`3.`), which Markdown would renumber but the author means. */
  private ordinal(node: Nodes): number | undefined {
    const m = /^(\d{1,9})[.)]/.exec(this.src.slice(this.startOf(node), this.startOf(node) + 10));
    return m ? Number(m[1]) : undefined;
  }

  private callout(node: Extract<Nodes, { type: 'blockquote' }>): void {
    const first = node.children[0];
    if (first?.type !== 'paragraph') return;
    const header = readCalloutHeader(this.src, this.startOf(first));
    if (!header) return;
    this.model.callouts.push({
      type: header.type,
      title: header.title,
      ...(header.fold ? { fold: header.fold } : {}),
      headerRange: this.range(this.startOf(first), header.end),
      range: this.range(this.startOf(node), this.endOf(node)),
    });
  }

  private frontmatter(value: string, start: number, end: number): void {
    this.model.literalRanges.push(this.range(start, end));
    const contentStart = this.src.indexOf('\n', start) + 1;
    const parts = readFrontmatter(value, contentStart, start, end);
    const whole = this.range(start, end);
    const aliasRanges = parts.aliasSpans.map((s) => (s ? this.range(s[0], s[1]) : whole));
    this.model.frontmatter = { range: whole, data: parts.data, aliases: parts.aliases, aliasRanges, tags: parts.tags };
    for (const p of parts.problems) {
      // A point inside the YAML becomes its whole line: that is what the user fixes.
      const line = this.lines.positionAt(this.base + p.start).line;
      const range =
        p.start === p.end ? this.lines.rangeOf(this.lines.lineStart(line), this.lines.lineEnd(line)) : this.range(p.start, p.end);
      this.model.problems.push({ code: p.code, message: p.message, range });
    }
  }
}
