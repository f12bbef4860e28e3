/**
 * The server keeps big open notes as a PieceTextDocument instead of the
 * library's TextDocument (a keystroke must not copy 10 MB). Whatever the
 * editor sends, both must agree on the text, on positions and on what a parse
 * worker rebuilds, or links and diagnostics would land on the wrong characters.
 */
import * as assert from 'node:assert/strict';
import { TextDocument, type Position, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { PieceTextDocument } from '../../src/server/indexing/pieceTextDocument';
import { sharedTextString } from '../../src/server/indexing/sharedText';
import { Prng } from '../../bench/prng';

const SNIPPETS = ['', 'a', 'xyz', '\n', '\r\n', '\r', 'line\nnext', '[[Link]]', 'é€', 'end\r', '\nstart', 'two\n\nblank'];

function randomText(rng: Prng, parts: number): string {
  let s = '';
  for (let i = 0; i < parts; i++) s += rng.pick(SNIPPETS);
  return s;
}

/** Positions as an editor may send them, some past the end of a line. */
function randomPosition(rng: Prng, doc: TextDocument): Position {
  const line = rng.int(0, doc.lineCount - 1);
  return { line, character: rng.int(0, 11) };
}

/**
 * The reference: the library's document made afresh from the text, so its line starts are
 * computed from scratch (its incremental bookkeeping can drift when edits split \r\n pairs).
 */
function fresh(text: string): TextDocument {
  return TextDocument.create('file:///n.md', 'markdown', 1, text);
}

/** Applies changes as the protocol defines them: each one to the text the previous one left. */
function applyChanges(text: string, changes: TextDocumentContentChangeEvent[]): string {
  for (const c of changes) {
    if (!('range' in c)) {
      text = c.text;
      continue;
    }
    const doc = fresh(text);
    const [a, b] = [doc.offsetAt(c.range.start), doc.offsetAt(c.range.end)].sort((x, y) => x - y);
    text = text.slice(0, a) + c.text + text.slice(b);
  }
  return text;
}

async function agree(ours: PieceTextDocument, text: string, rng: Prng): Promise<void> {
  const lib = fresh(text);
  assert.equal(ours.getText(), text);
  assert.equal(ours.lineCount, lib.lineCount);
  assert.equal(ours.utf8Bytes, Buffer.byteLength(text));
  assert.equal(ours.snapshot().toString(), text);
  assert.equal(sharedTextString(await ours.snapshot().forWorker()), text);
  for (let i = 0; i < 5; i++) {
    const p = randomPosition(rng, lib);
    const q = randomPosition(rng, lib);
    assert.equal(ours.offsetAt(p), lib.offsetAt(p));
    assert.deepEqual(ours.getText({ start: p, end: q }), lib.getText({ start: p, end: q }));
    const offset = rng.int(-1, text.length);
    assert.deepEqual(ours.positionAt(offset), lib.positionAt(offset));
    assert.deepEqual(ours.getLineRange(p.line), lib.getLineRange(p.line));
    assert.equal(ours.getEOLCharacters(p.line), lib.getEOLCharacters(p.line));
  }
}

describe('lsp: big open notes as pieces', () => {
  it('reads the same text and positions as the library after any edits an editor sends', async () => {
    for (let seed = 1; seed <= 30; seed++) {
      const rng = new Prng(seed);
      const initial = randomText(rng, 40);
      let text = initial;
      const ours = new PieceTextDocument('file:///n.md', 'markdown', 1, initial);
      for (let step = 2; step < 80; step++) {
        const lib = fresh(text);
        const changes: TextDocumentContentChangeEvent[] = [];
        const count = rng.int(1, 3);
        for (let c = 0; c < count; c++) {
          if (rng.chance(0.025)) changes.push({ text: randomText(rng, 10) });
          else changes.push({ range: { start: randomPosition(rng, lib), end: randomPosition(rng, lib) }, text: randomText(rng, rng.int(0, 2)) });
        }
        text = applyChanges(text, changes);
        ours.update(changes, step);
        assert.equal(ours.version, step);
        await agree(ours, text, rng);
      }
    }
  });

  it('hands a big note with accents and emoji to the parser unchanged, edits included', async () => {
    // The shared copy is written a megabyte (2^20 units) at a time: the first slice ends inside an emoji (two units).
    const unit = 'Notes é 🙂';
    const initial = 'x'.repeat(7) + unit.repeat(Math.ceil((2.2 * 2 ** 20) / unit.length));
    assert.equal(initial.codePointAt(2 ** 20 - 1), '🙂'.codePointAt(0));
    const ours = new PieceTextDocument('file:///n.md', 'markdown', 1, initial);
    ours.update([{ range: { start: { line: 0, character: 3 }, end: { line: 0, character: 5 } }, text: '∑' }], 2);
    const expected = initial.slice(0, 3) + '∑' + initial.slice(5);
    assert.equal(sharedTextString(await ours.snapshot().forWorker()), expected);
    assert.equal(ours.utf8Bytes, Buffer.byteLength(expected));
  });

  it('stays the same text through more edits than it keeps pieces for', async () => {
    const rng = new Prng(3);
    const initial = 'word '.repeat(2000) + '\n'.repeat(50);
    const lib = TextDocument.create('file:///n.md', 'markdown', 1, initial);
    const ours = new PieceTextDocument('file:///n.md', 'markdown', 1, initial);
    const before = ours.snapshot();
    for (let step = 2; step < 3000; step++) {
      // Scattered single characters: each edit adds pieces, until the table is rebuilt.
      const p = lib.positionAt(rng.int(0, lib.getText().length));
      const change = { range: { start: p, end: p }, text: 'x' };
      TextDocument.update(lib, [change], step);
      ours.update([change], step);
    }
    await agree(ours, lib.getText(), rng);
    // A parse holding an older version still reads that version.
    assert.equal(sharedTextString(await before.forWorker()), initial);
  });
});
