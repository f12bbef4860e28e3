import * as assert from 'node:assert/strict';
import { MemoryCacheStore } from '../../../src/core/cache/cacheStore';
import { contentKey, keyNumber } from '../../../src/core/cache/contentHash';
import { loadVaultCached, type ReadParseManyFn, type ReadParseResult } from '../../../src/core/cache/loadVaultCached';
import { compactModel, plainModel } from '../../../src/core/cache/modelCodec';
import { ParseCache } from '../../../src/core/cache/parseCache';
import { parseNote } from '../../../src/core/parse/parseNote';
import { decodeNote } from '../../../src/core/vault/decodeNote';
import { MemoryVault } from '../../../src/core/vault/memoryVault';
import { VaultIndex } from '../../../src/core/vault/vaultIndex';

/**
 * The loader hands batches of notes to `readParseMany` (the parse workers,
 * which read the files themselves) and never sees their texts. Here an
 * in-process stand-in does what parseWorker.ts does, so that the loader's
 * side can be checked on every path: parsed, known to the cache, skipped,
 * and a failing worker.
 */
function elsewhere(vault: MemoryVault, calls: { batches: number; parsed: number; reads?: number }, fail = false): ReadParseManyFn {
  return async (paths, known) => {
    calls.batches++;
    if (fail) throw new Error('worker died');
    const keys = new Set(known());
    return paths.map((path): ReadParseResult => {
      let bytes: Uint8Array;
      try {
        calls.reads = (calls.reads ?? 0) + 1;
        bytes = vault.readFileSync(path);
      } catch {
        return { kind: 'skipped', reason: 'unreadable', message: 'could not be read' };
      }
      const decoded = decodeNote(bytes, 1000);
      if (!decoded.ok) return { kind: 'skipped', reason: decoded.reason, message: decoded.message };
      const key = contentKey(decoded.text);
      if (keys.has(keyNumber(key))) return { kind: 'known', key };
      calls.parsed++;
      return { kind: 'parsed', key, ...compactModel(parseNote(decoded.text)) };
    });
  };
}

const FILES = {
  'A.md': '---\naliases: [Ay]\n---\n# A\n[[B]] [[Ay]]',
  'sub/B.md': '# B\n[[A#A]] ![[pic.png]]',
  'C.md': '[[A]] [[Missing]]',
  'bin.md': new Uint8Array([0, 1, 2]),
  'big.md': 'x'.repeat(5000),
  'pic.png': new Uint8Array([1]),
};

async function load(vault: MemoryVault, store: MemoryCacheStore, readParseMany?: ReadParseManyFn, log?: string[]) {
  const { cache } = await ParseCache.open(store, 'v1');
  const index = new VaultIndex(parseNote);
  const before = vault.calls.readFileSync + vault.calls.readFile;
  const result = await loadVaultCached(vault, index, parseNote, cache, {
    textOnDemand: true, maxNoteBytes: 1000, batchSize: 2, readParseMany, log: (m) => log?.push(m),
  });
  const readHere = vault.calls.readFileSync + vault.calls.readFile - before;
  await cache.save(index.allNotes(), index);
  return { index, result, readHere };
}

function state(index: VaultIndex) {
  return [...index.allNotes()].map((e) => ({ path: e.path, model: plainModel(e.model), resolutions: e.resolutions })).sort((a, b) => (a.path < b.path ? -1 : 1));
}

describe('loader: notes read and parsed elsewhere', () => {
  it('builds the index a main-thread load builds, reading no note here, and skips what cannot be a note', async () => {
    const reference = await load(new MemoryVault(FILES), new MemoryCacheStore());
    const vault = new MemoryVault(FILES);
    const calls = { batches: 0, parsed: 0, reads: 0 };
    const got = await load(vault, new MemoryCacheStore(), elsewhere(vault, calls));
    assert.deepEqual(state(got.index), state(reference.index));
    assert.equal(got.readHere - calls.reads, 0, 'no note text came to this thread');
    assert.equal(calls.batches, 3);
    assert.deepEqual([got.result.parsed, got.result.parsedElsewhere, calls.parsed], [3, 3, 3]);
    assert.deepEqual(got.result.skipped.map((s) => [s.path, s.reason]).sort(), [['big.md', 'too-large'], ['bin.md', 'binary']]);
  });

  it('takes a text the cache knows from the cache (a touched note), and reads here what a dead worker could not', async () => {
    let t = 1_700_000_000_000;
    const vault = new MemoryVault(FILES, () => t);
    const store = new MemoryCacheStore();
    t += 60_000;
    await load(vault, store);
    t += 60_000;
    for (const p of ['A.md', 'C.md']) vault.touch(p);
    t += 60_000;
    const calls = { batches: 0, parsed: 0 };
    const touched = await load(vault, store, elsewhere(vault, calls));
    assert.deepEqual([touched.result.statHits, touched.result.cached, touched.result.parsed, calls.parsed], [1, 3, 0, 0]);
    assert.deepEqual(state(touched.index), state((await load(new MemoryVault(FILES), new MemoryCacheStore())).index));

    const log: string[] = [];
    const dead = await load(new MemoryVault(FILES), new MemoryCacheStore(), elsewhere(vault, calls, true), log);
    assert.equal(dead.result.parsed, 3);
    assert.ok(log.some((m) => /parse worker failed \(worker died\); reading on the main thread/.test(m)));
    assert.deepEqual(state(dead.index), state((await load(new MemoryVault(FILES), new MemoryCacheStore())).index));
  });
});
