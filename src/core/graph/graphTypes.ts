/**
 * The concept graph as every layer sees it (the protocol re-exports these):
 * plain JSON, ids that say what a node is, edges with an id of their own so
 * a diff can remove one without sending its ends.
 */
import type { ConceptKind } from '../concepts/conceptSpec';

export type GraphNodeType = 'note' | 'concept' | 'tag' | 'attachment';
export type GraphEdgeType = 'links-to' | 'embeds' | 'defines' | 'mentions' | 'sub-concept-of' | 'tagged';

export const NODE_TYPES: readonly GraphNodeType[] = ['note', 'concept', 'tag', 'attachment'];
export const EDGE_TYPES: readonly GraphEdgeType[] = ['links-to', 'embeds', 'defines', 'mentions', 'sub-concept-of', 'tagged'];

export interface GraphNode {
  /** `note:<path>`, `concept:<id>`, `tag:<name>`, `file:<path>`. */
  id: string;
  type: GraphNodeType;
  label: string;
  /** The note or attachment itself; for a concept, the note that defines it (or first mentions it). */
  path?: string;
  /** Zero-based line in `path` to open. */
  line?: number;
  /** Folder of a note or attachment ('' at the vault root). */
  folder?: string;
  /** Tags of a note, without `#`. */
  tags?: string[];
  /** Colour group: id of the challenge or principle concept it belongs to. */
  group?: string;
  /** Concepts: the taxonomy's one-line description. */
  description?: string;
  /** Concepts: the definition text of the defining note. */
  definition?: string;
  aliases?: string[];
  kind?: ConceptKind;
  /** Concepts: in the taxonomy (false for terms only notes define). */
  known?: boolean;
  /** Concepts: how many notes define / mention it. */
  definedIn?: number;
  mentionedIn?: number;
  /** Concept parent in the taxonomy (or the note that nests it), for trees. */
  parent?: string;
}

export interface GraphEdge {
  /** `<type>|<source>|<target>`: the same relation always has the same id. */
  id: string;
  type: GraphEdgeType;
  source: string;
  target: string;
  /** How many times the source states it (links, mentions). */
  weight?: number;
  /** Zero-based line in the source note where it is first stated. */
  line?: number;
  /** sub-concept-of: from the taxonomy, or nesting written in a note. */
  origin?: 'taxonomy' | 'note';
}

export interface GraphSnapshot {
  version: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** What changed between two versions: apply to a snapshot of version `from` to get version `to`. */
export interface GraphDiff {
  from: number;
  to: number;
  upsertNodes: GraphNode[];
  removeNodes: string[];
  upsertEdges: GraphEdge[];
  removeEdges: string[];
}

export const noteNodeId = (path: string) => `note:${path}`;
export const conceptNodeId = (id: string) => `concept:${id}`;
export const tagNodeId = (tag: string) => `tag:${tag}`;
export const fileNodeId = (path: string) => `file:${path}`;
export const edgeId = (type: GraphEdgeType, source: string, target: string) => `${type}|${source}|${target}`;
