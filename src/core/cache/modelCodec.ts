/**
 * NoteModel ⇄ flat numbers and strings, for the parse cache on disk and for
 * parse workers sending models back. Every range is four int32s in a row,
 * every string is a length in the number stream plus its characters in one
 * shared string, so a vault decodes from one Int32Array and one string
 * instead of millions of JSON tokens. Optional fields carry presence bits,
 * so a decoded model is deep-equal to the parsed one, keys included.
 *
 * Per model the stream holds the frontmatter and the links first (what the
 * vault index needs to resolve a note), then the rest, so that a warm start
 * can decode the first part and leave the rest until a feature asks.
 *
 * Decoding trusts nothing: every read is bounds-checked, every enum and
 * count validated, and any violation throws CacheFormatError (the caller
 * then re-parses the note).
 */
import type { Range } from '../text/range';
import { linkKeysOfLinks } from '../parse/noteModel';
import { DeferredModel } from './deferredModel';
import type {
  BlockId,
  BlockNode,
  Callout,
  Frontmatter,
  Heading,
  Highlight,
  LinkKeys,
  LinkRef,
  NoteModel,
  ParseProblem,
  TagRef,
} from '../parse/noteModel';

/** Bump when the layout below changes: caches of another version are dropped. */
export const MODEL_CODEC_VERSION = 2;

export class CacheFormatError extends Error {}

const BLOCK_KINDS: readonly BlockNode['kind'][] = ['paragraph', 'listItem', 'heading', 'blockquote', 'table'];
const PROBLEM_CODES: readonly ParseProblem['code'][] = ['frontmatter-yaml', 'frontmatter-shape', 'too-large', 'binary', 'parse-failed'];

// Frontmatter state: 0 none, 1 without data, 2 with data; plus this bit when alias ranges follow the aliases.
const F_ALIAS_RANGES = 4;

// Link flag bits.
const L_MARKDOWN = 1;
const L_EMBED = 2;
const L_BLOCK_ID = 4;
const L_SUBPATH = 8;
const L_ALIAS = 16;
const L_ALIAS_RANGE = 32;
const L_SIZE = 64;
const L_HEIGHT = 128;
const L_ALL = 255;

/** Numbers per slab of encodeOne's copies (256 KB; a model of a few KB takes a hundredth). */
const SLAB_INTS = 1 << 16;

/** Thrown inside the writer when a model holds something the format has no code for. */
class NotEncodable extends Error {}

/** Appends models to a growing number stream and string list. */
export class ModelWriter {
  private ints = new Int32Array(4096);
  private n = 0;
  private readonly strings: string[] = [];
  private chars = 0;
  /** Where encodeOne's copies go (see keep). */
  private slab = new Int32Array(0);
  private slabUsed = 0;

  /** Numbers written so far (an entry's start in the stream). */
  get intLength(): number {
    return this.n;
  }

  /** UTF-16 length of the strings written so far (an entry's start in the shared string). */
  get charLength(): number {
    return this.chars;
  }

  /**
   * Encodes one model. Returns false, having written nothing, when the
   * model holds something the format cannot reproduce exactly (frontmatter
   * data JSON cannot carry, such as NaN; a block kind it has no code for):
   * such a note is simply parsed again next time.
   */
  writeModel(m: NoteModel): boolean {
    const mark = { n: this.n, strings: this.strings.length, chars: this.chars };
    try {
      this.model(m);
      return true;
    } catch (e) {
      if (!(e instanceof NotEncodable)) throw e;
      this.n = mark.n;
      this.strings.length = mark.strings;
      this.chars = mark.chars;
      return false;
    }
  }

  /** Appends what another writer wrote for one model (a cache entry kept, a worker's result). */
  writeRaw(ints: Int32Array, strings: string): void {
    while (this.n + ints.length > this.ints.length) this.grow();
    this.ints.set(ints, this.n);
    this.n += ints.length;
    if (strings) {
      this.strings.push(strings);
      this.chars += strings.length;
    }
  }

  /**
   * Encodes one model on its own, starting the writer afresh (for the
   * cache file, which keeps each entry's numbers and strings apart).
   * Undefined when writeModel would refuse it.
   */
  encodeOne(m: NoteModel): { ints: Int32Array; strings: string } | undefined {
    this.n = 0;
    this.strings.length = 0;
    this.chars = 0;
    if (!this.writeModel(m)) return undefined;
    return { ints: this.keep(this.n), strings: this.strings.join('') };
  }

  /**
   * A copy of the first n numbers, as a view into a slab that the next
   * models' copies share (as a worker's batch is shared by its notes): a
   * new ArrayBuffer per note, with its backing store and external-memory
   * bookkeeping, was a third of the time of encodeOne. A slab lives while
   * any model in it does; only a writer's first slabs are small (for a
   * writer used for one model).
   */
  private keep(n: number): Int32Array {
    if (n > SLAB_INTS >> 2) return this.ints.slice(0, n);
    let slab = this.slab;
    if (this.slabUsed + n > slab.length) {
      this.slab = slab = new Int32Array(Math.min(SLAB_INTS, Math.max(4 * n, 2 * slab.length)));
      this.slabUsed = 0;
    }
    const at = this.slabUsed;
    this.slabUsed = at + n;
    slab.set(this.ints.subarray(0, n), at);
    return slab.subarray(at, at + n);
  }

  /** The number stream and the strings joined. */
  /** Starts a new stream, keeping the buffer grown so far (a worker writes batch after batch). */
  reset(): void {
    this.n = 0;
    this.strings.length = 0;
    this.chars = 0;
  }

  finish(): { ints: Int32Array; strings: string } {
    return { ints: this.ints.subarray(0, this.n), strings: this.strings.join('') };
  }

  private model(m: NoteModel): void {
    const fm = m.frontmatter;
    this.int(fm ? (fm.data === undefined ? 1 : 2) | (fm.aliasRanges ? F_ALIAS_RANGES : 0) : 0);
    if (fm) {
      this.range(fm.range);
      if (fm.data !== undefined) {
        if (!jsonSafe(fm.data, 0)) throw new NotEncodable();
        this.str(JSON.stringify(fm.data));
      }
      this.strList(fm.aliases);
      if (fm.aliasRanges) {
        // Parallel to the aliases, so no count of their own.
        if (fm.aliasRanges.length !== fm.aliases.length) notEncodable();
        for (const r of fm.aliasRanges) this.range(r);
      }
      this.strList(fm.tags);
    }
    this.int(m.links.length);
    for (const l of m.links) this.link(l);
    this.int(m.headings.length);
    for (const h of m.headings) {
      this.int(h.level);
      this.str(h.text);
      this.range(h.range);
      this.range(h.textRange);
    }
    this.int(m.blockIds.length);
    for (const b of m.blockIds) {
      this.str(b.id);
      this.range(b.range);
      this.range(b.blockRange);
    }
    this.int(m.highlights.length);
    for (const h of m.highlights) {
      this.str(h.text);
      this.range(h.range);
      this.range(h.innerRange);
    }
    this.int(m.tags.length);
    for (const t of m.tags) {
      this.str(t.name);
      this.range(t.range);
    }
    this.int(m.callouts.length);
    for (const c of m.callouts) {
      this.str(c.type);
      this.str(c.title);
      this.int(c.fold === undefined ? 0 : c.fold === '+' ? 1 : c.fold === '-' ? 2 : notEncodable());
      this.range(c.headerRange);
      this.range(c.range);
    }
    this.int(m.blocks.length);
    for (const b of m.blocks) {
      const kind = blockKindCode(b.kind);
      this.int(kind | (b.ordinal === undefined ? 0 : 8));
      this.range(b.range);
      this.int(b.parent);
      if (b.ordinal !== undefined) this.int(b.ordinal);
    }
    this.int(m.literalRanges.length);
    for (const r of m.literalRanges) this.range(r);
    this.int(m.problems.length);
    for (const p of m.problems) {
      const code = PROBLEM_CODES.indexOf(p.code);
      if (code === -1) notEncodable();
      this.int(code);
      this.str(p.message);
      this.range(p.range);
    }
  }

  private link(l: LinkRef): void {
    const wiki = l.kind === 'wiki' ? l : undefined;
    let flags = (l.kind === 'markdown' ? L_MARKDOWN : 0) | (l.embed ? L_EMBED : 0);
    if (l.blockId !== undefined) flags |= L_BLOCK_ID;
    if (l.subpathRange !== undefined) flags |= L_SUBPATH;
    if (wiki?.alias !== undefined) flags |= L_ALIAS;
    if (wiki?.aliasRange !== undefined) flags |= L_ALIAS_RANGE;
    if (wiki?.size !== undefined) flags |= L_SIZE | (wiki.size.height !== undefined ? L_HEIGHT : 0);
    this.int(flags);
    this.range(l.range);
    if (l.kind === 'markdown') this.str(l.text);
    this.str(l.path);
    this.range(l.pathRange);
    this.strList(l.headings);
    if (l.subpathRange !== undefined) this.range(l.subpathRange);
    if (l.blockId !== undefined) this.str(l.blockId);
    if (wiki?.alias !== undefined) this.str(wiki.alias);
    if (wiki?.aliasRange !== undefined) this.range(wiki.aliasRange);
    if (wiki?.size !== undefined) {
      this.int(wiki.size.width);
      if (wiki.size.height !== undefined) this.int(wiki.size.height);
    }
  }

  private grow(): void {
    const next = new Int32Array(this.ints.length * 2);
    next.set(this.ints);
    this.ints = next;
  }

  private int(v: number): void {
    // Everything in a model is a small whole number; anything else would not come back the same.
    if ((v | 0) !== v) notEncodable();
    if (this.n === this.ints.length) this.grow();
    this.ints[this.n++] = v;
  }

  /** Four numbers with one room check and one store each (ranges are most of a model's numbers). */
  private range(r: Range): void {
    const start = r.start;
    const end = r.end;
    const a = start.line;
    const b = start.character;
    const c = end.line;
    const d = end.character;
    if ((a | 0) !== a || (b | 0) !== b || (c | 0) !== c || (d | 0) !== d) notEncodable();
    const n = this.n;
    if (n + 4 > this.ints.length) this.grow();
    const ints = this.ints;
    ints[n] = a;
    ints[n + 1] = b;
    ints[n + 2] = c;
    ints[n + 3] = d;
    this.n = n + 4;
  }

  private str(s: string): void {
    this.int(s.length);
    this.strings.push(s);
    this.chars += s.length;
  }

  private strList(list: readonly string[]): void {
    this.int(list.length);
    for (const s of list) this.str(s);
  }
}

/** BLOCK_KINDS.indexOf(kind), without a builtin call per block (a model has dozens). */
function blockKindCode(kind: BlockNode['kind']): number {
  switch (kind) {
    case 'paragraph':
      return 0;
    case 'listItem':
      return 1;
    case 'heading':
      return 2;
    case 'blockquote':
      return 3;
    case 'table':
      return 4;
    default:
      return notEncodable();
  }
}

function notEncodable(): never {
  throw new NotEncodable();
}

/** True when JSON.parse(JSON.stringify(v)) deep-equals v. */
function jsonSafe(v: unknown, depth: number): boolean {
  if (depth > 64) return false;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v) && !Object.is(v, -0);
    case 'object': {
      if (v === null) return true;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (!(i in v) || !jsonSafe(v[i], depth + 1)) return false;
        return true;
      }
      if (Object.getPrototypeOf(v) !== Object.prototype) return false;
      for (const k of Object.keys(v)) if (k === '__proto__' || !jsonSafe((v as Record<string, unknown>)[k], depth + 1)) return false;
      return true;
    }
    default:
      return false;
  }
}

/** The sections after the links, decoded on demand. */
interface Rest {
  headings: Heading[];
  blockIds: BlockId[];
  highlights: Highlight[];
  tags: TagRef[];
  callouts: Callout[];
  blocks: BlockNode[];
  literalRanges: Range[];
  problems: ParseProblem[];
}

/**
 * Reads models back from a number stream and a string, within the bounds
 * given: [pos, end) of `ints` and [spos, send) of `strings`.
 */
export class ModelReader {
  constructor(
    private readonly ints: Int32Array,
    private pos: number,
    private readonly end: number,
    private readonly strings: string,
    private spos: number,
    private readonly send: number,
  ) {
    if (pos < 0 || end > ints.length || pos > end || spos < 0 || send > strings.length || spos > send) fail('bad bounds');
  }

  /** True when every number and character of the bounds was read: a well-formed entry ends exactly there. */
  get atEnd(): boolean {
    return this.pos === this.end && this.spos === this.send;
  }

  /** The whole model, as plain objects. */
  readModel(): NoteModel {
    const frontmatter = this.frontmatter();
    const links = this.links();
    const model = assemble(frontmatter, links, this.rest());
    this.expectEnd();
    return model;
  }

  /**
   * The frontmatter and the links' paths and kinds now, the links and the
   * rest when first asked for. Everything is checked now (without building
   * it), so a bad entry still fails here, where the caller can re-parse,
   * and never later in a feature.
   * `restInts` gives the numbers again when a section is wanted (the same
   * ones, at the same positions), for a reader over a scratch buffer that
   * is reused for the next model; by default the reader keeps its own.
   */
  readLazy(restInts?: () => Int32Array): NoteModel {
    const frontmatter = this.frontmatter();
    const linksPos = this.pos;
    const linksSpos = this.spos;
    const keys = this.linkKeys();
    const pos = this.pos;
    const spos = this.spos;
    this.skipRest();
    this.expectEnd();
    const ints = restInts ? undefined : this.ints;
    const { end, strings, send } = this;
    const at = (p: number, sp: number) => new ModelReader(ints ?? restInts!(), p, end, strings, sp, send);
    const model = new LazyNoteModel(
      keys,
      () => at(linksPos, linksSpos).links(),
      () => at(pos, spos).rest(),
    );
    if (frontmatter) model.frontmatter = frontmatter;
    return model;
  }

  private expectEnd(): void {
    if (!this.atEnd) fail('entry has trailing data');
  }

  private frontmatter(): Frontmatter | undefined {
    const flags = this.enumValue(3 + F_ALIAS_RANGES);
    const state = flags & ~F_ALIAS_RANGES;
    if (flags === 0) return undefined;
    if (state === 0 || state === 3) fail('bad frontmatter state');
    const range = this.range();
    let data: Record<string, unknown> | undefined;
    if (state === 2) {
      const json = this.str();
      try {
        data = JSON.parse(json) as Record<string, unknown>;
      } catch {
        fail('bad frontmatter JSON');
      }
      if (data === null || typeof data !== 'object' || Array.isArray(data)) fail('frontmatter data is not a mapping');
    }
    const aliases = this.strList();
    if (!(flags & F_ALIAS_RANGES)) return { range, data, aliases, tags: this.strList() };
    if (aliases.length * 4 > this.end - this.pos) fail('bad count');
    const aliasRanges: Range[] = new Array(aliases.length);
    for (let i = 0; i < aliases.length; i++) aliasRanges[i] = this.range();
    return { range, data, aliases, aliasRanges, tags: this.strList() };
  }

  /** Walks the links with every check of links() but builds only their paths and kinds. */
  private linkKeys(): LinkKeys {
    const n = this.count(10);
    const paths: string[] = new Array(n);
    const markdown = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const flags = this.int();
      if ((flags & ~L_ALL) !== 0) fail('bad link flags');
      this.skipRanges(1);
      if (flags & L_MARKDOWN) {
        if (flags & (L_ALIAS | L_ALIAS_RANGE | L_SIZE)) fail('bad markdown link flags');
        markdown[i] = 1;
        this.skipStr();
      }
      paths[i] = this.str();
      this.skipRanges(1);
      for (let h = this.count(1); h > 0; h--) this.skipStr();
      if (flags & L_SUBPATH) this.skipRanges(1);
      if (flags & L_BLOCK_ID) this.skipStr();
      if (flags & L_MARKDOWN) continue;
      if (flags & L_ALIAS) this.skipStr();
      if (flags & L_ALIAS_RANGE) this.skipRanges(1);
      if (flags & L_SIZE) {
        this.int();
        if (flags & L_HEIGHT) this.int();
      }
    }
    return { paths, markdown };
  }

  private links(): LinkRef[] {
    const links: LinkRef[] = new Array(this.count(10));
    for (let i = 0; i < links.length; i++) links[i] = this.link();
    return links;
  }

  private rest(): Rest {
    const headings: Heading[] = new Array(this.count(10));
    for (let i = 0; i < headings.length; i++) {
      const level = this.int();
      if (level < 1 || level > 6) fail('bad heading level');
      headings[i] = { level, text: this.str(), range: this.range(), textRange: this.range() };
    }
    const blockIds: BlockId[] = new Array(this.count(9));
    for (let i = 0; i < blockIds.length; i++) blockIds[i] = { id: this.str(), range: this.range(), blockRange: this.range() };
    const highlights: Highlight[] = new Array(this.count(9));
    for (let i = 0; i < highlights.length; i++) highlights[i] = { text: this.str(), range: this.range(), innerRange: this.range() };
    const tags: TagRef[] = new Array(this.count(5));
    for (let i = 0; i < tags.length; i++) tags[i] = { name: this.str(), range: this.range() };
    const callouts: Callout[] = new Array(this.count(11));
    for (let i = 0; i < callouts.length; i++) {
      const type = this.str();
      const title = this.str();
      const fold = this.enumValue(3);
      const headerRange = this.range();
      const range = this.range();
      callouts[i] = fold === 0 ? { type, title, headerRange, range } : { type, title, fold: fold === 1 ? '+' : '-', headerRange, range };
    }
    const blocks: BlockNode[] = new Array(this.count(6));
    for (let i = 0; i < blocks.length; i++) {
      const tag = this.int();
      const kind = BLOCK_KINDS[tag & 7];
      if (kind === undefined || tag >>> 4 !== 0) fail('bad block kind');
      const range = this.range();
      const parent = this.int();
      if (parent < -1 || parent >= i) fail('bad block parent');
      blocks[i] = tag & 8 ? { kind, range, parent, ordinal: this.int() } : { kind, range, parent };
    }
    const literalRanges: Range[] = new Array(this.count(4));
    for (let i = 0; i < literalRanges.length; i++) literalRanges[i] = this.range();
    const problems: ParseProblem[] = new Array(this.count(6));
    for (let i = 0; i < problems.length; i++) {
      const code = PROBLEM_CODES[this.enumValue(PROBLEM_CODES.length)];
      problems[i] = { code, message: this.str(), range: this.range() };
    }
    return { headings, blockIds, highlights, tags, callouts, blocks, literalRanges, problems };
  }

  /** Walks the rest with every check of rest() but builds nothing. */
  private skipRest(): void {
    for (let n = this.count(10); n > 0; n--) {
      const level = this.int();
      if (level < 1 || level > 6) fail('bad heading level');
      this.skipStr();
      this.skipRanges(2);
    }
    for (let n = this.count(9); n > 0; n--) this.skipStr(), this.skipRanges(2);
    for (let n = this.count(9); n > 0; n--) this.skipStr(), this.skipRanges(2);
    for (let n = this.count(5); n > 0; n--) this.skipStr(), this.skipRanges(1);
    for (let n = this.count(11); n > 0; n--) this.skipStr(), this.skipStr(), this.enumValue(3), this.skipRanges(2);
    const blocks = this.count(6);
    for (let i = 0; i < blocks; i++) {
      const tag = this.int();
      if (BLOCK_KINDS[tag & 7] === undefined || tag >>> 4 !== 0) fail('bad block kind');
      this.skipRanges(1);
      const parent = this.int();
      if (parent < -1 || parent >= i) fail('bad block parent');
      if (tag & 8) this.int();
    }
    this.skipRanges(this.count(4));
    for (let n = this.count(6); n > 0; n--) this.enumValue(PROBLEM_CODES.length), this.skipStr(), this.skipRanges(1);
  }

  private link(): LinkRef {
    const flags = this.int();
    if ((flags & ~L_ALL) !== 0) fail('bad link flags');
    const embed = (flags & L_EMBED) !== 0;
    const range = this.range();
    // Keys in the parser's order, so decoded links share its hidden classes.
    if (flags & L_MARKDOWN) {
      if (flags & (L_ALIAS | L_ALIAS_RANGE | L_SIZE)) fail('bad markdown link flags');
      const text = this.str();
      const link: LinkRef = { kind: 'markdown', embed, range, text, path: this.str(), pathRange: this.range(), headings: this.strList() };
      if (flags & L_SUBPATH) link.subpathRange = this.range();
      if (flags & L_BLOCK_ID) link.blockId = this.str();
      return link;
    }
    const link: LinkRef = { kind: 'wiki', embed, range, path: this.str(), pathRange: this.range(), headings: this.strList() };
    if (flags & L_SUBPATH) link.subpathRange = this.range();
    if (flags & L_BLOCK_ID) link.blockId = this.str();
    if (flags & L_ALIAS) link.alias = this.str();
    if (flags & L_ALIAS_RANGE) link.aliasRange = this.range();
    if (flags & L_SIZE) {
      const width = this.int();
      link.size = flags & L_HEIGHT ? { width, height: this.int() } : { width };
    }
    return link;
  }

  private int(): number {
    if (this.pos >= this.end) fail('truncated entry');
    return this.ints[this.pos++];
  }

  /** A count of items that take at least `minInts` numbers each: never more than what is left. */
  private count(minInts: number): number {
    const n = this.int();
    if (n < 0 || n * minInts > this.end - this.pos) fail('bad count');
    return n;
  }

  private enumValue(size: number): number {
    const v = this.int();
    if (v < 0 || v >= size) fail('bad enum value');
    return v;
  }

  private range(): Range {
    const p = this.pos;
    if (p + 4 > this.end) fail('truncated range');
    const a = this.ints;
    const sl = a[p];
    const sc = a[p + 1];
    const el = a[p + 2];
    const ec = a[p + 3];
    if ((sl | sc | el | ec) < 0) fail('negative position');
    this.pos = p + 4;
    return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
  }

  private skipRanges(n: number): void {
    const p = this.pos;
    if (p + 4 * n > this.end) fail('truncated range');
    const a = this.ints;
    for (let k = p; k < p + 4 * n; k++) if (a[k] < 0) fail('negative position');
    this.pos = p + 4 * n;
  }

  private str(): string {
    const len = this.int();
    const at = this.spos;
    if (len < 0 || at + len > this.send) fail('string out of bounds');
    this.spos = at + len;
    return this.strings.slice(at, at + len);
  }

  private skipStr(): void {
    const len = this.int();
    if (len < 0 || this.spos + len > this.send) fail('string out of bounds');
    this.spos += len;
  }

  private strList(): string[] {
    const list: string[] = new Array(this.count(1));
    for (let i = 0; i < list.length; i++) list[i] = this.str();
    return list;
  }
}

/**
 * A model from the cache whose frontmatter and links' paths are plain data
 * and whose links and other sections are decoded on first access (the
 * vault index only needs the links' paths to resolve a vault; a feature
 * opening a note reads the rest). At 10,000 notes, building 120,000 links
 * that the load never looks at was a third of a warm start. Structurally
 * a NoteModel; `plainModel` turns it into plain data
 * where an exact deep comparison or a structured clone is wanted.
 */
export class LazyNoteModel implements NoteModel {
  declare frontmatter?: Frontmatter;
  private restData: Rest | undefined;
  private linkData: LinkRef[] | undefined;

  constructor(
    private keys: LinkKeys,
    private decodeLinks: (() => LinkRef[]) | undefined,
    private decodeRest: (() => Rest) | undefined,
  ) {}

  /** The links' paths and kinds, without building the links (see linkKeysOf). */
  get linkKeys(): LinkKeys {
    return this.keys;
  }

  get links(): LinkRef[] {
    if (!this.linkData) {
      this.linkData = this.decodeLinks!();
      this.decodeLinks = undefined;
    }
    return this.linkData;
  }
  set links(v: LinkRef[]) {
    this.linkData = v;
    this.decodeLinks = undefined;
    this.keys = linkKeysOfLinks(v);
  }

  private get r(): Rest {
    if (!this.restData) {
      this.restData = this.decodeRest!();
      this.decodeRest = undefined; // the reader and its closure can go
    }
    return this.restData;
  }

  get headings(): Heading[] { return this.r.headings; }
  set headings(v: Heading[]) { this.r.headings = v; }
  get blockIds(): BlockId[] { return this.r.blockIds; }
  set blockIds(v: BlockId[]) { this.r.blockIds = v; }
  get highlights(): Highlight[] { return this.r.highlights; }
  set highlights(v: Highlight[]) { this.r.highlights = v; }
  get tags(): TagRef[] { return this.r.tags; }
  set tags(v: TagRef[]) { this.r.tags = v; }
  get callouts(): Callout[] { return this.r.callouts; }
  set callouts(v: Callout[]) { this.r.callouts = v; }
  get blocks(): BlockNode[] { return this.r.blocks; }
  set blocks(v: BlockNode[]) { this.r.blocks = v; }
  get literalRanges(): Range[] { return this.r.literalRanges; }
  set literalRanges(v: Range[]) { this.r.literalRanges = v; }
  get problems(): ParseProblem[] { return this.r.problems; }
  set problems(v: ParseProblem[]) { this.r.problems = v; }

  /**
   * The whole model as plain data for one use: sections not decoded yet
   * are decoded for the caller and not kept (see transientModel).
   */
  transient(): NoteModel {
    return assemble(this.frontmatter, this.linkData ?? this.decodeLinks!(), this.restData ?? this.decodeRest!());
  }

  /** True once the sections after the links were decoded (for tests and memory accounting). */
  get materialized(): boolean {
    return this.restData !== undefined;
  }

  /** True once the links were built. */
  get linksBuilt(): boolean {
    return this.linkData !== undefined;
  }
}

/**
 * A freshly parsed model in its compact form: encoded, then read back as a
 * LazyNoteModel, with the encoding for the parse cache. A vault load keeps
 * thousands of models; as plain objects (about 9 per link, 4 per block)
 * they were most of a cold start's heap and of its garbage collection,
 * while the compact form is a few arrays per note. Plain data comes back
 * unchanged when the format cannot carry it (see writeModel).
 */
export function compactModel(model: NoteModel, writer = new ModelWriter()): { model: NoteModel; encoded?: { ints: Int32Array; strings: string } } {
  const encoded = writer.encodeOne(model);
  if (!encoded) return { model };
  const { ints, strings } = encoded;
  return { model: new ModelReader(ints, 0, ints.length, strings, 0, strings.length).readLazy(), encoded };
}

/**
 * A model to read once, for a pass over the whole vault (extracting every
 * note's cards): a lazy model's sections are decoded for it but stay
 * undecoded in the model, so the pass does not leave every note of the
 * vault decoded in memory (at 10,000 notes, hundreds of MB).
 */
export function transientModel(m: NoteModel): NoteModel {
  const once = m instanceof DeferredModel ? m.once() : m;
  return once instanceof LazyNoteModel ? once.transient() : once;
}

/** A model as plain objects, with the parser's keys: a lazy model is decoded in full. */
export function plainModel(m: NoteModel): NoteModel {
  const inner = m instanceof DeferredModel ? m.inner : m;
  return inner instanceof LazyNoteModel ? assemble(inner.frontmatter, inner.links, inner) : inner;
}

/** A plain model from its sections, with the parser's keys in the parser's order (no `frontmatter` key when there is none). */
function assemble(frontmatter: Frontmatter | undefined, links: LinkRef[], rest: Rest): NoteModel {
  const model: NoteModel = {
    headings: rest.headings,
    blockIds: rest.blockIds,
    links,
    highlights: rest.highlights,
    tags: rest.tags,
    callouts: rest.callouts,
    blocks: rest.blocks,
    literalRanges: rest.literalRanges,
    problems: rest.problems,
  };
  if (frontmatter) model.frontmatter = frontmatter;
  return model;
}

function fail(why: string): never {
  throw new CacheFormatError(`parse cache: ${why}`);
}
