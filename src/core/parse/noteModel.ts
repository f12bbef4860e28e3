import type { Range } from '../text/range';

/**
 * What the parser extracts from one note. Every range is exact source text
 * (zero-based line, UTF-16 character), and nothing inside code spans, fenced
 * or indented code, math, HTML comments or Obsidian `%%comments%%` is ever
 * reported as a link, highlight, tag or block id (nor, in a `%%comment%%`,
 * as a heading or callout: see parse/obsidianComments.ts).
 */
export interface NoteModel {
  frontmatter?: Frontmatter;
  headings: Heading[];
  blockIds: BlockId[];
  links: LinkRef[];
  highlights: Highlight[];
  tags: TagRef[];
  callouts: Callout[];
  /** Paragraphs, list items, headings, blockquotes and tables in document order, with their nesting. A lone `^id` line is no block. */
  blocks: BlockNode[];
  /** Regions where nothing is a link, in document order: code, math, HTML, frontmatter, `%%comments%%`. */
  literalRanges: Range[];
  /** Problems a user caused (malformed YAML, …): shown as diagnostics. */
  problems: ParseProblem[];
}

export interface Frontmatter {
  /** The whole `---` … `---` block. */
  range: Range;
  /** Parsed YAML mapping, or undefined when it is not valid YAML or not a mapping. */
  data: Record<string, unknown> | undefined;
  /** `aliases:` (list or string; `alias:` is accepted too), trimmed, empties dropped. */
  aliases: string[];
  /**
   * Parallel to aliases: each alias's own text in the YAML (inside quotes when
   * quoted), or the whole scalar when escapes or a folded line leave no exact
   * place, or `range` when even that is unknown (an `*anchor` reference).
   * Both parsers always set it; a model built by hand may leave it out
   * (aliasRange() then answers `range`).
   */
  aliasRanges?: Range[];
  /** `tags:` (list or string, with or without `#`). */
  tags: string[];
}

/** Where alias `i` of the frontmatter is written: its own text, else the whole frontmatter. */
export function aliasRange(fm: Frontmatter, i: number): Range {
  return fm.aliasRanges?.[i] ?? fm.range;
}

export interface Heading {
  level: number;
  /** Heading text as written, without `#`s, trailing `#`s or a trailing `^block-id`. */
  text: string;
  /** The whole heading line. */
  range: Range;
  /** Just the text (what a rename replaces). */
  textRange: Range;
}

export interface BlockId {
  /** Without the `^`. */
  id: string;
  /** The `^id` marker itself. */
  range: Range;
  /** The block (paragraph, list item, heading, …) that the marker labels. */
  blockRange: Range;
}

export interface LinkTarget {
  /** The path part as written (may be '' for `[[#Heading]]`), decoded for Markdown links. */
  path: string;
  pathRange: Range;
  /** `#H1#H2` → ['H1', 'H2']; empty when none. */
  headings: string[];
  /** `#^id` → 'id' ('' for a bare `#^`, which a completion may want to see). */
  blockId?: string;
  /** Range of everything after the path up to `|` or `]]` including the `#` (empty range when none). */
  subpathRange?: Range;
}

export interface WikiLinkRef extends LinkTarget {
  kind: 'wiki';
  /** `![[...]]` */
  embed: boolean;
  /** The whole `[[...]]` or `![[...]]`. */
  range: Range;
  /** Text after `|` (or `\|`, the table-cell form); for an attachment embed whose text is a size, that text is kept here too. */
  alias?: string;
  aliasRange?: Range;
  /** `|300` → { width: 300 }, `|100x145` → { width: 100, height: 145 } (embeds of a file with a non-`.md` extension only). */
  size?: { width: number; height?: number };
}

export interface MarkdownLinkRef extends LinkTarget {
  kind: 'markdown';
  /** `![alt](src)` */
  embed: boolean;
  range: Range;
  /** Link text or image alt. */
  text: string;
}

export type LinkRef = WikiLinkRef | MarkdownLinkRef;

/** Each link's path and kind, parallel to NoteModel.links: what the vault index needs to resolve a note. */
export interface LinkKeys {
  readonly paths: readonly string[];
  /** 1 for a Markdown link, 0 for a wiki link. */
  readonly markdown: Uint8Array;
}

/**
 * The keys of a model's links. A model from the parse cache (or a parse
 * worker) holds them without having built its links, which it builds on
 * first access: a vault's links are ~9 objects each, and a load needs only
 * their paths.
 */
export function linkKeysOf(model: NoteModel): LinkKeys {
  const held = (model as { linkKeys?: LinkKeys }).linkKeys;
  return held ?? linkKeysOfLinks(model.links);
}

export function linkKeysOfLinks(links: readonly LinkRef[]): LinkKeys {
  const paths: string[] = new Array(links.length);
  const markdown = new Uint8Array(links.length);
  for (let i = 0; i < links.length; i++) {
    paths[i] = links[i].path;
    if (links[i].kind === 'markdown') markdown[i] = 1;
  }
  return { paths, markdown };
}

export interface Highlight {
  /** Source text between the `==` markers. */
  text: string;
  /** Including the markers. */
  range: Range;
  /** Between the markers. */
  innerRange: Range;
}

export interface TagRef {
  /** Without `#`, e.g. `ml/multimodal`. */
  name: string;
  range: Range;
}

export interface Callout {
  /** Lower-cased type: note, tip, warning, … */
  type: string;
  /** As written after the header; '' when none (Obsidian then shows the type). */
  title: string;
  fold?: '+' | '-';
  /** The `[!type]…` header line. */
  headerRange: Range;
  /** The whole blockquote. */
  range: Range;
}

export interface BlockNode {
  kind: 'paragraph' | 'listItem' | 'heading' | 'blockquote' | 'table';
  range: Range;
  /** Index into NoteModel.blocks of the enclosing list item or blockquote, or -1. */
  parent: number;
  /** For list items: the number written before an ordered item (`3.` → 3, even where Markdown would renumber), undefined for bullets. */
  ordinal?: number;
}

export interface ParseProblem {
  /** `parse-failed`: the parser itself failed (a bug); the model is then empty. */
  code: 'frontmatter-yaml' | 'frontmatter-shape' | 'too-large' | 'binary' | 'parse-failed';
  message: string;
  range: Range;
}
