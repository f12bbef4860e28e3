import * as vscode from 'vscode';
import { AttachmentEditProvider, DEFAULT_KIND, OPTION_KIND, PASTE_MIME_TYPES } from './attachmentEditProvider';

/** Notes on disk (or a remote disk): untitled documents have no folder to save attachments in. */
const SELECTOR: vscode.DocumentSelector = [
  { language: 'markdown', scheme: 'file' },
  { language: 'markdown', scheme: 'vscode-remote' },
];

/**
 * Registers paste and drop of images and other files into notes: saved in
 * the vault's attachment folder and embedded as `![[name]]`, offered next
 * to VS Code's own Markdown paste/drop edit.
 */
export function registerPasteProviders(context: vscode.ExtensionContext): void {
  const provider = new AttachmentEditProvider();
  const kinds = [DEFAULT_KIND, OPTION_KIND];
  context.subscriptions.push(
    vscode.languages.registerDocumentPasteEditProvider(SELECTOR, provider, { providedPasteEditKinds: kinds, pasteMimeTypes: PASTE_MIME_TYPES }),
    vscode.languages.registerDocumentDropEditProvider(SELECTOR, provider, { providedDropEditKinds: kinds, dropMimeTypes: PASTE_MIME_TYPES }),
  );
}
