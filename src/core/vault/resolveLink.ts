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
  const p = target.trim().replace(/\\/g, '/');
  // The name resolveLinkPath looks up: `Folder/Note/` is `Note`, as the link resolves.
  const full = p.indexOf('/') === -1 && p !== '.' && p !== '..' ? p : (normalizeVaultPath(p) ?? p);
  const base = basename(full);
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
  return resolveFrom(names, target, fromPath, kind, undefined);
}

/**
 * resolveLinkPath that also tells whether the answer depended on `fromPath`
 * (a relative path, or a same-folder preference among several candidates),
 * so that a bulk load can reuse an answer that did not for every other
 * link with the same target.
 */
export function resolveLinkPathNoting(
  names: NameTable,
  target: string,
  fromPath: string,
  kind: 'wiki' | 'markdown',
): { resolution: Resolution; fromAnywhere: boolean; key?: string } {
  const seen: Noted = { fromPathUsed: false };
  const resolution = resolveFrom(names, target, fromPath, kind, seen);
  return { resolution, fromAnywhere: !seen.fromPathUsed, key: seen.key };
}

/** What resolveFrom tells resolveLinkPathNoting. */
interface Noted {
  fromPathUsed: boolean;
  /** targetKey(target), when it was computed on the way. */
  key?: string;
}

/** Resolutions that carry no path are shared (frozen): a vault has thousands of them and nothing mutates them. */
const SELF: Resolution = Object.freeze({ kind: 'self' } as const);
const MISSING: Resolution = Object.freeze({ kind: 'unresolved', reason: 'missing' } as const);
const OUTSIDE: Resolution = Object.freeze({ kind: 'unresolved', reason: 'outside-vault' } as const);

function resolveFrom(
  names: NameTable,
  target: string,
  fromPath: string,
  kind: 'wiki' | 'markdown',
  seen: Noted | undefined,
): Resolution {
  let p = target.trim();
  if (p.indexOf('\\') !== -1) p = p.replace(/\\/g, '/');
  if (p === '') return SELF;

  const dotted = p.startsWith('./') || p.startsWith('../');
  if ((kind === 'markdown' || dotted) && !p.startsWith('/')) {
    if (seen) seen.fromPathUsed = true;
    const rel = resolveRelative(fromPath, p);
    if (rel === undefined) return OUTSIDE;
    const hit = existing(names, rel);
    if (hit) return { kind: 'file', path: hit, via: 'path' };
    if (dotted) return MISSING;
  }

  // Most links are a bare name (no folder, no dot segment): nothing to normalize, and its
  // case-folded form, computed once, is also its lookup key.
  const bare = p.indexOf('/') === -1 && p !== '.' && p !== '..';
  const full = bare ? p : normalizeVaultPath(p);
  if (full === undefined) return OUTSIDE;
  const lower = bare ? nameKey(full) : undefined;
  const note = isNotePath(full);
  // A full vault path wins over a name, as in Obsidian: `[[X]]` is the root's X.md even when sub/X.md exists.
  const exact = existing(names, full, lower, note);
  if (exact) return { kind: 'file', path: exact, via: 'path' };

  const key = lower === undefined ? targetKey(full) : note ? stemKey(full, lower) : lower;
  if (seen && lower !== undefined) seen.key = key; // a bare name: its key is targetKey(target)
  let candidates = names.filesNamed(key);
  if (!bare && full.includes('/')) {
    const suffix = '/' + nameKey(stripMd(full));
    candidates = candidates.filter((c) => ('/' + nameKey(stripMd(c))).endsWith(suffix));
  } else if (note) {
    candidates = candidates.filter(isNotePath);
  }
  if (candidates.length === 1) return { kind: 'file', path: candidates[0], via: 'name' };
  if (candidates.length > 1) {
    if (seen) seen.fromPathUsed = true;
    return pick(candidates, fromPath, 'name');
  }

  if (!full.includes('/')) {
    const aliased = names.notesAliased(key);
    if (aliased.length === 1) return { kind: 'file', path: aliased[0], via: 'alias' };
    if (aliased.length > 1) {
      if (seen) seen.fromPathUsed = true;
      return pick(aliased, fromPath, 'alias');
    }
  }
  return MISSING;
}

/** Among several candidates, the one in the linking note's folder, else ambiguity. */
function pick(candidates: string[], fromPath: string, via: 'name' | 'alias'): Resolution {
  const here = dirname(fromPath);
  const local = candidates.filter((c) => dirname(c) === here);
  if (local.length === 1) return { kind: 'file', path: local[0], via };
  return { kind: 'ambiguous', candidates: candidates.sort() };
}

/** The existing file at `path`, or at `path.md`; `lower` is nameKey(path) when the caller has it. */
function existing(names: NameTable, path: string, lower?: string, note = isNotePath(path)): string | undefined {
  const hit = names.findPath(path, lower);
  if (hit !== undefined || note) return hit;
  return names.findPath(path + '.md', lower === undefined ? undefined : withSuffix(path, lower, '.md'));
}

/**
 * nameKey(s + suffix) from lower = nameKey(s), for a suffix of plain ASCII
 * like `.md`: NFC never composes across such characters, and lower-casing
 * is context-free except for a capital sigma (final ς or inner σ depends
 * on what follows it), so only then is the key computed again.
 */
function withSuffix(s: string, lower: string, suffix: string): string {
  return s.indexOf('Σ') === -1 ? lower + suffix : nameKey(s + suffix);
}

/** nameKey(s without its `.md`) from lower = nameKey(s) (see withSuffix). */
function stemKey(s: string, lower: string): string {
  return s.indexOf('Σ') === -1 ? lower.slice(0, -3) : nameKey(s.slice(0, -3));
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
