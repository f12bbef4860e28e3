import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BacklinksRequest, type BacklinkItem } from '../protocol/requests';
import { sendTyped } from './typedClient';

type Node = { kind: 'note'; path: string; uri: string; items: BacklinkItem[] } | { kind: 'link'; item: BacklinkItem };

/** The Backlinks view in the Explorer: notes that link to the active note, each link beneath. */
export class BacklinksView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(private readonly client: LanguageClient) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidSaveTextDocument(() => this.refresh()),
    );
  }

  /** Debounced: the view follows typing elsewhere without flooding the server. */
  refresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.emitter.fire(undefined), 200);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node?.kind === 'note') return node.items.map((item) => ({ kind: 'link', item }));
    if (node) return [];
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== 'markdown') return [];
    const items = await sendTyped(this.client, BacklinksRequest, { uri: doc.uri.toString() }).catch(() => []);
    const byNote = new Map<string, BacklinkItem[]>();
    for (const it of items) byNote.set(it.path, [...(byNote.get(it.path) ?? []), it]);
    return [...byNote].map(([path, list]) => ({ kind: 'note', path, uri: list[0].uri, items: list }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'note') {
      const t = new vscode.TreeItem(node.path.replace(/\.md$/i, ''), vscode.TreeItemCollapsibleState.Expanded);
      t.resourceUri = vscode.Uri.parse(node.uri);
      t.iconPath = vscode.ThemeIcon.File;
      t.description = `${node.items.length}`;
      return t;
    }
    const t = new vscode.TreeItem(node.item.lineText || '(link)', vscode.TreeItemCollapsibleState.None);
    const r = node.item.range;
    t.tooltip = `${node.item.path}:${r.start.line + 1}`;
    t.command = {
      command: 'vscode.open',
      title: 'Open',
      arguments: [vscode.Uri.parse(node.item.uri), { selection: new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) }],
    };
    return t;
  }

  dispose(): void {
    this.emitter.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
