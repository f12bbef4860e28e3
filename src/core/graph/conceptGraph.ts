import { cardTermExtractor, type TermExtractor } from '../concepts/definedTerms';
import type { ConceptDefinition, ConceptMention } from '../concepts/extractConcepts';
import type { Taxonomy } from '../concepts/taxonomy';
import type { IndexChange, VaultIndex } from '../vault/vaultIndex';
import { attachmentNode, noteContribution, tagNode, type NoteContribution } from './noteContribution';
import { Ranked } from './ranked';
import { conceptNodeId, edgeId, fileNodeId, noteNodeId, tagNodeId, type GraphDiff, type GraphEdge, type GraphNode, type GraphNodeType, type GraphSnapshot } from './graphTypes';

export interface ConceptGraphOptions {
  taxonomy: Taxonomy;
  /** What a defined term is (default: the flashcard definition rules). */
  terms?: TermExtractor;
}

const RANK = { term: 0, heading: 1, title: 2 } as const;

/**
 * The graph model: notes, concepts, tags and attachments with typed edges,
 * built from the vault index and kept up to date one note at a time. Each
 * note's share (its NoteContribution) is replaced whole when the note
 * changes; shared nodes (concepts, tags, attachments) are re-derived only
 * when a contribution touching them changed. Changes accumulate until
 * takeDiff(), so a host can throttle what it sends.
 */
export class ConceptGraph {
  private taxonomy: Taxonomy;
  private readonly terms: TermExtractor;
  private readonly contributions = new Map<string, NoteContribution>();
  private readonly nodes = new Map<string, GraphNode>();
  private readonly edges = new Map<string, { edge: GraphEdge; refs: number }>();
  private readonly definers = new Map<string, Ranked<ConceptDefinition>>();
  private readonly mentioners = new Map<string, Ranked<ConceptMention>>();
  private readonly nestedUnder = new Map<string, Ranked<string>>();
  private readonly refs = new Map<string, number>();
  private readonly dirty = new Set<string>();
  private readonly pendingNodes = new Map<string, GraphNode | null>();
  private readonly pendingEdges = new Map<string, GraphEdge | null>();
  private taxonomyEdges: GraphEdge[] = [];
  private currentVersion = 0;

  constructor(
    private readonly index: VaultIndex,
    options: ConceptGraphOptions,
  ) {
    this.taxonomy = options.taxonomy;
    this.terms = options.terms ?? cardTermExtractor;
  }

  get version(): number {
    return this.currentVersion;
  }

  get nodeCount(): number {
    return this.nodes.size;
  }

  get edgeCount(): number {
    return this.edges.size;
  }

  /** Builds the whole graph from the index; what was pending is folded into the new version. */
  build(): void {
    this.setTaxonomy(this.taxonomy);
    this.flush();
    this.pendingNodes.clear();
    this.pendingEdges.clear();
    this.currentVersion++;
  }

  /** Swaps the taxonomy (the vault's concepts file changed): every note is re-read against it. */
  setTaxonomy(taxonomy: Taxonomy): void {
    for (const c of this.taxonomy.all()) this.dirty.add(conceptNodeId(c.id));
    this.taxonomy = taxonomy;
    for (const c of taxonomy.all()) this.dirty.add(conceptNodeId(c.id));
    const next = [...taxonomy.all()]
      .filter((c) => c.parent)
      .map((c): GraphEdge => {
        const [s, t] = [conceptNodeId(c.id), conceptNodeId(c.parent!)];
        return { id: edgeId('sub-concept-of', s, t), type: 'sub-concept-of', source: s, target: t, origin: 'taxonomy' };
      });
    this.swapEdges(this.taxonomyEdges, next);
    this.taxonomyEdges = next;
    this.update([...new Set([...this.contributions.keys(), ...[...this.index.allNotes()].map((n) => n.path)])]);
  }

  /** Follows an index change: only the affected notes are recomputed. */
  applyChange(change: IndexChange): void {
    const paths = new Set(change.affected);
    // A deleted note is not among `affected` (nothing of it is left to refresh); names changing is the hint to look.
    if (change.namesChanged) for (const p of this.contributions.keys()) if (!this.index.getNote(p)) paths.add(p);
    this.update(paths);
  }

  /** Recomputes the contributions of these notes (removing those that left the index). */
  update(paths: Iterable<string>): void {
    for (const path of paths) {
      const old = this.contributions.get(path);
      const entry = this.index.getNote(path);
      const next = entry ? noteContribution(entry, this.taxonomy, this.terms) : undefined;
      if (old) this.unregister(old);
      if (next) this.register(next);
      this.swapEdges(old?.edges ?? [], next?.edges ?? []);
      if (next) this.contributions.set(path, next);
      else this.contributions.delete(path);
      this.dirty.add(noteNodeId(path));
    }
  }

  /** The current graph, optionally only some node types (and the edges between them). */
  snapshot(include?: readonly GraphNodeType[]): GraphSnapshot {
    this.flush();
    const keep = include ? new Set(include) : undefined;
    const nodes = [...this.nodes.values()].filter((n) => !keep || keep.has(n.type));
    const ids = keep ? new Set(nodes.map((n) => n.id)) : undefined;
    const edges: GraphEdge[] = [];
    for (const { edge } of this.edges.values()) if (!ids || (ids.has(edge.source) && ids.has(edge.target))) edges.push(edge);
    return { version: this.currentVersion, nodes, edges };
  }

  node(id: string): GraphNode | undefined {
    this.flush();
    return this.nodes.get(id);
  }

  /** What changed since the last call (undefined when nothing did); bumps the version. */
  takeDiff(): GraphDiff | undefined {
    this.flush();
    if (this.pendingNodes.size === 0 && this.pendingEdges.size === 0) return undefined;
    const diff: GraphDiff = { from: this.currentVersion, to: this.currentVersion + 1, upsertNodes: [], removeNodes: [], upsertEdges: [], removeEdges: [] };
    for (const [id, n] of this.pendingNodes) n ? diff.upsertNodes.push(n) : diff.removeNodes.push(id);
    for (const [id, e] of this.pendingEdges) e ? diff.upsertEdges.push(e) : diff.removeEdges.push(id);
    this.pendingNodes.clear();
    this.pendingEdges.clear();
    this.currentVersion++;
    return diff;
  }

  private register(c: NoteContribution): void {
    for (const d of c.concepts.defines) this.aggregate(this.definers, d.conceptId, c.path, d, betterDefinition);
    for (const m of c.concepts.mentions) this.aggregate(this.mentioners, m.conceptId, c.path, m, betterMention);
    for (const p of c.concepts.parents) this.aggregate(this.nestedUnder, p.child, c.path, p.parent, byPath);
    for (const t of c.tags) this.ref(tagNodeId(t), 1);
    for (const a of c.attachments) this.ref(fileNodeId(a), 1);
  }

  private unregister(c: NoteContribution): void {
    for (const d of c.concepts.defines) this.aggregate(this.definers, d.conceptId, c.path, undefined, betterDefinition);
    for (const m of c.concepts.mentions) this.aggregate(this.mentioners, m.conceptId, c.path, undefined, betterMention);
    for (const p of c.concepts.parents) this.aggregate(this.nestedUnder, p.child, c.path, undefined, byPath);
    for (const t of c.tags) this.ref(tagNodeId(t), -1);
    for (const a of c.attachments) this.ref(fileNodeId(a), -1);
  }

  private aggregate<T>(map: Map<string, Ranked<T>>, conceptId: string, path: string, value: T | undefined, better: (pa: string, a: T, pb: string, b: T) => boolean): void {
    let per = map.get(conceptId);
    if (value !== undefined) {
      if (!per) map.set(conceptId, (per = new Ranked(better)));
      per.set(path, value);
    } else if (per) {
      per.delete(path);
      if (per.size === 0) map.delete(conceptId);
    }
    this.dirty.add(conceptNodeId(conceptId));
  }

  private ref(nodeId: string, delta: number): void {
    const n = (this.refs.get(nodeId) ?? 0) + delta;
    if (n > 0) this.refs.set(nodeId, n);
    else this.refs.delete(nodeId);
    this.dirty.add(nodeId);
  }

  /** Replaces one owner's edges, touching only those that differ (a keystroke resends nothing unchanged). */
  private swapEdges(before: readonly GraphEdge[], after: readonly GraphEdge[]): void {
    const next = new Map(after.map((e) => [e.id, e]));
    for (const e of before) {
      const n = next.get(e.id);
      if (n && sameJson(n, e)) next.delete(e.id);
      else this.unrefEdge(e.id);
    }
    for (const e of next.values()) this.refEdge(e);
  }

  private refEdge(edge: GraphEdge): void {
    const slot = this.edges.get(edge.id);
    if (slot) slot.refs++;
    else {
      this.edges.set(edge.id, { edge, refs: 1 });
      this.pendingEdges.set(edge.id, edge);
    }
  }

  private unrefEdge(id: string): void {
    const slot = this.edges.get(id);
    if (!slot) return;
    if (--slot.refs > 0) return;
    this.edges.delete(id);
    this.pendingEdges.set(id, null);
  }

  /** Re-derives every dirty node and records those that really changed. */
  private flush(): void {
    for (const id of this.dirty) {
      const node = this.derive(id);
      const old = this.nodes.get(id);
      if (node && old && sameJson(node, old)) continue;
      if (node) this.nodes.set(id, node);
      else if (old) this.nodes.delete(id);
      else continue;
      this.pendingNodes.set(id, node ?? null);
    }
    this.dirty.clear();
  }

  private derive(id: string): GraphNode | undefined {
    const colon = id.indexOf(':');
    const [kind, key] = [id.slice(0, colon), id.slice(colon + 1)];
    if (kind === 'note') return this.contributions.get(key)?.note;
    if (kind === 'tag') return this.refs.has(id) ? tagNode(key) : undefined;
    if (kind === 'file') return this.refs.has(id) ? attachmentNode(key) : undefined;
    return this.conceptNode(key);
  }

  private conceptNode(id: string): GraphNode | undefined {
    const t = this.taxonomy.get(id);
    const defs = this.definers.get(id);
    if (!t && !defs?.size) return undefined;
    // The strongest source wins, then the fuller definition (see betterDefinition); without one,
    // the place to open is where a note lists it, else where it is named most (betterMention).
    const best = defs?.best();
    const mentions = this.mentioners.get(id);
    const mention = best ? undefined : mentions?.best();
    const nestedParent = this.nestedUnder.get(id)?.best()?.[1];
    const parent = t?.parent ?? nestedParent;
    const node: GraphNode = { id: conceptNodeId(id), type: 'concept', label: t?.name ?? best![1].label, known: !!t, definedIn: defs?.size ?? 0, mentionedIn: mentions?.size ?? 0 };
    const group = t ? t.group : parent ? this.taxonomy.get(parent)?.group : undefined;
    if (group) node.group = group;
    if (t) node.kind = t.kind;
    if (t?.description) node.description = t.description;
    const aliases = t ? t.aliases : best?.[1].aliases;
    if (aliases?.length) node.aliases = [...aliases];
    if (parent) node.parent = conceptNodeId(parent);
    const at = best ?? mention;
    if (at) [node.path, node.line] = [at[0], at[1].line];
    if (best?.[1].definition) node.definition = best[1].definition;
    return node;
  }
}

function betterDefinition(pa: string, a: ConceptDefinition, pb: string, b: ConceptDefinition): boolean {
  const ra = RANK[a.source];
  const rb = RANK[b.source];
  if (ra !== rb) return ra < rb;
  const la = a.definition?.length ?? 0;
  const lb = b.definition?.length ?? 0;
  return la !== lb ? la > lb : pa < pb;
}

function byPath(pa: string, _a: unknown, pb: string): boolean {
  return pa < pb;
}

function betterMention(pa: string, a: ConceptMention, pb: string, b: ConceptMention): boolean {
  if (!!a.listed !== !!b.listed) return !!a.listed;
  return a.count !== b.count ? a.count > b.count : pa < pb;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
