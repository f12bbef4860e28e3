import type { VisibleGraph } from '../../core/graph/graphView';

/**
 * Where each node was last drawn, by id, so a filter change or a diff
 * moves nothing that stays: new nodes start beside a placed neighbour and
 * the layout only needs a gentle reheat.
 */
export class PositionMemory {
  private readonly byId = new Map<string, [number, number]>();

  /** Initial positions for a visible graph, and how hot the layout must start. */
  seed(v: VisibleGraph): { positions: Float32Array; alpha: number } {
    const n = v.nodes.length;
    const out = new Float32Array(n * 2);
    const placed = new Uint8Array(n);
    let known = 0;
    v.nodes.forEach((node, i) => {
      const p = this.byId.get(node.id);
      if (!p) return;
      [out[2 * i], out[2 * i + 1]] = p;
      placed[i] = 1;
      known++;
    });
    if (known < n) {
      // Beside a placed neighbour when there is one (links are scanned until nothing new gets placed)…
      // Bounded: a long chain of unplaced nodes falls back to the spiral rather than costing a pass per link.
      for (let pass = 0, changed = true; changed && pass < 25; pass++) {
        changed = false;
        for (let j = 0; j < v.links.length; j += 2) {
          const [a, b] = [v.links[j], v.links[j + 1]];
          if (placed[a] === placed[b]) continue;
          const [from, to] = placed[a] ? [a, b] : [b, a];
          const angle = Math.random() * Math.PI * 2;
          out[2 * to] = out[2 * from] + Math.cos(angle) * 15;
          out[2 * to + 1] = out[2 * from + 1] + Math.sin(angle) * 15;
          placed[to] = 1;
          changed = true;
        }
      }
      // …otherwise on a sunflower spiral (even density, as d3 seeds it), in breadth-first order from
      // the best-connected nodes, so that linked nodes start close: shorter edges draw faster and settle sooner.
      let s = 0;
      for (const i of breadthFirst(n, v.links, placed)) {
        const r = 10 * Math.sqrt(0.5 + s);
        const a = s * Math.PI * (3 - Math.sqrt(5));
        out[2 * i] = r * Math.cos(a);
        out[2 * i + 1] = r * Math.sin(a);
        s++;
      }
    }
    const fresh = n === 0 ? 0 : 1 - known / n;
    return { positions: out, alpha: known === 0 ? 1 : Math.min(1, 0.15 + fresh) };
  }

  /** Remembers the latest positions of the visible nodes. */
  remember(v: VisibleGraph, positions: Float32Array): void {
    v.nodes.forEach((node, i) => this.byId.set(node.id, [positions[2 * i], positions[2 * i + 1]]));
  }

  get(id: string): [number, number] | undefined {
    return this.byId.get(id);
  }
}

/** The unplaced nodes in breadth-first order, each component started from its best-connected node. */
function breadthFirst(n: number, links: Uint32Array, placed: Uint8Array): number[] {
  const degree = new Uint32Array(n);
  for (let j = 0; j < links.length; j++) degree[links[j]]++;
  // Adjacency as one flat array (CSR): no per-node arrays for 10,000 nodes.
  const start = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i] + degree[i];
  const fill = start.slice(0, n);
  const adj = new Uint32Array(links.length);
  for (let j = 0; j < links.length; j += 2) {
    adj[fill[links[j]]++] = links[j + 1];
    adj[fill[links[j + 1]]++] = links[j];
  }
  const seen = Uint8Array.from(placed);
  const order: number[] = [];
  const roots = [...Array(n).keys()].filter((i) => !placed[i]).sort((a, b) => degree[b] - degree[a]);
  for (const root of roots) {
    if (seen[root]) continue;
    seen[root] = 1;
    const queue = [root];
    for (let q = 0; q < queue.length; q++) {
      const i = queue[q];
      order.push(i);
      for (let k = start[i]; k < start[i + 1]; k++) {
        const j = adj[k];
        if (!seen[j]) (seen[j] = 1), queue.push(j);
      }
    }
  }
  return order;
}
