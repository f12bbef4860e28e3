import { shortestLinkText } from '../vault/resolveLink';
import type { IndexChange, VaultIndex } from '../vault/vaultIndex';
import { mediaKind } from '../vault/vaultPath';
import { entryAt, haystack, SEP, subsequencePattern, textOf, type Haystack } from './completionHaystack';
import type { Cancellation } from './types';

/** What a `[[` completion can offer: a note, one of its aliases, or (in an embed) an attachment. */
export interface NameCandidate {
  label: string;
  kind: 'note' | 'alias' | 'image' | 'attachment';
  path: string;
  /** Set for aliases: the alias text. */
  alias?: string;
}

export interface NameSearch {
  /** The best `limit` candidates, best first. */
  candidates: NameCandidate[];
  /** True when more than `limit` names matched. */
  isIncomplete: boolean;
}

/**
 * How well a typed query matches a name, case-insensitively: 0 prefix,
 * 1 at a word start, 2 anywhere, 3 as a subsequence, -1 not at all.
 * Only the first occurrence of the query counts, as it always has.
 */
export function matchQuality(query: string, name: string): number {
  return qualityLower(query, name.toLowerCase());
}

function qualityLower(query: string, n: string): number {
  if (!query) return 0;
  if (n.startsWith(query)) return 0;
  const at = n.indexOf(query);
  if (at > 0) return WORD_BREAK.test(n[at - 1]) ? 1 : 2;
  return isSubsequence(query, n) ? 3 : -1;
}

const WORD_BREAK = /[\s/_\-.(]/;

function isSubsequence(query: string, n: string): boolean {
  let j = 0;
  for (let i = 0; i < n.length && j < query.length; i++) if (n[i] === query[j]) j++;
  return j === query.length;
}

const KIND_NOTE = 0;
const KIND_ALIAS = 1;
const KIND_IMAGE = 2;
const KIND_ATTACHMENT = 3;
const KINDS: readonly NameCandidate['kind'][] = ['note', 'alias', 'image', 'attachment'];

/** Which entries a search offers, and the rank each kind adds to quality × 4 (indexed by KIND_*). */
interface SearchScope {
  aliases: boolean;
  attachments: boolean;
  groups: readonly number[];
  /** Only files whose path starts with this (`folder/`), when set. */
  under?: string;
  /** Names the cached answer to the empty query; unset when the answer depends on more than the names. */
  cacheKey?: string;
}

// In a link notes come first, aliases just after; in an embed images first, then notes, aliases, other attachments.
const WIKI_LINK: SearchScope = { aliases: true, attachments: false, groups: [0, 0.5, 0, 0], cacheKey: 'wiki' };
const WIKI_EMBED: SearchScope = { aliases: true, attachments: true, groups: [1, 1.5, 0, 2], cacheKey: 'wiki-embed' };
// A Markdown destination is a file path, so no aliases; a plain link can lead to any file, notes first.
const MARKDOWN_LINK: SearchScope = { aliases: false, attachments: true, groups: [0, 0, 1, 1], cacheKey: 'markdown' };
const MARKDOWN_EMBED: SearchScope = { ...WIKI_EMBED, aliases: false, cacheKey: 'markdown-embed' };
/**
 * The names of a vault prepared for completion (`[[` names, Markdown
 * destination files and folders), rebuilt lazily after
 * the index reports a change of names (a file added, removed or renamed,
 * an alias changed). A keystroke then costs a few indexOf scans over one
 * string instead of lower-casing and matching every name of the vault:
 * prefix matches are the occurrences of SEP + query, word and infix
 * matches the other occurrences, subsequences one regular-expression scan,
 * each tier only when the better tiers left room under the limit. Ranking
 * is `completePath`'s, exactly: match quality, then kind group, then label
 * length, then label, then the order the index lists names in.
 */
export class CompletionTable {
  private built = false;
  private labels: string[] = [];
  private kinds = new Uint8Array(0);
  private paths: string[] = [];
  /** Lower-cased labels (names mode) and paths without `.md` (path mode, no aliases). */
  private names?: Haystack;
  private pathHay?: Haystack;
  /** Alias lists as they were at the build, to notice a change the index does not call a change of names (case only). */
  private aliasesAtBuild = new Map<string, readonly string[]>();
  private readonly linkTexts = new Map<string, string>();
  private readonly emptyQuery = new Map<string, { limit: number; result: NameSearch }>();
  /** Folder (case-folded) → its path as stored and its direct subfolders' names; built on first use. */
  private folderTree?: Map<string, { path: string; children: string[] }>;

  constructor(private readonly index: VaultIndex) {
    index.onDidChange((change) => this.onChange(change));
  }

  /**
   * The table of an index, made on first use. It lives exactly as long as
   * the index (a WeakMap entry keyed by it): one per index, never shared.
   */
  static of(index: VaultIndex): CompletionTable {
    let table = TABLES.get(index);
    if (!table) TABLES.set(index, (table = new CompletionTable(index)));
    return table;
  }

  /** Drops everything derived from the names; the next search rebuilds. */
  invalidate(): void {
    this.built = false;
    this.names = undefined;
    this.pathHay = undefined;
    this.folderTree = undefined;
    this.linkTexts.clear();
    this.emptyQuery.clear();
  }

  /** The shortest unambiguous link text of a path, remembered until the names change. */
  linkText(path: string): string {
    let text = this.linkTexts.get(path);
    if (text === undefined) this.linkTexts.set(path, (text = shortestLinkText(this.index.names, path)));
    return text;
  }

  /**
   * The best `limit` names for a query typed after `[[` (lower-cased here),
   * or undefined when cancelled. A query holding `/` matches vault paths
   * and leaves aliases out; attachments are offered in embeds only.
   */
  search(query: string, embed: boolean, limit: number, cancel?: Cancellation): NameSearch | undefined {
    return this.find(query, embed ? WIKI_EMBED : WIKI_LINK, limit, cancel);
  }

  /**
   * The best `limit` files for a name typed in a Markdown link destination
   * (no aliases, attachments in links too), ranked as `search` ranks them;
   * `under` (a vault folder, '' the root) keeps only the files beneath it.
   */
  searchFiles(query: string, options: { embed: boolean; under?: string }, limit: number, cancel?: Cancellation): NameSearch | undefined {
    const scope = options.embed ? MARKDOWN_EMBED : MARKDOWN_LINK;
    return this.find(query, options.under ? { ...scope, under: options.under + '/', cacheKey: undefined } : scope, limit, cancel);
  }

  /** The folder of the vault at `path` (case-insensitively), as stored, or undefined when no file is under it. '' is the root. */
  folder(path: string): string | undefined {
    return this.folders().get(path.toLowerCase())?.path;
  }

  /** Names of the folders directly inside the vault folder `path` (a path `folder` returned). */
  subfolders(path: string): readonly string[] {
    return this.folders().get(path.toLowerCase())?.children ?? [];
  }

  private find(query: string, scope: SearchScope, limit: number, cancel?: Cancellation): NameSearch | undefined {
    this.build();
    const q = query.toLowerCase();
    const byPath = q.includes('/');
    if (!q) return this.searchEmpty(scope, limit);
    const hay = byPath ? this.pathHaystack() : this.names!;
    const eligible = (e: number) => this.eligible(e, scope, byPath);
    const best = new TopEntries(limit, this.labels, this.kinds, scope.groups);
    let matched = 0;

    // Tier 0: prefixes. Then word starts and infixes (1, 2), then subsequences (3), while the limit has room.
    matched += this.collect(hay, q, eligible, best, 0);
    if (matched <= limit) matched += this.collectInfix(hay, q, eligible, best);
    if (cancel?.isCancellationRequested) return undefined;
    if (matched <= limit) matched += this.collectSubsequence(hay, q, eligible, best);
    return { candidates: best.sorted().map((e) => this.candidate(e)), isIncomplete: matched > limit };
  }

  private onChange(change: IndexChange): void {
    if (!this.built) return;
    if (change.namesChanged) return this.invalidate();
    for (const path of change.affected) {
      const before = this.aliasesAtBuild.get(path) ?? [];
      const now = this.index.getNote(path)?.model.frontmatter?.aliases ?? [];
      if (before.length !== now.length || before.some((a, i) => a !== now[i])) return this.invalidate();
    }
  }

  private build(): void {
    if (this.built) return;
    const labels: string[] = [];
    const kinds: number[] = [];
    const paths: string[] = [];
    for (const file of this.index.allFiles()) {
      // isNotePath, noteName and mediaKind in one pass over the name: the build is per names change, at 50k files.
      const base = file.slice(file.lastIndexOf('/') + 1);
      const dot = base.lastIndexOf('.');
      const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
      const note = ext === 'md';
      labels.push(note ? base.slice(0, -3) : base);
      kinds.push(note ? KIND_NOTE : mediaKind(file) === 'image' ? KIND_IMAGE : KIND_ATTACHMENT);
      paths.push(file);
    }
    this.aliasesAtBuild = new Map();
    for (const note of this.index.allNotes()) {
      const aliases = note.model.frontmatter?.aliases;
      if (!aliases?.length) continue;
      this.aliasesAtBuild.set(note.path, aliases);
      for (const alias of aliases) {
        labels.push(alias);
        kinds.push(KIND_ALIAS);
        paths.push(note.path);
      }
    }
    this.labels = labels;
    this.kinds = Uint8Array.from(kinds);
    this.paths = paths;
    const all = new Int32Array(labels.length);
    for (let i = 0; i < all.length; i++) all[i] = i;
    this.names = haystack(labels, all);
    this.built = true;
  }

  private pathHaystack(): Haystack {
    if (!this.pathHay) {
      const entries: number[] = [];
      const texts: string[] = [];
      for (let e = 0; e < this.paths.length; e++) {
        if (this.kinds[e] === KIND_ALIAS) continue;
        const p = this.paths[e];
        entries.push(e);
        texts.push(this.kinds[e] === KIND_NOTE ? p.slice(0, -3) : p);
      }
      this.pathHay = haystack(texts, Int32Array.from(entries));
    }
    return this.pathHay;
  }

  private eligible(e: number, scope: SearchScope, byPath: boolean): boolean {
    const k = this.kinds[e];
    const kindOk = k === KIND_ALIAS ? scope.aliases && !byPath : k === KIND_NOTE || scope.attachments;
    return kindOk && (scope.under === undefined || this.paths[e].startsWith(scope.under));
  }

  private folders(): Map<string, { path: string; children: string[] }> {
    if (this.folderTree) return this.folderTree;
    this.build();
    const tree = new Map<string, { path: string; children: string[] }>([['', { path: '', children: [] }]]);
    for (let e = 0; e < this.paths.length; e++) {
      if (this.kinds[e] === KIND_ALIAS) continue;
      // Walk up from the file's folder until a folder already known: each folder is added once.
      let dir = this.paths[e].slice(0, Math.max(0, this.paths[e].lastIndexOf('/')));
      while (dir && !tree.has(dir.toLowerCase())) {
        const slash = dir.lastIndexOf('/');
        const parent = slash === -1 ? '' : dir.slice(0, slash);
        tree.set(dir.toLowerCase(), { path: dir, children: [] });
        tree.get(parent.toLowerCase())?.children.push(dir.slice(slash + 1));
        dir = parent;
      }
    }
    return (this.folderTree = tree);
  }

  /** Tier 0: every entry whose text starts with q. */
  private collect(hay: Haystack, q: string, eligible: (e: number) => boolean, best: TopEntries, quality: number): number {
    let matched = 0;
    const needle = SEP + q;
    if (!q.includes(SEP)) {
      for (let p = hay.blob.indexOf(needle); p !== -1; p = hay.blob.indexOf(needle, p + 1)) {
        const e = hay.entries[entryAt(hay.starts, p + 1)];
        if (eligible(e)) matched++, best.add(e, quality);
      }
    }
    for (const [i, text] of hay.odd) {
      const e = hay.entries[i];
      if (eligible(e) && qualityLower(q, text) === 0) matched++, best.add(e, 0);
    }
    return matched;
  }

  /** Tiers 1 and 2: the first occurrence of q in each entry, when it is not at the start. */
  private collectInfix(hay: Haystack, q: string, eligible: (e: number) => boolean, best: TopEntries): number {
    let matched = 0;
    const { blob, starts } = hay;
    if (!q.includes(SEP)) {
      let from = 0;
      for (let p = blob.indexOf(q, from); p !== -1; p = blob.indexOf(q, from)) {
        const i = entryAt(starts, p);
        from = i + 1 < starts.length ? starts[i + 1] : blob.length;
        if (p === starts[i]) continue; // a prefix: tier 0
        const e = hay.entries[i];
        if (!eligible(e)) continue;
        matched++;
        best.add(e, WORD_BREAK.test(blob[p - 1]) ? 1 : 2);
      }
    }
    for (const [i, text] of hay.odd) {
      const e = hay.entries[i];
      const quality = eligible(e) ? qualityLower(q, text) : -1;
      if (quality === 1 || quality === 2) matched++, best.add(e, quality);
    }
    return matched;
  }

  /** Tier 3: entries holding q as a subsequence but not as a substring. */
  private collectSubsequence(hay: Haystack, q: string, eligible: (e: number) => boolean, best: TopEntries): number {
    let matched = 0;
    const { blob, starts } = hay;
    if (!q.includes(SEP)) {
      const re = subsequencePattern(q);
      for (let m = re.exec(blob); m; m = re.exec(blob)) {
        const i = entryAt(starts, m.index);
        re.lastIndex = i + 1 < starts.length ? starts[i + 1] : blob.length;
        const e = hay.entries[i];
        if (!eligible(e) || textOf(hay, i).includes(q)) continue;
        matched++;
        best.add(e, 3);
      }
    }
    for (const [i, text] of hay.odd) {
      const e = hay.entries[i];
      if (eligible(e) && qualityLower(q, text) === 3) matched++, best.add(e, 3);
    }
    return matched;
  }

  /** An empty query matches everything at quality 0: the answer only changes with the names. */
  private searchEmpty(scope: SearchScope, limit: number): NameSearch {
    const known = scope.cacheKey === undefined ? undefined : this.emptyQuery.get(scope.cacheKey);
    if (known && known.limit === limit) return known.result;
    const best = new TopEntries(limit, this.labels, this.kinds, scope.groups);
    let matched = 0;
    for (let e = 0; e < this.labels.length; e++) {
      if (!this.eligible(e, scope, false)) continue;
      matched++;
      best.add(e, 0);
    }
    const result = { candidates: best.sorted().map((e) => this.candidate(e)), isIncomplete: matched > limit };
    if (scope.cacheKey !== undefined) this.emptyQuery.set(scope.cacheKey, { limit, result });
    return result;
  }

  private candidate(e: number): NameCandidate {
    const kind = KINDS[this.kinds[e]];
    const c: NameCandidate = { label: this.labels[e], kind, path: this.paths[e] };
    if (kind === 'alias') c.alias = this.labels[e];
    return c;
  }
}

const TABLES = new WeakMap<VaultIndex, CompletionTable>();

/**
 * The `k` best entries seen, as completePath ranks them: quality × 4 plus
 * the kind's group (the scope's `groups`), then label length, then label,
 * then entry order (the order the index lists names in).
 */
class TopEntries {
  private readonly items: number[] = [];
  private readonly ranks: number[] = [];

  constructor(
    private readonly k: number,
    private readonly labels: readonly string[],
    private readonly kinds: Uint8Array,
    private readonly groups: readonly number[],
  ) {}

  add(e: number, quality: number): void {
    const rank = quality * 4 + this.groups[this.kinds[e]];
    const { items, ranks } = this;
    if (items.length === this.k && this.compare(e, rank, items[items.length - 1], ranks[ranks.length - 1]) >= 0) return;
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compare(items[mid], ranks[mid], e, rank) <= 0) lo = mid + 1;
      else hi = mid;
    }
    items.splice(lo, 0, e);
    ranks.splice(lo, 0, rank);
    if (items.length > this.k) items.pop(), ranks.pop();
  }

  sorted(): number[] {
    return this.items;
  }

  private compare(a: number, rankA: number, b: number, rankB: number): number {
    if (rankA !== rankB) return rankA - rankB;
    const la = this.labels[a];
    const lb = this.labels[b];
    if (la.length !== lb.length) return la.length - lb.length;
    if (la !== lb) return la < lb ? -1 : 1;
    return a - b;
  }
}
