import { shortestLinkText } from '../vault/resolveLink';
import type { IndexChange, VaultIndex } from '../vault/vaultIndex';
import { mediaKind } from '../vault/vaultPath';
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
/** Separates names in the search strings; no name a user types holds it (names that do are searched one by one). */
const SEP = '\0';

/** One searchable text per entry, joined, so one indexOf scans them all. */
interface Haystack {
  /** SEP + text of entry 0 + SEP + text of entry 1 …, lower-cased. */
  blob: string;
  /** Where each entry's text starts in blob. */
  starts: Int32Array;
  entries: Int32Array;
  /** Entries whose text holds SEP (the blob has an empty text for them), checked one by one: index → text. */
  odd: Map<number, string>;
}

/**
 * The names of a vault prepared for `[[` completion, rebuilt lazily after
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
  private readonly emptyQuery = new Map<boolean, { limit: number; result: NameSearch }>();

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
    this.build();
    const q = query.toLowerCase();
    const byPath = q.includes('/');
    if (!q) return this.searchEmpty(embed, limit);
    const hay = byPath ? this.pathHaystack() : this.names!;
    const eligible = (e: number) => this.eligible(e, embed, byPath);
    const best = new TopEntries(limit, this.labels, this.kinds, embed);
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

  private eligible(e: number, embed: boolean, byPath: boolean): boolean {
    const k = this.kinds[e];
    if (k === KIND_ALIAS) return !byPath;
    if (k === KIND_NOTE) return true;
    return embed;
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
  private searchEmpty(embed: boolean, limit: number): NameSearch {
    const known = this.emptyQuery.get(embed);
    if (known && known.limit === limit) return known.result;
    const best = new TopEntries(limit, this.labels, this.kinds, embed);
    let matched = 0;
    for (let e = 0; e < this.labels.length; e++) {
      if (!this.eligible(e, embed, false)) continue;
      matched++;
      best.add(e, 0);
    }
    const result = { candidates: best.sorted().map((e) => this.candidate(e)), isIncomplete: matched > limit };
    this.emptyQuery.set(embed, { limit, result });
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

/** The haystack of these texts (lower-cased here) for these entries. */
function haystack(texts: readonly string[], entries: Int32Array): Haystack {
  const starts = new Int32Array(texts.length);
  const odd = new Map<number, string>();
  let at = 0;
  for (let i = 0; i < texts.length; i++) {
    if (texts[i].indexOf(SEP) !== -1) odd.set(i, texts[i].toLowerCase());
    starts[i] = at + 1;
    at += 1 + (odd.has(i) ? 0 : texts[i].length);
  }
  const raw = SEP + texts.map((t, i) => (odd.has(i) ? '' : t)).join(SEP);
  // One toLowerCase for the whole blob. Lower-casing never shortens a UTF-16 string and only
  // 'İ' lengthens one, so equal lengths mean every name kept its offsets; SEP, not being
  // case-ignorable, ends a word for the final-sigma rule just as the end of a name does.
  let blob = raw.toLowerCase();
  if (blob.length !== raw.length) {
    blob = SEP + texts.map((t, i) => (odd.has(i) ? '' : t.toLowerCase())).join(SEP);
    at = 0;
    for (let i = 0; i < texts.length; i++) {
      starts[i] = at + 1;
      at += 1 + (odd.has(i) ? 0 : texts[i].toLowerCase().length);
    }
  }
  return { blob, starts, entries, odd };
}

/** The text of entry i as the blob holds it. */
function textOf(hay: Haystack, i: number): string {
  const end = i + 1 < hay.starts.length ? hay.starts[i + 1] - 1 : hay.blob.length;
  return hay.blob.slice(hay.starts[i], end);
}

/**
 * A pattern matching q as a subsequence inside one name: q0, then anything
 * but SEP and q1, then q1, and so on. Excluding the next wanted character
 * makes the match the greedy leftmost one, which exists exactly when q is a
 * subsequence, and keeps backtracking linear. Code units, like the loop in
 * isSubsequence, so no `u` flag.
 */
function subsequencePattern(q: string): RegExp {
  const unit = (i: number) => '\\u' + q.charCodeAt(i).toString(16).padStart(4, '0');
  let source = unit(0);
  for (let i = 1; i < q.length; i++) source += `[^\\0${unit(i)}]*${unit(i)}`;
  return new RegExp(source, 'g');
}

/** Index of the entry whose text holds blob position p (the last start ≤ p). */
function entryAt(starts: Int32Array, p: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= p) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The `k` best entries seen, as completePath ranks them: quality × 4 plus
 * the kind's group (in an embed images 0, notes 1, aliases 1.5, other
 * attachments 2; otherwise notes 0, aliases 0.5), then label length, then
 * label, then entry order (the order the index lists names in).
 */
class TopEntries {
  private readonly items: number[] = [];
  private readonly ranks: number[] = [];

  constructor(
    private readonly k: number,
    private readonly labels: readonly string[],
    private readonly kinds: Uint8Array,
    private readonly embed: boolean,
  ) {}

  add(e: number, quality: number): void {
    const rank = quality * 4 + this.group(e);
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

  private group(e: number): number {
    const kind = this.kinds[e];
    if (kind === KIND_ALIAS) return (this.embed ? 1 : 0) + 0.5;
    if (!this.embed) return 0;
    return kind === KIND_IMAGE ? 0 : kind === KIND_NOTE ? 1 : 2;
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
