import type { VaultIndex } from '../vault/vaultIndex';
import { basename, dirname, normalizeVaultPath, resolveRelative } from '../vault/vaultPath';
import type { CompletionResult, LinkCompletion } from './completion';
import { completeInNote, type CompletionPlace } from './completionInNote';
import { CompletionTable, matchQuality } from './completionTable';
import { encodeMarkdownPath, relativePath } from './linkText';
import { decodeDestination, type MarkdownCompletionContext } from './markdownCompletionContext';
import type { Cancellation } from './types';

const EMPTY: CompletionResult = { items: [], isIncomplete: false };

/**
 * Completions in a Markdown link destination, written as every other
 * feature writes Markdown paths (percent-encoded, as is inside `<…>`):
 * with no folder typed, files anywhere in the vault by name, as paths from
 * the note's folder; after a typed folder (`./`, `../`, `/` for the vault
 * root, `a/b/`), files beneath it, as paths from it; then that folder's
 * subfolders. After `#` the headings of the note the path leads to (this
 * note for `](#`), after `#^` its block ids. Each file item is kept only
 * when the index's resolver takes what it writes to that very file.
 */
export function completeMarkdownLink(index: VaultIndex, notePath: string, ctx: MarkdownCompletionContext, cancel: Cancellation, limit: number): CompletionResult {
  if (cancel.isCancellationRequested) return EMPTY;
  const place: CompletionPlace = {
    range: ctx.range,
    replaceRange: ctx.replaceRange,
    close: ctx.angle && !ctx.closed ? '>' : '',
    write: ctx.angle ? (s) => s : encodeMarkdownPath,
    filterAsWritten: ctx.prefix.includes('%'),
  };
  if (ctx.part === 'path') return completeFiles(index, notePath, ctx, place, cancel, limit);
  let target = notePath;
  const path = decodeDestination(ctx.folder).trim();
  if (path) {
    const r = index.resolve(path, notePath, 'markdown');
    if (r.kind !== 'file') return EMPTY;
    target = r.path;
  }
  return completeInNote(index, target, ctx.part, decodeDestination(ctx.prefix), place);
}

function completeFiles(
  index: VaultIndex,
  notePath: string,
  ctx: MarkdownCompletionContext,
  place: CompletionPlace,
  cancel: Cancellation,
  limit: number,
): CompletionResult {
  const table = CompletionTable.of(index);
  const typed = decodeDestination(ctx.folder);
  const folder = ctx.folder ? typedFolder(table, notePath, typed) : undefined;
  if (ctx.folder && folder === undefined) return EMPTY;
  const query = decodeDestination(ctx.prefix);
  const found = table.searchFiles(query, { embed: ctx.embed, under: folder }, limit, cancel);
  if (!found) return EMPTY;

  const items: LinkCompletion[] = [];
  const add = (item: Omit<LinkCompletion, 'sortText' | 'range' | 'replaceRange'>) =>
    items.push({ ...item, sortText: String(items.length).padStart(4, '0'), range: place.range, replaceRange: place.replaceRange });
  for (const c of found.candidates) {
    const rest = folder === undefined ? relativePath(notePath, c.path) : folder ? c.path.slice(folder.length + 1) : c.path;
    const insert = place.write(rest);
    if (!leadsTo(index, notePath, ctx.folder + insert, c.path)) continue;
    const label = basename(c.path);
    const filterText = place.filterAsWritten ? place.write(label) : label;
    add({ label, kind: c.kind, detail: typed + rest, insertText: insert + place.close, filterText });
  }
  // Folders after files: the name search is what most completions want; a folder is for walking down.
  const subfolders = table
    .subfolders(folder ?? dirname(notePath))
    .map((name) => ({ name, quality: matchQuality(query, name) }))
    .filter((f) => f.quality >= 0)
    .sort((a, b) => a.quality - b.quality || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { name } of subfolders) {
    const filterText = place.filterAsWritten ? place.write(name) : name;
    add({ label: name + '/', kind: 'folder', detail: typed + name + '/', insertText: place.write(name) + '/', filterText, retrigger: true });
  }
  return { items, isIncomplete: found.isIncomplete };
}

/**
 * The vault folder a typed folder names, as the resolver reads a Markdown
 * path: from the vault root after `/`, else from the note's folder, else
 * (for `a/b/` only) from the vault root. Undefined when no file is there.
 */
function typedFolder(table: CompletionTable, notePath: string, typed: string): string | undefined {
  const absolute = typed.startsWith('/');
  const fromNote = absolute ? normalizeVaultPath(typed) : resolveRelative(notePath, typed);
  const found = fromNote === undefined ? undefined : table.folder(fromNote);
  if (found !== undefined || absolute || typed.startsWith('./') || typed.startsWith('../')) return found;
  const fromRoot = normalizeVaultPath(typed);
  return fromRoot === undefined ? undefined : table.folder(fromRoot);
}

/** True when a destination written `written` in the note leads to `file`, as the parser decodes and the index resolves it. */
function leadsTo(index: VaultIndex, notePath: string, written: string, file: string): boolean {
  const r = index.resolve(decodeDestination(written), notePath, 'markdown');
  return r.kind === 'file' && r.path === file;
}
