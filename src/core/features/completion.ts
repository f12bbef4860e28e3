import { LineIndex } from '../text/lineIndex';
import type { Position, Range } from '../text/range';
import { shortestLinkText } from '../vault/resolveLink';
import type { VaultIndex } from '../vault/vaultIndex';
import { basename, dirname, isNotePath, mediaKind, noteName } from '../vault/vaultPath';
import { linkCompletionContext, type LinkCompletionContext } from './completionContext';
import { headingLinkText } from './linkText';
import { NEVER_CANCELLED, type Cancellation } from './types';

export type CompletionKind = 'note' | 'alias' | 'image' | 'attachment' | 'heading' | 'block';

export interface LinkCompletion {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Replaces `range` (or `replaceRange` in replace mode); ends with `]]` when the link was not closed yet. */
  insertText: string;
  filterText: string;
  sortText: string;
  range: Range;
  replaceRange: Range;
}

export interface CompletionResult {
  items: LinkCompletion[];
  /** True when the list was cut at the limit: the client must ask again as the user types. */
  isIncomplete: boolean;
}

const EMPTY: CompletionResult = { items: [], isIncomplete: false };

/**
 * Completions for the wiki link being typed at `position`: notes, aliases
 * and (in embeds) attachments after `[[`, headings after `#`, block ids
 * after `#^`, aliases after `|`. `line` is the current text of the line,
 * which may be ahead of the index.
 */
export function completeLink(
  index: VaultIndex,
  path: string,
  line: string,
  position: Position,
  cancel: Cancellation = NEVER_CANCELLED,
  limit = 200,
): CompletionResult {
  const entry = index.getNote(path);
  const ctx = linkCompletionContext(line, position, entry?.model.literalRanges);
  if (!ctx) return EMPTY;
  switch (ctx.part) {
    case 'path':
      return completePath(index, ctx, cancel, limit);
    case 'heading':
    case 'block':
    case 'alias':
      return completeInNote(index, path, ctx);
  }
}

interface Candidate {
  label: string;
  kind: CompletionKind;
  path: string;
  alias?: string;
  /** Lower is better: match quality, then kind group. */
  rank: number;
}

function completePath(index: VaultIndex, ctx: LinkCompletionContext, cancel: Cancellation, limit: number): CompletionResult {
  const query = ctx.prefix.toLowerCase();
  const byPath = query.includes('/');
  const best = new TopK<Candidate>(limit, compareCandidates);
  let matched = 0;
  let seen = 0;
  for (const file of index.allFiles()) {
    if ((++seen & 1023) === 0 && cancel.isCancellationRequested) return EMPTY;
    const note = isNotePath(file);
    const media = mediaKind(file);
    if (!note && !ctx.embed) continue;
    const label = note ? noteName(file) : basename(file);
    const quality = matchQuality(query, byPath ? (note ? file.slice(0, -3) : file) : label);
    if (quality < 0) continue;
    matched++;
    // In an embed images come first: pictures are what lecture notes embed most.
    const group = ctx.embed ? (media === 'image' ? 0 : note ? 1 : 2) : 0;
    best.add({ label, kind: note ? 'note' : media === 'image' ? 'image' : 'attachment', path: file, rank: quality * 4 + group });
  }
  if (!byPath) {
    for (const note of index.allNotes()) {
      for (const alias of note.model.frontmatter?.aliases ?? []) {
        const quality = matchQuality(query, alias);
        if (quality < 0) continue;
        matched++;
        best.add({ label: alias, kind: 'alias', path: note.path, alias, rank: quality * 4 + (ctx.embed ? 1 : 0) + 0.5 });
      }
    }
  }
  const close = ctx.closed ? '' : ']]';
  const items = best.sorted().map((c, i): LinkCompletion => {
    const text = shortestLinkText(index.names, c.path);
    return {
      label: c.label,
      kind: c.kind,
      detail: c.alias !== undefined ? `alias of ${noteName(c.path)}` : dirname(c.path) || '(vault root)',
      insertText: (c.alias !== undefined ? `${text}|${c.alias}` : text) + close,
      filterText: c.alias ?? (byPath ? text : c.label),
      sortText: String(i).padStart(4, '0'),
      range: ctx.range,
      replaceRange: ctx.replaceRange,
    };
  });
  return { items, isIncomplete: matched > limit };
}

function compareCandidates(a: Candidate, b: Candidate): number {
  return a.rank - b.rank || a.label.length - b.label.length || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
}

/** Headings, block ids or aliases of the note the link names (the current note for `[[#`). */
function completeInNote(index: VaultIndex, path: string, ctx: LinkCompletionContext): CompletionResult {
  let target = path;
  if (ctx.path) {
    const r = index.resolve(ctx.path, path);
    if (r.kind !== 'file') return EMPTY;
    target = r.path;
  }
  const entry = index.getNote(target);
  if (!entry) return EMPTY;
  const close = ctx.closed ? '' : ']]';
  const query = ctx.prefix.toLowerCase();
  const make = (label: string, kind: CompletionKind, insert: string, i: number, detail?: string): LinkCompletion => ({
    label,
    kind,
    detail,
    insertText: insert + close,
    filterText: label,
    sortText: String(i).padStart(4, '0'),
    range: ctx.range,
    replaceRange: ctx.replaceRange,
  });
  let items: LinkCompletion[];
  if (ctx.part === 'heading') {
    items = entry.model.headings.map((h, i) => make(h.text, 'heading', headingLinkText(h.text), i, `H${h.level}`));
  } else if (ctx.part === 'block') {
    const lines = new LineIndex(entry.text);
    items = entry.model.blockIds.map((b, i) => make(b.id, 'block', b.id, i, blockPreview(entry.text, b.blockRange, b.range, lines)));
  } else {
    items = (entry.model.frontmatter?.aliases ?? []).map((a, i) => make(a, 'alias', a, i, `alias of ${noteName(target)}`));
  }
  return { items: items.filter((it) => matchQuality(query, it.label) >= 0), isIncomplete: false };
}

/** The first line of a block, without its `^id` marker and list bullet, shortened. */
function blockPreview(text: string, block: Range, marker: Range, lines: LineIndex): string {
  const start = lines.offsetAt(block.start);
  const end = block.start.line === marker.start.line ? lines.offsetAt(marker.start) : lines.lineEnd(block.start.line);
  const first = text.slice(start, Math.max(start, end)).replace(/^\s*(?:[-*+]|\d+[.)]|#+|>)\s+/, '').trim();
  return first.length > 80 ? first.slice(0, 79) + '…' : first;
}

/**
 * How well a typed query matches a name, case-insensitively: 0 prefix,
 * 1 at a word start, 2 anywhere, 3 as a subsequence, -1 not at all.
 */
export function matchQuality(query: string, name: string): number {
  if (!query) return 0;
  const n = name.toLowerCase();
  if (n.startsWith(query)) return 0;
  const at = n.indexOf(query);
  if (at > 0) return /[\s/_\-.(]/.test(n[at - 1]) ? 1 : 2;
  let j = 0;
  for (let i = 0; i < n.length && j < query.length; i++) if (n[i] === query[j]) j++;
  return j === query.length ? 3 : -1;
}

/** Keeps the k smallest items seen, so a keystroke costs O(n log k) instead of sorting the vault. */
class TopK<T> {
  private readonly items: T[] = [];
  constructor(
    private readonly k: number,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  add(item: T): void {
    const items = this.items;
    if (items.length === this.k && this.compare(item, items[items.length - 1]) >= 0) return;
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compare(items[mid], item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    items.splice(lo, 0, item);
    if (items.length > this.k) items.pop();
  }

  sorted(): T[] {
    return this.items;
  }
}
