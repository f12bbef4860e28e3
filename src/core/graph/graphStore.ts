import type { GraphDiff, GraphEdge, GraphNode, GraphSnapshot } from './graphTypes';

/**
 * A client's copy of the graph (the extension's and the webview's): a
 * snapshot, then diffs applied in version order. A diff that does not
 * start at the held version means one was missed: the caller refetches.
 */
export class GraphStore {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges = new Map<string, GraphEdge>();
  version = -1;

  /** Replaces everything with a snapshot. */
  load(snapshot: GraphSnapshot): void {
    this.nodes.clear();
    this.edges.clear();
    for (const n of snapshot.nodes) this.nodes.set(n.id, n);
    for (const e of snapshot.edges) this.edges.set(e.id, e);
    this.version = snapshot.version;
  }

  /**
   * Applies a diff: 'applied', 'stale' (older than what is held: ignore) or
   * 'gap' (a diff was missed: fetch a snapshot).
   */
  apply(diff: GraphDiff): 'applied' | 'stale' | 'gap' {
    if (diff.to <= this.version) return 'stale';
    if (diff.from !== this.version) return 'gap';
    for (const id of diff.removeNodes) this.nodes.delete(id);
    for (const id of diff.removeEdges) this.edges.delete(id);
    for (const n of diff.upsertNodes) this.nodes.set(n.id, n);
    for (const e of diff.upsertEdges) this.edges.set(e.id, e);
    this.version = diff.to;
    return 'applied';
  }

  snapshot(): GraphSnapshot {
    return { version: this.version, nodes: [...this.nodes.values()], edges: [...this.edges.values()] };
  }
}
