import * as assert from 'node:assert/strict';
import { searchNodes } from '../../../src/core/graph/graphSearch';
import { edgeId, type GraphEdge, type GraphEdgeType, type GraphNode } from '../../../src/core/graph/graphTypes';
import { visibleGraph, type ViewFilter } from '../../../src/core/graph/graphView';
import { graphHtml } from '../../../src/extension/graph/graphHtml';

const ALL: ViewFilter = { hiddenNodeTypes: [], hiddenEdgeTypes: [], folder: '', tag: '', group: '', local: false, depth: 1 };

const note = (path: string, extra: Partial<GraphNode> = {}): GraphNode => ({ id: `note:${path}`, type: 'note', label: path.replace(/\.md$/, ''), path, folder: path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '', tags: [], ...extra });
const concept = (id: string, group?: string, extra: Partial<GraphNode> = {}): GraphNode => ({ id: `concept:${id}`, type: 'concept', label: id, group, known: true, ...extra });
const edge = (type: GraphEdgeType, source: string, target: string): GraphEdge => ({ id: edgeId(type, source, target), type, source, target });

const NODES = [
  note('a.md', { tags: ['lecture'] }),
  note('week1/b.md'),
  note('week1/c.md', { tags: ['lecture/ml'] }),
  concept('fusion', 'representation', { aliases: ['Joint representation'] }),
  concept('alignment', 'alignment'),
  { id: 'tag:lecture', type: 'tag', label: '#lecture' } as GraphNode,
];
const EDGES = [
  edge('links-to', 'note:a.md', 'note:week1/b.md'),
  edge('links-to', 'note:week1/b.md', 'note:week1/c.md'),
  edge('defines', 'note:a.md', 'concept:fusion'),
  edge('mentions', 'note:week1/c.md', 'concept:alignment'),
  edge('tagged', 'note:a.md', 'tag:lecture'),
];
const map = new Map(NODES.map((n) => [n.id, n]));
const ids = (f: Partial<ViewFilter>, focus?: string) => visibleGraph(map, EDGES, { ...ALL, ...f }, focus).nodes.map((n) => n.id).sort();

describe('graph view: filters and the local graph', () => {
  it('hides node and edge types', () => {
    assert.deepEqual(ids({ hiddenNodeTypes: ['tag', 'concept'] }), ['note:a.md', 'note:week1/b.md', 'note:week1/c.md']);
    const v = visibleGraph(map, EDGES, { ...ALL, hiddenEdgeTypes: ['links-to'] }, undefined);
    assert.deepEqual([...v.linkTypes].sort(), ['defines', 'mentions', 'tagged']);
  });

  it('keeps a folder (and below), with the concepts its notes reach', () => {
    assert.deepEqual(ids({ folder: 'week1' }), ['concept:alignment', 'note:week1/b.md', 'note:week1/c.md']);
  });

  it('filters by tag, nested tags included', () => {
    assert.deepEqual(ids({ tag: 'lecture', hiddenNodeTypes: ['tag'] }), ['concept:alignment', 'concept:fusion', 'note:a.md', 'note:week1/c.md']);
  });

  it('filters by challenge, keeping the notes that define or mention its concepts', () => {
    assert.deepEqual(ids({ group: 'representation' }), ['concept:fusion', 'note:a.md']);
  });

  it('shows the neighbourhood of the focus up to a depth', () => {
    assert.deepEqual(ids({ local: true, depth: 1 }, 'note:week1/b.md'), ['note:a.md', 'note:week1/b.md', 'note:week1/c.md']);
    assert.deepEqual(ids({ local: true, depth: 2 }, 'note:week1/b.md'), ['concept:alignment', 'concept:fusion', 'note:a.md', 'note:week1/b.md', 'note:week1/c.md', 'tag:lecture']);
  });

  it('asks for a focus in local mode without one', () => {
    const v = visibleGraph(map, EDGES, { ...ALL, local: true }, undefined);
    assert.equal(v.nodes.length, 0);
    assert.match(v.notice!, /open a note/);
  });

  it('falls back to the local graph with a message when the whole graph is too large', () => {
    const v = visibleGraph(map, EDGES, ALL, 'note:a.md', { maxNodes: 3, maxEdges: 100 });
    assert.match(v.notice!, /too large to draw whole \(6 nodes, 5 edges\)/);
    assert.deepEqual(v.nodes.map((n) => n.id).sort(), ['concept:fusion', 'note:a.md', 'note:week1/b.md', 'tag:lecture']);
    assert.equal(v.focus, 'note:a.md');
  });
});

describe('graph view: search', () => {
  it('ranks exact, prefix, word and substring matches, concepts first', () => {
    const nodes = [note('Fusion notes.md'), concept('late fusion'), concept('fusion'), concept('confusion'), note('week1/b.md')];
    assert.deepEqual(searchNodes(nodes, 'Fusion').map((r) => r.node.label), ['fusion', 'Fusion notes', 'late fusion', 'confusion']);
  });

  it('finds aliases', () => {
    assert.deepEqual(searchNodes(NODES, 'joint').map((r) => r.node.id), ['concept:fusion']);
  });
});

describe('graph panel page', () => {
  const html = graphHtml({ cspSource: 'https://x.example', nonce: 'N0NCE', scriptUri: 'https://x.example/graph.js' });
  it('has a strict CSP: nonce scripts and styles, no inline or eval, blob workers only', () => {
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(html)![1];
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-N0NCE' https:\/\/x\.example/);
    assert.match(csp, /style-src 'nonce-N0NCE'/);
    assert.match(csp, /worker-src blob:/);
    assert.doesNotMatch(csp, /unsafe/);
    assert.match(html, /<script nonce="N0NCE" src="https:\/\/x\.example\/graph\.js">/);
  });
});

describe('graph webview: text stays text', () => {
  it('never writes markup from data (no innerHTML, outerHTML, insertAdjacentHTML, document.write)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const path = await import('node:path');
    for (const dir of ['src/webview/graph', 'src/extension/graph']) {
      const abs = path.resolve(__dirname, '../../..', dir);
      for (const f of readdirSync(abs).filter((x) => x.endsWith('.ts'))) {
        assert.doesNotMatch(readFileSync(path.join(abs, f), 'utf8'), /innerHTML|outerHTML|insertAdjacentHTML|document\.write/, `${dir}/${f}`);
      }
    }
  });
});
