import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import { minimatch } from 'minimatch';
import type { VaultFileSystem } from '../core/vault/fileSystem';

/** Folders never indexed, whatever the settings say (DESIGN: Obsidian semantics). */
const ALWAYS_EXCLUDED = new Set(['.git', 'node_modules', '.obsidian', '.trash', '.mmnotes']);

/**
 * The real file system under a vault root. Hidden folders (Obsidian ignores
 * them too), the folders above and the user's exclude globs are left out;
 * symbolic links to folders are not followed, so a link loop cannot hang us.
 */
export class NodeVaultFs implements VaultFileSystem {
  constructor(
    readonly root: string,
    private readonly excludeGlobs: () => readonly string[],
  ) {}

  /** True when a vault path must not be indexed. */
  isExcluded(path: string): boolean {
    const parts = path.split('/');
    if (parts.some((p) => ALWAYS_EXCLUDED.has(p) || (p.startsWith('.') && p.length > 1))) return true;
    return this.excludeGlobs().some((g) => minimatch(path, g, { dot: true, nocase: true }) || minimatch(path, `${g.replace(/\/$/, '')}/**`, { dot: true, nocase: true }));
  }

  async listFiles(): Promise<string[]> {
    const out: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries;
      try {
        entries = await fs.readdir(nodePath.join(this.root, dir), { withFileTypes: true });
      } catch {
        return; // an unreadable folder is skipped, not fatal
      }
      await Promise.all(
        entries.map(async (e) => {
          const rel = dir ? `${dir}/${e.name}` : e.name;
          if (this.isExcluded(rel)) return;
          if (e.isDirectory()) await walk(rel);
          else if (e.isFile()) out.push(rel);
        }),
      );
    };
    await walk('');
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

  toFsPath(path: string): string {
    return nodePath.join(this.root, ...path.split('/'));
  }

  /** The vault path of an absolute file path, or undefined when outside the vault. */
  toVaultPath(fsPath: string): string | undefined {
    const rel = nodePath.relative(this.root, fsPath);
    if (!rel || rel.startsWith('..') || nodePath.isAbsolute(rel)) return undefined;
    return rel.split(nodePath.sep).join('/');
  }
}
