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
  /**
   * The stored bytes to read in parts (a warm start reads the cache's
   * tables now and its models' data when a model is first wanted);
   * undefined when there are none. Without it, `read` reads everything.
   */
  open?(): Promise<StoredFile | undefined>;
}

/** Stored bytes read in parts, all from the file as it was when opened (a later write does not mix in). */
export interface StoredFile {
  readonly size: number;
  /** Bytes [0, end). */
  head(end: number): Promise<Uint8Array>;
  /** Bytes [start, size), read synchronously, then the file is let go; undefined when they cannot be read. */
  tail(start: number): Uint8Array | undefined;
  /** Lets the file go without reading the rest. */
  close(): void;
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

  /** Counts of tail reads, for tests that check what a load read. */
  tails = 0;

  async open(): Promise<StoredFile | undefined> {
    const bytes = this.bytes;
    if (!bytes) return undefined;
    return {
      size: bytes.length,
      head: async (end) => bytes.slice(0, end),
      tail: (start) => (this.tails++, bytes.slice(start)),
      close: () => undefined,
    };
  }
}
