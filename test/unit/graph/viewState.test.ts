// The concept graph panel's remembered view, read back after a window reload.
import * as assert from 'node:assert/strict';
import type { GraphViewState } from '../../../src/protocol/graph';
import { DEFAULT_VIEW_STATE, restoreViewState } from '../../../src/webview/graph/viewState';

describe('graph view state: reading it back after a reload', () => {
  const saved: GraphViewState = {
    search: 'fusion',
    hiddenNodeTypes: ['tag'],
    hiddenEdgeTypes: ['mentions', 'tagged'],
    folder: 'lectures',
    tag: 'ml/fusion',
    group: 'representation',
    colourBy: 'memory',
    local: true,
    depth: 3,
    selected: 'concept:fusion',
    zoom: 2.5,
  };

  it('round-trips every field (through JSON, as VS Code stores it)', () => {
    assert.deepEqual(restoreViewState(JSON.parse(JSON.stringify(saved))), saved);
  });

  it('starts from the defaults without a state, each time a fresh copy', () => {
    for (const raw of [undefined, null, 'x', 3]) assert.deepEqual(restoreViewState(raw), DEFAULT_VIEW_STATE);
    const a = restoreViewState(undefined);
    a.hiddenNodeTypes.push('note');
    assert.deepEqual(restoreViewState(undefined).hiddenNodeTypes, ['tag', 'attachment'], 'the defaults are not shared');
  });

  it('gives a field added later its default (an older state lacks it)', () => {
    const { zoom: _zoom, colourBy: _colourBy, ...older } = saved;
    const s = restoreViewState(older);
    assert.equal(s.colourBy, 'group');
    assert.equal(s.zoom, undefined);
    assert.equal(s.search, 'fusion');
  });

  it('replaces each damaged field by its default and keeps the rest', () => {
    const s = restoreViewState({
      ...saved,
      search: 42,
      hiddenNodeTypes: ['tag', 'planet', 'tag', 7],
      hiddenEdgeTypes: 'none',
      colourBy: 'rainbow',
      local: 'yes',
      depth: 99,
      selected: '',
      zoom: -1,
    });
    assert.equal(s.search, '');
    assert.deepEqual(s.hiddenNodeTypes, ['tag']);
    assert.deepEqual(s.hiddenEdgeTypes, []);
    assert.equal(s.colourBy, 'group');
    assert.equal(s.local, false);
    assert.equal(s.depth, 5);
    assert.equal(s.selected, undefined);
    assert.equal(s.zoom, undefined);
    assert.equal(s.folder, 'lectures');
    assert.equal(restoreViewState({ depth: Number.NaN }).depth, 2);
    assert.equal(restoreViewState({ zoom: 1e9 }).zoom, undefined);
  });
});
