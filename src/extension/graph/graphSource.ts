import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { GraphStore } from '../../core/graph/graphStore';
import { GraphChangedNotification, GraphRequest, type GraphDiff } from '../../protocol/graph';
import { onTyped, sendTyped } from '../typedClient';

export type GraphChange = { kind: 'snapshot' } | { kind: 'diff'; diff: GraphDiff };

/**
 * The extension's one copy of the concept graph, shared by the panel and
 * the Concepts view: fetched from the server on first use, then kept in
 * step with its diffs; refetched after a missed diff or a server restart.
 */
export class GraphSource implements vscode.Disposable {
  readonly store = new GraphStore();
  rootUri: vscode.Uri | undefined;
  conceptsFileUri: vscode.Uri | undefined;
  conceptProblems = 0;
  private loading: Promise<void> | undefined;
  private readonly emitter = new vscode.EventEmitter<GraphChange>();
  readonly onDidChange = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(readonly client: LanguageClient) {
    this.subscriptions.push(
      this.emitter,
      onTyped(client, GraphChangedNotification, (d) => this.onDiff(d)),
      client.onDidChangeState((e) => {
        // A restarted server numbers its versions from scratch.
        if (e.newState === State.Running && this.store.version >= 0) void this.refetch();
      }),
    );
  }

  /** Loads the graph once (later calls wait for the same load). */
  ensure(): Promise<void> {
    this.loading ??= this.refetch();
    return this.loading;
  }

  async refetch(): Promise<void> {
    await this.running();
    const g = await sendTyped(this.client, GraphRequest, {});
    if (!g) return;
    this.store.load(g);
    this.rootUri = vscode.Uri.parse(g.rootUri);
    this.conceptsFileUri = vscode.Uri.parse(g.conceptsFileUri);
    this.conceptProblems = g.conceptProblems;
    this.emitter.fire({ kind: 'snapshot' });
  }

  /** Requests wait while the client starts (the Concepts view may ask first). */
  private running(): Promise<void> {
    if (this.client.state === State.Running) return Promise.resolve();
    return new Promise((resolve) => {
      const sub = this.client.onDidChangeState((e) => {
        if (e.newState === State.Running) {
          sub.dispose();
          resolve();
        }
      });
    });
  }

  /** The URI of a vault path. */
  uriOf(path: string): vscode.Uri | undefined {
    return this.rootUri ? vscode.Uri.joinPath(this.rootUri, ...path.split('/')) : undefined;
  }

  /** The vault path of a URI (undefined outside the vault). */
  pathOf(uri: vscode.Uri): string | undefined {
    if (!this.rootUri || uri.scheme !== this.rootUri.scheme) return undefined;
    const root = this.rootUri.path.replace(/\/$/, '') + '/';
    return uri.path.startsWith(root) ? uri.path.slice(root.length) : undefined;
  }

  /** Opens a vault file with the cursor at a zero-based line (in the active editor group unless told). */
  async open(path: string, line: number, viewColumn: vscode.ViewColumn = vscode.ViewColumn.Active): Promise<void> {
    if (!this.rootUri) await this.ensure(); // the vault root comes with the graph
    const uri = this.uriOf(path);
    if (!uri) return;
    const pos = new vscode.Position(Math.max(0, line), 0);
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos), preview: false, viewColumn });
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }

  private onDiff(diff: GraphDiff): void {
    if (this.store.version < 0) return; // nothing loaded yet: the first fetch brings it all
    const r = this.store.apply(diff);
    if (r === 'gap') void this.refetch();
    else if (r === 'applied') this.emitter.fire({ kind: 'diff', diff });
  }
}
