/**
 * What the block pass of the scanner hands to the inline pass: leaves in
 * document order (each with the source ranges of its inline content) and the
 * containers and lists they sit in, all as source offsets.
 */

export const enum LeafKind {
  Paragraph,
  AtxHeading,
  SetextHeading,
  FencedCode,
  IndentedCode,
  Math,
  Html,
  Table,
  Frontmatter,
  ThematicBreak,
}

/** Anything that is a child in mdast terms: its range is what a lone `^id` after it labels. */
export interface Sibling {
  start: number;
  end: number;
}

export const enum ContainerKind {
  Root,
  Quote,
  Item,
  Footnote,
}

export interface ListNode extends Sibling {
  /** Bullet character, or the `.`/`)` delimiter of an ordered list. */
  marker: number;
  ordered: boolean;
  /** End of the last blank line inside a block quote that the list spans (its end cannot be before it). */
  blankEnd: number;
}

export interface Container extends Sibling {
  kind: ContainerKind;
  /** Index in NoteModel.blocks (list item, blockquote), -1 otherwise. */
  block: number;
  /** The `parent` of blocks inside: this block, or the enclosing one for root and footnotes. */
  childParent: number;
  /** Children so far (mdast children: lists count once, definitions each). */
  count: number;
  last: Sibling | null;
  /** The list whose item is open in this container, if any. */
  openList: ListNode | null;
  // List items:
  list: ListNode | null;
  /** Columns of indentation continuation lines need. */
  size: number;
  initialBlank: boolean;
  furtherBlank: boolean;
  /** The item's first line is blank (kept: initialBlank is reset on the next line). */
  startedBlank: boolean;
  /** End of the item's first line (an item with no content ends there). */
  markerLineEnd: number;
  /** For quotes: slot in the callout list (-1 when none). */
  calloutSlot: number;
}

export interface Leaf extends Sibling {
  kind: LeafKind;
  /** `parent` of the leaf's block. */
  parent: number;
  /** Index in NoteModel.blocks, -1 when the leaf is no block. */
  block: number;
  /** Inline content: [start, end) pairs; paragraph and setext lines, an ATX heading's text, table cells. */
  segs: number[];
  /** Heading level. */
  level: number;
  /** The item's container, to read its final range. */
  item: Container | null;
  /** A task check `[ ]` may open the leaf, if it is the first content of an item (see flow()). */
  taskCheck: boolean;
  /** A lone `^id` paragraph: the id and what it labels. */
  loneId: string | undefined;
  labels: Sibling | null;
  /** Frontmatter YAML text and where it starts. */
  value: string;
  valueStart: number;
}
