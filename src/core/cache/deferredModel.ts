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
import type { Range } from '../text/range';
import type { ContentKey } from './contentHash';

/** Where deferred models of one load get their model: decoded from the cache, or, when the entry turns out bad, parsed. */
export interface ModelSource {
  /** The model decoded from the cache (its own sections lazy), or undefined when the entry does not decode. */
  decode(key: ContentKey): NoteModel | undefined;
  /** The note at `path` parsed from its text: its entry was bad, which the source reports to whoever must know. */
  fallback(path: string): NoteModel;
}

/**
 * A cached note's model that is not decoded at all until a feature first
 * reads it. A warm start that takes a note's links from the index snapshot
 * (see indexSnapshot.ts) never needs its model, so 10,000 notes load
 * without decoding any; the first read of any section decodes it (the
 * links and rest themselves stay lazy, as LazyNoteModel keeps them).
 * Structurally a NoteModel.
 */
export class DeferredModel implements NoteModel {
  private model: NoteModel | undefined;

  constructor(
    private source: ModelSource | undefined,
    private readonly key: ContentKey,
    private path: string,
  ) {}

  /** The note was renamed: a fallback parse reads it at its new path. */
  moved(to: string): void {
    this.path = to;
  }

  /** The model, decoded on first use. */
  get inner(): NoteModel {
    if (!this.model) {
      this.model = this.source!.decode(this.key) ?? this.source!.fallback(this.path);
      this.source = undefined;
    }
    return this.model;
  }

  /** True once decoded (for tests and memory accounting). */
  get decoded(): boolean {
    return this.model !== undefined;
  }

  /**
   * The model for one read (a pass over the whole vault): decoded for the
   * caller and not kept, when it was not decoded yet.
   */
  once(): NoteModel {
    return this.model ?? this.source!.decode(this.key) ?? this.inner;
  }

  get frontmatter(): Frontmatter | undefined { return this.inner.frontmatter; }
  set frontmatter(v: Frontmatter | undefined) { this.inner.frontmatter = v; }
  /** The links' paths and kinds (see linkKeysOf), from the decoded model. */
  get linkKeys(): LinkKeys | undefined { return (this.inner as { linkKeys?: LinkKeys }).linkKeys; }
  get links(): LinkRef[] { return this.inner.links; }
  set links(v: LinkRef[]) { this.inner.links = v; }
  get headings(): Heading[] { return this.inner.headings; }
  set headings(v: Heading[]) { this.inner.headings = v; }
  get blockIds(): BlockId[] { return this.inner.blockIds; }
  set blockIds(v: BlockId[]) { this.inner.blockIds = v; }
  get highlights(): Highlight[] { return this.inner.highlights; }
  set highlights(v: Highlight[]) { this.inner.highlights = v; }
  get tags(): TagRef[] { return this.inner.tags; }
  set tags(v: TagRef[]) { this.inner.tags = v; }
  get callouts(): Callout[] { return this.inner.callouts; }
  set callouts(v: Callout[]) { this.inner.callouts = v; }
  get blocks(): BlockNode[] { return this.inner.blocks; }
  set blocks(v: BlockNode[]) { this.inner.blocks = v; }
  get literalRanges(): Range[] { return this.inner.literalRanges; }
  set literalRanges(v: Range[]) { this.inner.literalRanges = v; }
  get problems(): ParseProblem[] { return this.inner.problems; }
  set problems(v: ParseProblem[]) { this.inner.problems = v; }
}
