import * as path from 'node:path';
import { loadTaxonomy } from '../../../src/core/concepts/loadTaxonomy';
import { ConceptGraph } from '../../../src/core/graph/conceptGraph';
import type { GraphSnapshot } from '../../../src/core/graph/graphTypes';
import { parseNote } from '../../../src/core/parse/parseNote';
import { loadVault } from '../../../src/core/vault/loadVault';
import { MemoryVault } from '../../../src/core/vault/memoryVault';
import { VaultIndex } from '../../../src/core/vault/vaultIndex';
import { NodeVaultFs } from '../../../src/server/nodeVaultFs';

export const SAMPLE_VAULT = path.resolve(__dirname, '../../../sample-vault');
export const SAMPLE_NOTE = 'Multimodal Machine Learning.md';

/** An index of inline files. */
export async function memoryIndex(files: Record<string, string>): Promise<VaultIndex> {
  const index = new VaultIndex(parseNote);
  await loadVault(new MemoryVault(files), index);
  return index;
}

/** The index of the sample vault, read the way the server reads it. */
export async function sampleIndex(): Promise<VaultIndex> {
  const index = new VaultIndex(parseNote);
  await loadVault(new NodeVaultFs(SAMPLE_VAULT, () => []), index);
  return index;
}

/** A built graph over an index, with the built-in taxonomy (plus a concepts file when given). */
export function graphOf(index: VaultIndex, conceptsFile?: string): ConceptGraph {
  const g = new ConceptGraph(index, { taxonomy: loadTaxonomy(conceptsFile).taxonomy });
  g.build();
  index.onDidChange((c) => g.applyChange(c));
  return g;
}

/** Edges as `type source → target` strings, sorted, for readable assertions. */
export function edgeStrings(s: GraphSnapshot, filter: (e: GraphSnapshot['edges'][number]) => boolean = () => true): string[] {
  return s.edges.filter(filter).map((e) => `${e.type} ${e.source} → ${e.target}`).sort();
}

/** A snapshot in a canonical order, to compare two graphs. */
export function canonical(s: GraphSnapshot): { nodes: unknown[]; edges: unknown[] } {
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  return { nodes: [...s.nodes].sort(byId), edges: [...s.edges].sort(byId) };
}
