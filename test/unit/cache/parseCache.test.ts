import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeEntry, entryBounds, entryIntact, readCacheFile, writeCacheFile } from '../../../src/core/cache/cacheFile';
import { MemoryCacheStore, type CacheStore } from '../../../src/core/cache/cacheStore';
import { contentKey } from '../../../src/core/cache/contentHash';
import { loadVaultCached } from '../../../src/core/cache/loadVaultCached';
import { LazyNoteModel, plainModel } from '../../../src/core/cache/modelCodec';
import { ParseCache } from '../../../src/core/cache/parseCache';
import { linkKeysOf } from '../../../src/core/parse/noteModel';
import { parseNote } from '../../../src/core/parse/parseNote';
import { MemoryVault } from '../../../src/core/vault/memoryVault';
import { VaultIndex } from '../../../src/core/vault/vaultIndex';

const ROOT = join(__dirname, '..', '..', '..');

/** Every Markdown file under a folder, as path → text. */
function markdownUnder(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) Object.assign(out, markdownUnder(full, `${prefix}${name}/`));
    else if (name.endsWith('.md')) out[prefix + name] = readFileSync(full, 'utf8');
  }
  return out;
}

/** Notes that reach every optional field and odd corner of NoteModel. */
const CORNERS: Record<string, string> = {
  'no frontmatter.md': '# Title ^head-id\n\nText with [[Note#H1#H2|shown]] and ![[img.png|100x145]] and ![[pic.jpg|300]].\n',
  'bad yaml.md': '---\naliases: [unclosed\n---\n# After\n',
  'not a mapping.md': '---\n- a\n- b\n---\ntext\n',
  'aliases string.md': '---\naliases: One, Two\ntags: a b #c\nnested: { x: [1, 2.5, null, true, "s"] }\n---\n',
  'callouts.md': '> [!note]- Folded title\n> body [[Inside]]\n\n> [!tip]+\n> open\n\n> [!warning]\n> plain\n',
  'lists.md': '3. three\n7. seven ^li\n   - nested [x](<Some Note.md#Head>)\n\n- [ ] task [y](other.md#^blk)\n',
  'code and math.md': 'Text `[[no]]` and $[[no]]$\n\n```\n[[no]]\n```\n\n$$\n[[no]]\n$$\n\n<!-- [[no]] -->\n\n| a | b |\n| - | - |\n| [[T\\|x]] | ==hi== |\n',
  'unicode.md': '# Über ✓ 😀\n\n==naïve== #tag/sub [[Ünïcödé 😀|αβγ]] ^blk-1\n',
  'crlf.md': '---\r\naliases: [A]\r\n---\r\n# H\r\n\r\n[[L]] ==x==\r\n',
  'empty.md': '',
  'bom.md': '\uFEFF# Bom\n[[x]]',
};

function sampleNotes(): Record<string, string> {
  return {
    ...markdownUnder(join(ROOT, 'sample-vault')),
    'fixtures/sample-note.md': readFileSync(join(ROOT, 'test', 'fixtures', 'sample-note.md'), 'utf8'),
    ...CORNERS,
  };
}

async function savedCache(notes: Record<string, string>, store = new MemoryCacheStore(), version = 'v1') {
  const { cache } = await ParseCache.open(store, version);
  const list = Object.entries(notes).map(([path, text]) => ({ path, text, model: parseNote(text) }));
  const saved = await cache.save(list);
  assert.ok(!('error' in saved), JSON.stringify(saved));
  return { store, list, saved };
}

describe('parse cache: round trip', () => {
  it('gives back models deep-equal to the parser output for the sample vault and every corner of NoteModel', async () => {
    const { store, list, saved } = await savedCache(sampleNotes());
    const distinct = new Set(list.map((n) => n.text)).size; // equal texts share an entry
    assert.equal('entries' in saved && saved.entries, distinct);
    const { cache, status } = await ParseCache.open(store, 'v1');
    assert.deepEqual(status, { entries: distinct, stats: 0 });
    for (const { path, text, model } of list) {
      assert.deepStrictEqual(cache.get(contentKey(text), false), model, path);
      const lazy = cache.get(contentKey(text))!;
      assert.ok(lazy instanceof LazyNoteModel);
      assert.deepStrictEqual(linkKeysOf(lazy), linkKeysOf(model), path);
      assert.equal(lazy.linksBuilt, false, 'the link keys come without building the links');
      assert.deepStrictEqual(lazy.links, model.links, path);
      assert.equal(lazy.linksBuilt, true);
      assert.deepStrictEqual(lazy.frontmatter, model.frontmatter, path);
      assert.equal(lazy.materialized, false);
      assert.deepStrictEqual(plainModel(lazy), model, path);
      assert.equal(lazy.materialized, true);
    }
  });

  it('decodes each lazy model’s rest from its own entry, however many models were decoded since', async () => {
    const { store, list } = await savedCache(sampleNotes());
    const { cache } = await ParseCache.open(store, 'v1');
    const lazy = list.map(({ text }) => cache.get(contentKey(text))!);
    assert.ok(lazy.every((m) => m instanceof LazyNoteModel && !m.materialized));
    list.forEach(({ path, model }, i) => assert.deepStrictEqual(plainModel(lazy[i]), model, path));
  });

  it('loads an index from cached models without building their links, and answers as from parsed ones', async () => {
    const notes = { ...sampleNotes(), 'hub.md': '# Hub\n', 'a.md': '[[hub]] [x](hub.md) [[Multimodal Machine Learning#Alignment]]' };
    const { store, list } = await savedCache(notes);
    const { cache } = await ParseCache.open(store, 'v1');
    const fromCache = new VaultIndex(parseNote);
    const lazy = list.map(({ path, text }) => ({ path, model: cache.get(contentKey(text))!, readText: () => text }));
    fromCache.bulkLoad(lazy);
    assert.ok(lazy.every((f) => f.model instanceof LazyNoteModel && !f.model.linksBuilt && !f.model.materialized));
    const parsed = new VaultIndex(parseNote);
    parsed.bulkLoad(list.map(({ path, text }) => ({ path, text })));
    for (const { path } of list) assert.deepStrictEqual(fromCache.getNote(path)?.resolutions, parsed.getNote(path)?.resolutions, path);
    assert.deepStrictEqual(fromCache.reverseIndexSnapshot(), parsed.reverseIndexSnapshot());
    // A feature asking for backlinks builds the links of the linking notes only.
    assert.deepStrictEqual(fromCache.backlinks('hub.md'), parsed.backlinks('hub.md'));
    const built = lazy.filter((f) => (f.model as LazyNoteModel).linksBuilt).map((f) => f.path);
    assert.deepEqual(built, ['a.md']);
  });

  it('keeps the parser’s keys exactly: absent optional fields stay absent', async () => {
    const text = CORNERS['no frontmatter.md'];
    const { store } = await savedCache({ 'a.md': text });
    const { cache } = await ParseCache.open(store, 'v1');
    const model = cache.get(contentKey(text), false)!;
    assert.equal('frontmatter' in model, false);
    const link = model.links[0];
    assert.deepEqual(Object.keys(link), Object.keys(parseNote(text).links[0]));
  });

  it('leaves out a note whose frontmatter JSON cannot carry (NaN) and keeps the others', async () => {
    const odd = '---\nvalue: .nan\n---\n[[x]]\n';
    assert.ok(Number.isNaN(parseNote(odd).frontmatter?.data?.value));
    const { store, saved } = await savedCache({ 'odd.md': odd, 'plain.md': '[[y]]' });
    assert.equal('entries' in saved && saved.entries, 1);
    const { cache } = await ParseCache.open(store, 'v1');
    assert.equal(cache.get(contentKey(odd)), undefined);
    assert.ok(cache.get(contentKey('[[y]]')));
  });

  it('keys by content, not path: a renamed or duplicated note is a hit; a changed one a miss', async () => {
    const { store } = await savedCache({ 'a.md': '[[x]] one' });
    const { cache } = await ParseCache.open(store, 'v1');
    assert.ok(cache.get(contentKey('[[x]] one')));
    assert.equal(cache.get(contentKey('[[x]] one!')), undefined);
    assert.equal(cache.hits, 1);
    assert.equal(cache.misses, 1);
  });

  it('writes the notes it is given: deleted notes fall out, unchanged entries are copied, new ones encoded', async () => {
    const store = new MemoryCacheStore();
    await savedCache({ 'a.md': 'A [[x]]', 'b.md': 'B [[y]]' }, store);
    const { cache } = await ParseCache.open(store, 'v1');
    const saved = await cache.save([
      { path: 'a.md', text: 'A [[x]]', model: parseNote('A [[x]]') },
      { path: 'c.md', text: 'C', model: parseNote('C') },
    ]);
    assert.equal('entries' in saved && saved.entries, 2);
    const { cache: again } = await ParseCache.open(store, 'v1');
    assert.ok(again.get(contentKey('A [[x]]')));
    assert.ok(again.get(contentKey('C')));
    assert.equal(again.get(contentKey('B [[y]]')), undefined);
  });
});

describe('parse cache: bad files are ignored and rebuilt, never trusted', () => {
  const notes = { 'a.md': '# A\n[[B]] ==x==\n', 'b.md': '---\naliases: [Bee]\n---\n# B\n' };

  async function reopen(bytes: Uint8Array | undefined, version = 'v1') {
    return ParseCache.open(new MemoryCacheStore(bytes), version);
  }

  async function good(): Promise<Uint8Array> {
    return (await savedCache(notes)).store.bytes!;
  }

  it('never gives a wrong model whatever byte is flipped: a bad header or table drops the file, a bad entry is a miss', async () => {
    const bytes = await good();
    const keys = Object.values(notes).map((text) => ({ text, key: contentKey(text), model: parseNote(text) }));
    let dropped = 0;
    let missed = 0;
    for (let at = 0; at < bytes.length; at++) {
      for (const bit of [0x01, 0x10, 0x80]) {
        const flipped = bytes.slice();
        flipped[at] ^= bit;
        const { cache, status } = await reopen(flipped);
        if (status.dropped) {
          dropped++;
          assert.equal(cache.dirty, true);
          continue;
        }
        let miss = false;
        for (const { text, key, model } of keys) {
          const got = cache.get(key, false);
          if (got) assert.deepStrictEqual(got, model, `byte ${at} bit ${bit}: a wrong model for ${JSON.stringify(text)}`);
          else miss = true;
        }
        assert.ok(miss, `byte ${at} bit ${bit} flipped unnoticed`); // padding included: every byte is covered
        missed++;
        assert.equal(cache.dirty, true, `byte ${at}`);
      }
    }
    assert.ok(dropped > 0 && missed > 0);
  });

  it('drops a truncated or padded file (sizes)', async () => {
    const bytes = await good();
    for (const cut of [bytes.slice(0, bytes.length - 4), bytes.slice(0, 20), new Uint8Array(0), new Uint8Array([...bytes, 0, 0, 0, 0])]) {
      const { status } = await reopen(cut);
      assert.match(status.dropped!, /truncated|size|header/);
    }
  });

  it('drops a foreign file (not ours) and one of another format or parser version', async () => {
    assert.match((await reopen(new TextEncoder().encode(JSON.stringify({ hello: 'world' }) + '   '))).status.dropped!, /magic|size/);
    assert.match((await reopen(new Uint8Array(4096).map((_, i) => (i * 7919) & 255))).status.dropped!, /magic/);
    const bytes = await good();
    assert.match((await reopen(bytes, 'v2')).status.dropped!, /parser version 'v1', expected 'v2'/);
    const older = bytes.slice();
    new DataView(older.buffer).setInt32(4, 999, true);
    assert.match((await reopen(older)).status.dropped!, /cache format 999/);
  });

  it('survives a checksummed file whose entries are garbage: every get is a miss, nothing throws', async () => {
    const key = contentKey('x');
    for (const ints of [new Int32Array([2, -5, 7]), new Int32Array([0, 999999, 1]), new Int32Array(40).fill(3)]) {
      const entry = { h1: key.h1 | 0, h2: key.h2 | 0, length: key.length, ints, strings: 'abc' };
      const { cache, status } = await reopen(writeCacheFile('v1', [entry], [{ path: 'x.md', entry: 0, size: 1, mtimeMs: 1, ctimeMs: 0 }]));
      assert.equal(status.dropped, undefined);
      assert.equal(cache.get(key), undefined);
      assert.equal(cache.get(key, false), undefined);
      const source = { decode: () => undefined, fallback: () => assert.fail('not asked') };
      assert.equal(cache.deferredByStat('x.md', { size: 1, mtimeMs: 1, ctimeMs: 0 }, source, 0), undefined, 'an entry found bad is no stat hit');
      assert.equal(cache.dirty, true);
    }
  });

  it('rebuilds: after a bad file, the next save writes a good one', async () => {
    const store = new MemoryCacheStore(new Uint8Array([1, 2, 3, 4]));
    const { cache } = await ParseCache.open(store, 'v1');
    await cache.save(Object.entries(notes).map(([path, text]) => ({ path, text, model: parseNote(text) })));
    const { status } = await ParseCache.open(store, 'v1');
    assert.deepEqual(status, { entries: 2, stats: 0 });
  });

  it('opens empty when the store cannot be read, and reports a failed write instead of throwing', async () => {
    const broken: CacheStore = {
      read: async () => {
        throw new Error('EACCES');
      },
      write: async () => {
        throw new Error('EROFS');
      },
    };
    const { cache, status } = await ParseCache.open(broken, 'v1');
    assert.match(status.dropped!, /EACCES/);
    const saved = await cache.save([{ path: 'a.md', text: 'a', model: parseNote('a') }]);
    assert.deepEqual(saved, { error: 'EROFS' });
  });
});

describe('parse cache: file layout', () => {
  it('stores numbers as varints and gives every int32 back, entries and their strings apart', () => {
    const numbers = [0, -1, 1, 63, -64, 64, 127, 128, 8191, 8192, 16383, 16384, 2 ** 20, 2 ** 27, 2 ** 28, 2 ** 31 - 1, -(2 ** 31), -123456];
    const entries = [
      { h1: 1, h2: 2, length: 3, ints: Int32Array.from(numbers), strings: 'héllo 😀' },
      { h1: 4, h2: 5, length: 6, ints: new Int32Array(0), strings: '' },
      { h1: 7, h2: 8, length: 9, ints: Int32Array.from([5, 6]), strings: 'x' },
    ];
    const read = readCacheFile(writeCacheFile('v', entries), 'v');
    assert.ok(read.ok);
    entries.forEach((e, k) => {
      assert.ok(entryIntact(read.data, k));
      const [count, c, d] = entryBounds(read.data, k);
      const ints = new Int32Array(count);
      assert.ok(decodeEntry(read.data, k, ints));
      assert.deepEqual([...ints], [...e.ints]);
      assert.equal(new TextDecoder().decode(read.data.bytes.subarray(c, d)), e.strings);
    });
  });
});

describe('parse cache: loading a vault', () => {
  const files = { 'A.md': '---\naliases: [Ay]\n---\n# A\n[[B]] [[Ay]]', 'sub/B.md': '# B\n[[A#A]] ![[pic.png]]', 'pic.png': new Uint8Array([137, 80]) };

  async function load(store: CacheStore, vault: MemoryVault, options = {}) {
    const { cache } = await ParseCache.open(store, 'v1');
    const index = new VaultIndex(parseNote);
    const result = await loadVaultCached(vault, index, parseNote, cache, options);
    await cache.save(index.allNotes(), index);
    return { index, result };
  }

  it('parses on a cold start, takes every model from the cache on a warm one, and indexes the same', async () => {
    const store = new MemoryCacheStore();
    const vault = new MemoryVault(files);
    const cold = await load(store, vault);
    assert.equal(cold.result.parsed, 2);
    const warm = await load(store, vault);
    assert.deepEqual([warm.result.cached, warm.result.parsed], [2, 0]);
    for (const e of cold.index.allNotes()) {
      const w = warm.index.getNote(e.path)!;
      assert.deepStrictEqual(plainModel(w.model), plainModel(e.model));
      assert.deepStrictEqual(w.resolutions, e.resolutions);
    }
    vault.write('sub/B.md', '# B changed\n[[A]]');
    const changed = await load(store, vault);
    assert.deepEqual([changed.result.cached, changed.result.parsed], [1, 1]);
  });

  it('parses on this thread what a failing parseMany (a dead worker) could not', async () => {
    const logs: string[] = [];
    const { index, result } = await load(new MemoryCacheStore(), new MemoryVault(files), {
      parseMany: async () => {
        throw new Error('worker died');
      },
      log: (m: string) => logs.push(m),
    });
    assert.equal(result.parsed, 2);
    assert.equal(index.noteCount, 2);
    assert.match(logs.join('\n'), /worker died/);
  });
});
