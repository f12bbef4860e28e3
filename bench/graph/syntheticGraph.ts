/**
 * A generated graph shaped like a large vault (for the browser benchmark):
 * a taxonomy of concepts under nine challenge/principle groups, notes in
 * folders, and the edge mix a real vault has — many links and mentions,
 * fewer definitions, a tree of sub-concepts. Seeded, so runs compare.
 */
import { conceptNodeId, edgeId, noteNodeId, type GraphEdge, type GraphEdgeType, type GraphNode, type GraphSnapshot } from '../../src/core/graph/graphTypes';

export function syntheticGraph(nodeCount = 10000, edgeCount = 40000, seed = 42): GraphSnapshot {
  let s = seed >>> 0;
  const rand = () => ((s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x9e3779b9) >>> 0) / 2 ** 32);
  const pick = <T>(a: T[]) => a[Math.floor(rand() * a.length)];

  const groups = ['representation', 'alignment', 'reasoning', 'generation', 'transference', 'quantification', 'modality-properties', 'connections', 'interaction'];
  const concepts: GraphNode[] = groups.map((g) => ({ id: conceptNodeId(g), type: 'concept', label: g[0].toUpperCase() + g.slice(1), group: g, kind: 'challenge', known: true }));
  const conceptCount = Math.round(nodeCount * 0.1);
  const edges = new Map<string, GraphEdge>();
  const add = (type: GraphEdgeType, source: string, target: string) => {
    const id = edgeId(type, source, target);
    if (source !== target && !edges.has(id)) edges.set(id, { id, type, source, target, weight: 1 });
  };
  while (concepts.length < conceptCount) {
    const parent = concepts[Math.floor(rand() * concepts.length)];
    const n: GraphNode = { id: conceptNodeId(`c${concepts.length}`), type: 'concept', label: `Concept ${concepts.length} ${pick(['fusion', 'grounding', 'alignment', 'attention', 'contrastive', 'tokens', 'diffusion'])}`, group: parent.group, known: rand() < 0.6, parent: parent.id, definition: 'A generated definition of moderate length, as a student would write it in a lecture note.' };
    concepts.push(n);
    add('sub-concept-of', n.id, parent.id);
  }
  const folders = Array.from({ length: 40 }, (_, i) => `course-${i % 8}/week-${i}`);
  const notes: GraphNode[] = [];
  for (let i = 0; notes.length < nodeCount - concepts.length; i++) {
    const folder = pick(folders);
    const path = `${folder}/Note ${i}.md`;
    notes.push({ id: noteNodeId(path), type: 'note', label: `Note ${i}`, path, line: 0, folder, tags: [pick(['lecture', 'paper', 'exercise'])], group: pick(groups) });
  }
  // Notes mostly link within their course folder and name the concepts of their own challenge,
  // as lecture notes do; a few hub notes collect links (preferential attachment).
  const byFolder = new Map<string, GraphNode[]>();
  for (const n of notes) byFolder.set(n.folder!, [...(byFolder.get(n.folder!) ?? []), n]);
  const byGroup = new Map<string, GraphNode[]>();
  for (const c of concepts) byGroup.set(c.group!, [...(byGroup.get(c.group!) ?? []), c]);
  const conceptFor = (n: GraphNode) => (rand() < 0.8 ? pick(byGroup.get(n.group!)!) : pick(concepts));
  const hubs: string[] = notes.slice(0, 50).map((n) => n.id);
  const budget = (share: number) => Math.round(edgeCount * share);
  for (const c of concepts.slice(groups.length)) add('defines', pick(notes.filter((n) => n.group === c.group).slice(0, 200)).id, c.id);
  while (edges.size < budget(0.1) + concepts.length) {
    const n = pick(notes);
    add('defines', n.id, conceptFor(n).id);
  }
  while (edges.size < budget(0.5)) {
    const n = pick(notes);
    add('mentions', n.id, conceptFor(n).id);
  }
  while (edges.size < edgeCount) {
    const from = pick(notes);
    const r = rand();
    const to = r < 0.7 ? pick(byFolder.get(from.folder!)!).id : r < 0.85 ? pick(hubs) : pick(notes).id;
    add('links-to', from.id, to);
    if (r >= 0.7) hubs.push(to);
  }
  return { version: 1, nodes: [...concepts, ...notes], edges: [...edges.values()] };
}
