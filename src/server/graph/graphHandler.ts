import type { CancellationToken } from 'vscode-languageserver/node';
import { loadTaxonomy } from '../../core/concepts/loadTaxonomy';
import { CONCEPTS_FILE } from '../../core/concepts/taxonomyFile';
import { ConceptGraph } from '../../core/graph/conceptGraph';
import { GraphChangedNotification, GraphRequest, type GraphParams, type GraphResult } from '../../protocol/graph';
import type { FeatureHandler } from '../handlers';
import type { ServerContext } from '../serverContext';
import { ConceptsFile, problemDiagnostics } from './conceptsFile';

/** Diffs are batched for this long: a burst of keystrokes becomes one notification. */
const THROTTLE_MS = 250;

/**
 * Serves the concept graph: built on the first request (a vault whose user
 * never opens the graph pays nothing), then kept current from index
 * changes, one note at a time, with throttled diffs to the client.
 */
export const graphHandler: FeatureHandler = {
  capabilities: {},
  register(ctx) {
    new GraphService(ctx).register();
  },
};

class GraphService {
  private graph: ConceptGraph | undefined;
  private problems = 0;
  private timer: NodeJS.Timeout | undefined;
  private file: ConceptsFile | undefined;
  /** Settles once the concepts file was read, so the first graph already uses it. */
  private fileRead: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: ServerContext) {}

  register(): void {
    const { connection, index } = this.ctx;
    connection.onRequest(GraphRequest.method, (params: GraphParams, token: CancellationToken) => this.request(params ?? {}, token));
    index.onDidChange((change) => {
      if (!this.graph) return;
      this.graph.applyChange(change);
      this.schedule();
    });
    // The concepts file gets its diagnostics as soon as the vault is loaded, graph or no graph.
    this.fileRead = this.ctx.ready.then(async () => {
      this.file = new ConceptsFile(this.ctx.uris.toFsPath(CONCEPTS_FILE), (text) => this.taxonomyChanged(text));
      this.publish(loadTaxonomy(await this.file.read()).problems);
      this.file.watch();
    });
  }

  private async request(params: GraphParams, token: CancellationToken): Promise<GraphResult | null> {
    await this.ctx.ready;
    await this.fileRead;
    if (token.isCancellationRequested) return null;
    const graph = this.ensureGraph();
    // Whatever is pending goes out first, so the snapshot's version is the latest one.
    this.sendDiff();
    const started = Date.now();
    const snapshot = graph.snapshot(params.include);
    this.ctx.log(`mmnotes: graph v${snapshot.version}: ${snapshot.nodes.length} nodes, ${snapshot.edges.length} edges (${Date.now() - started} ms)`);
    return {
      ...snapshot,
      rootUri: this.ctx.uris.toUri(''),
      conceptsFileUri: this.ctx.uris.toUri(CONCEPTS_FILE),
      conceptProblems: this.problems,
    };
  }

  private ensureGraph(): ConceptGraph {
    if (this.graph) return this.graph;
    const started = Date.now();
    const built = loadTaxonomy(this.file?.current);
    this.graph = new ConceptGraph(this.ctx.index, { taxonomy: built.taxonomy });
    this.graph.build();
    this.ctx.log(`mmnotes: concept graph built in ${Date.now() - started} ms`);
    return this.graph;
  }

  private taxonomyChanged(text: string | undefined): void {
    const built = loadTaxonomy(text);
    this.publish(built.problems);
    if (!this.graph) return;
    this.graph.setTaxonomy(built.taxonomy);
    this.schedule();
  }

  private publish(problems: Parameters<typeof problemDiagnostics>[0]): void {
    this.problems = problems.filter((p) => p.severity === 'error').length;
    void this.ctx.connection.sendDiagnostics({ uri: this.ctx.uris.toUri(CONCEPTS_FILE), diagnostics: problemDiagnostics(problems) });
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.sendDiff();
    }, THROTTLE_MS);
  }

  private sendDiff(): void {
    const diff = this.graph?.takeDiff();
    if (diff) void this.ctx.connection.sendNotification(GraphChangedNotification.method, diff);
  }
}
