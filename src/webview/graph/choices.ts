import type { GraphNode } from '../../core/graph/graphTypes';

/** The folders, tags and challenge groups the filters offer, from the whole graph (not only what is visible). */
export function filterChoices(nodes: Iterable<GraphNode>): { folders: string[]; tags: string[]; groups: [string, string][] } {
  const folders = new Set<string>();
  const tags = new Set<string>();
  const groups: [string, string][] = [];
  for (const n of nodes) {
    if (n.type === 'note') {
      folders.add(n.folder ?? '');
      for (const t of n.tags ?? []) tags.add(t);
    } else if (n.type === 'concept' && (n.kind === 'challenge' || n.kind === 'principle')) groups.push([n.id.slice('concept:'.length), n.label]);
  }
  return { folders: [...folders].sort(), tags: [...tags].sort(), groups: groups.sort((a, b) => a[1].localeCompare(b[1])) };
}
