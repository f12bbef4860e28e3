import * as assert from 'node:assert/strict';
import { DEFAULT_CARD_RULES, type CardRules } from '../../../src/core/cards';
import { parseNote } from '../../../src/core/parse/parseNote';
import { VaultIndex } from '../../../src/core/vault/vaultIndex';
import { VaultCardSet } from '../../../src/server/cards/vaultCardSet';

/** An index whose changes feed a card set, as the server wires them. */
function setup(files: Record<string, string>, rules: () => CardRules = () => DEFAULT_CARD_RULES) {
  const index = new VaultIndex(parseNote);
  const set = new VaultCardSet(index, rules);
  index.onDidChange((c) => set.noteChange(c));
  index.bulkLoad(Object.entries(files).map(([path, text]) => ({ path, text })));
  return { index, set };
}

describe('cards: the server card set (incremental)', () => {
  it('re-extracts only the note that changed and drops the cards of a deleted note', () => {
    const { index, set } = setup({ 'a.md': '==Alpha==: first.\n', 'b.md': '==Beta==: second.\n' });
    assert.deepEqual(set.all().map((c) => c.term), ['Alpha', 'Beta']);
    const beta = set.ofNote('b.md')[0];
    index.setNote('a.md', '==Alpha==: first, edited.\n');
    assert.equal(set.all()[0].back, 'first, edited.');
    assert.equal(set.ofNote('b.md')[0], beta, 'the other note was not extracted again');
    index.deleteFile('a.md');
    assert.deepEqual(set.all().map((c) => c.term), ['Beta']);
    assert.equal(set.byId(beta.id), beta);
  });

  it('gives a colliding id back when the other note goes away', () => {
    const { index, set } = setup({ 'a.md': '==Term==: one.\n', 'b.md': '==Term==: two.\n' });
    const [a, b] = set.all();
    assert.notEqual(a.id, b.id, 'the same term in two notes gets two ids');
    index.setNote('c.md', '==Term==: alone.\n');
    index.deleteFile('a.md');
    index.deleteFile('b.md');
    const [c] = set.all();
    const alone = setup({ 'c.md': '==Term==: alone.\n' }).set.all()[0];
    assert.equal(c.id, alone.id, 'the id a note has on its own, not a collision id');
  });

  it('follows a rule change on the next read, and a generation counts changes', () => {
    let rules: CardRules = DEFAULT_CARD_RULES;
    const { set } = setup({ 'a.md': '==Alpha==: first.\n\nA sentence with a ==highlighted phrase== inside it.\n' }, () => rules);
    assert.equal(set.all().length, 2);
    const g = set.generation;
    assert.equal(set.generation, g, 'reading does not bump it');
    rules = { ...DEFAULT_CARD_RULES, cloze: false };
    assert.equal(set.all().length, 1);
    assert.ok(set.generation > g);
  });
});
