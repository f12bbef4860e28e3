import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { NameTableRequest, type NameTableSnapshot } from '../../protocol/requests';
import { sendTyped } from '../typedClient';
import type { PreviewResolver } from './previewResolver';
import { resolverFromNameTable } from './resolverFromNameTable';

/** Transcluded notes larger than this are not read synchronously by the preview. */
const MAX_EMBED_BYTES = 1024 * 1024;

/**
 * Keeps the preview's resolver in step with the server's names. The preview
 * renders synchronously, so it resolves against this snapshot, refreshed
 * when the server says the names changed.
 */
export class PreviewNames {
  private resolver: PreviewResolver = resolverFromNameTable({ notes: [], attachments: [] }, this.host(''));

  constructor(private readonly client: LanguageClient) {}

  current(): PreviewResolver {
    return this.resolver;
  }

  async refresh(): Promise<void> {
    const table: NameTableSnapshot = await sendTyped(this.client, NameTableRequest, {});
    this.resolver = resolverFromNameTable(table, this.host(table.root));
    await vscode.commands.executeCommand('markdown.preview.refresh');
  }

  private host(root: string) {
    const toVault = (fsPath: string) => {
      const rel = path.relative(root, fsPath);
      return !root || rel.startsWith('..') || path.isAbsolute(rel) ? '' : rel.split(path.sep).join('/');
    };
    return {
      currentPath: (env: unknown) => {
        const doc = (env as { currentDocument?: vscode.Uri } | undefined)?.currentDocument;
        return doc ? toVault(doc.fsPath) : '';
      },
      noteText: (p: string) => {
        const abs = path.join(root, ...p.split('/'));
        const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === abs);
        if (open) return open.getText();
        try {
          return statSync(abs).size > MAX_EMBED_BYTES ? undefined : readFileSync(abs, 'utf8');
        } catch {
          return undefined;
        }
      },
      attachmentUri: (p: string, env: unknown) => {
        const uri = vscode.Uri.file(path.join(root, ...p.split('/')));
        // VS Code's preview passes a resource provider that turns files into URIs its webview may load.
        const provider = (env as { resourceProvider?: { asWebviewUri(u: vscode.Uri): vscode.Uri } } | undefined)?.resourceProvider;
        return provider ? provider.asWebviewUri(uri).toString(true) : uri.toString(true);
      },
    };
  }
}
