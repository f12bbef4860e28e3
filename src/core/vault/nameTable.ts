import { StringMultiMap } from './multiMap';
import { basename, isNotePath, nameKey } from './vaultPath';

const NO_ALIASES: readonly string[] = Object.freeze([]);

/**
 * Name → paths lookups that make link resolution independent of vault size:
 * notes by their name (file name without `.md`), attachments by their full
 * file name, notes by their frontmatter aliases. Keys are case-folded.
 */
export class NameTable {
  // Most names and aliases name one file: StringMultiMap keeps that case a bare string, not a Set.
  private readonly byName = new StringMultiMap();
  private readonly byAlias = new StringMultiMap();
  private readonly aliasesOf = new Map<string, readonly string[]>();
  private readonly files = new Set<string>();
  /**
   * Case-folded path → the first (in sort order) path of that case-folded
   * form, for every file (for a path already case-folded, nameKey returns
   * it: the entry costs no string).
   */
  private readonly lowerPaths = new Map<string, string>();

  /** The lookup key of a file: its note name or its full file name. */
  static keyOf(path: string): string {
    const base = basename(path);
    return nameKey(isNotePath(base) ? base.slice(0, -3) : base);
  }

  addFile(path: string): void {
    const before = this.files.size;
    this.files.add(path);
    if (this.files.size === before) return;
    const lower = nameKey(path);
    // Of paths that differ only in case, the first in sort order: the same whatever order they came in.
    const twin = this.lowerPaths.get(lower);
    if (twin === undefined || path < twin) this.lowerPaths.set(lower, path);
    this.byName.add(keyFromLower(path, lower), path);
  }

  removeFile(path: string): void {
    if (!this.files.delete(path)) return;
    const key = NameTable.keyOf(path);
    this.byName.delete(key, path);
    const lower = nameKey(path);
    if (this.lowerPaths.get(lower) === path) {
      // Paths can differ only in case: the first other one of them is now what the case-folded path finds.
      this.lowerPaths.delete(lower);
      for (const other of this.byName.values(key)) {
        const twin = this.lowerPaths.get(lower);
        if (nameKey(other) === lower && (twin === undefined || other < twin)) this.lowerPaths.set(lower, other);
      }
    }
    this.setAliases(path, []);
  }

  /** Replaces a note's aliases; returns the keys whose meaning changed. */
  setAliases(path: string, aliases: readonly string[]): readonly string[] {
    if (aliases.length === 0 && !this.aliasesOf.has(path)) return []; // most notes, and every note of a first load without aliases
    return this.setAliasKeys(path, aliases.length === 1 ? [nameKey(aliases[0])] : [...new Set(aliases.map(nameKey))]);
  }

  /** setAliases with the aliases' keys already made (distinct, as aliasKeysOf gives them). */
  setAliasKeys(path: string, next: readonly string[]): readonly string[] {
    const old = this.aliasesOf.get(path) ?? NO_ALIASES;
    if (old.length === 0 && next.length === 0) return [];
    for (const k of old) this.byAlias.delete(k, path);
    for (const k of next) this.byAlias.add(k, path);
    if (next.length) this.aliasesOf.set(path, next);
    else this.aliasesOf.delete(path);
    if (old.length === 0) return next;
    return [...new Set([...old, ...next])].filter((k) => !(old.includes(k) && next.includes(k)));
  }

  /** The keys of a note's aliases (distinct, in the note's order), empty for a note without any. */
  aliasKeysOf(path: string): readonly string[] {
    return this.aliasesOf.get(path) ?? NO_ALIASES;
  }

  /** Every note with aliases, with their keys. */
  aliasedNotes(): IterableIterator<[string, readonly string[]]> {
    return this.aliasesOf.entries();
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  /** Case-insensitive exact path lookup, returning the path as stored; `lower` is nameKey(path) when the caller has it. */
  findPath(path: string, lower?: string): string | undefined {
    // Every file is under its case-folded path (see removeFile), so a miss there is a miss: one lookup, not two.
    const hit = this.lowerPaths.get(lower ?? nameKey(path));
    return hit === undefined || hit === path || !this.files.has(path) ? hit : path;
  }

  filesNamed(key: string): string[] {
    return this.byName.list(key);
  }

  notesAliased(key: string): string[] {
    return this.byAlias.list(key);
  }

  allFiles(): IterableIterator<string> {
    return this.files.values();
  }

  get size(): number {
    return this.files.size;
  }
}

/**
 * NameTable.keyOf(path) from lower = nameKey(path): the file name part of
 * `lower`, without its `.md`. Case folding never makes or removes a `/` or
 * a `.`, NFC does not compose across them, and lower-casing is
 * context-free except for a capital sigma (final ς or inner σ depends on
 * what follows it), so only then is the key computed from the path again.
 */
function keyFromLower(path: string, lower: string): string {
  if (path.indexOf('Σ') !== -1) return NameTable.keyOf(path);
  const base = lower.slice(lower.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 && dot === base.length - 3 && base.endsWith('.md') ? base.slice(0, -3) : base;
}
