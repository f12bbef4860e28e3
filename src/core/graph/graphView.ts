/**
 * Which part of the graph a view shows: filters by node type, edge type,
 * folder, tag and challenge; the local graph around a focus node up to a
 * depth; and the size limit past which the whole graph is not drawn.
 * Pure, so the panel's behaviour is tested without a browser.
 */
import type { GraphEdge, GraphEdgeType, GraphNode, GraphNodeType } from './graphTypes';

export interface ViewFilter {
  hiddenNodeTypes: readonly GraphNodeType[];
  hiddenEdgeTypes: readonly GraphEdgeType[];
  /** '' = every folder; otherwise the folder and those below it. */
  folder: string;
  tag: string;
  /** Challenge/principle concept id, '' = all. */
  group: string;
  local: boolean;
  depth: number;
}

export interface ViewLimits {
  maxNodes: number;
  maxEdges: number;
}

/** Past these the whole graph is not drawn: it would be a hairball and a slow one. */
export const DEFAULT_LIMITS: ViewLimits = { maxNodes: 30000, maxEdges: 120000 };

export interface VisibleGraph {
  nodes: GraphNode[];
  /** Pairs of indices into `nodes`. */
  links: Uint32Array;
  linkTypes: GraphEdgeType[];
  /** Why the view is not what the filter asked for, to show the user. */
  notice?: string;
  /** The node local mode is centred on. */
  focus?: string;
}

/** Applies a filter (and the local mode) to the whole graph. */
export function visibleGraph(
  nodes: ReadonlyMap<string, GraphNode>,
  edges: Iterable<GraphEdge>,
  filter: ViewFilter,
  focus: string | undefined,
  limits: ViewLimits = DEFAULT_LIMITS,
): VisibleGraph {
  const hiddenTypes = new Set(filter.hiddenNodeTypes);
  const hiddenEdges = new Set(filter.hiddenEdgeTypes);
  const edgeList: GraphEdge[] = [];
  for (const e of edges) if (!hiddenEdges.has(e.type)) edgeList.push(e);

  const keep = new Set<string>();
  for (const n of nodes.values()) if (!hiddenTypes.has(n.type) && passesOwn(n, filter)) keep.add(n.id);
  // Concepts and tags follow the notes: with a folder or tag chosen, only those its notes reach stay.
  if (filter.folder || filter.tag) {
    const reached = new Set<string>();
    for (const e of edgeList) if (keep.has(e.source) && nodes.get(e.source)?.type === 'note') reached.add(e.target);
    for (const id of [...keep]) if (nodes.get(id)?.type !== 'note' && !reached.has(id)) keep.delete(id);
  }
  // With a challenge chosen, the notes that define or mention its concepts stay too.
  if (filter.group) {
    for (const e of edgeList) {
      const target = nodes.get(e.target);
      if ((e.type === 'defines' || e.type === 'mentions') && target?.group === filter.group && !hiddenTypes.has('note') && passesPlace(nodes.get(e.source), filter)) keep.add(e.source);
    }
  }

  let notice: string | undefined;
  let local = filter.local;
  const count = countEdges(edgeList, keep);
  if (!local && (keep.size > limits.maxNodes || count > limits.maxEdges)) {
    local = true;
    notice = `The graph is too large to draw whole (${keep.size.toLocaleString('en')} nodes, ${count.toLocaleString('en')} edges): showing the local graph. Narrow it with the filters to see more.`;
  }
  if (local) {
    if (!focus || !keep.has(focus)) {
      if (!focus && notice) notice += ' Open a note to centre it.';
      else if (!focus) notice = 'Local graph: open a note (or select a node) to centre it.';
      else notice = (notice ? notice + ' ' : '') + 'The focused node is filtered out.';
      return { nodes: [], links: new Uint32Array(0), linkTypes: [], notice, focus };
    }
    const near = neighbourhood(focus, edgeList, keep, Math.max(0, filter.depth));
    for (const id of [...keep]) if (!near.has(id)) keep.delete(id);
  }

  const list: GraphNode[] = [];
  const index = new Map<string, number>();
  for (const id of keep) {
    index.set(id, list.length);
    list.push(nodes.get(id)!);
  }
  const pairs: number[] = [];
  const linkTypes: GraphEdgeType[] = [];
  for (const e of edgeList) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || s === t) continue;
    pairs.push(s, t);
    linkTypes.push(e.type);
  }
  return { nodes: list, links: Uint32Array.from(pairs), linkTypes, notice, focus: local ? focus : undefined };
}

function passesOwn(n: GraphNode, f: ViewFilter): boolean {
  if (f.group && n.type === 'concept' && n.group !== f.group) return false;
  if (f.group && n.type !== 'concept') return false; // notes come back through their concepts
  return passesPlace(n, f);
}

function passesPlace(n: GraphNode | undefined, f: ViewFilter): boolean {
  if (!n) return false;
  if (n.type !== 'note' && n.type !== 'attachment') return true;
  if (f.folder && !(n.folder === f.folder || n.folder?.startsWith(f.folder + '/'))) return false;
  if (f.tag && n.type === 'note' && !n.tags?.some((t) => t === f.tag || t.startsWith(f.tag + '/'))) return false;
  if (f.tag && n.type === 'attachment') return false;
  return true;
}

function countEdges(edges: readonly GraphEdge[], keep: ReadonlySet<string>): number {
  let n = 0;
  for (const e of edges) if (keep.has(e.source) && keep.has(e.target)) n++;
  return n;
}

/** Nodes within `depth` steps of `focus`, edges taken in both directions. */
export function neighbourhood(focus: string, edges: readonly GraphEdge[], keep: ReadonlySet<string>, depth: number): Set<string> {
  const adj = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    const l = adj.get(a);
    if (l) l.push(b);
    else adj.set(a, [b]);
  };
  for (const e of edges) {
    if (!keep.has(e.source) || !keep.has(e.target)) continue;
    link(e.source, e.target);
    link(e.target, e.source);
  }
  const seen = new Set([focus]);
  let frontier = [focus];
  for (let d = 0; d < depth && frontier.length; d++) {
    const next: string[] = [];
    for (const id of frontier) for (const n of adj.get(id) ?? []) if (!seen.has(n)) (seen.add(n), next.push(n));
    frontier = next;
  }
  return seen;
}
