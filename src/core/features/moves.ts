import type { LinkRef } from '../parse/noteModel';
import { NameTable } from '../vault/nameTable';
import { resolveLinkPath, shortestLinkText, type Resolution } from '../vault/resolveLink';
import type { VaultIndex } from '../vault/vaultIndex';
import { isNotePath, nameKey, normalizeVaultPath, resolveRelative } from '../vault/vaultPath';
import { isExternalTarget, markdownWriterFor, relativePath } from './linkText';
import { NEVER_CANCELLED, type Cancellation, type TextEdit, type VaultEdit } from './types';

/** A file or folder that moves from one vault path to another. */
export interface FileMove {
  from: string;
  to: string;
}

/**
 * Text edits that keep every link leading where it led before `moves`
 * happen: links to moved files, links inside moved notes (relative paths,
 * same-folder preference), and links to other files whose names a moved
 * file now shares (they would become ambiguous). A link is rewritten only
 * when its old text no longer leads to the same file, keeping its style,
 * alias, heading and block parts. Edits are keyed by the paths *before*
 * the move, because a client applies them before moving the files.
 */
export function linkUpdatesForMoves(index: VaultIndex, moves: readonly FileMove[], cancel: Cancellation = NEVER_CANCELLED): VaultEdit {
  const moved = expandMoves(index, moves);
  const changes = new Map<string, TextEdit[]>();
  if (moved.size === 0) return { changes };
  const after = namesAfter(index, moved);
  // A note's text may be read from disk on each access (VaultIndex texts on demand), and only a
  // Markdown link needs it (to keep its `<…>` or %-encoded style): read once per source, and only then.
  const texts = new Map<string, string>();
  const textOf = (source: string, entry: { readonly text: string }) => {
    let text = texts.get(source);
    if (text === undefined) texts.set(source, (text = entry.text));
    return text;
  };

  for (const [source, linkIndex] of candidateLinks(index, moved, after)) {
    if (cancel.isCancellationRequested) break;
    const entry = index.getNote(source);
    const link = entry?.model.links[linkIndex];
    const res = entry?.resolutions[linkIndex];
    if (!entry || !link || !res || res.kind !== 'file' || isExternalTarget(link.path)) continue;
    const newSource = moved.get(source) ?? source;
    const newTarget = moved.get(res.path) ?? res.path;
    if (stillLeads(after, link, source, newSource, res.path, newTarget)) continue;
    const edits = rewriteLink(after, () => textOf(source, entry), link, res, source, newSource, newTarget);
    const list = changes.get(source) ?? [];
    list.push(...edits);
    changes.set(source, list);
  }
  return { changes };
}

/** Turns folder moves into file moves (old path → new path) for every file the index knows. */
export function expandMoves(index: VaultIndex, moves: readonly FileMove[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of moves) {
    const from = normalizeVaultPath(m.from);
    const to = normalizeVaultPath(m.to);
    if (!from || to === undefined || from === to) continue;
    if (index.hasFile(from)) {
      out.set(from, to);
      continue;
    }
    const prefix = from + '/';
    for (const f of index.allFiles()) if (f.startsWith(prefix)) out.set(f, to + f.slice(from.length));
  }
  return out;
}

/** The names of the vault as they will be after the moves (aliases included), to resolve links against. */
function namesAfter(index: VaultIndex, moved: ReadonlyMap<string, string>): NameTable {
  return new NamesAfterMoves(index.names, moved);
}

/**
 * The index's name table seen as it will be after the moves: lookups read
 * through to it and adjust for the moved files, so a rename costs what the
 * moves cost, not a copy of every name of the vault (at 50,000 notes that
 * copy was two thirds of renaming a note with 5,000 backlinks). It answers
 * what resolveLinkPath asks (has, findPath, filesNamed, notesAliased); a
 * moved file keeps its aliases.
 */
class NamesAfterMoves extends NameTable {
  private readonly destinations = new Set<string>();
  private readonly destinationByLower = new Map<string, string>();
  private readonly destinationsByKey = new Map<string, string[]>();

  constructor(
    private readonly base: NameTable,
    private readonly moved: ReadonlyMap<string, string>,
  ) {
    super();
    for (const to of moved.values()) {
      this.destinations.add(to);
      this.destinationByLower.set(nameKey(to), to);
      const key = NameTable.keyOf(to);
      this.destinationsByKey.set(key, [...(this.destinationsByKey.get(key) ?? []), to]);
    }
  }

  override has(path: string): boolean {
    return this.destinations.has(path) || (this.base.has(path) && !this.moved.has(path));
  }

  override findPath(path: string): string | undefined {
    if (this.has(path)) return path;
    const destination = this.destinationByLower.get(nameKey(path));
    if (destination !== undefined) return destination;
    const hit = this.base.findPath(path);
    return hit !== undefined && !this.moved.has(hit) ? hit : undefined;
  }

  override filesNamed(key: string): string[] {
    const out = new Set(this.base.filesNamed(key).filter((p) => !this.moved.has(p)));
    for (const to of this.destinationsByKey.get(key) ?? []) out.add(to);
    return [...out];
  }

  override notesAliased(key: string): string[] {
    return [...new Set(this.base.notesAliased(key).map((p) => this.moved.get(p) ?? p))];
  }

  override *allFiles(): IterableIterator<string> {
    const seen = new Set<string>();
    for (const f of this.base.allFiles()) {
      const to = this.moved.get(f) ?? f;
      if (!seen.has(to)) seen.add(to), yield to;
    }
  }

  override get size(): number {
    let n = 0;
    for (const _ of this.allFiles()) n++;
    return n;
  }
}

/** Links that may need rewriting, as (source note, link index) pairs. */
function candidateLinks(index: VaultIndex, moved: ReadonlyMap<string, string>, after: NameTable): [string, number][] {
  const seen = new Set<string>();
  const out: [string, number][] = [];
  const add = (source: string, i: number) => {
    const key = `${source}\0${i}`;
    if (!seen.has(key)) seen.add(key), out.push([source, i]);
  };
  for (const [from, to] of moved) {
    for (const b of index.backlinks(from)) add(b.source, b.linkIndex);
    index.getNote(from)?.model.links.forEach((_, i) => add(from, i));
    // Links to files that now share a name with the moved one may turn ambiguous or lead to it.
    const key = NameTable.keyOf(to);
    for (const other of [...index.names.filesNamed(key), ...index.names.notesAliased(key), ...after.filesNamed(key)]) {
      if (!moved.has(other)) for (const b of index.backlinks(other)) add(b.source, b.linkIndex);
    }
  }
  return out;
}

/** How a Markdown link names its file: a path from its note, a path from the vault root, or (Obsidian's leniency) a name. */
function markdownStyle(p: string, source: string, target: string): 'relative' | 'absolute' | 'name' {
  const is = (x: string | undefined) => x !== undefined && (x === target || x + '.md' === target);
  if (!p.startsWith('/') && is(resolveRelative(source, p))) return 'relative';
  return is(normalizeVaultPath(p)) ? 'absolute' : 'name';
}

/**
 * True when the link's text still leads to its target after the moves.
 * A Markdown link must still hold the right path, not just a name Obsidian
 * would look up: other Markdown tools follow paths only.
 */
function stillLeads(after: NameTable, link: LinkRef, source: string, newSource: string, oldTarget: string, newTarget: string): boolean {
  const p = link.path.trim();
  if (link.kind === 'markdown') {
    const style = markdownStyle(p, source, oldTarget);
    const hit = (x: string | undefined) => x !== undefined && (after.findPath(x) ?? after.findPath(x + '.md')) === newTarget;
    if (style === 'relative') return hit(resolveRelative(newSource, p));
    if (style === 'absolute') return hit(normalizeVaultPath(p));
  }
  const now = resolveLinkPath(after, p, newSource, link.kind);
  return now.kind === 'file' && now.path === newTarget;
}

/** Edits that make `link` (in `source`, moving to `newSource`) lead to `newTarget` under the new names. */
function rewriteLink(
  names: NameTable,
  text: () => string,
  link: LinkRef,
  res: Extract<Resolution, { kind: 'file' }>,
  source: string,
  newSource: string,
  newTarget: string,
): TextEdit[] {
  if (link.kind === 'markdown') {
    return [{ range: link.pathRange, newText: markdownPath(link, markdownWriterFor(text(), link), source, newSource, res.path, newTarget) }];
  }
  const newText = wikiPath(names, link, res, newSource, newTarget);
  const edits: TextEdit[] = [{ range: link.pathRange, newText }];
  // A link that named its note by an alias that no longer leads there keeps showing the alias.
  if (res.via === 'alias' && !link.aliasRange) {
    const at = link.subpathRange && link.subpathRange.end.character > link.pathRange.end.character ? link.subpathRange.end : link.pathRange.end;
    edits.push({ range: { start: at, end: at }, newText: '|' + link.path.trim() });
  }
  return edits;
}

/** The path text of a wiki link to `target`: relative stays relative, a full path stays full, else the shortest unique text. */
export function wikiPath(
  names: NameTable,
  link: Pick<LinkRef, 'path'>,
  res: { via: 'path' | 'name' | 'alias' },
  newSource: string,
  target: string,
): string {
  const p = link.path.trim();
  const keepMd = /\.md$/i.test(p);
  const stem = (s: string) => (isNotePath(s) && !keepMd ? s.slice(0, -3) : s);
  let text: string;
  if (p.startsWith('./') || p.startsWith('../')) {
    const rel = relativePath(newSource, target);
    text = stem(rel.startsWith('../') ? rel : './' + rel);
  } else if (p.includes('/') && res.via === 'path') {
    text = stem(target);
  } else {
    text = shortestLinkText(names, target);
    if (keepMd && isNotePath(target)) text += target.slice(-3);
  }
  const check = resolveLinkPath(names, text, newSource, 'wiki');
  return check.kind === 'file' && check.path === target ? text : stem(target);
}

/** The destination of a Markdown link to `target`: relative or vault-absolute as before, encoded as before. */
function markdownPath(
  link: LinkRef,
  write: (s: string) => string,
  source: string,
  newSource: string,
  oldTarget: string,
  target: string,
): string {
  const p = link.path.trim();
  const absolute = markdownStyle(p, source, oldTarget) === 'absolute';
  let text = absolute ? (p.startsWith('/') ? '/' : '') + target : relativePath(newSource, target);
  if (isNotePath(target) && !/\.md$/i.test(p)) text = text.slice(0, -3);
  return write(text);
}
