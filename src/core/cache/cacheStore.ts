/**
 * Where a parse cache lives. Core never touches files: the server passes a
 * store backed by a file in the folder the host gives it (VS Code's
 * workspace storage), tests pass a store in memory.
 */
export interface CacheStore {
  /** The stored bytes, or undefined when there are none or they cannot be read. */
  read(): Promise<Uint8Array | undefined>;
  /** Replaces the stored bytes atomically: when writing fails, the old bytes are still there. */
  write(bytes: Uint8Array): Promise<void>;
}

/** A store in memory, for tests and for hosts without storage. */
export class MemoryCacheStore implements CacheStore {
  constructor(public bytes?: Uint8Array) {}

  async read(): Promise<Uint8Array | undefined> {
    return this.bytes;
  }

  async write(bytes: Uint8Array): Promise<void> {
    this.bytes = bytes.slice();
  }
}
