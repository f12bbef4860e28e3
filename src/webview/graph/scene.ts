import type { GraphEdgeType } from '../../core/graph/graphTypes';

/** Edge styles, drawn in this order (faint ones first, so the strong ones stay on top). */
export const EDGE_STYLES: readonly { type: GraphEdgeType; alpha: number; width: number; accent: boolean }[] = [
  { type: 'mentions', alpha: 0.1, width: 1, accent: false },
  { type: 'tagged', alpha: 0.18, width: 1, accent: false },
  { type: 'embeds', alpha: 0.22, width: 1, accent: false },
  { type: 'links-to', alpha: 0.3, width: 1, accent: false },
  { type: 'defines', alpha: 0.45, width: 1, accent: false },
  { type: 'sub-concept-of', alpha: 0.65, width: 1.6, accent: true },
];

/**
 * What the renderer draws, as flat arrays prepared once per change of the
 * visible graph, so a frame is loops over numbers and no object lookups.
 */
export interface Scene {
  count: number;
  /** World x, y per node (shared with the layout's latest answer). */
  positions: Float32Array;
  /** World radius per node. */
  radius: Float32Array;
  /** 1 for nodes drawn as squares (notes), so notes and concepts differ in shape, not only colour. */
  square: Uint8Array;
  /** Node indices per palette entry. */
  byColour: Uint32Array[];
  palette: string[];
  /** Link index pairs per entry of EDGE_STYLES. */
  linksByStyle: Uint32Array[];
  labels: string[];
  /** Node indices, most important first: who gets a label when not all fit. */
  labelOrder: Uint32Array;
  /** Per node: 0 normal, 1 dimmed, 2 emphasised (search match, selection, neighbours). */
  emphasis: Uint8Array;
  dimOthers: boolean;
  selected: number;
  hovered: number;
}

export function emptyScene(): Scene {
  return {
    count: 0,
    positions: new Float32Array(0),
    radius: new Float32Array(0),
    square: new Uint8Array(0),
    byColour: [],
    palette: [],
    linksByStyle: EDGE_STYLES.map(() => new Uint32Array(0)),
    labels: [],
    labelOrder: new Uint32Array(0),
    emphasis: new Uint8Array(0),
    dimOthers: false,
    selected: -1,
    hovered: -1,
  };
}
