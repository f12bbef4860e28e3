import { promises as fs, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import * as nodePath from 'node:path';
import { Minimatch } from 'minimatch';
import type { FileStat, VaultFileSystem } from '../core/vault/fileSystem';

/** An empty, `.` or `..` segment, or a separator or drive of its own: path.join would change something. */
const NEEDS_NORMALIZING = /(^|\/)\.{0,2}(\/|$)|[\\:]/;

/** Files stat'ed between two turns of the event loop in statMany. */
const STAT_SLICE = 2048;

/** Folders never indexed, whatever the settings say (DESIGN: Obsidian semantics). */
const ALWAYS_EXCLUDED = new Set(['.git', 'node_modules', '.obsidian', '.trash', '.mmnotes']);

/**
 * The real file system under a vault root. Hidden folders (Obsidian ignores
 * them too), the folders above and the user's exclude globs are left out;
 * symbolic links to folders are not followed, so a link loop cannot hang us.
 */
export class NodeVaultFs implements VaultFileSystem {
  /** The root as path.join normalizes it, ending in a separator; undefined when joining is not that simple. */
  private readonly rootWithSep: string | undefined;
  /** The exclude globs compiled, for the list they were compiled from (compiled per file, three globs made listing 10,000 files ~6× slower). */
  private compiled: { globs: readonly string[]; matchers: Minimatch[] } | undefined;

  constructor(
    readonly root: string,
    private readonly excludeGlobs: () => readonly string[],
  ) {
    const joined = root ? nodePath.join(root, nodePath.sep) : '';
    this.rootWithSep = joined.endsWith(nodePath.sep) ? joined : undefined;
  }

  /** True when a vault path must not be indexed. */
  isExcluded(path: string): boolean {
    const parts = path.split('/');
    if (parts.some((p) => ALWAYS_EXCLUDED.has(p) || (p.startsWith('.') && p.length > 1))) return true;
    return this.excludeMatchers().some((m) => m.match(path));
  }

  /** Each glob matches itself and, as a folder, everything under it. */
  private excludeMatchers(): Minimatch[] {
    const globs = this.excludeGlobs();
    const c = this.compiled;
    if (!c || (c.globs !== globs && (c.globs.length !== globs.length || c.globs.some((g, i) => g !== globs[i])))) {
      const options = { dot: true, nocase: true };
      const matchers = globs.flatMap((g) => [new Minimatch(g, options), new Minimatch(`${g.replace(/\/$/, '')}/**`, options)]);
      this.compiled = { globs: [...globs], matchers };
    }
    return this.compiled!.matchers;
  }

  /**
   * Every file, sorted. Folders are read synchronously, with a turn of the
   * event loop every few thousand entries: a promise per entry made listing
   * 10,000 files take ~90 ms here, against ~25 ms now. A folder's parents
   * were checked already, so only the entry's own name (and the user's
   * globs, when there are any) are tested.
   */
  async listFiles(): Promise<string[]> {
    const out: string[] = [];
    const folders = [''];
    const globs = this.excludeMatchers();
    let sinceYield = 0;
    while (folders.length) {
      const dir = folders.pop()!;
      let entries: Dirent[];
      try {
        entries = readdirSync(dir ? this.toFsPath(dir) : this.root || '.', { withFileTypes: true });
      } catch {
        continue; // an unreadable folder is skipped, not fatal
      }
      for (const e of entries) {
        const name = e.name;
        if (ALWAYS_EXCLUDED.has(name) || (name.length > 1 && name.startsWith('.'))) continue;
        const rel = dir ? `${dir}/${name}` : name;
        if (globs.length && globs.some((m) => m.match(rel))) continue;
        if (e.isDirectory()) folders.push(rel);
        else if (e.isFile()) out.push(rel);
      }
      sinceYield += entries.length;
      if (sinceYield > 4096) {
        sinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    return out.sort();
  }

  async readFile(path: string): Promise<Uint8Array> {
    return fs.readFile(this.toFsPath(path));
  }

  async fileSize(path: string): Promise<number | undefined> {
    try {
      return (await fs.stat(this.toFsPath(path))).size;
    } catch {
      return undefined;
    }
  }

  /**
   * One synchronous stat per file, a slice at a time with a turn of the
   * event loop between slices: on 10,000 files that takes two to three
   * times less CPU and wall time than fs.promises.stat calls in batches
   * (each a thread-pool hop and a promise), and the turns keep the server
   * answering meanwhile.
   */
  async statMany(paths: readonly string[]): Promise<(FileStat | undefined)[]> {
    const out: (FileStat | undefined)[] = new Array(paths.length);
    for (let i = 0; i < paths.length; i += STAT_SLICE) {
      if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      for (let j = i; j < Math.min(paths.length, i + STAT_SLICE); j++) {
        try {
          const s = statSync(this.toFsPath(paths[j]), { throwIfNoEntry: false });
          out[j] = s?.isFile() ? { size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs } : undefined;
        } catch {
          out[j] = undefined; // unreadable: the loader reads it and reports why
        }
      }
    }
    return out;
  }

  readFileSync(path: string): Uint8Array {
    return readFileSync(this.toFsPath(path));
  }

  toFsPath(path: string): string {
    // What path.join gives, without its cost (tens of ms per 10,000 paths) for a path that needs no normalizing.
    if (this.rootWithSep && !NEEDS_NORMALIZING.test(path)) return this.rootWithSep + (nodePath.sep === '/' ? path : path.replaceAll('/', nodePath.sep));
    return nodePath.join(this.root, ...path.split('/'));
  }

  /** The vault path of an absolute file path, or undefined when outside the vault. */
  toVaultPath(fsPath: string): string | undefined {
    const rel = nodePath.relative(this.root, fsPath);
    if (!rel || rel.startsWith('..') || nodePath.isAbsolute(rel)) return undefined;
    return rel.split(nodePath.sep).join('/');
  }
}
