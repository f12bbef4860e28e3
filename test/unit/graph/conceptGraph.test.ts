import * as assert from 'node:assert/strict';
import { loadTaxonomy } from '../../../src/core/concepts/loadTaxonomy';
import { GraphStore } from '../../../src/core/graph/graphStore';
import { ConceptGraph } from '../../../src/core/graph/conceptGraph';
import { canonical, edgeStrings, graphOf, memoryIndex, SAMPLE_NOTE, sampleIndex } from './graphFixtures';

describe('concept graph: the sample vault', () => {
  it('shows the taxonomy with the sample note defining its concepts', async () => {
    const g = graphOf(await sampleIndex());
    const s = g.snapshot();
    const sub = edgeStrings(s, (e) => e.type === 'sub-concept-of');
    for (const child of ['representation', 'alignment', 'reasoning', 'generation', 'transference', 'quantification']) {
      assert.ok(sub.includes(`sub-concept-of concept:${child} → concept:core-challenges`), child);
    }
    for (const child of ['fusion', 'coordination', 'fission']) assert.ok(sub.includes(`sub-concept-of concept:${child} → concept:representation`));
    for (const child of ['association', 'correspondence']) assert.ok(sub.includes(`sub-concept-of concept:${child} → concept:connections`));

    const defines = edgeStrings(s, (e) => e.type === 'defines' && e.source === `note:${SAMPLE_NOTE}`).map((x) => x.split('concept:')[1]);
    for (const id of ['connections', 'association', 'correspondence', 'interaction', 'representation', 'fusion', 'coordination', 'fission', 'alignment', 'reasoning', 'generation', 'transference', 'quantification']) {
      assert.ok(defines.includes(id), id);
    }
  });

  it('gives each concept its definition, defining note and line, and counts', async () => {
    const g = graphOf(await sampleIndex());
    const fusion = g.node('concept:fusion')!;
    assert.equal(fusion.path, SAMPLE_NOTE);
    assert.equal(fusion.line, 80);
    assert.match(fusion.definition!, /^Where the number of input modalities is larger/);
    assert.equal(fusion.group, 'representation');
    assert.equal(fusion.parent, 'concept:representation');
    assert.equal(g.node('concept:association')!.aliases!.includes('Co-occurrence'), true);
    assert.equal(g.node('concept:representation')!.definedIn, 2);
  });

  it('links notes, embeds attachments and tags notes', async () => {
    const s = graphOf(await sampleIndex()).snapshot();
    const e = edgeStrings(s, (x) => x.source === 'note:Core Challenges.md' && x.type !== 'defines' && x.type !== 'mentions');
    assert.deepEqual(e, [
      'embeds note:Core Challenges.md → file:attachments/Pasted image 20240612135341.png',
      'links-to note:Core Challenges.md → note:Modalities.md',
      'links-to note:Core Challenges.md → note:Multimodal Machine Learning.md',
      'tagged note:Core Challenges.md → tag:ml/multimodal',
    ]);
    assert.equal(s.nodes.find((n) => n.id === 'file:attachments/Pasted image 20240612135341.png')!.type, 'attachment');
  });
});

describe('concept graph: incremental updates', () => {
  const FILES = {
    'a.md': '==Fusion==: joining modalities.\n\n- ==Fusion==\n\t- ==Late fusion==: at the decision level.\n\nSee [[b]].\n',
    'b.md': '# B\n\nFusion is mentioned here. #topic\n',
  };

  async function setup() {
    const index = await memoryIndex(FILES);
    const g = graphOf(index);
    const store = new GraphStore();
    store.load(g.snapshot());
    return { index, g, store };
  }

  /** After any sequence of changes, the diffs applied to a copy equal a graph built from scratch. */
  async function assertDiffsMatchRebuild(index: Awaited<ReturnType<typeof memoryIndex>>, g: ConceptGraph, store: GraphStore) {
    const diff = g.takeDiff();
    if (diff) assert.equal(store.apply(diff), 'applied');
    const fresh = new ConceptGraph(index, { taxonomy: loadTaxonomy(undefined).taxonomy });
    fresh.build();
    assert.deepEqual(canonical(store.snapshot()), canonical({ ...fresh.snapshot(), version: store.version }));
  }

  it('sends nothing when a keystroke changes nothing the graph shows', async () => {
    const { index, g } = await setup();
    index.setNote('b.md', FILES['b.md'] + '\nMore words.\n');
    assert.equal(g.takeDiff(), undefined);
  });

  it('updates a concept when its definition is edited', async () => {
    const { index, g, store } = await setup();
    index.setNote('a.md', FILES['a.md'].replace('joining modalities', 'combining modalities'));
    const diff = g.takeDiff()!;
    assert.deepEqual(diff.upsertNodes.map((n) => n.id), ['concept:fusion']);
    assert.equal(diff.upsertNodes[0].definition, 'combining modalities.');
    assert.deepEqual(diff.removeNodes, []);
    assert.equal(store.apply(diff), 'applied');
    await assertDiffsMatchRebuild(index, g, store);
  });

  it('removes a term only its note defined when the definition is deleted', async () => {
    const { index, g, store } = await setup();
    assert.ok(g.node('concept:term:late-fusion'));
    assert.equal(g.node('concept:term:late-fusion')!.parent, 'concept:fusion');
    index.setNote('a.md', '==Fusion==: joining modalities.\n');
    const diff = g.takeDiff()!;
    assert.ok(diff.removeNodes.includes('concept:term:late-fusion'));
    assert.ok(diff.removeEdges.includes('sub-concept-of|concept:term:late-fusion|concept:fusion'));
    store.apply(diff);
    await assertDiffsMatchRebuild(index, g, store);
  });

  it('removes a deleted note, its edges and the tags no other note uses', async () => {
    const { index, g, store } = await setup();
    index.deleteFile('b.md');
    const diff = g.takeDiff()!;
    assert.deepEqual(diff.removeNodes.sort(), ['note:b.md', 'tag:topic']);
    assert.ok(diff.removeEdges.includes('links-to|note:a.md|note:b.md'));
    assert.ok(diff.removeEdges.includes('mentions|note:b.md|concept:fusion'));
    store.apply(diff);
    await assertDiffsMatchRebuild(index, g, store);
  });

  it('adds a link edge when the missing target note is created, and follows renames', async () => {
    const { index, g, store } = await setup();
    index.setNote('c.md', 'Links to [[d]].\n');
    index.setNote('d.md', '# D\n');
    store.apply(g.takeDiff()!);
    assert.ok(store.edges.has('links-to|note:c.md|note:d.md'));
    index.renameFile('d.md', 'sub/e.md');
    store.apply(g.takeDiff()!);
    assert.ok(!store.nodes.has('note:d.md'));
    assert.equal(store.nodes.get('note:sub/e.md')!.folder, 'sub');
    await assertDiffsMatchRebuild(index, g, store);
  });

  it('re-reads every note when the taxonomy changes', async () => {
    const { index, g, store } = await setup();
    g.setTaxonomy(loadTaxonomy('concepts:\n  - name: Late fusion\n    parent: Fusion\n').taxonomy);
    const diff = g.takeDiff()!;
    assert.ok(diff.removeNodes.includes('concept:term:late-fusion'));
    assert.equal(diff.upsertNodes.find((n) => n.id === 'concept:late-fusion')!.known, true);
    store.apply(diff);
    assert.equal(store.apply(diff), 'stale');
    assert.ok(index.noteCount > 0);
  });

  it('tells a client that missed a diff to refetch', async () => {
    const { index, g, store } = await setup();
    index.setNote('a.md', '==Fusion==: v2.\n');
    g.takeDiff();
    index.setNote('a.md', '==Fusion==: v3.\n');
    assert.equal(store.apply(g.takeDiff()!), 'gap');
  });
});

describe('concept graph: the best entry of many', () => {
  it('keeps the best without rescanning, and finds the next when the best goes or gets worse', async () => {
    const { Ranked } = await import('../../../src/core/graph/ranked');
    const r = new Ranked<number>((pa, a, pb, b) => a > b || (a === b && pa < pb));
    for (const [p, v] of [['b', 2], ['a', 5], ['c', 5], ['d', 1]] as const) r.set(p, v);
    assert.deepEqual(r.best(), ['a', 5]);
    r.delete('a');
    r.set('a', 6); // re-added better: still the best
    assert.deepEqual(r.best(), ['a', 6]);
    r.delete('a');
    r.set('a', 1); // re-added worse: c takes over
    assert.deepEqual(r.best(), ['c', 5]);
    r.delete('c');
    r.set('b', 9);
    assert.deepEqual(r.best(), ['b', 9]);
    r.delete('b');
    r.delete('d');
    r.delete('a');
    assert.equal(r.best(), undefined);
  });
});
