/**
 * The only way core touches files. The server passes the real file system,
 * tests pass an in-memory vault; paths are vault-relative (see vaultPath.ts).
 */
export interface VaultFileSystem {
  /** Every file of the vault, excluded folders and globs already left out. */
  listFiles(): Promise<string[]>;
  readFile(path: string): Promise<Uint8Array>;
  /** Size in bytes, when cheap to know (used to skip huge files). */
  fileSize?(path: string): Promise<number | undefined>;
  /**
   * Size and times of many files at once, undefined for one that cannot be
   * stat'ed (gone, unreadable). With `readFileSync`, it lets a warm start
   * take unchanged notes from the parse cache without reading them.
   */
  statMany?(paths: readonly string[]): Promise<(FileStat | undefined)[]>;
  /** A file's bytes, synchronously: for texts read on demand (the index asks for a note's text long after loading). */
  readFileSync?(path: string): Uint8Array;
}

/**
 * What tells a file changed without reading it. Times are ms since the
 * epoch, as precise as the file system keeps them; `ctimeMs` (the inode
 * change time, which no tool can set back) is 0 where there is none.
 */
export interface FileStat {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

/** A file-level change the host observed. */
export type VaultFileEvent =
  | { type: 'created' | 'changed' | 'deleted'; path: string }
  | { type: 'renamed'; from: string; to: string };
