import * as vscode from 'vscode';
import { linkToVaultFile, planAttachments, type IncomingFile } from '../../core/attachments';
import { WorkspaceVault } from './workspaceVault';

/**
 * Edit kinds. VS Code's own Markdown paste/drop edit (`markdown.link.image`,
 * which saves `image.png` beside the note and inserts `![](image.png)`)
 * yields to `markdown.link.image.attachment`, the kind notebooks use for
 * their attachments. An Obsidian attachment is that same idea, so as the
 * default we are a sub-kind of it and VS Code's edit stays one click away
 * in the paste widget. As an option we yield to every `markdown.link` edit.
 */
export const DEFAULT_KIND = vscode.DocumentDropOrPasteEditKind.Empty.append('markdown', 'link', 'image', 'attachment', 'mmnotes');
export const OPTION_KIND = vscode.DocumentDropOrPasteEditKind.Empty.append('markdown', 'link', 'mmnotes');
const MARKDOWN_LINK = vscode.DocumentDropOrPasteEditKind.Empty.append('markdown', 'link');

export const PASTE_MIME_TYPES = ['image/*', 'files', 'text/uri-list'];

/** `mmnotes.pasteAttachments`: whether our edit comes first, second, or not at all. */
type Mode = 'default' | 'option' | 'off';

/** Chromium and Electron name raw clipboard bitmaps `image.png`; a real file keeps its own name. */
const GENERIC_CLIPBOARD_NAME = /^image\.(png|jpe?g|gif|bmp|webp|tiff?)$/i;

interface Built {
  insertText: string;
  /** Only when files are written: linking files already in the vault changes nothing else. */
  additionalEdit?: vscode.WorkspaceEdit;
  title: string;
  kind: vscode.DocumentDropOrPasteEditKind;
  yieldTo: vscode.DocumentDropOrPasteEditKind[];
}

/**
 * Paste and drop of files into a note, the Obsidian way: new files are
 * saved in the vault's attachment folder (written by the edit itself, so
 * one undo takes back both), files already in the vault are just linked.
 */
export class AttachmentEditProvider implements vscode.DocumentPasteEditProvider, vscode.DocumentDropEditProvider {
  private readonly shownProblems = new Set<string>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async provideDocumentPasteEdits(
    document: vscode.TextDocument,
    _ranges: readonly vscode.Range[],
    dataTransfer: vscode.DataTransfer,
    context: vscode.DocumentPasteEditContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.DocumentPasteEdit[] | undefined> {
    const built = await this.build(document, dataTransfer, 'paste', token, context.only);
    if (!built) return undefined;
    const edit = new vscode.DocumentPasteEdit(built.insertText, built.title, built.kind);
    if (built.additionalEdit) edit.additionalEdit = built.additionalEdit;
    edit.yieldTo = built.yieldTo;
    return [edit];
  }

  async provideDocumentDropEdits(
    document: vscode.TextDocument,
    _position: vscode.Position,
    dataTransfer: vscode.DataTransfer,
    token: vscode.CancellationToken,
  ): Promise<vscode.DocumentDropEdit | undefined> {
    const built = await this.build(document, dataTransfer, 'drop', token);
    if (!built) return undefined;
    const edit = new vscode.DocumentDropEdit(built.insertText, built.title, built.kind);
    if (built.additionalEdit) edit.additionalEdit = built.additionalEdit;
    edit.yieldTo = built.yieldTo;
    return edit;
  }

  private async build(
    document: vscode.TextDocument,
    dataTransfer: vscode.DataTransfer,
    how: 'paste' | 'drop',
    token: vscode.CancellationToken,
    only?: vscode.DocumentDropOrPasteEditKind,
  ): Promise<Built | undefined> {
    const config = vscode.workspace.getConfiguration('mmnotes', document);
    // "Paste As…" with our kind asks for us explicitly, whatever the setting.
    const asked = !!only && (only.contains(DEFAULT_KIND) || only.contains(OPTION_KIND));
    const mode = config.get<Mode>('pasteAttachments', 'default');
    if (mode === 'off' && !asked) return undefined;
    const vault = await WorkspaceVault.of(document.uri);
    if (!vault || token.isCancellationRequested) return undefined;

    const { files, existing, outside } = await collect(dataTransfer, vault);
    if (files.length + existing.length + outside.length === 0 || token.isCancellationRequested) return undefined;

    const incoming: IncomingFile[] = [
      ...files.map((f) => ({ name: f.file.name, mime: f.mime, clipboardImage: how === 'paste' && !f.file.uri && (!f.file.name || GENERIC_CLIPBOARD_NAME.test(f.file.name)) })),
      ...outside.map((u) => ({ name: u.path.slice(u.path.lastIndexOf('/') + 1) })),
    ];
    const plan = await planAttachments(vault, vault.notePath, incoming, { folderSetting: config.get<string>('attachmentFolder'), now: this.now() });
    if (token.isCancellationRequested) return undefined;
    this.report(plan.problems);

    const additionalEdit = new vscode.WorkspaceEdit();
    const links: string[] = [];
    for (let i = 0; i < plan.attachments.length; i++) {
      const a = plan.attachments[i];
      const contents = i < files.length ? files[i].file : await vscode.workspace.fs.readFile(outside[i - files.length]);
      // Never overwrite: if the name was taken since we looked, the edit fails rather than replace a file.
      additionalEdit.createFile(vault.uriOf(a.path), { contents, overwrite: false, ignoreIfExists: false });
      links.push(a.link);
    }
    for (const path of existing) links.push(await linkToVaultFile(vault, vault.notePath, path, plan.config));

    const folder = plan.attachments.length ? plan.attachments[0].path.replace(/[^/]*$/, '') || '/' : undefined;
    const what = links.length === 1 ? links[0] : `${links.length} links`;
    const title = folder ? `Save to '${folder}' and insert ${what}` : `Insert ${what}`;
    const first = mode !== 'option' || asked;
    return {
      insertText: links.join('\n'),
      ...(plan.attachments.length ? { additionalEdit } : {}),
      title,
      kind: first ? DEFAULT_KIND : OPTION_KIND,
      // Clipboards from Word, Excel or web pages carry text and a picture of it: the text wins, as in VS Code.
      yieldTo: first ? [vscode.DocumentDropOrPasteEditKind.Text] : [vscode.DocumentDropOrPasteEditKind.Text, MARKDOWN_LINK],
    };
  }

  private report(problems: string[]): void {
    for (const p of problems) {
      if (this.shownProblems.has(p)) continue;
      this.shownProblems.add(p);
      void vscode.window.showWarningMessage(`mmnotes: ${p}`);
    }
  }
}

interface Collected {
  /** Files carried by the data transfer itself (from the OS, the clipboard, a browser). */
  files: { mime: string; file: vscode.DataTransferFile }[];
  /** Vault paths of files already in the vault: linked, not copied. */
  existing: string[];
  /** Files outside the vault named by URI: copied in. */
  outside: vscode.Uri[];
}

async function collect(dataTransfer: vscode.DataTransfer, vault: WorkspaceVault): Promise<Collected> {
  const out: Collected = { files: [], existing: [], outside: [] };
  const seen = new Set<string>();
  const take = (uri: vscode.Uri) => {
    const key = uri.toString();
    if (seen.has(key)) return true;
    seen.add(key);
    const path = vault.pathOf(uri);
    if (path === undefined) return false;
    out.existing.push(path);
    return true;
  };
  for (const [mime, item] of dataTransfer) {
    const file = item.asFile();
    if (!file) continue;
    if (file.uri && take(file.uri)) continue;
    out.files.push({ mime, file });
  }
  const list = await dataTransfer.get('text/uri-list')?.asString();
  for (const line of (list ?? '').split(/\r?\n/)) {
    const s = line.trim();
    if (!s || s.startsWith('#')) continue;
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(s, true);
    } catch {
      continue;
    }
    if (uri.scheme !== vault.root.scheme || seen.has(uri.toString())) continue;
    if (take(uri)) continue;
    // A file from outside the vault is imported as Obsidian does; folders are left alone.
    if (await isFile(uri)) out.outside.push(uri);
  }
  return out;
}

async function isFile(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) !== 0;
  } catch {
    return false;
  }
}
