/**
 * The graph model's cost in the server, at 1k, 5k and 10k generated notes:
 * building the whole graph (first request) and following one edit (what a
 * keystroke costs), which should not grow with the vault.
 *
 *   npx tsx bench/graph/serverBench.ts [1000,5000,10000]
 */
import { loadTaxonomy } from '../../src/core/concepts/loadTaxonomy';
import { ConceptGraph } from '../../src/core/graph/conceptGraph';
import { parseNote } from '../../src/core/parse/parseNote';
import { loadVault } from '../../src/core/vault/loadVault';
import { MemoryVault } from '../../src/core/vault/memoryVault';
import { VaultIndex } from '../../src/core/vault/vaultIndex';

const TERMS = ['Fusion', 'Coordination', 'Fission', 'Alignment', 'Co-learning', 'Discrete grounding', 'Modulation', 'Correspondence'];

function note(i: number, n: number): string {
  const links = [1, 7, 31].map((d) => `[[Note ${(i + d) % n}]]`).join(', ');
  return [
    `# Note ${i}`,
    '',
    `## ${TERMS[i % TERMS.length]}`,
    '',
    `- ==Term ${i}==: a definition that mentions fusion and alignment, see ${links}.`,
    `\t- ==Sub term ${i}==: nested under it, about co-learning. #course/week${i % 12}`,
    '',
    'Some running text about representation, correspondence and the element representations of a modality.',
  ].join('\n');
}

async function run(n: number): Promise<string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) files[`week${i % 12}/Note ${i}.md`] = note(i, n);
  const index = new VaultIndex(parseNote);
  await loadVault(new MemoryVault(files), index);
  const graph = new ConceptGraph(index, { taxonomy: loadTaxonomy(undefined).taxonomy });
  let t = performance.now();
  graph.build();
  const build = performance.now() - t;
  index.onDidChange((c) => graph.applyChange(c));
  const edits: number[] = [];
  for (let k = 0; k < 30; k++) {
    const path = `week${k % 12}/Note ${k}.md`;
    const text = files[path].replace('a definition', `definition v${k}`);
    t = performance.now();
    index.setNote(path, text);
    graph.takeDiff();
    edits.push(performance.now() - t);
  }
  edits.sort((a, b) => a - b);
  const s = graph.snapshot();
  return `| ${n} | ${s.nodes.length} | ${s.edges.length} | ${Math.round(build)} ms | ${edits[15].toFixed(1)} ms |`;
}

async function main(): Promise<void> {
  const sizes = (process.argv[2] ?? '1000,5000,10000').split(',').map(Number);
  process.stdout.write('| notes | nodes | edges | build graph | one edit (parse + index + graph + diff), median |\n|---|---|---|---|---|\n');
  for (const n of sizes) process.stdout.write((await run(n)) + '\n');
}

void main();
