import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { ENTRY_WORDS, entryBounds, readCacheFile } from '../../../src/core/cache/cacheFile';
import { MemoryCacheStore, type CacheStore } from '../../../src/core/cache/cacheStore';
import { contentKey } from '../../../src/core/cache/contentHash';
import { loadVaultCached, type CachedLoadOptions } from '../../../src/core/cache/loadVaultCached';
import { plainModel } from '../../../src/core/cache/modelCodec';
import { ParseCache, tooRecent } from '../../../src/core/cache/parseCache';
import type { NoteModel } from '../../../src/core/parse/noteModel';
import { parseNote } from '../../../src/core/parse/parseNote';
import type { VaultFileSystem } from '../../../src/core/vault/fileSystem';
import { MemoryVault } from '../../../src/core/vault/memoryVault';
import { VaultIndex } from '../../../src/core/vault/vaultIndex';
import { NodeCacheStore } from '../../../src/server/indexing/nodeCacheStore';
import { NodeVaultFs } from '../../../src/server/nodeVaultFs';

type Item = { path: string; text?: string; model?: NoteModel; readText?: (path: string) => string | undefined };

/** True when VaultIndex keeps a note given with a model and a reader but no text (texts on demand). */
function indexReadsTextOnDemand(): boolean {
  const probe = new VaultIndex(parseNote);
  const item: Item = { path: 'p.md', model: parseNote(''), readText: () => '' };
  probe.bulkLoad([item]);
  return probe.noteCount === 1;
}

/**
 * The index as the loader sees it, keeping what bulkLoad was given (to
 * check which notes came without their text). Should VaultIndex not read
 * texts on demand, it is given such a text right away.
 */
class OnDemandIndex extends VaultIndex {
  static readonly native = indexReadsTextOnDemand();
  items: Item[] = [];
  override bulkLoad(files: Iterable<Item>): void {
    this.items = [...files];
    super.bulkLoad(OnDemandIndex.native ? this.items : this.items.map((f) => (f.text === undefined && f.readText ? { ...f, text: f.readText(f.path) } : f)));
  }
  item(path: string): Item | undefined {
    return this.items.find((i) => i.path === path);
  }
}

/** A clock the test moves: file times and the loader's "now" both come from it. */
function clock(start = 1_700_000_000_123.5) {
  const c = { t: start, now: () => c.t, advance: (ms: number) => (c.t += ms) };
  return c;
}

const FILES = {
  'A.md': '---\naliases: [Ay]\n---\n# A\n[[B]] [[Ay]] [[C#Top]]',
  'sub/B.md': '# B\n[[A#A]] ![[pic.png]]',
  'C.md': '# Top\ntext ^blk\n[[A]]',
  'pic.png': new Uint8Array([137, 80]),
};

/** Flips a bit in the stored cache entry of `text` (its first string byte, through a view of the stored bytes). */
function corruptEntryOf(store: MemoryCacheStore, text: string): void {
  const read = readCacheFile(store.bytes!, 'v1');
  assert.ok(read.ok);
  const key = contentKey(text);
  const k = [...Array(read.data.entries.length / ENTRY_WORDS).keys()].find((i) => read.data.entries[i * ENTRY_WORDS] >>> 0 === key.h1)!;
  read.data.bytes[entryBounds(read.data, k)[1]] ^= 0x20;
}

describe('parse cache: unchanged notes by their stat', () => {
  async function load(store: CacheStore, fs: VaultFileSystem, c: { now: () => number }, options: CachedLoadOptions = {}) {
    const { cache, status } = await ParseCache.open(store, 'v1');
    const index = new OnDemandIndex(parseNote);
    const reads = { ...(fs as MemoryVault).calls };
    const result = await loadVaultCached(fs, index, parseNote, cache, { textOnDemand: true, now: c.now, ...options });
    // The loader reads synchronously when the file system can (MemoryVault can): count both kinds.
    const now = (fs as MemoryVault).calls;
    const read = now.readFile - reads.readFile + now.readFileSync - reads.readFileSync;
    const saved = await cache.save(index.allNotes(), index);
    assert.ok(!('error' in saved), JSON.stringify(saved));
    return { index, result, status, cache, read, saved };
  }

  /** A vault written long ago, a cold load and its save, then a warm one: every note by its stat, none read. */
  async function warmed() {
    const c = clock();
    const vault = new MemoryVault(FILES, c.now);
    const store = new MemoryCacheStore();
    c.advance(60_000);
    const cold = await load(store, vault, c);
    assert.deepEqual([cold.result.parsed, cold.result.statHits, cold.read], [3, 0, 3]);
    c.advance(60_000);
    const warm = await load(store, vault, c);
    assert.deepEqual([warm.result.cached, warm.result.statHits, warm.result.parsed, warm.read], [3, 3, 0, 0]);
    assert.equal(warm.status.stats, 3);
    return { c, vault, store, cold, warm };
  }

  it('takes unchanged notes from the cache without reading them, and indexes the same', async () => {
    const { cold, warm } = await warmed();
    for (const e of cold.index.allNotes()) {
      const w = warm.index.getNote(e.path)!;
      assert.deepStrictEqual(plainModel(w.model), plainModel(e.model));
      assert.deepStrictEqual(w.resolutions, e.resolutions);
      assert.equal(w.text, e.text);
      const item = warm.index.item(e.path)!;
      assert.equal(item.text, undefined, 'a note taken by its stat comes without its text');
      assert.equal(item.readText!(e.path), e.text);
    }
    assert.equal(warm.cache.dirty, false, 'nothing changed: nothing to save');
  });

  it('reads and re-parses a note whose size changed', async () => {
    const { c, vault, store } = await warmed();
    vault.write('C.md', '# Top\ntext ^blk\n[[A]] [[B]]');
    c.advance(60_000);
    const next = await load(store, vault, c);
    assert.deepEqual([next.result.statHits, next.result.parsed, next.read], [2, 1, 1]);
    assert.deepStrictEqual(plainModel(next.index.getNote('C.md')!.model), parseNote('# Top\ntext ^blk\n[[A]] [[B]]'));
  });

  it('reads a note whose time changed: a changed text is parsed, a touched one is a hit that is trusted again after the save', async () => {
    const { c, vault, store } = await warmed();
    vault.write('C.md', '# Top\ntext ^blk\n[[B]]'); // same length, new time
    vault.touch('A.md');
    c.advance(60_000);
    const next = await load(store, vault, c);
    assert.deepEqual([next.result.statHits, next.result.cached, next.result.parsed, next.read], [1, 2, 1, 2]);
    assert.deepStrictEqual(plainModel(next.index.getNote('C.md')!.model), parseNote('# Top\ntext ^blk\n[[B]]'));
    c.advance(60_000);
    const again = await load(store, vault, c);
    assert.deepEqual([again.result.statHits, again.read], [3, 0]);
  });

  it('does not trust a time as recent as the load (racy): a note rewritten in the same tick is read, never stale', async () => {
    const c = clock();
    const vault = new MemoryVault(FILES, c.now);
    const store = new MemoryCacheStore();
    c.advance(5); // the load sees files written 5 ms earlier
    const cold = await load(store, vault, c);
    // Rewritten after the load read it, same length, same time (the file system's clock had not ticked).
    vault.write('C.md', '# Top\ntext ^blk\n[[B]]', (await vault.statMany(['C.md']))[0]!.mtimeMs);
    assert.equal(cold.saved && 'stats' in cold.saved && cold.saved.stats, 0, 'saved right after the load: still too recent to record');
    c.advance(60_000);
    const next = await load(store, vault, c);
    assert.equal(next.result.statHits, 0);
    assert.deepStrictEqual(plainModel(next.index.getNote('C.md')!.model), parseNote('# Top\ntext ^blk\n[[B]]'));
  });

  it('records a racy note at save time once it is old enough and re-read unchanged; a changed one stays unrecorded', async () => {
    const c = clock();
    const vault = new MemoryVault(FILES, c.now);
    const store = new MemoryCacheStore();
    c.advance(5);
    const { cache } = await ParseCache.open(store, 'v1');
    const index = new OnDemandIndex(parseNote);
    await loadVaultCached(vault, index, parseNote, cache, { textOnDemand: true, now: c.now });
    const mtime = (await vault.statMany(['C.md']))[0]!.mtimeMs;
    vault.write('C.md', '# Top\ntext ^blk\n[[B]]', mtime); // changed in the same tick, unseen by the load
    c.advance(10_000); // the save comes later
    const before = vault.calls.readFile;
    const saved = await cache.save(index.allNotes(), index);
    assert.equal(vault.calls.readFile - before, 3, 'the save re-reads the three racy notes');
    assert.equal('stats' in saved && saved.stats, 2, 'A and B are recorded; C changed since the load read it');
    c.advance(10_000);
    const next = await load(store, vault, c);
    assert.deepEqual([next.result.statHits, next.read], [2, 1]);
    assert.deepStrictEqual(plainModel(next.index.getNote('C.md')!.model), parseNote('# Top\ntext ^blk\n[[B]]'));
  });

  it('treats whole-second times (a coarse file system) as racy for longer', () => {
    assert.equal(tooRecent({ size: 1, mtimeMs: 10_000.5, ctimeMs: 0 }, 11_600), false);
    assert.equal(tooRecent({ size: 1, mtimeMs: 10_000, ctimeMs: 0 }, 11_600), true);
    assert.equal(tooRecent({ size: 1, mtimeMs: 10_000, ctimeMs: 0 }, 13_001), false);
    assert.equal(tooRecent({ size: 1, mtimeMs: 1_000.5, ctimeMs: 12_000.5 }, 12_500), true, 'a recent inode change counts too');
    assert.equal(tooRecent({ size: 1, mtimeMs: NaN, ctimeMs: 0 }, 12_500), true);
  });

  it('drops a deleted note and takes a new one by reading it', async () => {
    const { c, vault, store } = await warmed();
    vault.delete('sub/B.md');
    vault.write('D.md', '[[A]] new');
    c.advance(60_000);
    const next = await load(store, vault, c);
    assert.deepEqual([next.result.statHits, next.result.parsed, next.read], [2, 1, 1]);
    assert.equal(next.index.getNote('sub/B.md'), undefined);
    assert.ok(next.index.getNote('D.md'));
    assert.deepEqual('stats' in next.saved && [next.saved.entries, next.saved.stats], [3, 3]);
    assert.equal((await ParseCache.open(store, 'v1')).status.stats, 3);
  });

  it('reads a renamed note (no record for its new path) and finds its text in the cache', async () => {
    const { c, vault, store } = await warmed();
    vault.rename('C.md', 'moved/C2.md');
    c.advance(60_000);
    const next = await load(store, vault, c);
    assert.deepEqual([next.result.statHits, next.result.cached, next.result.parsed, next.read], [2, 3, 0, 1]);
    c.advance(60_000);
    assert.deepEqual((await load(store, vault, c)).result.statHits, 3);
  });

  it('skips a note now over the size limit, whatever its record says', async () => {
    const { c, vault, store } = await warmed();
    c.advance(60_000);
    const next = await load(store, vault, c, { maxNoteBytes: 30 });
    assert.deepEqual(next.result.skipped.map((s) => [s.path, s.reason]), [['A.md', 'too-large']]);
    assert.equal(next.index.getNote('A.md'), undefined);
    assert.ok(next.index.hasFile('A.md'));
  });

  it('re-parses a note whose entry is corrupt even when its stat matches, when its model is first read', async () => {
    const { c, vault, store } = await warmed();
    corruptEntryOf(store, FILES['C.md']);
    c.advance(60_000);
    const logged: string[] = [];
    const next = await load(store, vault, c, { log: (m) => logged.push(m) });
    // Taken by its stat (the snapshot's links come from the checked tables); its entry is checked when decoded.
    assert.deepEqual([next.result.statHits, next.result.parsed], [3, 0]);
    for (const [path, text] of Object.entries(FILES)) {
      if (typeof text === 'string') assert.deepStrictEqual(plainModel(next.index.getNote(path)!.model), parseNote(text), path);
    }
    assert.deepEqual(logged, ['mmnotes: the cached model of C.md does not decode; parsed it again']);
    await Promise.resolve();
    // (The save after the load found it first.) Its links were resolved again for the parsed model, as a fresh index does.
    const fresh = new VaultIndex(parseNote);
    fresh.bulkLoad(Object.entries(FILES).map(([path, text]) => (typeof text === 'string' ? { path, text } : { path })));
    for (const path of ['A.md', 'sub/B.md', 'C.md']) assert.deepEqual(next.index.getNote(path)!.resolutions, fresh.getNote(path)!.resolutions, path);
    assert.deepEqual(next.index.reverseIndexSnapshot(), fresh.reverseIndexSnapshot());
  });

  it('parses a renamed note at its new path when its entry turns out corrupt after the rename', async () => {
    const { c, vault, store } = await warmed();
    corruptEntryOf(store, FILES['C.md']);
    c.advance(60_000);
    const { cache } = await ParseCache.open(store, 'v1');
    const index = new VaultIndex(parseNote);
    await loadVaultCached(vault, index, parseNote, cache, { textOnDemand: true, now: c.now });
    // Moved on disk, then the watcher's rename: the model was never read before.
    vault.rename('C.md', 'moved/C.md');
    index.renameFile('C.md', 'moved/C.md');
    assert.deepStrictEqual(plainModel(index.getNote('moved/C.md')!.model), parseNote(FILES['C.md']));
    await Promise.resolve();
    assert.deepEqual(index.getNote('moved/C.md')!.resolutions.map((r) => r.kind), ['file']);
  });

  it('saves without reading texts: keys come from the models it gave the index', async () => {
    const { c, vault, store } = await warmed();
    vault.write('C.md', '# changed');
    c.advance(60_000);
    const { cache } = await ParseCache.open(store, 'v1');
    const index = new OnDemandIndex(parseNote);
    await loadVaultCached(vault, index, parseNote, cache, { textOnDemand: true, now: c.now });
    index.setNote('E.md', '[[A]] typed in the editor');
    const notes = [...index.allNotes()].map((e) => ({
      path: e.path,
      model: e.model,
      get text(): string {
        if (e.path !== 'E.md') throw new Error(`read the text of ${e.path}`);
        return e.text;
      },
    }));
    const saved = await cache.save(notes);
    assert.deepEqual('stats' in saved && [saved.entries, saved.stats], [4, 3], 'E.md has an entry but no record (not on disk)');
  });

  it('without texts on demand reads every note as before, and still records stats', async () => {
    const c = clock();
    const vault = new MemoryVault(FILES, c.now);
    const store = new MemoryCacheStore();
    c.advance(60_000);
    await load(store, vault, c, { textOnDemand: false });
    c.advance(60_000);
    const warm = await load(store, vault, c, { textOnDemand: false });
    assert.deepEqual([warm.result.cached, warm.result.statHits, warm.read], [3, 0, 3]);
    assert.equal(warm.status.stats, 3);
    assert.ok(warm.index.items.every((i) => !i.path.endsWith('.md') || i.text !== undefined));
  });

  it('loads correctly with the index as it is (texts on demand probed), and with the cache still opening', async () => {
    const c = clock();
    const vault = new MemoryVault(FILES, c.now);
    const store = new MemoryCacheStore();
    c.advance(60_000);
    for (let round = 0; round < 2; round++) {
      const index = new VaultIndex(parseNote);
      const opening = ParseCache.open(store, 'v1').then((o) => o.cache);
      const result = await loadVaultCached(vault, index, parseNote, opening, { now: c.now });
      assert.equal(index.noteCount, 3);
      for (const [path, text] of Object.entries(FILES)) if (typeof text === 'string') assert.equal(index.getNote(path)!.text, text);
      assert.equal(result.cached, round === 0 ? 0 : 3);
      await (await opening).save(index.allNotes(), index);
      c.advance(60_000);
    }
  });
});

describe('parse cache: stat records on the real file system', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(os.tmpdir(), 'mmnotes-stat-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes unchanged notes by stat, and sees a rewrite of the same length and time by its inode change time', async () => {
    const vaultDir = join(dir, 'vault');
    mkdirSync(join(vaultDir, 'sub'), { recursive: true });
    const old = new Date(Date.now() - 3_600_000);
    for (const [path, text] of Object.entries(FILES)) {
      writeFileSync(join(vaultDir, path), text);
      utimesSync(join(vaultDir, path), old, old);
    }
    const fs = new NodeVaultFs(vaultDir, () => []);
    const store = new NodeCacheStore(join(dir, 'cache'));
    // The files were just written: a load "later" trusts their times; one now does not (they are racy).
    const later = () => Date.now() + 60_000;
    const run = async (now: () => number) => {
      const { cache } = await ParseCache.open(store, 'v1');
      const index = new OnDemandIndex(parseNote);
      const result = await loadVaultCached(fs, index, parseNote, cache, { textOnDemand: true, now });
      await cache.save(index.allNotes(), index);
      return { index, result };
    };
    assert.equal((await run(Date.now)).result.parsed, 3);
    assert.equal((await run(Date.now)).result.statHits, 0, 'just written: not trusted by its times');
    assert.equal((await run(later)).result.statHits, 0, 'the record is written by the save after a trusted load');
    const warm = await run(later);
    assert.equal(warm.result.statHits, 3);
    assert.equal(warm.index.item('C.md')!.readText!('C.md'), FILES['C.md']);
    writeFileSync(join(vaultDir, 'C.md'), '# Top\ntext ^blk\n[[B]]');
    utimesSync(join(vaultDir, 'C.md'), old, old); // the same length and modification time: only the inode change time tells
    const next = await run(later);
    assert.deepEqual([next.result.statHits, next.result.parsed], [2, 1]);
    assert.deepStrictEqual(plainModel(next.index.getNote('C.md')!.model), parseNote('# Top\ntext ^blk\n[[B]]'));
  });
});
