/**
 * The graph panel's remembered view (webview state), read back after a
 * reload. Pure (no DOM), so it is unit-tested. The saved value was written
 * by whichever version ran before, or is damaged: each field is checked on
 * its own and a bad one falls back to its default, never breaking the panel.
 */
import { EDGE_TYPES, NODE_TYPES, type GraphEdgeType, type GraphNodeType } from '../../core/graph/graphTypes';
import type { GraphViewState } from '../../protocol/graph';

export const DEFAULT_VIEW_STATE: GraphViewState = {
  search: '',
  hiddenNodeTypes: ['tag', 'attachment'],
  hiddenEdgeTypes: [],
  folder: '',
  tag: '',
  group: '',
  colourBy: 'group',
  local: false,
  depth: 2,
};

const COLOUR_BY: readonly GraphViewState['colourBy'][] = ['group', 'folder', 'type', 'memory'];
/** As far as the camera zooms (Camera.zoomAt). */
const ZOOM_RANGE = [0.005, 40] as const;

/** The saved state over fresh defaults (so fields added later get theirs). */
export function restoreViewState(saved: unknown): GraphViewState {
  // A fresh copy each time: the panel mutates its state in place.
  const d = DEFAULT_VIEW_STATE;
  const state: GraphViewState = { ...d, hiddenNodeTypes: [...d.hiddenNodeTypes], hiddenEdgeTypes: [...d.hiddenEdgeTypes] };
  if (!saved || typeof saved !== 'object') return state;
  const s = saved as Partial<Record<keyof GraphViewState, unknown>>;
  const text = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);
  state.search = text(s.search, d.search);
  state.folder = text(s.folder, d.folder);
  state.tag = text(s.tag, d.tag);
  state.group = text(s.group, d.group);
  if (Array.isArray(s.hiddenNodeTypes)) state.hiddenNodeTypes = known(s.hiddenNodeTypes, NODE_TYPES);
  if (Array.isArray(s.hiddenEdgeTypes)) state.hiddenEdgeTypes = known(s.hiddenEdgeTypes, EDGE_TYPES);
  if (COLOUR_BY.includes(s.colourBy as GraphViewState['colourBy'])) state.colourBy = s.colourBy as GraphViewState['colourBy'];
  if (typeof s.local === 'boolean') state.local = s.local;
  if (typeof s.depth === 'number' && Number.isFinite(s.depth)) state.depth = Math.max(1, Math.min(5, Math.round(s.depth)));
  if (typeof s.selected === 'string' && s.selected) state.selected = s.selected;
  if (typeof s.zoom === 'number' && s.zoom >= ZOOM_RANGE[0] && s.zoom <= ZOOM_RANGE[1]) state.zoom = s.zoom;
  return state;
}

/** The known names of `values`, once each (a type removed in a later version is dropped). */
function known<T extends GraphNodeType | GraphEdgeType>(values: unknown[], all: readonly T[]): T[] {
  return [...new Set(values.filter((v): v is T => all.includes(v as T)))];
}
