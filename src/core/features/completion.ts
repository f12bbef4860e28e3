import { LineIndex } from '../text/lineIndex';
import type { Position, Range } from '../text/range';
import type { VaultIndex } from '../vault/vaultIndex';
import { dirname, noteName } from '../vault/vaultPath';
import { linkCompletionContext, type LinkCompletionContext } from './completionContext';
import { CompletionTable, matchQuality } from './completionTable';
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

/**
 * Notes, aliases and (in embeds) attachments matching what is typed after
 * `[[`, from the vault's CompletionTable (rebuilt only when names change),
 * so a keystroke does not lower-case and match every name of the vault.
 */
function completePath(index: VaultIndex, ctx: LinkCompletionContext, cancel: Cancellation, limit: number): CompletionResult {
  if (cancel.isCancellationRequested) return EMPTY;
  const table = CompletionTable.of(index);
  const found = table.search(ctx.prefix, ctx.embed, limit, cancel);
  if (!found) return EMPTY;
  const byPath = ctx.prefix.includes('/');
  const close = ctx.closed ? '' : ']]';
  const items = found.candidates.map((c, i): LinkCompletion => {
    const text = table.linkText(c.path);
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
  return { items, isIncomplete: found.isIncomplete };
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
    const text = entry.text; // read once: it may come from disk on each access
    const lines = new LineIndex(text);
    items = entry.model.blockIds.map((b, i) => make(b.id, 'block', b.id, i, blockPreview(text, b.blockRange, b.range, lines)));
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

export { matchQuality };
