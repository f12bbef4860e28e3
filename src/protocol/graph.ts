/**
 * The concept graph's contract: the custom LSP request and notification
 * (server ⇄ extension) and the messages between the extension and the
 * graph webview. Types only, plus method names; no vscode, node or DOM.
 */
import type { GraphDiff, GraphEdgeType, GraphNodeType, GraphSnapshot } from '../core/graph/graphTypes';
import type { NotificationDef, RequestDef } from './requests';

export type { GraphDiff, GraphEdge, GraphEdgeType, GraphNode, GraphNodeType, GraphSnapshot } from '../core/graph/graphTypes';

const request = <P, R>(method: string): RequestDef<P, R> => ({ method });
const notification = <P>(method: string): NotificationDef<P> => ({ method });

export interface GraphParams {
  /** Only these node types (and the edges between them); all when omitted. */
  include?: GraphNodeType[];
}

export interface GraphResult extends GraphSnapshot {
  /** URI of the vault root: a node's `path` is relative to it. */
  rootUri: string;
  /** URI of the vault's concepts file (whether or not it exists). */
  conceptsFileUri: string;
  /** Problems in that file (shown as diagnostics on it); the built-in taxonomy is used where it is wrong. */
  conceptProblems: number;
}

/** The whole graph (or some node types of it), at a version. */
export const GraphRequest = request<GraphParams, GraphResult>('mmnotes/graph');

/** Server → client: what changed since the previous version, sent at most every few hundred ms. */
export const GraphChangedNotification = notification<GraphDiff>('mmnotes/graphChanged');

/** What the graph panel remembers (webview state), so a reloaded window shows the same filters, search and selection. */
export interface GraphViewState {
  search: string;
  hiddenNodeTypes: GraphNodeType[];
  hiddenEdgeTypes: GraphEdgeType[];
  /** '' = all. */
  folder: string;
  tag: string;
  /** A challenge/principle concept id, or '' for all. */
  group: string;
  /** `memory`: FSRS retrievability of the cards a note makes or a concept's definitions make. */
  colourBy: 'group' | 'folder' | 'type' | 'memory';
  local: boolean;
  depth: number;
  selected?: string;
  /**
   * The camera's zoom when the user last zoomed or panned (absent: fit the graph).
   * The layout is recomputed after a reload, so only the zoom and the selected
   * node to centre on come back, not the pan.
   */
  zoom?: number;
}

/** Extension → graph webview. */
export type HostToGraphView =
  | { type: 'snapshot'; graph: GraphSnapshot; activePath?: string }
  | { type: 'diff'; diff: GraphDiff }
  /** The note in the active editor changed (vault path, or undefined when it is not a note). */
  | { type: 'active'; path: string | undefined }
  | { type: 'notice'; text: string }
  /**
   * How well the cards behind each node are remembered, by node id: mean FSRS
   * retrievability 0–1, or null when its cards are all new. Nodes without cards are absent.
   */
  | { type: 'memory'; values: Record<string, number | null> };

/** Graph webview → extension. */
export type GraphViewToHost =
  | { type: 'ready' }
  /** Open a note at a zero-based line. */
  | { type: 'open'; path: string; line: number }
  /** The webview missed a diff. */
  | { type: 'refetch' }
  /** The panel colours by memory (true) or stopped (false): send `memory` now and when reviews change. */
  | { type: 'memory'; wanted: boolean }
  | { type: 'error'; message: string };
