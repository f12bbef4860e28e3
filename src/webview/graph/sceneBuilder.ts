import type { GraphNode } from '../../core/graph/graphTypes';
import type { VisibleGraph } from '../../core/graph/graphView';
import type { GraphViewState } from '../../protocol/graph';
import { EDGE_STYLES, type Scene } from './scene';

/** Distinct on light and dark themes alike (Tableau 10, then two extras). */
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#86bcb6', '#d37295'];
const NEUTRAL = '#8c8c8c';
const TYPE_COLOURS: Record<GraphNode['type'], string> = { note: '#4e79a7', concept: '#f28e2b', tag: '#59a14f', attachment: '#9c755f' };

/** Memory colours by FSRS retrievability (probability of recall now), forgotten to remembered, then new cards. */
export const MEMORY_COLOURS: readonly [string, string, string][] = [
  ['m0', '#d7191c', '<50%'],
  ['m1', '#fdae61', '50–70%'],
  ['m2', '#e8e36b', '70–85%'],
  ['m3', '#a6d96a', '85–95%'],
  ['m4', '#1a9641', '≥95%'],
  ['new', '#4e79a7', 'new'],
];

function memoryKey(r: number | null | undefined): string {
  if (r === undefined) return '';
  if (r === null) return 'new';
  return r < 0.5 ? 'm0' : r < 0.7 ? 'm1' : r < 0.85 ? 'm2' : r < 0.95 ? 'm3' : 'm4';
}

/** The colour key of a node under a colouring mode ('' = neutral). */
export function colourKey(n: GraphNode, by: GraphViewState['colourBy'], memory?: Readonly<Record<string, number | null>>): string {
  if (by === 'memory') return memoryKey(memory?.[n.id]);
  if (by === 'type') return n.type;
  if (by === 'folder') return n.type === 'note' || n.type === 'attachment' ? n.folder || '/' : '';
  return n.group ?? '';
}

/** Stable colours: keys sorted, so a group keeps its colour across filters and sessions. */
export function colourTable(keys: Iterable<string>, by: GraphViewState['colourBy']): Map<string, string> {
  const table = new Map<string, string>([['', NEUTRAL]]);
  if (by === 'type') for (const [t, c] of Object.entries(TYPE_COLOURS)) table.set(t, c);
  else if (by === 'memory') for (const [k, c] of MEMORY_COLOURS) table.set(k, c);
  else [...new Set(keys)].filter((k) => k).sort().forEach((k, i) => table.set(k, PALETTE[i % PALETTE.length]));
  return table;
}

function radiusOf(n: GraphNode, degree: number): number {
  const base = n.type === 'concept' ? (n.known ? 5 : 4) : n.type === 'note' ? 3.5 : 2.5;
  return base + Math.min(10, Math.sqrt(degree) * 0.8);
}

/** Flat arrays for the renderer from the visible graph. */
export function buildScene(v: VisibleGraph, positions: Float32Array, colours: Map<string, string>, by: GraphViewState['colourBy'], memory?: Readonly<Record<string, number | null>>): Scene {
  const count = v.nodes.length;
  const degree = new Uint32Array(count);
  for (let i = 0; i < v.links.length; i++) degree[v.links[i]]++;
  const radius = new Float32Array(count);
  const square = new Uint8Array(count);
  const palette = [...new Set(colours.values())];
  const paletteIndex = new Map(palette.map((c, i) => [c, i]));
  const buckets: number[][] = palette.map(() => []);
  v.nodes.forEach((n, i) => {
    radius[i] = radiusOf(n, degree[i]);
    square[i] = n.type === 'note' || n.type === 'attachment' ? 1 : 0;
    buckets[paletteIndex.get(colours.get(colourKey(n, by, memory)) ?? NEUTRAL) ?? 0].push(i);
  });
  const styleIndex = new Map(EDGE_STYLES.map((s, i) => [s.type, i]));
  const styled: number[][] = EDGE_STYLES.map(() => []);
  v.linkTypes.forEach((t, j) => styled[styleIndex.get(t) ?? 0].push(v.links[2 * j], v.links[2 * j + 1]));
  // Concepts first, then by connectedness: the labels that orient a reader.
  const order = [...Array(count).keys()].sort((a, b) => typeRank(v.nodes[a]) - typeRank(v.nodes[b]) || degree[b] - degree[a]);
  return {
    count,
    positions,
    radius,
    square,
    byColour: buckets.map((b) => Uint32Array.from(b)),
    palette,
    linksByStyle: styled.map((s) => Uint32Array.from(s)),
    labels: v.nodes.map((n) => n.label),
    labelOrder: Uint32Array.from(order),
    emphasis: new Uint8Array(count),
    dimOthers: false,
    selected: -1,
    hovered: -1,
  };
}

function typeRank(n: GraphNode): number {
  return n.type === 'concept' ? (n.known ? 0 : 1) : n.type === 'note' ? 2 : 3;
}
