import type { VaultFileEvent, VaultFileSystem } from './fileSystem';

/**
 * An in-memory vault for tests and tools: files as strings or bytes, and
 * the create/change/delete/rename events a real file watcher would send.
 */
export class MemoryVault implements VaultFileSystem {
  private readonly files = new Map<string, Uint8Array>();
  private readonly listeners = new Set<(e: VaultFileEvent) => void>();

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [path, content] of Object.entries(files)) this.files.set(path, toBytes(content));
  }

  onDidChange(listener: (e: VaultFileEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  async listFiles(): Promise<string[]> {
    return [...this.files.keys()];
  }

  async readFile(path: string): Promise<Uint8Array> {
    const bytes = this.files.get(path);
    if (!bytes) throw new Error(`ENOENT: ${path}`);
    return bytes;
  }

  async fileSize(path: string): Promise<number | undefined> {
    return this.files.get(path)?.length;
  }

  write(path: string, content: string | Uint8Array): void {
    const existed = this.files.has(path);
    this.files.set(path, toBytes(content));
    this.fire({ type: existed ? 'changed' : 'created', path });
  }

  delete(path: string): void {
    if (this.files.delete(path)) this.fire({ type: 'deleted', path });
  }

  rename(from: string, to: string): void {
    const bytes = this.files.get(from);
    if (!bytes) return;
    this.files.delete(from);
    this.files.set(to, bytes);
    this.fire({ type: 'renamed', from, to });
  }

  private fire(e: VaultFileEvent): void {
    for (const l of this.listeners) l(e);
  }
}

function toBytes(content: string | Uint8Array): Uint8Array {
  return typeof content === 'string' ? new TextEncoder().encode(content) : content;
}
