/**
 * What a user sees of text inside Obsidian `%%comments%%`: nothing counts.
 * No broken-link diagnostic, backlink, card, concept, outline entry or
 * semantic token comes from it, and a block comment folds as a comment.
 */
import * as assert from 'node:assert/strict';
import { buildTaxonomy } from '../../../src/core/concepts/buildTaxonomy';
import { cardTermExtractor } from '../../../src/core/concepts/definedTerms';
import { extractConcepts } from '../../../src/core/concepts/extractConcepts';
import { definition } from '../../../src/core/features/definition';
import { noteDiagnostics } from '../../../src/core/features/diagnostics';
import { documentSymbols } from '../../../src/core/features/documentSymbols';
import { foldingRanges } from '../../../src/core/features/foldingRanges';
import { noteTokens } from '../../../src/core/features/semanticTokens';
import { NEVER_CANCELLED } from '../../../src/core/features/types';
import { parseNote } from '../../../src/core/parse/parseNote';
import { cardsOf } from '../cards/helpers';
import { find, fixtureVault } from './vaultFixture';

const NOTE = [
  '# Lecture',
  'Real link to [[Missing]] and %%a draft link to [[Gone]] #todo%% here.',
  '',
  '%%',
  '## Draft section',
  '==Hidden term==: a definition nobody should review.',
  'See [[Target]] and ![[nowhere.png]].',
  '%%',
  '',
  '==Shown term==: a definition %%with an aside%% to review.',
].join('\n');

const { index } = fixtureVault({ 'Note.md': NOTE, 'Target.md': '# Target' });

describe('Obsidian %%comments%% in the features', () => {
  it('reports no broken link or embed inside a comment', () => {
    const broken = noteDiagnostics(index, 'Note.md').map((d) => `${d.code}:${d.range.start.line}`);
    assert.deepEqual(broken, ['broken-link:1']);
  });

  it('gives no backlink from a comment and no definition at a link in one', () => {
    assert.deepEqual(index.backlinks('Target.md'), []);
    assert.deepEqual(definition(index, 'Note.md', find(index, 'Note.md', '[[Target]]', 3), NEVER_CANCELLED), []);
  });

  it('makes no card of a commented definition, and hides a comment in a card', () => {
    const cards = cardsOf(NOTE);
    assert.deepEqual(
      cards.map((c) => [c.term, c.back]),
      [['Shown term', 'a definition to review.']],
    );
  });

  it('leaves commented headings out of the outline and folds the block comment', () => {
    const outline = documentSymbols(index, 'Note.md', NEVER_CANCELLED).map((s) => [s.name, s.children.map((c) => c.name)]);
    assert.deepEqual(outline, [['Lecture', []]]);
    const folds = foldingRanges(index, 'Note.md', NEVER_CANCELLED).filter((f) => f.kind === 'comment');
    assert.deepEqual(folds, [{ startLine: 3, endLine: 7, kind: 'comment' }]);
  });

  it('colours nothing inside a comment', () => {
    const lines = new Set(noteTokens(index, 'Note.md', NEVER_CANCELLED).map((t) => `${t.type}@${t.line}`));
    assert.deepEqual([...lines].sort(), ['highlight@9', 'noteLink@1']);
  });

  it('defines no concept from a commented term', () => {
    const { taxonomy } = buildTaxonomy();
    const defined = (text: string) => extractConcepts('n.md', text, parseNote(text), taxonomy, cardTermExtractor).defines.map((d) => d.conceptId);
    const term = '==Representation==: learning representations that reflect cross-modal interactions.';
    assert.ok(defined(term).includes('representation'));
    assert.ok(!defined(`%%\n${term}\n%%`).includes('representation'));
  });
});
