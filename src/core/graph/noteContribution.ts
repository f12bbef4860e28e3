import type { TermExtractor } from '../concepts/definedTerms';
import { extractConcepts, type NoteConcepts } from '../concepts/extractConcepts';
import type { Taxonomy } from '../concepts/taxonomy';
import type { NoteEntry } from '../vault/vaultIndex';
import { basename, dirname, isNotePath, noteName } from '../vault/vaultPath';
import { conceptNodeId, edgeId, fileNodeId, noteNodeId, tagNodeId, type GraphEdge, type GraphEdgeType, type GraphNode } from './graphTypes';

/**
 * Everything one note adds to the graph. The graph keeps one per note and
 * swaps it whole when the note changes: that is what makes an update cost
 * one note, not the vault.
 */
export interface NoteContribution {
  path: string;
  note: GraphNode;
  /** Edges this note states (it is the source of all but nesting edges). */
  edges: GraphEdge[];
  tags: string[];
  /** Attachments it links to or embeds (their nodes exist while some note refers to them). */
  attachments: string[];
  concepts: NoteConcepts;
}

/** Computes a note's contribution from its index entry. */
export function noteContribution(entry: NoteEntry, taxonomy: Taxonomy, terms: TermExtractor): NoteContribution {
  const { path, model } = entry;
  const self = noteNodeId(path);
  const concepts = extractConcepts(path, entry.text, model, taxonomy, terms);
  const edges = new Map<string, GraphEdge>();
  const add = (type: GraphEdgeType, source: string, target: string, line: number, extra: Partial<GraphEdge> = {}) => {
    const id = edgeId(type, source, target);
    const old = edges.get(id);
    if (old) old.weight = (old.weight ?? 1) + 1;
    else edges.set(id, { id, type, source, target, line, weight: 1, ...extra });
  };

  const attachments = new Set<string>();
  model.links.forEach((link, i) => {
    const r = entry.resolutions[i];
    if (r?.kind !== 'file' || r.path === path) return;
    const note = isNotePath(r.path);
    if (!note) attachments.add(r.path);
    add(link.embed ? 'embeds' : 'links-to', self, note ? noteNodeId(r.path) : fileNodeId(r.path), link.range.start.line);
  });

  const tags = new Set<string>([...(model.frontmatter?.tags ?? []).map((t) => t.replace(/^#/, '')), ...model.tags.map((t) => t.name)]);
  for (const t of tags) add('tagged', self, tagNodeId(t), 0);

  for (const d of concepts.defines) add('defines', self, conceptNodeId(d.conceptId), d.line);
  for (const m of concepts.mentions) add('mentions', self, conceptNodeId(m.conceptId), m.line, { weight: m.count });
  for (const p of concepts.parents) add('sub-concept-of', conceptNodeId(p.child), conceptNodeId(p.parent), p.line, { origin: 'note' });

  // A note takes the colour of the group most of its defined concepts belong to.
  const groups = new Map<string, number>();
  for (const d of concepts.defines) {
    const g = taxonomy.get(d.conceptId)?.group;
    if (g) groups.set(g, (groups.get(g) ?? 0) + 1);
  }
  const group = [...groups].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  const note: GraphNode = { id: self, type: 'note', label: noteName(path), path, line: 0, folder: dirname(path), tags: [...tags].sort() };
  if (group) note.group = group;
  if (model.frontmatter?.aliases.length) note.aliases = [...model.frontmatter.aliases];

  return { path, note, edges: [...edges.values()], tags: [...tags], attachments: [...attachments], concepts };
}

/** The node of an attachment some note refers to. */
export function attachmentNode(path: string): GraphNode {
  return { id: fileNodeId(path), type: 'attachment', label: basename(path), path, folder: dirname(path) };
}

export function tagNode(tag: string): GraphNode {
  return { id: tagNodeId(tag), type: 'tag', label: `#${tag}` };
}
