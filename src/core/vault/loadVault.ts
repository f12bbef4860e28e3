import type { VaultFileSystem } from './fileSystem';
import { decodeNote, DEFAULT_MAX_NOTE_BYTES, tooLargeMessage } from './decodeNote';
import type { VaultIndex } from './vaultIndex';
import { isNotePath } from './vaultPath';

export interface LoadOptions {
  maxNoteBytes?: number;
  /** Called for files that could not be read or were skipped: the host logs them. */
  log?: (message: string) => void;
  /** Checked between batches; loading stops early when it returns true. */
  isCancelled?: () => boolean;
}

export interface SkippedNote {
  path: string;
  reason: 'binary' | 'too-large' | 'unreadable';
  message: string;
}

/**
 * Reads every file of the vault into the index in one bulk load. Unreadable,
 * binary and oversized notes are skipped with a log line and returned so
 * the host can tell the user; they still count as names.
 */
export async function loadVault(fs: VaultFileSystem, index: VaultIndex, options: LoadOptions = {}): Promise<SkippedNote[]> {
  const paths = await fs.listFiles();
  const skipped: SkippedNote[] = [];
  const files: { path: string; text?: string }[] = [];
  const notes = paths.filter(isNotePath);
  for (const p of paths) if (!isNotePath(p)) files.push({ path: p });
  const BATCH = 64;
  for (let i = 0; i < notes.length; i += BATCH) {
    if (options.isCancelled?.()) break;
    const batch = notes.slice(i, i + BATCH);
    const read = await Promise.all(batch.map((p) => readNote(fs, p, options.maxNoteBytes ?? DEFAULT_MAX_NOTE_BYTES)));
    read.forEach((r, j) => {
      if ('text' in r) files.push({ path: batch[j], text: r.text });
      else {
        files.push({ path: batch[j] });
        skipped.push({ path: batch[j], ...r });
        options.log?.(`mmnotes: skipped ${batch[j]}: ${r.message}`);
      }
    });
  }
  index.bulkLoad(files);
  return skipped;
}

/** Reads one note, turning every failure into a reason instead of an exception. */
export async function readNote(
  fs: VaultFileSystem,
  path: string,
  maxBytes: number,
): Promise<{ text: string } | { reason: SkippedNote['reason']; message: string }> {
  try {
    const size = await fs.fileSize?.(path);
    if (size !== undefined && size > maxBytes) {
      return { reason: 'too-large', message: tooLargeMessage(size, maxBytes) };
    }
    const decoded = decodeNote(await fs.readFile(path), maxBytes);
    return decoded.ok ? { text: decoded.text } : { reason: decoded.reason, message: decoded.message };
  } catch (e) {
    return { reason: 'unreadable', message: `could not be read (${(e as Error).message})` };
  }
}
