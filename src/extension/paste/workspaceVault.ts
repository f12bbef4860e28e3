import * as vscode from 'vscode';
import type { AttachmentVault } from '../../core/attachments';

/** Folders Obsidian never shows (and the server never indexes): their files are no rivals for a name. */
const HIDDEN_SEGMENT = /(^|\/)(\.[^/]*|node_modules)(\/|$)/;

/**
 * The vault a note belongs to, seen through `vscode.workspace.fs` (so it
 * works for remote workspaces too): the nearest folder above the note that
 * holds `.obsidian/`, up to its workspace folder; else the workspace folder;
 * else, for a loose file, the note's own folder.
 */
export class WorkspaceVault implements AttachmentVault {
  private constructor(
    readonly root: vscode.Uri,
    /** The note's path inside the vault. */
    readonly notePath: string,
  ) {}

  static async of(note: vscode.Uri): Promise<WorkspaceVault | undefined> {
    if (note.scheme === 'untitled') return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(note)?.uri;
    const top = folder?.path ?? '/';
    let dir = vscode.Uri.joinPath(note, '..');
    for (;;) {
      if (await isDirectory(vscode.Uri.joinPath(dir, '.obsidian'))) break;
      const up = vscode.Uri.joinPath(dir, '..');
      if (dir.path === top || up.path === dir.path) {
        dir = folder ?? vscode.Uri.joinPath(note, '..');
        break;
      }
      dir = up;
    }
    const rel = relativeTo(dir, note);
    return rel === undefined ? undefined : new WorkspaceVault(dir, rel);
  }

  /** The vault path of a URI, or undefined when it lies outside the vault. */
  pathOf(uri: vscode.Uri): string | undefined {
    return uri.scheme === this.root.scheme && uri.authority === this.root.authority ? relativeTo(this.root, uri) : undefined;
  }

  uriOf(path: string): vscode.Uri {
    return path ? vscode.Uri.joinPath(this.root, ...path.split('/')) : this.root;
  }

  async readText(path: string): Promise<string | undefined> {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(this.uriOf(path)));
    } catch {
      return undefined;
    }
  }

  async listFolder(path: string): Promise<string[]> {
    try {
      return (await vscode.workspace.fs.readDirectory(this.uriOf(path))).map(([name]) => name);
    } catch {
      return [];
    }
  }

  async filesNamed(name: string): Promise<string[]> {
    // Globs are case-sensitive on most systems and Obsidian's names are not: narrow by extension, compare in code.
    const ext = /\.([A-Za-z0-9]{1,10})$/.exec(name)?.[1];
    const glob = ext ? `**/*.${[...ext].map((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c)).join('')}` : '**/*';
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(this.root, glob));
    const want = name.normalize('NFC').toLowerCase();
    const out: string[] = [];
    for (const u of uris) {
      const p = this.pathOf(u);
      if (p === undefined || HIDDEN_SEGMENT.test(p)) continue;
      if (p.slice(p.lastIndexOf('/') + 1).normalize('NFC').toLowerCase() === want) out.push(p);
    }
    return out;
  }
}

/** `child`'s path below `parent`, '/'-separated, or undefined when it is not below it. */
function relativeTo(parent: vscode.Uri, child: vscode.Uri): string | undefined {
  const base = parent.path.endsWith('/') ? parent.path : parent.path + '/';
  return child.path.startsWith(base) ? child.path.slice(base.length) : undefined;
}

async function isDirectory(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0;
  } catch {
    return false;
  }
}
