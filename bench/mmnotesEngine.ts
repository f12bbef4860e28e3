import { existsSync, rmSync } from 'node:fs';
import * as nodePath from 'node:path';
import * as v8 from 'node:v8';
import { loadVaultCached, type CachedLoadResult } from '../src/core/cache/loadVaultCached';
import { ParseCache } from '../src/core/cache/parseCache';
import { DEFAULT_MAX_NOTE_BYTES } from '../src/core/vault/decodeNote';
import { VaultIndex, type ParseFn } from '../src/core/vault/vaultIndex';
import { indexParse } from '../src/server/indexing/indexParser';
import { NodeCacheStore } from '../src/server/indexing/nodeCacheStore';
import { defaultPoolSize, ParsePool } from '../src/server/indexing/parsePool';
import { NodeVaultFs } from '../src/server/nodeVaultFs';
import { peakRssMb, percentile, stopwatch, timeRepeated, type EngineFn, type EngineInput, type EngineResult } from './engineTypes';
import { typedText } from './keystrokes';
import { optionalFeature } from './optionalFeature';

const NOT_CANCELLED = { isCancellationRequested: false };
type Measured = Omit<EngineResult, 'engine'>;
/** The cache's parser version in the bench: each run starts from an empty cache folder, so any fixed string does. */
const BENCH_PARSER_VERSION = 'bench';
/** Keystrokes timed apart before the edit percentiles (see measureFeatures). */
const WARMUP_EDITS = 20;
/** Notes per read batch and per worker batch. */
const BATCH = 128;

/**
 * Our cold start, as the server runs it: the real file system, no cache yet
 * (the run's empty cache folder), notes parsed by worker threads and by the
 * main thread while the workers are busy, then the index bulk-loaded. The
 * cache it leaves is what `mmnotes-warm` starts from. The parse function is
 * wrapped in a timer for the main thread's share; workers' CPU time counts
 * in the cold CPU column (it is the process's).
 */
export const runMmnotesCold: EngineFn = async (input) => {
  // A cold start has no cache: a kept work folder (`--keep`) may hold the previous run's.
  rmSync(input.cacheDir, { recursive: true, force: true });
  const baseRssMb = peakRssMb();
  let parseMs = 0;
  const parse: ParseFn = (text) => {
    const t = performance.now();
    const model = indexParse(text);
    parseMs += performance.now() - t;
    return model;
  };
  const workerFile = nodePath.join(__dirname, 'parseWorker.js');
  const useWorkers = process.env.MMNOTES_BENCH_WORKERS !== '0' && existsSync(workerFile);
  const watch = stopwatch();
  const pool = useWorkers ? new ParsePool(workerFile, defaultPoolSize()) : undefined;
  const workers = pool?.size ?? 0;
  const store = new NodeCacheStore(input.cacheDir);
  const { cache } = await ParseCache.open(store, BENCH_PARSER_VERSION);
  const index = new VaultIndex(parse);
  const vaultFs = new NodeVaultFs(input.vaultDir, () => []);
  const load = await loadVaultCached(vaultFs, index, parse, cache, {
    batchSize: BATCH,
    ...(pool
      ? {
          parseMany: (texts) => pool.parseMany(texts),
          readParseMany: (paths, known) => pool.readParseMany(paths.map((p) => vaultFs.toFsPath(p)), DEFAULT_MAX_NOTE_BYTES, known),
          parseManyHasRoom: () => pool.hasRoom(2 * BATCH),
          // As the server does: the worker is stopped before the index is built, so its memory goes first.
          parsed: () => void pool.dispose(),
        }
      : {}),
  });
  const { wallMs: coldMs, cpuMs: coldCpuMs } = watch();
  const rssMb = peakRssMb();
  const memory = memoryNow();
  await pool?.dispose();
  const saveStart = performance.now();
  const saved = await cache.save(index.allNotes(), index);
  const cacheSaveMs = performance.now() - saveStart;
  const result: Measured = {
    coldMs, coldCpuMs, rssMb, baseRssMb, indexedNotes: index.noteCount, resolvedLinks: resolvedLinks(index),
    phases: { ...loadPhases(load), mainThreadParseMs: parseMs, cacheSaveMs },
    remarks: [
      memory,
      pool ? `${workers} parse worker(s) parsed ${load.parsedElsewhere} notes, the main thread ${load.parsed - load.parsedElsewhere}` : 'parsed on the main thread only',
      'error' in saved ? `cache not saved: ${saved.error}` : `cache ${(saved.bytes / 1e6).toFixed(1)} MB, ${saved.entries} entries, ${saved.stats} stat records`,
    ],
  };
  if (!input.loadOnly) await measureFeatures(index, input, result);
  return result;
};

/**
 * Our warm start: a fresh process opens the cache the cold run left and
 * loads the unchanged vault through it: list and stat every note while the
 * cache file is read, take the notes whose size and times are unchanged
 * from the cache without reading them (the index reads texts on demand),
 * read and hash the others, index and resolve. Its load time is the warm
 * column of the `mmnotes` row.
 */
export const runMmnotesWarm: EngineFn = async (input) => {
  const baseRssMb = peakRssMb();
  let parsed = 0;
  const parse: ParseFn = (text) => (parsed++, indexParse(text));
  const watch = stopwatch();
  // The cache file is read while the vault is listed and stat'ed.
  const openStart = performance.now();
  let openMs = NaN;
  const opening = ParseCache.open(new NodeCacheStore(input.cacheDir), BENCH_PARSER_VERSION).then((o) => ((openMs = performance.now() - openStart), o));
  const index = new VaultIndex(parse);
  const load = await loadVaultCached(new NodeVaultFs(input.vaultDir, () => []), index, parse, opening.then((o) => o.cache), { batchSize: BATCH });
  const { wallMs: coldMs, cpuMs: coldCpuMs } = watch();
  const { status } = await opening;
  const result: Measured = {
    coldMs, coldCpuMs, rssMb: peakRssMb(), baseRssMb, indexedNotes: index.noteCount, resolvedLinks: resolvedLinks(index),
    phases: { openCacheMs: openMs, ...loadPhases(load) },
    remarks: [
      memoryNow(),
      `${load.cached} notes from the cache (${load.statHits} by an unchanged stat, not read), ${parsed} parsed` +
        (status.dropped ? ` (cache dropped: ${status.dropped})` : ''),
    ],
  };
  // The features again, on models decoded lazily from the cache: they must work (and cost) the same.
  if (!input.loadOnly) await measureFeatures(index, input, result);
  return result;
};

/** Where the memory is once the index is ready (peak RSS also counts the parse workers' heaps and freed pages). */
function memoryNow(): string {
  const m = process.memoryUsage();
  const mb = (n: number) => (n / 2 ** 20).toFixed(0);
  const spaces = v8.getHeapSpaceStatistics()
    .filter((s) => s.space_size > 2 ** 20)
    .map((s) => `${s.space_name.replace('_space', '')} ${mb(s.space_used_size)}/${mb(s.space_size)}`)
    .join(', ');
  return `at ready: RSS ${mb(m.rss)} MB, heap ${mb(m.heapUsed)} of ${mb(m.heapTotal)} MB (${spaces}), array buffers ${mb(m.arrayBuffers)} MB`;
}

function loadPhases(load: CachedLoadResult): Record<string, number> {
  const t = load.timings;
  return {
    listMs: t.listMs, statMs: t.statMs, openWaitMs: t.openWaitMs, readHashParseMs: t.readMs, hashMs: t.hashMs, cacheDecodeMs: t.cacheGetMs,
    waitWorkersMs: t.waitParseMs, indexAndResolveMs: t.indexMs,
  };
}

function resolvedLinks(index: VaultIndex): number {
  let n = 0;
  for (const e of index.allNotes()) for (const r of e.resolutions) if (r.kind === 'file' || r.kind === 'self') n++;
  return n;
}

/** Edit, completion, references and rename in the loaded index; each is skipped while its feature does not exist. */
async function measureFeatures(index: VaultIndex, input: EngineInput, out: Measured): Promise<void> {
  const { editPath, editLine, hubPath } = input.manifest;
  const base = index.getNote(editPath)?.text;
  if (base === undefined) throw new Error(`edit note ${editPath} was not indexed`);
  const remark = (s: string) => out.remarks?.push(s);

  // One keystroke = re-parse + re-resolve + diagnostics of every note the change affected.
  const diagnostics = await optionalFeature('diagnostics', 'noteDiagnostics');
  if (!diagnostics) remark('edit latency without diagnostics (src/core/features/diagnostics.ts missing)');
  const keystroke = (i: number) => {
    const change = index.setNote(editPath, typedText(base, editLine, i + 1));
    if (diagnostics) for (const p of change.affected) diagnostics(index, p);
  };
  // The load left the parser cold on this thread (the workers parsed): the first keystrokes compile it.
  // They are reported apart; the percentiles are the keystrokes after them.
  const first = timeRepeated(WARMUP_EDITS, input.budgetMs, (i) => keystroke(input.edits + i));
  remark(`first ${first.length} keystrokes after the load (compiling the parser and diagnostics on this thread): max ${Math.max(...first).toFixed(1)} ms, total ${first.reduce((a, b) => a + b, 0).toFixed(0)} ms, not in the percentiles`);
  const edits = timeRepeated(input.edits, input.budgetMs, keystroke);
  index.setNote(editPath, base);
  Object.assign(out, { editP50Ms: percentile(edits, 50), editP95Ms: percentile(edits, 95), editCount: edits.length });

  const complete = await optionalFeature('completion', 'completeLink');
  if (complete) {
    const lines = base.split('\n');
    const prefixes = ['', 'h', 'hu', 'hub', 'c', 'cr', 'cro', 'a', 'al', 'ali'];
    let items = 0;
    const samples: number[] = [];
    const start = performance.now();
    for (let i = 0; i < 50 && performance.now() - start < input.budgetMs; i++) {
      const line = `See [[${prefixes[i % prefixes.length]}`;
      index.setNote(editPath, [...lines.slice(0, editLine + 1), line, ...lines.slice(editLine + 1)].join('\n'));
      const t = performance.now(); // only the completion is timed, not the setNote that typed the prefix
      items = complete(index, editPath, line, { line: editLine + 1, character: line.length }, NOT_CANCELLED)?.items?.length ?? 0;
      samples.push(performance.now() - t);
    }
    index.setNote(editPath, base);
    Object.assign(out, { completionP95Ms: percentile(samples, 95), completionItems: items });
  } else remark('no completion (src/core/features/completion.ts missing)');

  const references = await optionalFeature('references', 'references');
  if (references) {
    let count = 0;
    const samples = timeRepeated(5, input.budgetMs, () => (count = references(index, hubPath, { line: 0, character: 0 }, false, NOT_CANCELLED).length));
    Object.assign(out, { referencesMs: percentile(samples, 50), referenceCount: count });
  } else remark('no references feature');

  const rename = await optionalFeature('rename', 'renameFile');
  if (rename) {
    let editCount = 0;
    const samples = timeRepeated(3, input.budgetMs, () => {
      const edit = rename(index, hubPath, 'Hub Note Renamed', NOT_CANCELLED);
      editCount = 0;
      for (const list of edit?.changes?.values?.() ?? []) editCount += list.length;
    });
    Object.assign(out, { renameMs: percentile(samples, 50), renameEdits: editCount });
  } else remark('no rename (src/core/features/rename.ts missing)');
}
