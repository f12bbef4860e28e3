import * as assert from 'node:assert/strict';
import { parseNote } from '../../../src/core/parse/parseNote';
import { ankiDeck, ankiExport, ankiGuid, noteTags } from '../../../src/core/cards/ankiExport';
import { cardsOf } from './helpers';

describe('cards: Anki export', () => {
  const NOTE = '---\ntags: [ml/multimodal]\n---\n# Fusion & co\n==Fusion==: joining a < b & "modalities".\n\nThe ==encoder== maps tokens to vectors.\n#lecture\n';
  const cards = cardsOf(NOTE, 'Courses/ML/Lecture 2.md');

  it('writes Basic and Cloze notes with GUIDs, decks and tags, HTML-escaped', () => {
    const text = ankiExport(cards, { vaultName: 'My Vault', tagsOf: () => noteTags(parseNote(NOTE)) });
    const [fusion, encoder] = cards;
    assert.equal(
      text,
      [
        '#separator:tab',
        '#html:true',
        '#guid column:1',
        '#notetype column:2',
        '#deck column:3',
        '#tags column:6',
        `mmnotes-${fusion.id}\tBasic\tMy Vault::Courses::ML\tFusion &amp; co › Fusion\tjoining a &lt; b &amp; &quot;modalities&quot;.\tml::multimodal lecture`,
        `mmnotes-${encoder.id}\tCloze\tMy Vault::Courses::ML\tThe {{c1::encoder}} maps tokens to vectors.\tFusion &amp; co\tml::multimodal lecture`,
        '',
      ].join('\n'),
    );
  });

  it('derives a GUID that survives edits of the note', () => {
    const edited = cardsOf(NOTE.replace('joining', 'combining'), 'Elsewhere/Lecture 2.md');
    assert.equal(ankiGuid(edited[0]), ankiGuid(cards[0]));
  });

  it('names decks after the vault and folders, and breaks lines with <br>', () => {
    assert.equal(ankiDeck('Vault', 'a.md'), 'Vault');
    assert.equal(ankiDeck('Vault', 'x::y/b/c.md'), 'Vault::x:y::b');
    const [list] = cardsOf('==Kinds:==\n- one\n- two\n');
    assert.match(ankiExport([list], { vaultName: 'V' }), /\t• one<br>• two\t$/m);
  });
});
