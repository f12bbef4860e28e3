import * as assert from 'node:assert/strict';
import { DEFAULT_CARD_RULES, type CardRules } from '../../../src/core/cards';
import { parseNote } from '../../../src/core/parse/parseNote';
import { VaultIndex } from '../../../src/core/vault/vaultIndex';
import { VaultCardSet } from '../../../src/server/cards/vaultCardSet';
import { compactModel, LazyNoteModel } from '../../../src/core/cache/modelCodec';

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

  it('builds a slice at a time, letting edits in between, and ends with the cards a synchronous build gives', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`n${String(i).padStart(2, '0')}.md`] = `==Term ${i}==: body ${i}.\n`;
    const { index, set } = setup(files);
    let turns = 0;
    // A slice of 0 ms yields after every note: each turn, the "editor" changes something.
    const building = set.build(async () => {
      turns++;
      if (turns === 5) index.setNote('n01.md', '==Edited==: while building.\n'); // already extracted
      if (turns === 20) index.setNote('n30.md', '==Later==: not extracted yet.\n');
      if (turns === 25) index.deleteFile('n02.md');
      if (turns === 30) index.setNote('new.md', '==Fresh==: added meanwhile.\n');
    }, 0);
    await building;
    assert.ok(turns >= 39, `yielded ${turns} times`);
    const expected = setup(Object.fromEntries([...index.allNotes()].map((n) => [n.path, n.text]))).set.all();
    assert.deepEqual(set.all().map((c) => [c.id, c.term, c.back]), expected.map((c) => [c.id, c.term, c.back]));
    assert.ok(set.all().some((c) => c.term === 'Edited') && !set.all().some((c) => c.term === 'Term 2'));
  });

  it('after any sequence of edits, has the ids and order a fresh build gives (collisions come and go)', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), seed % n);
    // Few terms over few notes, so that the same term sits in several notes and moves between them.
    const TERMS = ['Fusion', 'Alignment', 'Fusion', 'Grounding', 'fusion'];
    const noteText = () =>
      Array.from({ length: 1 + rand(3) }, () => `- ==${TERMS[rand(TERMS.length)]}==: body ${rand(3)}.\n`).join('') + (rand(2) ? 'A ==cloze== in a sentence of enough words here.\n' : '');
    const paths = ['a.md', 'b.md', 'sub/a.md', 'c.md', 'd/e.md'];
    const { index, set } = setup(Object.fromEntries(paths.slice(0, 3).map((p) => [p, noteText()])));
    for (let step = 0; step < 300; step++) {
      const p = paths[rand(paths.length)];
      if (rand(5) === 0 && index.getNote(p)) index.deleteFile(p);
      else index.setNote(p, noteText());
      if (rand(3) !== 0) continue; // several edits between reads, as between two status updates
      const fresh = setup(Object.fromEntries([...index.allNotes()].map((n) => [n.path, n.text]))).set;
      const view = (cards: readonly { id: string; term?: string; source: { path: string } }[]) => cards.map((c) => `${c.id} ${c.term} ${c.source.path}`);
      assert.deepEqual(view(set.all()), view(fresh.all()), `step ${step}`);
      for (const c of fresh.all()) assert.equal(set.byId(c.id)?.source.path, fresh.byId(c.id)?.source.path);
    }
  });

  it('extracts from compact models without leaving them decoded', async () => {
    const files: Record<string, string> = { 'a.md': '# A\n\n==Alpha==: first.\n', 'b.md': 'The ==beta== letter comes second in the alphabet here.\n' };
    const index = new VaultIndex(parseNote);
    const models = Object.entries(files).map(([path, text]) => ({ path, model: compactModel(parseNote(text)).model, readText: () => text }));
    index.bulkLoad(models);
    const set = new VaultCardSet(index, () => DEFAULT_CARD_RULES);
    await set.build();
    const view = (cards: readonly { id: string; front: string; back: string }[]) => cards.map((c) => [c.id, c.front, c.back]);
    assert.deepEqual(view(set.all()), view(setup(files).set.all()));
    // A vault-wide pass must not leave every note decoded: that was hundreds of MB at 10,000 notes.
    assert.ok(models.every((m) => m.model instanceof LazyNoteModel && !m.model.materialized && !m.model.linksBuilt));
  });
});
