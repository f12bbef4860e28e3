import type { NoteModel } from '../parse/noteModel';
import { decodeNote } from './decodeNote';
import type { FileStat, VaultFileEvent, VaultFileSystem } from './fileSystem';
import type { BulkFile } from './vaultIndex';
import { isNotePath } from './vaultPath';

/**
 * An in-memory vault for tests and tools: files as strings or bytes, and
 * the create/change/delete/rename events a real file watcher would send.
 * Every file has a modification time, from `now` (Date.now by default) at
 * each write, so that stat-based change detection can be tested; `touch`
 * sets one without changing the content.
 */
export class MemoryVault implements VaultFileSystem {
  private readonly files = new Map<string, { bytes: Uint8Array; mtimeMs: number }>();
  private readonly listeners = new Set<(e: VaultFileEvent) => void>();
  /** Calls of statMany, readFile and readFileSync: for tests that check what a load read. */
  readonly calls = { statMany: 0, readFile: 0, readFileSync: 0 };

  constructor(
    files: Record<string, string | Uint8Array> = {},
    private readonly now: () => number = Date.now,
  ) {
    for (const [path, content] of Object.entries(files)) this.files.set(path, { bytes: toBytes(content), mtimeMs: now() });
  }

  onDidChange(listener: (e: VaultFileEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  async listFiles(): Promise<string[]> {
    return this.listFilesSync();
  }

  listFilesSync(): string[] {
    return [...this.files.keys()];
  }

  async readFile(path: string): Promise<Uint8Array> {
    this.calls.readFile++;
    return this.bytesOf(path);
  }

  readFileSync(path: string): Uint8Array {
    this.calls.readFileSync++;
    return this.bytesOf(path);
  }

  async fileSize(path: string): Promise<number | undefined> {
    return this.files.get(path)?.bytes.length;
  }

  async statMany(paths: readonly string[]): Promise<(FileStat | undefined)[]> {
    this.calls.statMany++;
    return paths.map((p) => {
      const f = this.files.get(p);
      // No inode change time here: the modification time is the whole story.
      return f && { size: f.bytes.length, mtimeMs: f.mtimeMs, ctimeMs: 0 };
    });
  }

  /** Writes a file; its modification time is `mtimeMs`, else now. */
  write(path: string, content: string | Uint8Array, mtimeMs = this.now()): void {
    const existed = this.files.has(path);
    this.files.set(path, { bytes: toBytes(content), mtimeMs });
    this.fire({ type: existed ? 'changed' : 'created', path });
  }

  /** Sets a file's modification time (now by default) without changing its content, as `touch` does. */
  touch(path: string, mtimeMs = this.now()): void {
    const f = this.files.get(path);
    if (f) f.mtimeMs = mtimeMs;
  }

  delete(path: string): void {
    if (this.files.delete(path)) this.fire({ type: 'deleted', path });
  }

  rename(from: string, to: string): void {
    const f = this.files.get(from);
    if (!f) return;
    this.files.delete(from);
    this.files.set(to, f);
    this.fire({ type: 'renamed', from, to });
  }

  /**
   * A note's text as an index reads it on demand (`BulkFile.readText`):
   * decoded as loadVault decodes it, undefined when the file is gone or not
   * a note's text. Counts as a readFileSync call.
   */
  readTextSync(path: string): string | undefined {
    if (!this.files.has(path)) return undefined;
    const decoded = decodeNote(this.readFileSync(path));
    return decoded.ok ? decoded.text : undefined;
  }

  /**
   * What a warm start bulk-loads: every file, each note with its model and
   * a reader of its text instead of the text (texts on demand; the index
   * then reads this vault on every `entry.text`).
   */
  bulkFilesOnDemand(parse: (text: string) => NoteModel): BulkFile[] {
    const readText = (path: string) => this.readTextSync(path);
    return [...this.files.keys()].map((path) => {
      if (!isNotePath(path)) return { path };
      const decoded = decodeNote(this.bytesOf(path));
      return decoded.ok ? { path, model: parse(decoded.text), readText } : { path };
    });
  }

  private bytesOf(path: string): Uint8Array {
    const f = this.files.get(path);
    if (!f) throw new Error(`ENOENT: ${path}`);
    return f.bytes;
  }

  private fire(e: VaultFileEvent): void {
    for (const l of this.listeners) l(e);
  }
}

function toBytes(content: string | Uint8Array): Uint8Array {
  return typeof content === 'string' ? new TextEncoder().encode(content) : content;
}
