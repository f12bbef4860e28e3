import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadTaxonomy } from '../core/concepts/loadTaxonomy';
import { CONCEPTS_FILE } from '../core/concepts/taxonomyFile';
import { ConceptGraph } from '../core/graph/conceptGraph';
import type { GraphNode, GraphSnapshot } from '../core/graph/graphTypes';
import { openVault, UsageError } from './openVault';

/**
 * `mmnotes graph [vault] [--json]`: the concept graph the panel shows.
 * `--json` prints every node (type, label, `path:line`, 1-based as
 * compilers print them) and every typed edge, for scripts; without it, the
 * taxonomy as an indented tree with where each concept is defined.
 * Problems of `.mmnotes/concepts.yaml` go to stderr as `path:line:col:`.
 */
export async function runGraph(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const rest = args.filter((a) => a !== '--json');
  const unknown = rest.find((a) => a.startsWith('-'));
  if (unknown) throw new UsageError(`unknown option '${unknown}' for graph`);
  if (rest.length > 1) throw new UsageError('graph takes at most one vault folder');

  const vault = await openVault(rest[0]);
  let conceptsText: string | undefined;
  try {
    conceptsText = readFileSync(path.join(vault.root, ...CONCEPTS_FILE.split('/')), 'utf8');
  } catch {
    conceptsText = undefined; // no concepts file: the built-in taxonomy alone
  }
  const { taxonomy, problems } = loadTaxonomy(conceptsText);
  for (const p of problems) {
    process.stderr.write(`${CONCEPTS_FILE}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.severity}: ${p.message}\n`);
  }
  const graph = new ConceptGraph(vault.index, { taxonomy });
  graph.build();
  const snapshot = graph.snapshot();

  if (json) {
    const node = ({ path: p, line, ...rest }: GraphNode) => (p !== undefined ? { ...rest, path: p, line: (line ?? 0) + 1, location: `${p}:${(line ?? 0) + 1}` } : rest);
    const out = {
      vault: vault.root,
      nodes: snapshot.nodes.map(node),
      edges: snapshot.edges.map((e) => ({ type: e.type, source: e.source, target: e.target, ...(e.line !== undefined ? { line: e.line + 1 } : {}), ...(e.weight && e.weight > 1 ? { weight: e.weight } : {}), ...(e.origin ? { origin: e.origin } : {}) })),
      problems: problems.map((p) => ({ path: CONCEPTS_FILE, line: p.range.start.line + 1, column: p.range.start.character + 1, severity: p.severity, code: p.code, message: p.message })),
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    printTree(snapshot);
  }
  return 0;
}

function printTree(s: GraphSnapshot): void {
  const concepts = s.nodes.filter((n) => n.type === 'concept');
  const byId = new Map(concepts.map((n) => [n.id, n]));
  const children = new Map<string, GraphNode[]>();
  const roots: GraphNode[] = [];
  for (const n of concepts) {
    if (n.parent && byId.has(n.parent)) children.set(n.parent, [...(children.get(n.parent) ?? []), n]);
    else roots.push(n);
  }
  const seen = new Set<string>();
  const print = (n: GraphNode, depth: number) => {
    if (seen.has(n.id)) return;
    seen.add(n.id);
    const where = n.path !== undefined ? `  ${n.definedIn ? 'defined' : 'mentioned'} ${n.path}:${(n.line ?? 0) + 1}` : '';
    const counts = n.definedIn || n.mentionedIn ? `  (${n.definedIn ?? 0} def, ${n.mentionedIn ?? 0} mentions)` : '';
    process.stdout.write(`${'  '.repeat(depth)}${n.known ? '' : '+ '}${n.label}${where}${counts}\n`);
    for (const c of children.get(n.id) ?? []) print(c, depth + 1);
  };
  for (const r of roots.sort((a, b) => Number(!a.known) - Number(!b.known))) print(r, 0);
  const count = (t: string) => s.nodes.filter((n) => n.type === t).length;
  process.stderr.write(`${count('note')} notes, ${count('concept')} concepts (+ = not in the taxonomy), ${s.edges.length} edges\n`);
}
