import * as assert from 'node:assert/strict';
import { buildTaxonomy } from '../../../src/core/concepts/buildTaxonomy';
import { keysOfName, stemWord } from '../../../src/core/concepts/conceptKey';
import { loadTaxonomy } from '../../../src/core/concepts/loadTaxonomy';
import type { Taxonomy } from '../../../src/core/concepts/taxonomy';

const childNames = (t: Taxonomy, id: string) => t.children(id).map((c) => t.get(c)!.name);

describe('taxonomy: the built-in data', () => {
  const { taxonomy: t, problems } = buildTaxonomy();

  it('is valid', () => {
    assert.deepEqual(problems, []);
  });

  it('has the six core challenges with their sub-challenges', () => {
    assert.deepEqual(childNames(t, 'core-challenges'), ['Representation', 'Alignment', 'Reasoning', 'Generation', 'Transference', 'Quantification']);
    assert.deepEqual(childNames(t, 'representation'), ['Fusion', 'Coordination', 'Fission']);
    assert.ok(childNames(t, 'alignment').includes('Discrete grounding'));
    assert.deepEqual(childNames(t, 'reasoning'), ['Structure modeling', 'Intermediate concepts', 'Inference paradigm', 'External knowledge']);
    assert.ok(childNames(t, 'transference').includes('Co-learning'));
    assert.deepEqual(childNames(t, 'quantification'), ['Heterogeneity', 'Cross-modal interactions', 'Multimodal learning process']);
    for (const id of t.children('core-challenges')) assert.equal(t.get(id)!.kind, 'challenge');
  });

  it('has the modality properties and connections', () => {
    assert.deepEqual(childNames(t, 'modality-properties'), ['Element representation', 'Element distribution', 'Structure', 'Information', 'Noise', 'Relevance']);
    assert.deepEqual(childNames(t, 'connections'), ['Association', 'Correspondence']);
    assert.equal(t.get('interaction')!.parent, 'modality');
  });

  it('finds concepts by name and alias, case-insensitively, in plural and hyphen spellings', () => {
    assert.equal(t.lookup('MODULATION'), 'transference');
    assert.equal(t.lookup('Co-occurrence'), 'association');
    assert.equal(t.lookup('cooccurrence'), 'association');
    assert.equal(t.lookup('correlations'), 'association');
    assert.equal(t.lookup('Element representations'), 'element-representation');
    assert.equal(t.lookup('Modalities'), 'modality');
    assert.equal(t.lookup('Colearning'), 'co-learning');
    assert.equal(t.lookup('Structure Modelling'), 'structure-modeling');
    assert.equal(t.lookup('Connection'), 'connections');
  });

  it('gives local names only under their parent', () => {
    assert.equal(t.lookup('Learning'), undefined);
    assert.equal(t.lookup('Learning', ['quantification']), 'multimodal-learning-process');
    assert.equal(t.lookup('Interactions'), 'interaction');
    assert.equal(t.lookup('Interactions', ['quantification']), 'cross-modal-interactions');
  });

  it('groups every concept under its challenge or principle, for colour', () => {
    assert.equal(t.get('fusion')!.group, 'representation');
    assert.equal(t.get('association')!.group, 'connections');
    assert.equal(t.get('noise')!.group, 'modality-properties');
    assert.equal(t.get('modality')!.group, undefined);
  });

  it('stems only what a plural looks like', () => {
    assert.deepEqual(['modalities', 'fusions', 'process', 'analysis', 'bus', 'approaches', 'modelling'].map(stemWord), [
      'modality', 'fusion', 'process', 'analysis', 'bus', 'approach', 'modeling',
    ]);
    assert.deepEqual(keysOfName('Co-learning'), ['co learning', 'colearning']);
  });
});

describe('taxonomy: a vault concepts file', () => {
  it('adds concepts under built-in ones and overrides what it names', () => {
    const { taxonomy: t, problems } = loadTaxonomy(`concepts:
  - name: Contrastive learning
    parent: Coordination
    aliases: [CLIP-style training]
    description: Pull paired embeddings together.
  - name: Transference
    aliases: [Transfer]
    description: My own words.
`);
    assert.deepEqual(problems, []);
    assert.equal(t.get('contrastive-learning')!.parent, 'coordination');
    assert.equal(t.get('contrastive-learning')!.group, 'representation');
    assert.equal(t.lookup('clip-style training'), 'contrastive-learning');
    assert.equal(t.get('transference')!.description, 'My own words.');
    assert.equal(t.lookup('Transfer'), 'transference');
    assert.equal(t.lookup('Modulation'), 'transference', 'overriding keeps the built-in aliases');
  });

  it('accepts a mapping from name to fields and can replace the built-in taxonomy', () => {
    const { taxonomy: t, problems } = loadTaxonomy(`builtin: false
concepts:
  Vision:
  Object detection:
    parent: Vision
`);
    assert.deepEqual(problems, []);
    assert.equal(t.size, 2);
    assert.equal(t.get('object-detection')!.parent, 'vision');
  });

  it('reports bad YAML with its line and keeps the built-in taxonomy', () => {
    const { taxonomy: t, problems } = loadTaxonomy('concepts:\n  - name: A\n    parent: [unclosed\n');
    assert.equal(problems.length >= 1, true);
    assert.equal(problems[0].code, 'yaml');
    assert.match(problems[0].message, /Invalid YAML/);
    assert.ok(problems[0].range.start.line >= 2, `line ${problems[0].range.start.line}`);
    assert.equal(t.lookup('Fusion'), 'fusion');
  });

  it('reports an unknown parent on the parent value and keeps the concept at the top', () => {
    const { taxonomy: t, problems } = loadTaxonomy('concepts:\n  - name: Early fusion\n    parent: Fuson\n');
    assert.deepEqual(problems.map((p) => [p.code, p.range.start.line, p.range.start.character]), [['unknown-parent', 2, 12]]);
    assert.match(problems[0].message, /Unknown parent "Fuson" for "Early fusion"/);
    assert.equal(t.get('early-fusion')!.parent, undefined);
  });

  it('reports a cycle once, cuts it, and keeps the rest', () => {
    const { taxonomy: t, problems } = loadTaxonomy(`concepts:
  - name: A
    parent: B
  - name: B
    parent: C
  - name: C
    parent: A
`);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].code, 'cycle');
    assert.match(problems[0].message, /A → B → C → A/);
    assert.equal(problems[0].range.start.line, 2);
    assert.equal(t.get('a')!.parent, undefined);
    assert.equal(t.get('c')!.parent, 'a');
    assert.deepEqual(t.ancestors('b'), ['c', 'a']);
  });

  it('reports a cycle through a built-in concept', () => {
    const { taxonomy: t, problems } = loadTaxonomy('concepts:\n  - name: Core challenges\n    parent: Fusion\n');
    assert.deepEqual(problems.map((p) => [p.code, p.range.start.line]), [['cycle', 2]]);
    assert.equal(t.get('fusion')!.group, 'representation');
  });

  it('reports a duplicate alias on the alias and drops only that alias', () => {
    const { taxonomy: t, problems } = loadTaxonomy(`concepts:
  - name: Late fusion
    aliases: [Decision fusion, Modulation]
`);
    assert.deepEqual(problems.map((p) => [p.code, p.range.start.line, p.range.start.character]), [['duplicate-alias', 2, 31]]);
    assert.match(problems[0].message, /"Modulation" of "Late fusion" already names "Transference"/);
    assert.equal(t.lookup('Decision fusion'), 'late-fusion');
    assert.equal(t.lookup('Modulation'), 'transference');
  });

  it('reports wrong shapes, unknown fields and a concept written twice', () => {
    const { taxonomy: t, problems } = loadTaxonomy(`concepts:
  - just a string
  - name: X
    colour: red
    aliases: 3
  - name: x
`);
    assert.deepEqual(problems.map((p) => [p.code, p.severity, p.range.start.line]), [
      ['shape', 'error', 1],
      ['unknown-field', 'warning', 3],
      ['shape', 'error', 4],
      ['duplicate-concept', 'error', 5],
    ]);
    assert.ok(t.get('x'));
  });

  it('treats an empty file as no change', () => {
    assert.deepEqual(loadTaxonomy('').problems, []);
    assert.deepEqual(loadTaxonomy('# only a comment\n').problems, []);
  });
});
