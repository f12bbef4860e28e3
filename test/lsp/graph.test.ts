import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { GraphStore } from '../../src/core/graph/graphStore';
import type { GraphDiff, GraphResult } from '../../src/protocol/graph';
import { LspSession } from './support/lspSession';

const VAULT = path.resolve(__dirname, '../../sample-vault');
const read = (p: string) => readFileSync(path.join(VAULT, p), 'utf8');
const SAMPLE = 'Multimodal Machine Learning.md';

async function until<T>(what: string, probe: () => T | undefined, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('lsp: concept graph', function () {
  this.timeout(30000);
  let s: LspSession;
  const store = new GraphStore();

  before(async () => {
    s = await LspSession.start({
      [SAMPLE]: read(SAMPLE),
      'Core Challenges.md': read('Core Challenges.md'),
      'Modalities.md': read('Modalities.md'),
      '.mmnotes/concepts.yaml': 'concepts:\n  - name: Contrastive learning\n    parent: Coordination\n',
    });
  });
  after(async () => s?.close());

  /** Applies every graph diff received so far to the store. */
  function applyDiffs(): void {
    for (const d of s.notifications('mmnotes/graphChanged') as GraphDiff[]) store.apply(d);
  }

  it('serves the graph with the sample note defining the taxonomy concepts', async () => {
    const g = await s.request<GraphResult>('mmnotes/graph', {});
    store.load(g);
    const fusion = g.nodes.find((n) => n.id === 'concept:fusion')!;
    assert.equal(fusion.path, SAMPLE);
    assert.equal(read(SAMPLE).split('\n')[fusion.line!].includes('==Fusion=='), true);
    assert.equal(fusion.parent, 'concept:representation');
    assert.ok(g.edges.some((e) => e.id === `defines|note:${SAMPLE}|concept:association`));
    assert.ok(g.edges.some((e) => e.id === 'sub-concept-of|concept:contrastive-learning|concept:coordination'), 'the vault file extends the taxonomy');
    assert.equal(g.rootUri, s.uri('').replace(/\/$/, ''));
    assert.equal(g.conceptProblems, 0);
  });

  it('serves only the node types asked for', async () => {
    const g = await s.request<GraphResult>('mmnotes/graph', { include: ['concept'] });
    assert.ok(g.nodes.length > 30);
    assert.ok(g.nodes.every((n) => n.type === 'concept'));
    assert.ok(g.edges.every((e) => e.type === 'sub-concept-of'));
  });

  it('sends a throttled diff when a definition is edited, not the whole graph', async () => {
    const text = read(SAMPLE);
    s.open(SAMPLE, text);
    for (let i = 1; i <= 5; i++) s.change(SAMPLE, text.replace('==Fusion==: Where', `==Fusion==: ${'Really '.repeat(i)}where`));
    await until('the last edit in the graph', () => {
      applyDiffs();
      return /^(Really ){5}where/.test(store.nodes.get('concept:fusion')!.definition!) ? true : undefined;
    });
    const diffs = s.notifications('mmnotes/graphChanged') as GraphDiff[];
    assert.ok(diffs.length <= 3, `${diffs.length} diffs for 5 keystrokes`);
    for (const d of diffs) assert.ok(d.upsertNodes.length + d.upsertEdges.length < 10, 'a diff carries what changed, not the graph');
  });

  it('puts a diagnostic on a concepts file with a cycle, and recovers when it is fixed', async () => {
    const uri = s.uri('.mmnotes/concepts.yaml');
    s.writeFile('.mmnotes/concepts.yaml', 'concepts:\n  - name: A\n    parent: B\n  - name: B\n    parent: A\n');
    const bad = await until('a diagnostic on the concepts file', () =>
      (s.notifications('textDocument/publishDiagnostics') as PublishDiagnosticsParams[]).find((p) => p.uri === uri && p.diagnostics.length > 0),
    );
    assert.match(bad.diagnostics[0].message, /Parent cycle: A → B → A/);
    assert.equal(bad.diagnostics[0].range.start.line, 2);

    s.writeFile('.mmnotes/concepts.yaml', 'concepts:\n  - name: Late fusion\n    parent: Fusion\n');
    await until('the diagnostic to clear', () => {
      const all = (s.notifications('textDocument/publishDiagnostics') as PublishDiagnosticsParams[]).filter((p) => p.uri === uri);
      return all[all.length - 1]?.diagnostics.length === 0 ? true : undefined;
    });
    await until('the new concept', () => {
      applyDiffs();
      return store.nodes.get('concept:late-fusion');
    });
    const g = await s.request<GraphResult>('mmnotes/graph', {});
    assert.ok(g.nodes.some((n) => n.id === 'concept:fusion'), 'the built-in taxonomy still works');
    assert.ok(!g.nodes.some((n) => n.id === 'concept:contrastive-learning'));
  });

  it('removes a deleted note from the graph', async () => {
    s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: s.uri('Modalities.md'), type: 3 }] });
    await until('the note to go', () => {
      applyDiffs();
      return store.nodes.has('note:Modalities.md') ? undefined : true;
    });
    assert.ok(![...store.edges.values()].some((e) => e.source === 'note:Modalities.md' || e.target === 'note:Modalities.md'));
  });
});
