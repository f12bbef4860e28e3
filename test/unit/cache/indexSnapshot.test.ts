import * as assert from 'node:assert/strict';
import { readCacheFile, writeCacheFile } from '../../../src/core/cache/cacheFile';
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { MemoryCacheStore, type CacheStore } from '../../../src/core/cache/cacheStore';
import { plainModel } from '../../../src/core/cache/modelCodec';
import { NodeCacheStore } from '../../../src/server/indexing/nodeCacheStore';
import { DeferredModel } from '../../../src/core/cache/deferredModel';
import { encodeSnapshot, IndexSnapshot } from '../../../src/core/cache/indexSnapshot';
import { loadVaultCached } from '../../../src/core/cache/loadVaultCached';
import { ParseCache } from '../../../src/core/cache/parseCache';
import { parseNote } from '../../../src/core/parse/parseNote';
import { MemoryVault } from '../../../src/core/vault/memoryVault';
import type { Resolution } from '../../../src/core/vault/resolveLink';
import { VaultIndex } from '../../../src/core/vault/vaultIndex';
import { isNotePath } from '../../../src/core/vault/vaultPath';
import { rng } from '../../support/rng';

/**
 * A warm start takes each unchanged note's link resolutions from the index
 * snapshot saved with the cache, and resolves again only the notes whose
 * looked-up names changed since. Whatever happened to the vault between
 * the save and the load, the index must be the one a cold load builds.
 */

type R = ReturnType<typeof rng>;

const FOLDERS = ['', 'a/', 'A/', 'b/deep/'];
const NAMES = ['Note', 'note', 'Topic', 'Other', 'ΑΣ', 'café', 'Hub', 'x.y'];
const ALIASES = ['Alias', 'alias', 'Topic', 'Hub', 'Other', 'Gone'];
const ATTACHMENTS = ['pic.png', 'PIC.png', 'doc.pdf', 'Note'];

function noteText(r: R, path: string): string {
  const aliases = r.chance(0.3) ? `---\naliases: [${Array.from({ length: 1 + r.int(2) }, () => r.pick(ALIASES)).join(', ')}]\n---\n` : '';
  const links = Array.from({ length: r.int(6) }, () => {
    const name = r.pick([...NAMES, ...ALIASES, ...ATTACHMENTS, 'Missing']);
    return r.pick([
      () => `[[${name}]]`,
      () => `[[${r.pick(FOLDERS)}${name}#H]]`,
      () => `![[${name}]]`,
      () => `[t](${encodeURI(r.pick(['', '../', './']) + name)}.md)`,
      () => `[[#H]]`,
      () => `[[${path.replace(/\.md$/, '')}]]`,
    ])();
  });
  return `${aliases}# H\n\n${links.join(' ')}\n`;
}

function randomVault(r: R, clockNow: () => number): MemoryVault {
  const files: Record<string, string | Uint8Array> = {};
  for (let i = 2 + r.int(12); i > 0; i--) {
    const path = r.pick(FOLDERS) + r.pick(NAMES) + '.md';
    files[path] = noteText(r, path);
  }
  for (let i = r.int(3); i > 0; i--) files[r.pick(FOLDERS) + r.pick(ATTACHMENTS)] = new Uint8Array([1, 2, 3]);
  return new MemoryVault(files, clockNow);
}

/** What happens to a vault while the editor is closed. */
function mutate(r: R, vault: MemoryVault, steps: number): void {
  for (let s = 0; s < steps; s++) {
    const paths = vault.listFilesSync();
    const notes = paths.filter(isNotePath);
    const choice = r.int(6);
    if (choice === 0 && notes.length) vault.write(r.pick(notes), noteText(r, r.pick(notes)));
    else if (choice === 1 && paths.length > 1) vault.delete(r.pick(paths));
    else if (choice === 2) {
      const path = r.pick(FOLDERS) + r.pick(NAMES) + '.md';
      vault.write(path, noteText(r, path));
    } else if (choice === 3 && paths.length) {
      const to = r.pick(FOLDERS) + r.pick([...NAMES, 'New']) + '.md';
      const from = r.pick(notes.length ? notes : paths);
      if (!paths.includes(to) && isNotePath(from)) vault.rename(from, to);
    } else if (choice === 4) vault.write(r.pick(FOLDERS) + r.pick(ATTACHMENTS), new Uint8Array([4]));
    else if (choice === 5 && notes.length) vault.touch(r.pick(notes));
  }
}

/** Everything the index answers about links, as plain data. */
function state(index: VaultIndex): unknown {
  const resolutions: Record<string, Resolution[]> = {};
  for (const e of [...index.allNotes()].sort((a, b) => (a.path < b.path ? -1 : 1))) resolutions[e.path] = e.resolutions.map((x) => ({ ...x }));
  const backlinks: Record<string, string[]> = {};
  for (const f of [...index.allFiles()].sort()) {
    const b = index.backlinks(f).map((x) => `${x.source}#${x.linkIndex}:${x.link.path}`).sort();
    if (b.length) backlinks[f] = b;
  }
  return { files: [...index.allFiles()].sort(), resolutions, backlinks, reverse: index.reverseIndexSnapshot() };
}

function clock() {
  const c = { t: 1_700_000_000_000.25, now: () => c.t, advance: (ms: number) => (c.t += ms) };
  return c;
}

async function loadWith(store: CacheStore, vault: MemoryVault, now: () => number, save = true) {
  const { cache } = await ParseCache.open(store, 'v1');
  const index = new VaultIndex(parseNote);
  const result = await loadVaultCached(vault, index, parseNote, cache, { now });
  if (save) {
    const saved = await cache.save(index.allNotes(), index);
    assert.ok(!('error' in saved), JSON.stringify(saved));
  }
  return { index, result };
}

function coldIndex(vault: MemoryVault): VaultIndex {
  const index = new VaultIndex(parseNote);
  index.bulkLoad(vault.listFilesSync().map((path) => (isNotePath(path) ? { path, text: vault.readTextSync(path) ?? '' } : { path })));
  return index;
}

describe('parse cache: the index snapshot', () => {
  it('loads an unchanged vault without decoding or resolving any note, to the index a cold load builds', async () => {
    const c = clock();
    const vault = new MemoryVault(
      { 'A.md': '---\naliases: [Ay]\n---\n# A\n[[B]] [[Ay]] [[C#Top]] [x](sub/B.md)', 'sub/B.md': '# B\n[[A#A]] ![[pic.png]] [[Missing]]', 'C.md': '# Top\n[[A]] [[#Top]]', 'pic.png': new Uint8Array([1]) },
      c.now,
    );
    const store = new MemoryCacheStore();
    c.advance(60_000);
    await loadWith(store, vault, c.now);
    c.advance(60_000);
    const warm = await loadWith(store, vault, c.now, false);
    assert.equal(warm.result.statHits, 3);
    const models = [...warm.index.allNotes()].map((e) => e.model);
    assert.ok(models.every((m) => m instanceof DeferredModel && !m.decoded), 'no model was decoded');
    assert.equal(store.tails, 0, "the models' data is not even read");
    assert.deepEqual(state(warm.index), state(coldIndex(vault)));
    // The features still see every note's model, decoded when first asked.
    assert.deepEqual(warm.index.getNote('A.md')!.model.frontmatter?.aliases, ['Ay']);
    assert.equal(warm.index.backlinks('sub/B.md').length, 2);
    assert.equal(store.tails, 1);
  });

  it("reads the models' data from the file it opened, even after a save replaced it; data it cannot read makes models parse again", async () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'mmnotes-snapshot-'));
    try {
      const c = clock();
      const files = { 'A.md': '# A\n[[B]] ==hi==', 'B.md': '---\naliases: [Bee]\n---\n[[A#A]]' };
      const vault = new MemoryVault(files, c.now);
      c.advance(60_000);
      const store = new NodeCacheStore(dir);
      await loadWith(store, vault, c.now);
      c.advance(60_000);
      const { cache } = await ParseCache.open(store, 'v1');
      // Another window saves a cache of other notes over the file before any model was read.
      const other = await ParseCache.open(new NodeCacheStore(dir), 'v1');
      await other.cache.save([{ path: 'Z.md', text: 'z', model: parseNote('z') }]);
      const index = new VaultIndex(parseNote);
      await loadVaultCached(vault, index, parseNote, cache, { now: c.now });
      for (const [path, text] of Object.entries(files)) assert.deepStrictEqual(plainModel(index.getNote(path)!.model), parseNote(text), path);

      // A file cut short after its tables were read: every model is parsed again, and says so.
      const bytes = readFileSync(store.file);
      await loadWith(store, vault, c.now);
      const cut = await ParseCache.open(store, 'v1');
      writeFileSync(store.file, readFileSync(store.file).subarray(0, bytes.length - 8));
      const logged: string[] = [];
      const again = new VaultIndex(parseNote);
      await loadVaultCached(vault, again, parseNote, cut.cache, { now: c.now, log: (m) => logged.push(m) });
      for (const [path, text] of Object.entries(files)) assert.deepStrictEqual(plainModel(again.getNote(path)!.model), parseNote(text), path);
      assert.equal(logged.length, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('equals a cold load whatever changed in between: edits, aliases, new, deleted and renamed files (random vaults)', async () => {
    let loadsWithKnown = 0;
    for (let seed = 1; seed <= 120; seed++) {
      const r = rng(seed);
      const c = clock();
      const vault = randomVault(r, c.now);
      const store = new MemoryCacheStore();
      c.advance(60_000);
      await loadWith(store, vault, c.now);
      for (let round = 0; round < 3; round++) {
        c.advance(60_000);
        mutate(r, vault, r.int(4));
        c.advance(60_000);
        const warm = await loadWith(store, vault, c.now);
        if (warm.result.statHits) loadsWithKnown++;
        assert.deepEqual(state(warm.index), state(coldIndex(vault)), `seed ${seed}, round ${round}: ${JSON.stringify(vault.listFilesSync())}`);
        // And it keeps up with edits after the load, as an index loaded from texts does.
        const notes = vault.listFilesSync().filter(isNotePath);
        if (notes.length) {
          const path = r.pick(notes);
          const text = noteText(r, path);
          vault.write(path, text);
          warm.index.setNote(path, text);
          assert.deepEqual(state(warm.index), state(coldIndex(vault)), `seed ${seed}, round ${round}, after editing ${path}`);
        }
      }
    }
    assert.ok(loadsWithKnown > 200, `${loadsWithKnown} warm loads took notes by their stat`);
  });

  it('is written and read back exactly, and a damaged one is no snapshot', () => {
    const file: Resolution = { kind: 'file', path: 'a/Note.md', via: 'alias' };
    const input = {
      files: ['a/Note.md', 'pic.png', 'ΑΣ.md'],
      aliasKeys: [['a/Note.md', ['alias', 'ας']]] as [string, string[]][],
      records: [
        { resolutions: [file, file, { kind: 'self' }, { kind: 'ambiguous', candidates: ['a/Note.md', 'ΑΣ.md'] }, { kind: 'unresolved', reason: 'outside-vault' }] as Resolution[], keys: ['note', 'ας'] },
        undefined,
        { resolutions: [{ kind: 'unresolved', reason: 'missing' }] as Resolution[], keys: ['missing'] },
      ],
    };
    const { words, strings } = encodeSnapshot(input);
    const back = IndexSnapshot.decode(words, strings, 3)!;
    assert.deepEqual(back.names(), { files: input.files, aliasKeys: new Map(input.aliasKeys) });
    assert.deepEqual(back.known(0), input.records[0]);
    assert.equal(back.known(1), undefined);
    assert.deepEqual(back.known(2), input.records[2]);
    const k = back.known(0)!;
    assert.equal(k.resolutions[0], k.resolutions[1], 'one object per distinct resolution');
    // Through the cache file, with its tables' checksum.
    const bytes = writeCacheFile('v', [], [], { words, strings });
    const read = readCacheFile(bytes, 'v');
    assert.ok(read.ok && read.data.snapshot.strings === strings);
    assert.equal(IndexSnapshot.decode(words, strings, 2), undefined, 'another record count');
    for (let i = 0; i < words.length; i++) {
      for (const bad of [-1, 1 << 20]) {
        const w = words.slice();
        w[i] = bad;
        const d = IndexSnapshot.decode(w, strings, 3);
        // Either refused, or (an id changed within bounds) still a snapshot whose every part reads.
        if (d) {
          d.names();
          [0, 1, 2].forEach((r) => d.known(r));
        }
      }
    }
    assert.equal(IndexSnapshot.decode(words, strings + 'x', 3), undefined, 'strings longer than their lengths');
  });
});
