/**
 * The objects the block pass makes (leaves, containers, lists, pending
 * blocks, open leaves), from pools that each scan starts over: none of them
 * outlives the scan of its note (scanNote copies what the model keeps), so
 * a note reuses the last one's instead of allocating its own.
 */
import type { BlockNode } from '../parse/noteModel';
import type { Container, ContainerKind, Leaf, LeafKind, ListNode } from './blockTypes';

/** A block whose range is filled in when it closes. */
export interface PendingBlock {
  kind: BlockNode['kind'];
  start: number;
  end: number;
  parent: number;
  ordinal: number | undefined;
}

export interface OpenLeaf {
  leaf: Leaf;
  container: Container;
  // Fenced code and math:
  marker: number;
  size: number;
  // HTML:
  htmlKind: number;
  // Indented code: end of the last line that belongs to it.
  codeEnd: number;
  // Paragraph: its last line may be a table head (not the last line of the text, not right after a table row).
  headPossible: boolean;
}

/** The segs of a leaf that has none yet (frozen: a leaf that gets some gets its own array). */
const NO_SEGS = Object.freeze([]) as unknown as number[];

/** Objects per pool: a huge note gets plain new ones beyond (a huge pool would only burden the collector). */
const POOL_SIZE = 1024;

class Pool<T> {
  private readonly items: T[] = [];
  private used = 0;

  constructor(private readonly make: () => T) {}

  take(): T {
    if (this.used < this.items.length) return this.items[this.used++];
    const item = this.make();
    if (this.items.length < POOL_SIZE) {
      this.items.push(item);
      this.used++;
    }
    return item;
  }

  restart(): void {
    this.used = 0;
  }
}

export class BlockObjects {
  private readonly leaves = new Pool<Leaf>(() => ({
    kind: 0 as LeafKind,
    start: 0,
    end: 0,
    parent: -1,
    block: -1,
    segs: [],
    level: 0,
    item: null,
    taskCheck: false,
    loneId: undefined,
    labels: null,
    value: '',
    valueStart: 0,
  }));

  private readonly containers = new Pool<Container>(() => ({
    kind: 0 as ContainerKind,
    start: 0,
    end: 0,
    block: -1,
    childParent: -1,
    count: 0,
    last: null,
    openList: null,
    list: null,
    size: 0,
    initialBlank: false,
    furtherBlank: false,
    startedBlank: false,
    markerLineEnd: 0,
    calloutSlot: -1,
  }));

  private readonly lists = new Pool<ListNode>(() => ({ start: 0, end: 0, marker: 0, ordered: false, blankEnd: -1 }));
  private readonly blocks = new Pool<PendingBlock>(() => ({ kind: 'paragraph', start: 0, end: 0, parent: -1, ordinal: undefined }));
  private readonly openLeaves = new Pool<OpenLeaf>(() => ({
    leaf: null as unknown as Leaf,
    container: null as unknown as Container,
    marker: 0,
    size: 0,
    htmlKind: 0,
    codeEnd: 0,
    headPossible: false,
  }));

  /** Starts a scan: everything handed out before may be handed out again. */
  restart(): void {
    this.leaves.restart();
    this.containers.restart();
    this.lists.restart();
    this.blocks.restart();
    this.openLeaves.restart();
  }

  leaf(kind: LeafKind, start: number, parent: number): Leaf {
    const l = this.leaves.take();
    l.kind = kind;
    l.start = start;
    l.end = start;
    l.parent = parent;
    l.block = -1;
    // A new array: emptying an old one would drop its storage anyway (V8 trims arrays that shrink).
    // Most leaves set their first line piece as a two-element literal, which allocates just that.
    l.segs = NO_SEGS;
    l.level = 0;
    l.item = null;
    l.taskCheck = false;
    l.loneId = undefined;
    l.labels = null;
    l.value = '';
    l.valueStart = 0;
    return l;
  }

  container(kind: ContainerKind, start: number, block: number, childParent: number): Container {
    const c = this.containers.take();
    c.kind = kind;
    c.start = start;
    c.end = start;
    c.block = block;
    c.childParent = childParent;
    c.count = 0;
    c.last = null;
    c.openList = null;
    c.list = null;
    c.size = 0;
    c.initialBlank = false;
    c.furtherBlank = false;
    c.startedBlank = false;
    c.markerLineEnd = start;
    c.calloutSlot = -1;
    return c;
  }

  list(start: number, marker: number, ordered: boolean): ListNode {
    const l = this.lists.take();
    l.start = start;
    l.end = start;
    l.marker = marker;
    l.ordered = ordered;
    l.blankEnd = -1;
    return l;
  }

  block(kind: BlockNode['kind'], start: number, end: number, parent: number): PendingBlock {
    const b = this.blocks.take();
    b.kind = kind;
    b.start = start;
    b.end = end;
    b.parent = parent;
    b.ordinal = undefined;
    return b;
  }

  openLeaf(leaf: Leaf, container: Container): OpenLeaf {
    const o = this.openLeaves.take();
    o.leaf = leaf;
    o.container = container;
    o.marker = 0;
    o.size = 0;
    o.htmlKind = 0;
    o.codeEnd = 0;
    o.headPossible = false;
    return o;
  }
}
