import { addTo, removeFrom } from './multiMap';
import { basename, isNotePath, nameKey, noteName } from './vaultPath';

/**
 * Name → paths lookups that make link resolution independent of vault size:
 * notes by their name (file name without `.md`), attachments by their full
 * file name, notes by their frontmatter aliases. Keys are case-folded.
 */
export class NameTable {
  private readonly byName = new Map<string, Set<string>>();
  private readonly byAlias = new Map<string, Set<string>>();
  private readonly aliasesOf = new Map<string, string[]>();
  private readonly files = new Set<string>();
  private readonly lowerPaths = new Map<string, string>();

  /** The lookup key of a file: its note name or its full file name. */
  static keyOf(path: string): string {
    return nameKey(isNotePath(path) ? noteName(path) : basename(path));
  }

  addFile(path: string): void {
    if (this.files.has(path)) return;
    this.files.add(path);
    this.lowerPaths.set(nameKey(path), path);
    addTo(this.byName, NameTable.keyOf(path), path);
  }

  removeFile(path: string): void {
    if (!this.files.delete(path)) return;
    this.lowerPaths.delete(nameKey(path));
    removeFrom(this.byName, NameTable.keyOf(path), path);
    this.setAliases(path, []);
  }

  /** Replaces a note's aliases; returns the keys whose meaning changed. */
  setAliases(path: string, aliases: readonly string[]): string[] {
    const old = this.aliasesOf.get(path) ?? [];
    const next = [...new Set(aliases.map(nameKey))];
    for (const k of old) removeFrom(this.byAlias, k, path);
    for (const k of next) addTo(this.byAlias, k, path);
    if (next.length) this.aliasesOf.set(path, next);
    else this.aliasesOf.delete(path);
    return [...new Set([...old, ...next])].filter((k) => !(old.includes(k) && next.includes(k)));
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  /** Case-insensitive exact path lookup, returning the path as stored. */
  findPath(path: string): string | undefined {
    return this.files.has(path) ? path : this.lowerPaths.get(nameKey(path));
  }

  filesNamed(key: string): string[] {
    return [...(this.byName.get(key) ?? [])];
  }

  notesAliased(key: string): string[] {
    return [...(this.byAlias.get(key) ?? [])];
  }

  allFiles(): IterableIterator<string> {
    return this.files.values();
  }

  get size(): number {
    return this.files.size;
  }
}
