import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import { REVIEW_LOG_GITATTRIBUTES, type ReviewFiles } from '../../core/cards';

/**
 * The review log's file access on a real disk. An append opens the file in
 * append mode, writes one whole chunk and fsyncs before reporting success,
 * so a rating the panel showed as saved survives a crash or power loss; at
 * worst the chunk being written is torn, which the log skips on load.
 * The first write also creates `.mmnotes/.gitattributes` with the
 * union-merge line, so git merges two machines' logs line by line.
 */
export class NodeReviewFiles implements ReviewFiles {
  /** What the file holds as far as we know (read or appended by us): tells our own writes from someone else's. */
  private readonly known = new Map<string, string | undefined>();

  constructor(private readonly toFsPath: (path: string) => string) {}

  async read(path: string): Promise<string | undefined> {
    let text: string | undefined;
    try {
      text = await fs.readFile(this.toFsPath(path), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    this.known.set(path, text);
    return text;
  }

  async append(path: string, text: string): Promise<void> {
    const abs = this.toFsPath(path);
    await fs.mkdir(nodePath.dirname(abs), { recursive: true });
    await this.ensureGitattributes(nodePath.dirname(abs), nodePath.basename(abs));
    const handle = await fs.open(abs, 'a');
    try {
      await handle.write(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    const before = this.known.get(path);
    this.known.set(path, (before ?? '') + text);
  }

  /** The file's text as last read or written by us (for line numbers in reports). */
  knownText(path: string): string | undefined {
    return this.known.get(path);
  }

  /** True when the file on disk is what we last read or wrote (a watcher saw our own append). */
  async unchanged(path: string): Promise<boolean> {
    if (!this.known.has(path)) return false;
    let text: string | undefined;
    try {
      text = await fs.readFile(this.toFsPath(path), 'utf8');
    } catch {
      text = undefined;
    }
    return text === this.known.get(path);
  }

  private async ensureGitattributes(dir: string, fileName: string): Promise<void> {
    const file = nodePath.join(dir, '.gitattributes');
    // `wx`: never overwrite a file the user wrote; if it exists, add our line only when it is missing.
    try {
      await fs.writeFile(file, REVIEW_LOG_GITATTRIBUTES, { flag: 'wx' });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return; // not worth failing a rating for
    }
    try {
      const text = await fs.readFile(file, 'utf8');
      if (!new RegExp(`^${fileName.replace(/\./g, '\\.')}\\s+merge=union`, 'm').test(text)) {
        await fs.appendFile(file, `${text.endsWith('\n') || !text ? '' : '\n'}${REVIEW_LOG_GITATTRIBUTES}`);
      }
    } catch {
      /* unreadable: leave it */
    }
  }
}
