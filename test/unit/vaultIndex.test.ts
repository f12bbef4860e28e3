import * as assert from 'node:assert/strict';
import { parseNote } from '../../src/core/parse/parseNote';
import { loadVault } from '../../src/core/vault/loadVault';
import { MemoryVault } from '../../src/core/vault/memoryVault';
import { shortestLinkText } from '../../src/core/vault/resolveLink';
import { VaultIndex } from '../../src/core/vault/vaultIndex';

async function indexOf(files: Record<string, string | Uint8Array>): Promise<VaultIndex> {
  const index = new VaultIndex(parseNote);
  await loadVault(new MemoryVault(files), index);
  return index;
}

/** Where the links of a note lead, as `target → path` strings a reader can check at a glance. */
function targets(index: VaultIndex, path: string): string[] {
  const e = index.getNote(path)!;
  return e.model.links.map((l, i) => {
    const r = e.resolutions[i];
    const to = r.kind === 'file' ? r.path : r.kind === 'ambiguous' ? `ambiguous(${r.candidates.join(', ')})` : r.kind === 'self' ? 'self' : `unresolved:${r.reason}`;
    return `${l.path} → ${to}`;
  });
}

describe('vault index: resolution by Obsidian rules', () => {
  it('resolves by name anywhere, case-insensitively, with .md implied or written', async () => {
    const index = await indexOf({
      'a.md': '[[Deep Note]] [[deep note]] [[Deep Note.md]] [[sub/Deep Note]] [[missing]]',
      'sub/Deep Note.md': '# Deep',
    });
    assert.deepEqual(targets(index, 'a.md'), [
      'Deep Note → sub/Deep Note.md',
      'deep note → sub/Deep Note.md',
      'Deep Note.md → sub/Deep Note.md',
      'sub/Deep Note → sub/Deep Note.md',
      'missing → unresolved:missing',
    ]);
  });

  it('resolves attachments by their full name and frontmatter aliases as names', async () => {
    const index = await indexOf({
      'a.md': '![[pic.png|300]] ![[pic]] [[Multimodality]] [[Alt Name]]',
      'img/pic.png': new Uint8Array([137, 80, 78, 71]),
      'MML.md': '---\naliases:\n  - Multimodality\n---\n',
      'B.md': '---\naliases: Alt Name\n---\n',
    });
    assert.deepEqual(targets(index, 'a.md'), ['pic.png → img/pic.png', 'pic → unresolved:missing', 'Multimodality → MML.md', 'Alt Name → B.md']);
  });

  it('reports ambiguity instead of guessing, but prefers the linking note’s own folder', async () => {
    const index = await indexOf({
      'x/Topic.md': '',
      'y/Topic.md': '',
      'root.md': '[[Topic]] [[x/Topic]]',
      'x/here.md': '[[Topic]]',
    });
    assert.deepEqual(targets(index, 'root.md'), ['Topic → ambiguous(x/Topic.md, y/Topic.md)', 'x/Topic → x/Topic.md']);
    assert.deepEqual(targets(index, 'x/here.md'), ['Topic → x/Topic.md']);
    assert.equal(shortestLinkText(index.names, 'y/Topic.md'), 'y/Topic');
  });

  it('resolves relative Markdown links and refuses paths that leave the vault', async () => {
    const index = await indexOf({
      'notes/a.md': '[b](../b.md) [c](c%20d.md) [out](../../etc/passwd) [[../../secret]]',
      'b.md': '',
      'notes/c d.md': '',
    });
    assert.deepEqual(targets(index, 'notes/a.md'), [
      '../b.md → b.md',
      'c d.md → notes/c d.md',
      '../../etc/passwd → unresolved:outside-vault',
      '../../secret → unresolved:outside-vault',
    ]);
  });

  it('treats [[#Heading]] as a link into the same note', async () => {
    const index = await indexOf({ 'a.md': '# Top\n[[#Top]]' });
    assert.deepEqual(targets(index, 'a.md'), [' → self']);
  });
});

describe('vault index: incremental updates', () => {
  it('re-resolves links when the note they name is created, renamed or deleted', async () => {
    const index = await indexOf({ 'a.md': '[[Later]]', 'b.md': '[[Later]] [[a]]' });
    assert.deepEqual(targets(index, 'a.md'), ['Later → unresolved:missing']);

    const created = index.setNote('Later.md', '# Later');
    assert.deepEqual([...created.affected].sort(), ['Later.md', 'a.md', 'b.md']);
    assert.deepEqual(targets(index, 'a.md'), ['Later → Later.md']);
    assert.deepEqual(index.backlinkSourcesOf('Later.md').sort(), ['a.md', 'b.md']);

    index.renameFile('Later.md', 'folder/Renamed.md');
    assert.deepEqual(targets(index, 'a.md'), ['Later → unresolved:missing']);
    assert.deepEqual(index.backlinkSourcesOf('folder/Renamed.md'), []);

    index.deleteFile('a.md');
    assert.deepEqual(targets(index, 'b.md'), ['Later → unresolved:missing', 'a → unresolved:missing']);
  });

  it('updates alias resolution when frontmatter changes, and only touches notes that name it', async () => {
    const index = await indexOf({ 'n.md': 'no alias yet', 'l.md': '[[Nick]]', 'other.md': '[[n]]' });
    const change = index.setNote('n.md', '---\naliases: [Nick]\n---\n');
    assert.deepEqual(targets(index, 'l.md'), ['Nick → n.md']);
    assert.ok(change.affected.has('l.md'));
    assert.ok(change.namesChanged);
    index.setNote('n.md', 'alias gone');
    assert.deepEqual(targets(index, 'l.md'), ['Nick → unresolved:missing']);
  });

  it('marks linking notes affected when the headings of their target change', async () => {
    const index = await indexOf({ 't.md': '# One', 's.md': '[[t#One]]', 'u.md': 'unrelated' });
    const change = index.setNote('t.md', '# Two');
    assert.deepEqual([...change.affected].sort(), ['s.md', 't.md']);
  });

  it('becomes ambiguous when a second note takes the same name', async () => {
    const index = await indexOf({ 'a/Topic.md': '', 'src.md': '[[Topic]]' });
    index.setNote('b/Topic.md', '');
    assert.deepEqual(targets(index, 'src.md'), ['Topic → ambiguous(a/Topic.md, b/Topic.md)']);
    index.deleteFile('b/Topic.md');
    assert.deepEqual(targets(index, 'src.md'), ['Topic → a/Topic.md']);
  });
});

describe('vault loading: bad input', () => {
  it('skips binary and oversized notes with a reason, and still knows their names', async () => {
    const index = new VaultIndex(parseNote);
    const skipped = await loadVault(
      new MemoryVault({ 'bin.md': new Uint8Array([0, 1, 2, 0]), 'big.md': 'x'.repeat(2000), 'ok.md': '[[bin]] [[big]]' }),
      index,
      { maxNoteBytes: 1000 },
    );
    assert.deepEqual(skipped.map((s) => `${s.path}: ${s.reason}`).sort(), ['big.md: too-large', 'bin.md: binary']);
    assert.deepEqual(targets(index, 'ok.md'), ['bin → bin.md', 'big → big.md']);
  });
});

describe('vault index: full paths', () => {
  it('prefers the root note whose full path the link names over a same-named note in a folder', async () => {
    const index = await indexOf({ 'X.md': '', 'sub/X.md': '', 'a/b.md': '[[X]] [[sub/X]]' });
    assert.deepEqual(targets(index, 'a/b.md'), ['X → X.md', 'sub/X → sub/X.md']);
    assert.equal(shortestLinkText(index.names, 'X.md'), 'X');
    assert.equal(shortestLinkText(index.names, 'sub/X.md'), 'sub/X');
  });
});
