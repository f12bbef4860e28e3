import * as assert from 'node:assert/strict';
import { cardRulesFrom, DEFAULT_CARD_RULES, lineMarker, noteCardSwitch } from '../../../src/core/cards/cardRules';
import { cardsOf, summary } from './helpers';

describe('cards: definition rules', () => {
  it('reads the colon forms: ==Term==: text, ==Term:== text, aliases', () => {
    const cards = cardsOf('==Alpha==: first letter.\n\n==Beta:== second letter.\n\n==Gamma== ("G"/"γ"): third letter.\n\n==Delta== (Greek): fourth.\n');
    assert.deepEqual(summary(cards), [
      { kind: 'definition', front: 'Alpha', back: 'first letter.' },
      { kind: 'definition', front: 'Beta', back: 'second letter.' },
      { kind: 'definition', front: 'Gamma (G / γ)', back: 'third letter.' },
      { kind: 'definition', front: 'Delta (Greek)', back: 'fourth.' },
    ]);
    assert.deepEqual(cards[2].aliases, ['G', 'γ']);
    assert.equal(cards[3].aliases, undefined, 'an unquoted parenthesis is a qualifier, not an alias');
  });

  it('continues a definition over the following lines until the next term', () => {
    const cards = cardsOf('==A==: one\nstill one.\n==B==: two.\n');
    assert.deepEqual(summary(cards), [
      { kind: 'definition', front: 'A', back: 'one still one.' },
      { kind: 'definition', front: 'B', back: 'two.' },
    ]);
  });

  it('reads a term whose nested item starts Definition:', () => {
    const cards = cardsOf('- ==Encoder== ("Embedder")\n  - An aside.\n  - **Definition**: maps ==inputs== to vectors.\n  - Other notes.\n');
    assert.deepEqual(summary(cards), [{ kind: 'definition', front: 'Encoder (Embedder)', back: 'maps inputs to vectors.' }]);
    assert.equal(cards[0].rule, 'definition-item');
    assert.equal(cards[0].source.line, 1);
  });

  it('reads ==Term:== defined by the next line, the next paragraph or the next list', () => {
    assert.deepEqual(summary(cardsOf('==Loss:==\nWhat we minimise.\n')), [{ kind: 'definition', front: 'Loss', back: 'What we minimise.' }]);
    assert.deepEqual(summary(cardsOf('==Loss:==\n\nWhat we ==minimise==.\n\nUnrelated.\n')), [{ kind: 'definition', front: 'Loss', back: 'What we minimise.' }]);
    assert.deepEqual(summary(cardsOf('==Kinds:==\n- first\n  - detail\n- second\n\nAfter.\n')), [{ kind: 'definition', front: 'Kinds', back: '• first\n• second' }]);
    // A list of terms is not the body of the term above it: each item is its own card.
    const nested = cardsOf('==Kinds:==\n- ==A==: a.\n- ==B==: b.\n');
    assert.deepEqual(nested.map((c) => c.front), ['A', 'B']);
  });

  it('puts the heading path and the parent term on the front', () => {
    const cards = cardsOf('# Lecture 2\n## Challenges\n- ==Representation==\n  - Sub-challenges\n    - ==Fusion==: joining.\n');
    assert.equal(cards[0].front, 'Lecture 2 › Challenges › Representation › Sub-challenges › Fusion');
    assert.equal(cards[0].parentTerm, 'Representation');
  });

  it('makes reverse cards when the note (or the setting) asks for them', () => {
    const cards = cardsOf('---\nmmnotes-cards: reverse\n---\n==Alpha==: first letter.\n');
    assert.deepEqual(summary(cards), [
      { kind: 'definition', front: 'Alpha', back: 'first letter.' },
      { kind: 'reverse', front: 'first letter.', back: 'Alpha' },
    ]);
    assert.notEqual(cards[0].id, cards[1].id);
    assert.equal(cardsOf('==Alpha==: first.', 'n.md', { reverse: true }).length, 2);
  });
});

describe('cards: cloze rules', () => {
  it('makes one cloze per highlight, with its sentence as context', () => {
    const cards = cardsOf('First sentence here. The ==encoder== maps ==tokens== to vectors. Last one, e.g. this.\n');
    assert.deepEqual(summary(cards), [
      { kind: 'cloze', front: 'The […] maps tokens to vectors.', back: 'The [encoder] maps tokens to vectors.' },
      { kind: 'cloze', front: 'The encoder maps […] to vectors.', back: 'The encoder maps [tokens] to vectors.' },
    ]);
  });

  it('skips a highlighted whole sentence and an overlong highlight, unless %% card %% asks', () => {
    const long = Array.from({ length: 31 }, (_, i) => `w${i}`).join(' ');
    assert.deepEqual(cardsOf('- ==A whole sentence is highlighted here.==\n'), []);
    assert.deepEqual(cardsOf(`It says ==${long}== today.\n`), []);
    assert.deepEqual(cardsOf('Two ==words== only.\n').length, 0, 'one visible word is not enough context');
    assert.equal(cardsOf('- ==A whole sentence is highlighted here.== %% card %%\n').length, 1);
  });

  it('never makes cards from headings or tables', () => {
    assert.deepEqual(cardsOf('# The ==title== of the note\n\n| a | b |\n|---|---|\n| the ==cell== is here | x |\n'), []);
  });
});

describe('cards: opt-out and opt-in', () => {
  const NOTE = '==Alpha==: first letter.\nThe ==beta== letter comes second here.\n';

  it('turns a note off (and on) in frontmatter', () => {
    assert.deepEqual(cardsOf(`---\nmmnotes-cards: false\n---\n${NOTE}`), []);
    assert.deepEqual(cardsOf(`---\nmmnotes-cards: off\n---\n${NOTE}`), []);
    assert.equal(cardsOf(`---\nmmnotes-cards: true\n---\n${NOTE}`, 'Archive/n.md', { excludeFolders: ['Archive'] }).length, 2);
    assert.equal(cardsOf(`---\nmmnotes-cards: false\n---\n${NOTE}`, 'n.md', { noteSwitch: false }).length, 2, 'the note switch can be turned off');
  });

  it('turns folders off by glob, or on by include globs', () => {
    assert.deepEqual(cardsOf(NOTE, 'Archive/2023/n.md', { excludeFolders: ['Archive'] }), []);
    assert.deepEqual(cardsOf(NOTE, 'Templates/n.md', { excludeFolders: ['Templ*/**'] }), []);
    assert.equal(cardsOf(NOTE, 'Courses/n.md', { excludeFolders: ['Archive'] }).length, 2);
    assert.deepEqual(cardsOf(NOTE, 'Inbox/n.md', { includeFolders: ['Courses/**'] }), []);
    assert.equal(cardsOf(NOTE, 'Courses/ml/n.md', { includeFolders: ['Courses'] }).length, 2);
    assert.equal(cardsOf(NOTE, 'Archive/n.md', { excludeFolders: ['Archive'], folderRules: false }).length, 2);
  });

  it('drops or forces the cards of one line with a marker', () => {
    assert.deepEqual(cardsOf('==Alpha==: first letter. %% no-card %%\nThe ==beta== letter comes second here.\n').map((c) => c.term), ['beta']);
    assert.deepEqual(cardsOf(`---\nmmnotes-cards: false\n---\n==Alpha==: first. %% card %%\nThe ==beta== letter comes second here.\n`).map((c) => c.term), ['Alpha']);
    assert.equal(cardsOf('==Alpha==: first letter. %% no-card %%\n', 'n.md', { lineMarkers: false }).length, 1);
    assert.equal(cardsOf('==Alpha==: first letter. %% no-card %%\n')[0]?.back, undefined);
    assert.equal(cardsOf('==Alpha==: first letter. %% other comment %%\n')[0].back, 'first letter.', 'the comment is not shown');
  });

  it('switches each rule off without turning its highlights into clozes', () => {
    assert.deepEqual(cardsOf(NOTE, 'n.md', { definitionColon: false }).map((c) => c.term), ['beta']);
    assert.deepEqual(cardsOf(NOTE, 'n.md', { cloze: false }).map((c) => c.term), ['Alpha']);
    assert.deepEqual(cardsOf('- ==T==\n  - Definition: d.\n', 'n.md', { definitionItem: false }), []);
    assert.deepEqual(cardsOf('==T:==\nthe d here.\n', 'n.md', { definitionNext: false }), []);
  });

  it('reads rules from untrusted settings and explains note switches', () => {
    const rules = cardRulesFrom({ cloze: false, maxClozeWords: 'x', excludeFolders: ['A', 3, ''], bogus: 1 });
    assert.equal(rules.cloze, false);
    assert.equal(rules.maxClozeWords, DEFAULT_CARD_RULES.maxClozeWords);
    assert.deepEqual(rules.excludeFolders, ['A']);
    assert.equal(noteCardSwitch('A/n.md', undefined, rules).reason, 'folder-excluded');
    assert.equal(noteCardSwitch('n.md', { 'mmnotes-cards': 'no' }, rules).reason, 'frontmatter-off');
    assert.equal(lineMarker('text %%no-card%%'), 'no-card');
    assert.equal(lineMarker('text %% Card %%'), 'card');
    assert.equal(lineMarker('text'), undefined);
  });
});

describe('cards: bad input', () => {
  it('a highlight spanning lines is one cloze, its line break a space', () => {
    assert.deepEqual(summary(cardsOf('The model ==learns a\nshared space== from pairs.\n')), [
      { kind: 'cloze', front: 'The model […] from pairs.', back: 'The model [learns a shared space] from pairs.' },
    ]);
  });

  it('an unterminated == shows no markup', () => {
    const cards = cardsOf('This ==term has no end and ==other== is fine.\n==Broken: not a term\n');
    assert.deepEqual(summary(cards), [{ kind: 'cloze', front: 'This term has no end and […] is fine.', back: 'This term has no end and [other] is fine.' }]);
  });

  it('a 5,000-word definition is kept bounded, quickly', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `word${i}`).join(' ');
    const started = Date.now();
    const cards = cardsOf(`==Huge==: ${words}\n\nA ==short== cloze in a ${words} sentence.\n`);
    assert.ok(Date.now() - started < 2000);
    assert.equal(cards.length, 2);
    for (const c of cards) {
      assert.ok(c.back.length <= DEFAULT_CARD_RULES.maxFieldChars + 2 && c.front.length <= DEFAULT_CARD_RULES.maxFieldChars + 2, `${c.back.length}`);
      assert.equal(c.truncated, true);
    }
    assert.match(cards[0].back, /^word0 word1 .* …$/);
    assert.match(cards[1].front, /^A \[…\] cloze in a word0 .* …$/);
  });

  it('an empty term makes no card and no crash', () => {
    assert.deepEqual(cardsOf('====: nothing\n\n== ==: nothing\n\n==**==: x\n'), []);
  });

  it('HTML or script in a term becomes plain text', () => {
    const cards = cardsOf('==<script>alert(1)</script>==: runs?\n\n==<b>Bold</b> &amp; co==: tags.\n\nSee ==<img src=x onerror=alert(1)>== here now please.\n');
    assert.deepEqual(summary(cards), [
      { kind: 'definition', front: 'alert(1)', back: 'runs?' },
      { kind: 'definition', front: 'Bold & co', back: 'tags.' },
    ]);
  });

  it('strips every kind of inline markup from card text', () => {
    const note = [
      '==**Bold** *it* _u_ ~~s~~ [[Note|shown]]==: with [[Other Note#Part]], [ext](https://x.org), <https://y.org>, `co*de*`, $x^2$, \\*lit\\*, snake_case_name, ![[img.png]] ![alt](a.png) %% hidden %% &lt;tag&gt; ^block-1',
    ].join('\n');
    const [card] = cardsOf(note);
    assert.equal(card.front, 'Bold it u s shown');
    assert.equal(card.back, 'with Other Note > Part, ext, https://y.org, co*de*, $x^2$, *lit*, snake_case_name, <tag>');
  });

  it('reads callouts and quotes', () => {
    const cards = cardsOf('> [!note] Key idea\n> ==Attention==: weights over\n> the inputs.\n');
    assert.deepEqual(summary(cards), [{ kind: 'definition', front: 'Attention', back: 'weights over the inputs.' }]);
  });
});

describe('cards: sentences', () => {
  it('takes a line break as a sentence end unless the next line reads on in lower case', () => {
    assert.deepEqual(summary(cardsOf('A heading-like line\nThe ==answer== is right here.\n')), [
      { kind: 'cloze', front: 'The […] is right here.', back: 'The [answer] is right here.' },
    ]);
    assert.deepEqual(summary(cardsOf('A hard-wrapped sentence that\ngoes on with the ==answer== here.\n')), [
      { kind: 'cloze', front: 'A hard-wrapped sentence that goes on with the […] here.', back: 'A hard-wrapped sentence that goes on with the [answer] here.' },
    ]);
  });

  it('does not end a sentence after an abbreviation', () => {
    assert.equal(cardsOf('Modalities, e.g. Vision and text, are ==heterogeneous== data.\n')[0].front, 'Modalities, e.g. Vision and text, are […] data.');
  });

  it('keeps terms nested deeper in a list out of the body of ==Term:==', () => {
    assert.deepEqual(cardsOf('==Kinds:==\n- first\n  - ==Deep==: nested def.\n').map((c) => c.front), ['first › Deep']);
  });
});
