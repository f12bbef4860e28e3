import * as assert from 'node:assert/strict';
import { references } from '../../../src/core/features/references';
import { renameFile as renameFileEdit, renameHeading } from '../../../src/core/features/rename';
import { linkUpdatesForMoves } from '../../../src/core/features/moves';
import { NEVER_CANCELLED, type VaultEdit } from '../../../src/core/features/types';
import { parseNote } from '../../../src/core/parse/parseNote';
import { MemoryVault } from '../../../src/core/vault/memoryVault';
import { VaultIndex } from '../../../src/core/vault/vaultIndex';

/**
 * Texts on demand: a note bulk-loaded as `{ path, model, readText }` keeps
 * no text; `entry.text` reads it every time. Edited notes (setNote) keep
 * theirs. Features must give the same answers either way, reading each
 * note they need once, not once per link.
 */

const HUB = 'Hub.md';
function vaultFiles(sources: number): Record<string, string> {
  const files: Record<string, string> = {
    [HUB]: '# Hub\n\n## Part\n\ntext ^blk\n',
    'img.png': '\x89PNG',
  };
  for (let i = 0; i < sources; i++) {
    // Several links to the hub per note: a feature reading the text per link would read each note thrice.
    files[`notes/n${i}.md`] =
      `# N${i}\n\nSee [[Hub]] and [[Hub#Part]], [[Hub#Part|again]], also [[Hub#^blk|the block]].\n\n` +
      // Relative Markdown links: a folder move must rewrite them.
      `[hub](../Hub.md) and ![pic](../img.png)\n`;
  }
  return files;
}

function lazyIndex(files: Record<string, string>): { vault: MemoryVault; index: VaultIndex } {
  const vault = new MemoryVault(files);
  const index = new VaultIndex(parseNote);
  index.bulkLoad(vault.bulkFilesOnDemand(parseNote));
  return { vault, index };
}

function eagerIndex(files: Record<string, string>): VaultIndex {
  const index = new VaultIndex(parseNote);
  index.bulkLoad(Object.entries(files).map(([path, text]) => (path.endsWith('.md') ? { path, text } : { path })));
  return index;
}

/** A VaultEdit as sorted plain data. */
function edits(e: VaultEdit | { error: string }): unknown {
  if ('error' in e) return e;
  return {
    changes: [...e.changes].sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, list]) => [p, list.map((x) => JSON.stringify(x)).sort()]),
    fileOps: e.fileOps,
  };
}

describe('vault index: texts on demand', () => {
  it('reads a note’s text on every access and keeps none of it', () => {
    const { vault, index } = lazyIndex({ 'a.md': 'one [[b]]', 'b.md': 'two' });
    assert.equal(index.holdsText('a.md'), false);
    const before = vault.calls.readFileSync;
    assert.equal(index.getNote('a.md')?.text, 'one [[b]]');
    assert.equal(index.getNote('a.md')?.text, 'one [[b]]');
    assert.equal(vault.calls.readFileSync - before, 2, 'each access reads the file: nothing is cached');
    // Nothing cached means what is read is the file as it is now (the watcher's event re-indexes it later).
    vault.write('a.md', 'one [[b]] edited on disk');
    assert.equal(index.getNote('a.md')?.text, 'one [[b]] edited on disk');
    assert.deepEqual(index.backlinkSourcesOf('b.md'), ['a.md']);
  });

  it('gives an empty text, not an exception, when the file cannot be read', () => {
    const { vault, index } = lazyIndex({ 'a.md': 'one', 'b.md': '[[a]]' });
    vault.delete('a.md');
    assert.equal(index.getNote('a.md')?.text, '');
    const throwing = new VaultIndex(parseNote);
    throwing.bulkLoad([
      {
        path: 'x.md',
        model: parseNote('x'),
        readText: () => {
          throw new Error('EACCES');
        },
      },
    ]);
    assert.equal(throwing.getNote('x.md')?.text, '');
  });

  it('parses a note given with a reader and no model from one read, and knows an unreadable one by name only', () => {
    const index = new VaultIndex(parseNote);
    let reads = 0;
    index.bulkLoad([
      { path: 'a.md', readText: () => (reads++, 'see [[b]]') },
      { path: 'b.md', readText: () => undefined },
    ]);
    assert.equal(reads, 1);
    assert.equal(index.holdsText('a.md'), false);
    assert.equal(index.getNote('b.md'), undefined);
    assert.equal(index.hasFile('b.md'), true);
    assert.deepEqual(index.backlinkSourcesOf('b.md'), ['a.md']);
  });

  it('keeps the text of an edited note, and re-indexes a note on its first edit even when the text equals the file', () => {
    const { vault, index } = lazyIndex({ 'a.md': 'old [[b]]', 'b.md': '', 'c.md': '' });
    index.setNote('a.md', 'new [[c]]');
    assert.equal(index.holdsText('a.md'), true);
    const before = vault.calls.readFileSync;
    assert.equal(index.getNote('a.md')?.text, 'new [[c]]');
    assert.equal(vault.calls.readFileSync, before, 'an edited note’s text is held, not read');
    assert.deepEqual(index.backlinkSourcesOf('c.md'), ['a.md']);
    assert.deepEqual(index.backlinkSourcesOf('b.md'), []);

    // The file may have changed since it was indexed (its watcher event not in yet): the same text as
    // the file is no proof that the model is current, so the first edit always re-parses.
    vault.write('b.md', 'now links [[c]]');
    const change = index.setNote('b.md', 'now links [[c]]');
    assert.ok(change.affected.has('b.md'));
    assert.deepEqual(index.backlinkSourcesOf('c.md').sort(), ['a.md', 'b.md']);
    // Once held, an unchanged text is no change.
    assert.equal(index.setNote('b.md', 'now links [[c]]').affected.size, 0);
  });

  it('reads a renamed note at its new path', () => {
    const { vault, index } = lazyIndex({ 'a.md': '# A\n[[b]]', 'b.md': 'to [[a]]' });
    vault.rename('a.md', 'sub/moved.md');
    index.renameFile('a.md', 'sub/moved.md');
    assert.equal(index.holdsText('sub/moved.md'), false);
    assert.equal(index.getNote('sub/moved.md')?.text, '# A\n[[b]]');
    assert.deepEqual(index.backlinkSourcesOf('b.md'), ['sub/moved.md']);
    assert.equal(index.getNote('a.md'), undefined);
  });

  it('answers references, renames and moves as with texts in memory, reading each note once', () => {
    const files = vaultFiles(30);
    const eager = eagerIndex(files);
    const { vault, index } = lazyIndex(files);
    const at = { line: 0, character: 0 };
    assert.deepEqual(references(index, HUB, at, true, NEVER_CANCELLED), references(eager, HUB, at, true, NEVER_CANCELLED));

    let before = vault.calls.readFileSync;
    const renamed = renameFileEdit(index, HUB, 'Renamed Hub', NEVER_CANCELLED);
    assert.deepEqual(edits(renamed), edits(renameFileEdit(eager, HUB, 'Renamed Hub', NEVER_CANCELLED)));
    assert.ok(vault.calls.readFileSync - before <= 31, `a file rename read ${vault.calls.readFileSync - before} texts for 31 notes`);

    before = vault.calls.readFileSync;
    const heading = renameHeading(index, HUB, 1, 'Section', NEVER_CANCELLED);
    assert.deepEqual(edits(heading), edits(renameHeading(eager, HUB, 1, 'Section', NEVER_CANCELLED)));
    assert.ok(vault.calls.readFileSync - before <= 30, `a heading rename read ${vault.calls.readFileSync - before} texts for 30 notes`);

    before = vault.calls.readFileSync;
    const moves = [{ from: 'notes', to: 'elsewhere/notes' }];
    assert.deepEqual(edits(linkUpdatesForMoves(index, moves)), edits(linkUpdatesForMoves(eager, moves)));
    assert.ok(vault.calls.readFileSync - before <= 30, `a folder move read ${vault.calls.readFileSync - before} texts for 30 notes`);
  });

  it('renames a note linked only by wiki links without reading any linking note', () => {
    // A wiki link's new text follows from its model alone; only a Markdown link's `<…>` or %-encoding needs the text.
    const files: Record<string, string> = { [HUB]: '# Hub\n' };
    for (let i = 0; i < 20; i++) files[`notes/n${i}.md`] = `See [[Hub]], [[Hub#Part|part]] and [[hub|alias]].\n`;
    const { vault, index } = lazyIndex(files);
    const before = vault.calls.readFileSync;
    const renamed = renameFileEdit(index, HUB, 'Renamed Hub', NEVER_CANCELLED);
    assert.equal(vault.calls.readFileSync - before, 0);
    assert.deepEqual(edits(renamed), edits(renameFileEdit(eagerIndex(files), HUB, 'Renamed Hub', NEVER_CANCELLED)));
    assert.ok(!('error' in renamed) && renamed.changes.get('notes/n0.md')?.length === 3);
  });
});
