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
}

/** A file-level change the host observed. */
export type VaultFileEvent =
  | { type: 'created' | 'changed' | 'deleted'; path: string }
  | { type: 'renamed'; from: string; to: string };
