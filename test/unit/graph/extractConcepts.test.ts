import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildTaxonomy } from '../../../src/core/concepts/buildTaxonomy';
import { cardTermExtractor, type TermExtractor } from '../../../src/core/concepts/definedTerms';
import { extractConcepts, type NoteConcepts } from '../../../src/core/concepts/extractConcepts';
import { parseNote } from '../../../src/core/parse/parseNote';
import { SAMPLE_NOTE, SAMPLE_VAULT } from './graphFixtures';

const { taxonomy } = buildTaxonomy();

function extract(text: string, notePath = 'note.md', terms: TermExtractor = cardTermExtractor): NoteConcepts {
  return extractConcepts(notePath, text, parseNote(text), taxonomy, terms);
}

const defined = (r: NoteConcepts) => Object.fromEntries(r.defines.map((d) => [d.conceptId, `${d.source}@${d.line}`]));
const mentioned = (r: NoteConcepts) => Object.fromEntries(r.mentions.map((m) => [m.conceptId, m.count]));

describe('concept extraction: the sample note', () => {
  const text = readFileSync(path.join(SAMPLE_VAULT, SAMPLE_NOTE), 'utf8');
  const r = extract(text, SAMPLE_NOTE);
  const lineOf = (s: string) => text.split('\n').findIndex((l) => l.includes(s));

  it('defines the six challenges and the representation sub-challenges at their highlighted lines', () => {
    const d = defined(r);
    for (const [id, at] of [
      ['representation', '==Representation=='],
      ['alignment', '==Alignment=='],
      ['reasoning', '==Reasoning=='],
      ['generation', '==Generation=='],
      ['transference', '==Transference=='],
      ['quantification', '==Quantification=='],
      ['fusion', '==Fusion=='],
      ['coordination', '==Coordination=='],
      ['fission', '==Fission=='],
    ]) {
      assert.equal(d[id], `term@${lineOf(at)}`, id);
    }
  });

  it('defines Connection, Association (with its aliases) and Correspondence as the connections concepts', () => {
    const d = defined(r);
    assert.equal(d.connections, `term@${lineOf('==Connection==')}`);
    assert.equal(d.association, `term@${lineOf('==Association==')}`);
    assert.equal(d.correspondence, `term@${lineOf('==Correspondence==')}`);
    assert.equal(d.interaction, `term@${lineOf('==Interaction:==')}`);
    assert.deepEqual(r.defines.find((x) => x.conceptId === 'association')!.aliases, ['Co-occurrence', 'Correlation']);
  });

  it('is the note of its title concept (by alias "Multimodality")', () => {
    assert.equal(defined(r)['multimodal-ml'], 'title@0');
  });

  it('reads plain sub-challenge lists in their outline context', () => {
    const m = mentioned(r);
    for (const id of ['discrete-grounding', 'structure-modeling', 'intermediate-concepts', 'inference-paradigm', 'external-knowledge', 'co-learning', 'heterogeneity', 'cross-modal-interactions', 'multimodal-learning-process']) {
      assert.ok(m[id] >= 1, id);
    }
    // "- Learning" under Quantification is its sub-challenge; nowhere is it "Interaction" the principle, which the note defines.
    assert.equal(r.mentions.find((x) => x.conceptId === 'multimodal-learning-process')!.line, lineOf('\t\t- Learning'));
  });

  it('finds no nesting the taxonomy does not already know', () => {
    assert.deepEqual(r.parents, []);
  });
});

describe('concept extraction: inline notes', () => {
  it('makes a node of a term the taxonomy lacks, under the term it is nested in', () => {
    const r = extract(['- ==Fusion==: combining modalities.', '\t- ==Early fusion==: fuse the inputs.', '\t- ==Tensor fusion==: outer products.'].join('\n'));
    assert.deepEqual(defined(r), { fusion: 'term@0', 'term:early-fusion': 'term@1', 'term:tensor-fusion': 'term@2' });
    assert.deepEqual(r.parents.map((p) => `${p.child} < ${p.parent}`), ['term:early-fusion < fusion', 'term:tensor-fusion < fusion']);
  });

  it('matches terms through aliases, plurals and case', () => {
    const r = extract('==modulation==: see transference.\n\n==Element Representations==: discrete or continuous.\n');
    assert.deepEqual(defined(r), { transference: 'term@0', 'element-representation': 'term@2' });
  });

  it('takes headings that name a concept, nested by heading level', () => {
    const r = extract('# Things\n\n## Representation\n\n### Fusions\n\nText.\n\n### Whatever\n');
    assert.deepEqual(defined(r), { representation: 'heading@2', fusion: 'heading@4' });
    assert.deepEqual(r.parents, [], 'Fusion under Representation is the taxonomy already');
  });

  it('places an unknown term under the heading concept it is written below', () => {
    const r = extract('## Alignment\n\n==Dynamic time warping==: aligns sequences.\n');
    assert.deepEqual(r.parents.map((p) => `${p.child} < ${p.parent}`), ['term:dynamic-time-warping < alignment']);
  });

  it('counts mentions in running text, longest name first, never in code or frontmatter', () => {
    const r = extract('---\ntags: [fusion]\n---\nFusion and co-learning; more fusion. Element representations matter.\n\n```\nfusion\n```\n`alignment`\n');
    assert.deepEqual(mentioned(r), { fusion: 2, 'co-learning': 1, 'element-representation': 1 });
  });

  it('does not count everyday words the taxonomy marks unmentionable', () => {
    assert.deepEqual(mentioned(extract('There is noise, structure and information here.\n')), {});
  });

  it('does not join words across sentences', () => {
    assert.deepEqual(mentioned(extract('A single element. Representation matters.\n')), { representation: 1 });
  });

  it('survives a broken term extractor', () => {
    const r = extract('## Fusion\n', 'note.md', () => {
      throw new Error('boom');
    });
    assert.deepEqual(defined(r), { fusion: 'heading@0' });
  });
});
