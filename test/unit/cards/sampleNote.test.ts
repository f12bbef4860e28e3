import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cardsOf, summary } from './helpers';

const SAMPLE = readFileSync(join(__dirname, '../../../sample-vault/Multimodal Machine Learning.md'), 'utf8');

/**
 * The cards a student would write by hand for the sample note, read from
 * the note once: every challenge and sub-challenge with its definition, the
 * connection/interaction terms, and the highlighted phrases as clozes. Not
 * cards: the `==Interact==` inside Interaction's definition (it belongs to
 * that card), plain list items such as "Discrete grounding", images.
 */
const GOLDEN = [
  { kind: 'cloze', front: 'A modality refers to the way in which something is […] or perceived.', back: 'A modality refers to the way in which something is [expressed] or perceived.' },
  { kind: 'cloze', front: 'A modality refers to the way in which something is expressed or […].', back: 'A modality refers to the way in which something is expressed or [perceived].' },
  {
    kind: 'cloze',
    front: 'The simple definition for Multimodal is "[…]," but we prefer: the scientific study of heterogenous (they\'re different) and interconnected (so that bringing them together brings an advantage) data.',
    back: 'The simple definition for Multimodal is "[having multiple modalities]," but we prefer: the scientific study of heterogenous (they\'re different) and interconnected (so that bringing them together brings an advantage) data.',
  },
  {
    kind: 'cloze',
    front: 'The simple definition for Multimodal is "having multiple modalities," but we prefer: […].',
    back: 'The simple definition for Multimodal is "having multiple modalities," but we prefer: [the scientific study of heterogenous (they\'re different) and interconnected (so that bringing them together brings an advantage) data].',
  },
  {
    kind: 'definition',
    front: 'Connection',
    back: 'Shared information that relates modalities. Vision and language seem to be very related, with lots of mutual information. It may or may not be the case that CLIP-like methods will work for other modalities with less shared information.',
  },
  {
    kind: 'definition',
    front: 'Association (Co-occurrence / Correlation)',
    back: 'If every time you say "woof", we point at a table, we eventually do an association with these objects. We assume that if things co-occur often, they share some meaning.',
  },
  {
    kind: 'definition',
    front: 'Correspondence',
    back: "Driven by human knowledge. We humans decide that there's a correspondence -- not just driven by co-occurrence. Maybe two things co-occur very rarely, but we humans decide that they are highly related! Maybe there's a temporal contingency (some event comes after/before the other).",
  },
  {
    kind: 'definition',
    front: 'Interaction',
    back: 'When you have multiple modalities that are going to interact, you have to at some point Interact them together! We have to learn some model that can learn some representation of the fusion of modalities.',
  },
  { kind: 'definition', front: 'Representation', back: 'Learning representations that reflect cross-modal interactions between individual elements, across different modalities.' },
  {
    kind: 'definition',
    front: 'Representation › Sub-challenges › Fusion',
    back: 'Where the number of input modalities is larger than the number of output representations. Classically, jointly fusing two representations into a single representation. The most popular, up to a few years ago.',
  },
  { kind: 'definition', front: 'Representation › Sub-challenges › Coordination', back: 'Where the number of input modalities and output representations are the same.' },
  {
    kind: 'definition',
    front: 'Representation › Sub-challenges › Fission',
    back: "Where the number of output representations is greater than the number of input modalities. Could also be called factorization; used often when you're trying to do understanding of the data. You might create one unique to modality A, one unique to modality B, and one shared between both modalities.",
  },
  { kind: 'definition', front: 'Alignment', back: 'Identifying and modeling cross-modal connections between all elements of multiple modalities, building from a data structure.' },
  {
    kind: 'definition',
    front: 'Reasoning',
    back: 'Combining knowledge, usually through multiple inferential steps, exploiting multimodal alignment and problem structure, ideally in a human-interpretable way. Might also include external knowledge.',
  },
  { kind: 'definition', front: 'Generation', back: 'Learning a generative process to produce raw modalities that reflect cross-modal interactions, structure, and coherence.' },
  {
    kind: 'definition',
    front: 'Transference (Modulation)',
    back: 'Transfer knowledge between modalities, usually to help the target modality, which may be noisy or with limited resources.',
  },
  {
    kind: 'definition',
    front: 'Quantification',
    back: 'Empirical and theoretical study to better understand heterogeneity, cross-modal interactions, and multimodal learning process.',
  },
];

describe('cards: the sample note (golden list)', () => {
  const cards = cardsOf(SAMPLE, 'Multimodal Machine Learning.md');

  it('yields exactly the cards a student would write by hand', () => {
    assert.deepEqual(summary(cards), GOLDEN);
  });

  it('records terms, aliases, parent terms, rules and source lines', () => {
    const by = (term: string) => cards.find((c) => c.kind === 'definition' && c.term === term)!;
    assert.deepEqual(by('Association').aliases, ['Co-occurrence', 'Correlation']);
    assert.deepEqual(by('Transference').aliases, ['Modulation']);
    assert.equal(by('Fusion').parentTerm, 'Representation');
    assert.deepEqual(by('Fusion').context, ['Representation', 'Sub-challenges']);
    // Association is a lazy continuation line inside a list item, but at column 0: top level.
    assert.deepEqual(by('Association').context, []);
    assert.equal(by('Representation').rule, 'definition-item');
    assert.equal(by('Interaction').rule, 'definition-next');
    assert.equal(by('Connection').rule, 'definition-colon');
    assert.deepEqual(
      cards.filter((c) => c.kind === 'definition').map((c) => `${c.term}:${c.source.line}`),
      ['Connection:46', 'Association:53', 'Correspondence:54', 'Interaction:57', 'Representation:77', 'Fusion:81', 'Coordination:82', 'Fission:83', 'Alignment:85', 'Reasoning:92', 'Generation:100', 'Transference:105', 'Quantification:111'],
    );
    assert.equal(cards.find((c) => c.term === 'expressed')!.clozeText, 'A modality refers to the way in which something is {{c1::expressed}} or perceived.');
  });

  it('shows no Markdown markup anywhere', () => {
    for (const c of cards) {
      for (const text of [c.front, c.back, c.clozeText ?? '', ...c.context]) assert.doesNotMatch(text, /==|\*|\[\[|\]\]|!\[|%%|<\w/, text);
    }
  });

  it('gives every card a distinct id', () => {
    assert.equal(new Set(cards.map((c) => c.id)).size, cards.length);
  });
});
