import * as assert from 'node:assert/strict';
import { mkdtempSync, promises as fsp, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { build } from 'esbuild';
import { contentKey, keyNumber } from '../../../src/core/cache/contentHash';
import { plainModel } from '../../../src/core/cache/modelCodec';
import { ParseCache } from '../../../src/core/cache/parseCache';
import { parseNote } from '../../../src/core/parse/parseNote';
import { defaultCacheDir, NodeCacheStore, parserVersionOf, type CacheFileOps } from '../../../src/server/indexing/nodeCacheStore';
import { ParsePool } from '../../../src/server/indexing/parsePool';

const REAL_OPS: CacheFileOps = {
  readFile: (p) => fsp.readFile(p),
  writeFile: (p, d) => fsp.writeFile(p, d),
  rename: (a, b) => fsp.rename(a, b),
  unlink: (p) => fsp.unlink(p),
  mkdir: async (p) => void (await fsp.mkdir(p, { recursive: true })),
};

describe('node cache store: atomic writes', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(os.tmpdir(), 'mmnotes-cache-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads nothing before the first write, then what was written, in a folder it creates', async () => {
    const store = new NodeCacheStore(join(dir, 'deep', 'er'));
    assert.equal(await store.read(), undefined);
    await store.write(new Uint8Array([1, 2, 3]));
    assert.deepEqual([...(await store.read())!], [1, 2, 3]);
  });

  it('leaves the old file intact and no temporary file behind when a write fails halfway', async () => {
    const good = new NodeCacheStore(dir);
    await good.write(new Uint8Array(1000).fill(7));
    const tornWrite: CacheFileOps = {
      ...REAL_OPS,
      writeFile: async (p, d) => {
        await fsp.writeFile(p, d.subarray(0, d.length >> 1)); // half of it reaches the disk…
        throw new Error('ENOSPC: no space left on device'); // …then the disk is full
      },
    };
    await assert.rejects(new NodeCacheStore(dir, tornWrite).write(new Uint8Array(5000).fill(9)), /ENOSPC/);
    assert.deepEqual(readFileSync(good.file), Buffer.alloc(1000, 7));
    assert.deepEqual(readdirSync(dir), ['parse-cache.bin']);
  });

  it('leaves the old file intact when the rename fails', async () => {
    const good = new NodeCacheStore(dir);
    await good.write(new Uint8Array([5]));
    const noRename: CacheFileOps = { ...REAL_OPS, rename: async () => Promise.reject(new Error('EXDEV')) };
    await assert.rejects(new NodeCacheStore(dir, noRename).write(new Uint8Array([6])), /EXDEV/);
    assert.deepEqual([...readFileSync(good.file)], [5]);
    assert.deepEqual(readdirSync(dir), ['parse-cache.bin']);
  });

  it('a parse cache over a torn file on disk starts empty and rewrites it', async () => {
    const store = new NodeCacheStore(dir);
    const { cache } = await ParseCache.open(store, 'v');
    await cache.save([{ path: 'a.md', text: '[[x]]', model: parseNote('[[x]]') }]);
    const bytes = readFileSync(store.file);
    writeFileSync(store.file, bytes.subarray(0, bytes.length - 12));
    const torn = await ParseCache.open(store, 'v');
    assert.match(torn.status.dropped!, /truncated/);
    await torn.cache.save([{ path: 'a.md', text: '[[x]]', model: parseNote('[[x]]') }]);
    assert.deepEqual((await ParseCache.open(store, 'v')).status, { entries: 1, stats: 0 });
  });

  it('puts the cache of a vault in a per-vault folder of the user cache, and versions it by the code that parses', () => {
    const a = defaultCacheDir('/some/vault');
    assert.notEqual(a, defaultCacheDir('/other/vault'));
    assert.match(a, /mmnotes/);
    const file = join(dir, 'bundle.js');
    writeFileSync(file, 'code 1');
    const v1 = parserVersionOf(file);
    writeFileSync(file, 'code 2');
    assert.notEqual(parserVersionOf(file), v1);
    assert.equal(parserVersionOf(join(dir, 'missing.js')), undefined);
  });
});

describe('parse pool: worker threads', () => {
  let out: string;
  let workerFile: string;
  before(async function () {
    this.timeout(60_000);
    // Bundled as the server ships it (dist/parseWorker.js): a worker thread does not inherit mocha's TypeScript loader.
    out = mkdtempSync(join(os.tmpdir(), 'mmnotes-worker-'));
    workerFile = join(out, 'parseWorker.js');
    await build({
      entryPoints: [join(__dirname, '..', '..', '..', 'src', 'server', 'indexing', 'parseWorker.ts')],
      bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: workerFile, logLevel: 'error',
      logOverride: { 'empty-import-meta': 'silent' },
    });
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it('parses batches in workers into the same models as the parser, encoded for the cache', async function () {
    this.timeout(60_000);
    const pool = new ParsePool(workerFile, 2);
    try {
      const texts = ['# A\n[[B|b]] ==h== #t', '---\naliases: [X]\n---\n![[p.png|20]]', '', '> [!note]\n> x'];
      const [first, second] = await Promise.all([pool.parseMany(texts), pool.parseMany(texts.slice(1))]);
      assert.equal(first.length, 4);
      first.forEach((r, i) => assert.ok(isDeepStrictEqual(plainModel(r.model), parseNote(texts[i])), `text ${i}`));
      assert.ok(second.every((r) => r.encoded));
      assert.ok(pool.hasRoom(1));
    } finally {
      await pool.dispose();
    }
    await assert.rejects(pool.parseMany(['x']), /no parse worker/);
  });

  it('reads, hashes and parses note files in workers; tells binary, too large and unreadable ones; skips texts the cache knows', async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(join(os.tmpdir(), 'mmnotes-read-'));
    const pool = new ParsePool(workerFile, 1);
    try {
      const notes: Record<string, string | Uint8Array> = {
        'a.md': '\ufeff# A\n[[B]] ==h==',
        'b.md': '---\naliases: [X]\n---\n![[p.png|20]]',
        'bin.md': new Uint8Array([35, 0, 1]),
        'big.md': 'x'.repeat(2000),
        'known.md': '# Known\n[[A]]',
      };
      for (const [name, content] of Object.entries(notes)) writeFileSync(join(dir, name), content);
      const files = [...Object.keys(notes), 'gone.md'].map((n) => join(dir, n));
      const known = contentKey('# Known\n[[A]]');
      const results = await pool.readParseMany(files, 1000, () => new Float64Array([keyNumber(known)]));
      assert.deepEqual(results.map((r) => r.kind), ['parsed', 'parsed', 'skipped', 'skipped', 'known', 'skipped']);
      const [a, b, bin, big, k, gone] = results;
      assert.ok(a.kind === 'parsed' && isDeepStrictEqual(plainModel(a.model), parseNote('# A\n[[B]] ==h==')));
      assert.deepEqual(a.kind === 'parsed' && a.key, contentKey('# A\n[[B]] ==h=='), 'the key of the text without its BOM, as the main thread hashes it');
      assert.ok(b.kind === 'parsed' && b.encoded && isDeepStrictEqual(plainModel(b.model), parseNote(notes['b.md'] as string)));
      assert.deepEqual([bin.kind === 'skipped' && bin.reason, big.kind === 'skipped' && big.reason, gone.kind === 'skipped' && gone.reason], ['binary', 'too-large', 'unreadable']);
      assert.match(gone.kind === 'skipped' ? gone.message : '', /could not be read/);
      assert.deepEqual(k, { kind: 'known', key: known });
    } finally {
      await pool.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails the batches of a worker that cannot start, so the loader parses them itself', async () => {
    const pool = new ParsePool(join(os.tmpdir(), 'no-such-worker-file.js'), 1);
    await assert.rejects(pool.parseMany(['# x']));
    await pool.dispose();
  });
});
