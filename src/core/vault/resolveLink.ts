import { NameTable } from './nameTable';
import { basename, dirname, isNotePath, nameKey, normalizeVaultPath, resolveRelative } from './vaultPath';

/** Where a link's path part leads. */
export type Resolution =
  | { kind: 'self' }
  | { kind: 'file'; path: string; via: 'path' | 'name' | 'alias' }
  | { kind: 'ambiguous'; candidates: string[] }
  | { kind: 'unresolved'; reason: 'missing' | 'outside-vault' };

/** The key under which a link target is looked up (and re-resolved when names change). */
export function targetKey(target: string): string {
  const base = basename(target.trim().replace(/\\/g, '/'));
  return nameKey(isNotePath(base) ? base.slice(0, -3) : base);
}

/**
 * Resolves a link path the way Obsidian does: a path relative to the note
 * (`./`, `../`, and Markdown links), then a full vault path, then by name
 * anywhere in the vault (case-insensitive, `.md` implied; a `folder/Name`
 * must match the end of the path), then by frontmatter alias. A full vault
 * path (`X` for the root's `X.md`) wins over a name elsewhere. When names
 * collide, a candidate in the linking note's own folder wins, as in
 * Obsidian; otherwise the link is ambiguous, never guessed.
 */
export function resolveLinkPath(
  names: NameTable,
  target: string,
  fromPath: string,
  kind: 'wiki' | 'markdown',
): Resolution {
  const p = target.trim().replace(/\\/g, '/');
  if (p === '') return { kind: 'self' };

  const relative = kind === 'markdown' || p.startsWith('./') || p.startsWith('../');
  if (relative && !p.startsWith('/')) {
    const rel = resolveRelative(fromPath, p);
    if (rel === undefined) return { kind: 'unresolved', reason: 'outside-vault' };
    const hit = existing(names, rel);
    if (hit) return { kind: 'file', path: hit, via: 'path' };
    if (p.startsWith('./') || p.startsWith('../')) return { kind: 'unresolved', reason: 'missing' };
  }

  const full = normalizeVaultPath(p);
  if (full === undefined) return { kind: 'unresolved', reason: 'outside-vault' };
  // A full vault path wins over a name, as in Obsidian: `[[X]]` is the root's X.md even when sub/X.md exists.
  const exact = existing(names, full);
  if (exact) return { kind: 'file', path: exact, via: 'path' };

  const key = targetKey(full);
  let candidates = names.filesNamed(key);
  if (full.includes('/')) {
    const suffix = '/' + nameKey(stripMd(full));
    candidates = candidates.filter((c) => ('/' + nameKey(stripMd(c))).endsWith(suffix));
  } else if (isNotePath(full)) {
    candidates = candidates.filter(isNotePath);
  }
  const picked = pick(candidates, fromPath);
  if (picked) return picked.kind === 'file' ? { ...picked, via: 'name' } : picked;

  if (!full.includes('/')) {
    const aliased = pick(names.notesAliased(key), fromPath);
    if (aliased) return aliased.kind === 'file' ? { ...aliased, via: 'alias' } : aliased;
  }
  return { kind: 'unresolved', reason: 'missing' };
}

function pick(
  candidates: string[],
  fromPath: string,
): { kind: 'file'; path: string } | { kind: 'ambiguous'; candidates: string[] } | undefined {
  if (candidates.length === 0) return undefined;
  if (candidates.length === 1) return { kind: 'file', path: candidates[0] };
  const here = dirname(fromPath);
  const local = candidates.filter((c) => dirname(c) === here);
  if (local.length === 1) return { kind: 'file', path: local[0] };
  return { kind: 'ambiguous', candidates: candidates.sort() };
}

function existing(names: NameTable, path: string): string | undefined {
  return names.findPath(path) ?? (isNotePath(path) ? undefined : names.findPath(path + '.md'));
}

function stripMd(path: string): string {
  return isNotePath(path) ? path.slice(0, -3) : path;
}

/**
 * The shortest link text that names `path` unambiguously: its name alone
 * when unique, else as many parent folders as it takes (Obsidian's
 * "shortest path when possible").
 */
export function shortestLinkText(names: NameTable, path: string): string {
  const stem = stripMd(path);
  const parts = stem.split('/');
  for (let n = 1; n <= parts.length; n++) {
    const text = parts.slice(parts.length - n).join('/');
    // A folder no file is in, so no candidate wins by being local.
    const r = resolveLinkPath(names, text, '\0/', 'wiki');
    if (r.kind === 'file' && r.path === path) return text;
  }
  return stem;
}
