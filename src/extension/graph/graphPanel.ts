import * as vscode from 'vscode';
import { CardsChangedNotification } from '../../protocol/cards';
import type { GraphViewToHost, HostToGraphView } from '../../protocol/graph';
import { onTyped } from '../typedClient';
import { cardMemory } from './cardMemory';
import { graphHtml, makeNonce } from './graphHtml';
import type { GraphSource } from './graphSource';

/**
 * The "Concept Graph" webview panel: one at a time, restored after a reload
 * (its view state lives in the webview), fed the graph as a snapshot and
 * then as diffs, told which note is active for the local mode, and opening
 * notes at the line the webview asks for.
 */
export class GraphPanel implements vscode.Disposable {
  static readonly viewType = 'mmnotes.conceptGraph';
  private static current: GraphPanel | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private ready = false;
  private memory: vscode.Disposable | undefined;
  private memoryTimer: NodeJS.Timeout | undefined;

  /** Shows the panel, creating it if needed. */
  static show(extensionUri: vscode.Uri, source: GraphSource, log: (message: string) => void): GraphPanel {
    if (GraphPanel.current) {
      GraphPanel.current.panel.reveal();
      return GraphPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(GraphPanel.viewType, 'Concept Graph', vscode.ViewColumn.Beside, GraphPanel.options(extensionUri));
    return (GraphPanel.current = new GraphPanel(panel, extensionUri, source, log));
  }

  /** Adopts a panel VS Code restored after a reload. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, source: GraphSource, log: (message: string) => void): void {
    panel.webview.options = GraphPanel.options(extensionUri);
    GraphPanel.current?.dispose();
    GraphPanel.current = new GraphPanel(panel, extensionUri, source, log);
  }

  private static options(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    // Only the bundle is loadable. The context is retained while hidden: laying out 10,000 nodes
    // again on every tab switch would cost seconds; after a reload the view state API restores the filters.
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media', 'dist')], retainContextWhenHidden: true };
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly source: GraphSource,
    private readonly log: (message: string) => void,
  ) {
    const webview = panel.webview;
    webview.html = graphHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'dist', 'graph.js')).toString(),
    });
    this.subscriptions.push(
      panel.onDidDispose(() => this.dispose()),
      webview.onDidReceiveMessage((m: GraphViewToHost) => this.receive(m)),
      source.onDidChange((c) => {
        if (!this.ready) return;
        if (c.kind === 'diff') this.post({ type: 'diff', diff: c.diff });
        else this.sendSnapshot();
        if (this.memory) this.sendMemorySoon(); // definitions moved: the join of cards to concepts did too
      }),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (this.ready && e) this.post({ type: 'active', path: this.activePath(e) });
      }),
    );
  }

  private async receive(m: GraphViewToHost): Promise<void> {
    if (m.type === 'ready') {
      try {
        await this.source.ensure();
        this.ready = true;
        this.sendSnapshot();
      } catch (e) {
        this.post({ type: 'notice', text: `The concept graph is not available: ${(e as Error).message}` });
      }
    } else if (m.type === 'open') {
      // Beside the graph, never over it: the graph stays in view for the next click.
      await this.source.open(m.path, m.line, this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    } else if (m.type === 'refetch') {
      await this.source.refetch();
    } else if (m.type === 'memory') {
      this.memory?.dispose();
      this.memory = undefined;
      if (m.wanted) {
        // Ratings change retrievability: follow them (at most once a second) while the panel colours by it.
        this.memory = onTyped(this.source.client, CardsChangedNotification, () => this.sendMemorySoon());
        this.sendMemorySoon(0);
      }
    } else if (m.type === 'error') {
      this.log(`mmnotes graph: ${m.message}`);
    }
  }

  private sendMemorySoon(delay = 1000): void {
    clearTimeout(this.memoryTimer);
    this.memoryTimer = setTimeout(async () => {
      try {
        this.post({ type: 'memory', values: await cardMemory(this.source.client, this.source.store) });
      } catch (e) {
        this.post({ type: 'notice', text: `Card memory is not available: ${(e as Error).message}` });
      }
    }, delay);
  }

  private sendSnapshot(): void {
    const editor = vscode.window.activeTextEditor;
    this.post({ type: 'snapshot', graph: this.source.store.snapshot(), activePath: editor ? this.activePath(editor) : undefined });
    if (this.source.conceptProblems > 0) {
      this.post({ type: 'notice', text: `.mmnotes/concepts.yaml has ${this.source.conceptProblems} problem(s), shown in the Problems view; the built-in taxonomy is used where it is wrong.` });
    }
  }

  private activePath(editor: vscode.TextEditor): string | undefined {
    const p = this.source.pathOf(editor.document.uri);
    return p?.toLowerCase().endsWith('.md') ? p : undefined;
  }

  private post(m: HostToGraphView): void {
    void this.panel.webview.postMessage(m);
  }

  dispose(): void {
    if (GraphPanel.current === this) GraphPanel.current = undefined;
    clearTimeout(this.memoryTimer);
    this.memory?.dispose();
    for (const d of this.subscriptions) d.dispose();
    this.panel.dispose();
  }
}
