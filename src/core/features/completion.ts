import type { Position, Range } from '../text/range';
import type { VaultIndex } from '../vault/vaultIndex';
import { dirname, noteName } from '../vault/vaultPath';
import { linkCompletionContext, type LinkCompletionContext } from './completionContext';
import { completeInNote } from './completionInNote';
import { CompletionTable, matchQuality } from './completionTable';
import { completeMarkdownLink } from './markdownCompletion';
import { markdownCompletionContext } from './markdownCompletionContext';
import { NEVER_CANCELLED, type Cancellation } from './types';

export type CompletionKind = 'note' | 'alias' | 'image' | 'attachment' | 'folder' | 'heading' | 'block';

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
  /** True when accepting the item leads on to more completions (a folder): the client should ask again. */
  retrigger?: boolean;
}

export interface CompletionResult {
  items: LinkCompletion[];
  /** True when the list was cut at the limit: the client must ask again as the user types. */
  isIncomplete: boolean;
}

const EMPTY: CompletionResult = { items: [], isIncomplete: false };

/**
 * Completions for the link being typed at `position`. In a wiki link:
 * notes, aliases and (in embeds) attachments after `[[`, headings after
 * `#`, block ids after `#^`, aliases after `|`. In a Markdown link's
 * destination: files as paths, headings and block ids (see
 * completeMarkdownLink). `line` is the current text of the line, which may
 * be ahead of the index.
 */
export function completeLink(
  index: VaultIndex,
  path: string,
  line: string,
  position: Position,
  cancel: Cancellation = NEVER_CANCELLED,
  limit = 200,
): CompletionResult {
  const literal = index.getNote(path)?.model.literalRanges;
  const ctx = linkCompletionContext(line, position, literal);
  const md = markdownCompletionContext(line, position, literal);
  // Both can hold in odd text (`[[a](b`): the link opened nearer the cursor is the one being typed.
  if (md && (!ctx || md.range.start.character > ctx.range.start.character)) return completeMarkdownLink(index, path, md, cancel, limit);
  if (!ctx) return EMPTY;
  if (ctx.part === 'path') return completePath(index, ctx, cancel, limit);
  let target = path;
  if (ctx.path) {
    const r = index.resolve(ctx.path, path);
    if (r.kind !== 'file') return EMPTY;
    target = r.path;
  }
  const place = { range: ctx.range, replaceRange: ctx.replaceRange, close: ctx.closed ? '' : ']]', write: (s: string) => s };
  return completeInNote(index, target, ctx.part, ctx.prefix, place);
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

export { matchQuality };
