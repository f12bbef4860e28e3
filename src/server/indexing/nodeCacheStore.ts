import { createHash } from 'node:crypto';
import { promises as fsp, readFileSync, readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import type { CacheStore, StoredFile } from '../../core/cache/cacheStore';

/** The file operations the store uses: tests pass failing ones to check that a torn write leaves the old file. */
export interface CacheFileOps {
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string): Promise<void>;
}

const NODE_OPS: CacheFileOps = {
  readFile: (p) => fsp.readFile(p),
  writeFile: async (p, data) => {
    // Flushed before the rename, so a crash cannot leave a renamed but empty file.
    const handle = await fsp.open(p, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (a, b) => fsp.rename(a, b),
  unlink: (p) => fsp.unlink(p),
  mkdir: async (p) => void (await fsp.mkdir(p, { recursive: true })),
};

/**
 * A parse cache in one file, `parse-cache.bin` in `dir`. Writes go to a
 * temporary file beside it that is then renamed over it, so a reader sees
 * the old file or the new one, never half of one, and a failed write
 * leaves the old file as it was.
 */
export class NodeCacheStore implements CacheStore {
  readonly file: string;

  constructor(
    readonly dir: string,
    private readonly ops: CacheFileOps = NODE_OPS,
  ) {
    this.file = nodePath.join(dir, 'parse-cache.bin');
  }

  async read(): Promise<Uint8Array | undefined> {
    try {
      return await this.ops.readFile(this.file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  async open(): Promise<StoredFile | undefined> {
    let handle: FileHandle;
    try {
      handle = await fsp.open(this.file, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    let open = true;
    const close = () => {
      if (open) void handle.close().catch(() => undefined);
      open = false;
    };
    try {
      const { size } = await handle.stat();
      return {
        size,
        head: async (end) => {
          const out = Buffer.allocUnsafe(Math.min(end, size));
          const { bytesRead } = await handle.read(out, 0, out.length, 0);
          return out.subarray(0, bytesRead);
        },
        // Through the handle opened first: a save renames a new file over this one, which this handle does not see.
        tail: (start) => {
          if (!open) return undefined;
          try {
            const out = Buffer.allocUnsafe(Math.max(0, size - start));
            let at = 0;
            while (at < out.length) {
              const n = readSync(handle.fd, out, at, out.length - at, start + at);
              if (n === 0) break;
              at += n;
            }
            return at === out.length ? out : undefined;
          } catch {
            return undefined;
          } finally {
            close();
          }
        },
        close,
      };
    } catch (e) {
      close();
      throw e;
    }
  }

  async write(bytes: Uint8Array): Promise<void> {
    await this.ops.mkdir(this.dir);
    const temp = `${this.file}.${process.pid}.${Date.now().toString(36)}.tmp`;
    try {
      await this.ops.writeFile(temp, bytes);
      await this.ops.rename(temp, this.file);
    } catch (e) {
      await this.ops.unlink(temp).catch(() => undefined);
      throw e;
    }
  }
}

/**
 * Where the cache of a vault goes when the host names no folder: the OS's
 * per-user cache folder, one subfolder per vault (keyed by its path), so
 * nothing is written into the vault, which users sync and merge.
 */
export function defaultCacheDir(vaultRoot: string): string {
  const base =
    process.env.XDG_CACHE_HOME ||
    (process.platform === 'win32'
      ? process.env.LOCALAPPDATA || nodePath.join(os.homedir(), 'AppData', 'Local')
      : process.platform === 'darwin'
        ? nodePath.join(os.homedir(), 'Library', 'Caches')
        : nodePath.join(os.homedir(), '.cache'));
  const id = createHash('sha1').update(nodePath.resolve(vaultRoot)).digest('hex').slice(0, 16);
  return nodePath.join(base, 'mmnotes', id);
}

/**
 * The parser version a cache is written for: a hash of the server's own
 * bundle, so that any change to the code that parses invalidates old caches
 * without anyone remembering to bump a number (a 2 MB bundle hashes in a few
 * ms). `extra` adds settings that change parse results. Undefined when the
 * bundle cannot be read: then no cache is used at all, rather than one that
 * might belong to another build.
 */
export function parserVersionOf(bundleFile: string, extra = ''): string | undefined {
  try {
    return `${createHash('sha1').update(readFileSync(bundleFile)).digest('hex').slice(0, 20)}:${extra}`;
  } catch {
    return undefined;
  }
}
