import type { GraphNode } from './graphTypes';

/**
 * Nodes matching a search, best first: exact label or alias, then prefix,
 * then a word of it starting with the query, then anywhere; concepts before
 * notes at equal quality, then the more connected. Case-insensitive.
 */
export function searchNodes(nodes: readonly GraphNode[], query: string, limit = 20, degree?: (i: number) => number): { node: GraphNode; index: number }[] {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return [];
  const scored: { node: GraphNode; index: number; score: number }[] = [];
  nodes.forEach((node, index) => {
    let best = Infinity;
    for (const name of [node.label, ...(node.aliases ?? [])]) {
      const s = name.toLocaleLowerCase();
      const score = s === q ? 0 : s.startsWith(q) ? 1 : s.includes(' ' + q) || s.includes('-' + q) || s.includes('/' + q) ? 2 : s.includes(q) ? 3 : Infinity;
      best = Math.min(best, score);
    }
    if (best < Infinity) scored.push({ node, index, score: best * 10 + (node.type === 'concept' ? 0 : node.type === 'note' ? 1 : 2) });
  });
  scored.sort((a, b) => a.score - b.score || (degree ? degree(b.index) - degree(a.index) : 0) || a.node.label.localeCompare(b.node.label));
  return scored.slice(0, limit).map(({ node, index }) => ({ node, index }));
}
