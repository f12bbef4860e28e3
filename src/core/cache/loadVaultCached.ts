import type { NoteModel } from '../parse/noteModel';
import type { FileStat, VaultFileSystem } from '../vault/fileSystem';
import { decodeNote, DEFAULT_MAX_NOTE_BYTES, tooLargeMessage } from '../vault/decodeNote';
import { readNote, type LoadOptions, type SkippedNote } from '../vault/loadVault';
import { VaultIndex, type BulkFile, type ParseFn } from '../vault/vaultIndex';
import { isNotePath } from '../vault/vaultPath';
import { contentKey, type ContentKey } from './contentHash';
import type { ModelSource } from './deferredModel';
import { compactModel, ModelWriter } from './modelCodec';
import type { EncodedModel, ParseCache, RecheckFn } from './parseCache';

/** A parse of many notes at once (a worker pool); each result may carry its encoding for the cache. */
export type ParseManyFn = (texts: readonly string[]) => Promise<{ model: NoteModel; encoded?: EncodedModel }[]>;

/** What reading, hashing and parsing one note elsewhere gave. */
export type ReadParseResult =
  | { kind: 'parsed'; key: ContentKey; model: NoteModel; encoded?: EncodedModel }
  | { kind: 'known'; key: ContentKey }
  | { kind: 'skipped'; reason: SkippedNote['reason']; message: string };

export type ReadParseManyFn = (paths: readonly string[], known: () => Float64Array) => Promise<ReadParseResult[]>;

export interface CachedLoadOptions extends LoadOptions {
  /** Parses a batch of the notes the cache misses elsewhere (worker threads); by default `parse` one by one on this thread. */
  parseMany?: ParseManyFn;
  /**
   * With parseMany: true when it can take another batch now. When false the
   * batch is parsed on this thread instead, so that on a 2-core machine the
   * main thread parses its share rather than waiting for one worker.
   */
  parseManyHasRoom?: () => boolean;
  /**
   * Reads, hashes and parses a batch of notes (by vault path) elsewhere
   * (worker threads), so that their texts never reach this thread; a note
   * whose text has a key in `known()` (the cache's key numbers) is not
   * parsed there. Used for every note instead of parseMany when the index
   * reads texts on demand; what fails there is read here.
   */
  readParseMany?: ReadParseManyFn;
  /** Called once every note is parsed, before the index is built (the host stops its parse workers). */
  parsed?: () => void | Promise<void>;
  /** Notes per read batch (and per parseMany call). */
  batchSize?: number;
  /** The vault's files when the caller listed them already (else `fs.listFiles()`). */
  paths?: readonly string[];
  /**
   * True when `index.bulkLoad` takes a note as `{ path, model, readText }`
   * without its text (the index reads texts on demand): only then are
   * unchanged notes (same size and times as when cached) not read at all.
   * By default this is probed once on a throwaway index.
   */
  textOnDemand?: boolean;
  /** The wall clock file times are compared with (Date.now); tests pass their own. */
  now?: () => number;
}

export interface CachedLoadResult {
  skipped: SkippedNote[];
  /** Notes whose model came from the cache. */
  cached: number;
  /** Of those, taken by their unchanged stat, without reading the note. */
  statHits: number;
  /** Notes parsed. */
  parsed: number;
  /** Of those, parsed by parseMany (worker threads). */
  parsedElsewhere: number;
  /** Wall time of each phase, ms: for the log and the bench. */
  timings: {
    listMs: number;
    /** Stat'ing every note (sizes and times). */
    statMs: number;
    /** Waiting for the cache to open, when it was passed as a promise (it opens while the vault is listed and stat'ed). */
    openWaitMs: number;
    /** Taking unchanged notes from the cache; reading, hashing, cache lookups and parsing on this thread the others, while workers parse. */
    readMs: number;
    /** Of readMs: hashing texts. */
    hashMs: number;
    /** Of readMs: decoding cached models. */
    cacheGetMs: number;
    waitParseMs: number;
    indexMs: number;
  };
}

/** What bulkLoad takes (VaultIndex's BulkFile): a note with its text, or with its model and a reader of its text. */
type LoadItem = BulkFile;

/**
 * loadVault with a parse cache. Lists the vault and stats every note; a
 * note whose size and times are those the cache recorded for its path is
 * taken from the cache without being read (the index gets `readText` to
 * read it when asked); every other note is read, hashed and looked up by
 * its text (a touched but unchanged note is still a hit), and the misses
 * are parsed (through `parseMany` while reading goes on, when given).
 * Then the index is bulk-loaded. The cache may be given as the promise of
 * its opening, which then overlaps listing and stat'ing.
 *
 * It does not write the cache: the caller saves it once the index is
 * ready, off the critical path (`cache.save(index.allNotes(), index)`); the save
 * records what this load saw (and reads again the few notes written too
 * shortly before it to be trusted by their times).
 */
export async function loadVaultCached(
  fs: VaultFileSystem,
  index: VaultIndex,
  parse: ParseFn,
  cacheOrOpening: ParseCache | Promise<ParseCache>,
  options: CachedLoadOptions = {},
): Promise<CachedLoadResult> {
  const clock = options.now ?? Date.now;
  const t0 = performance.now();
  const paths = options.paths ?? (await fs.listFiles());
  const t1 = performance.now();
  const maxBytes = options.maxNoteBytes ?? DEFAULT_MAX_NOTE_BYTES;
  const batchSize = options.batchSize ?? 64;
  const notes = paths.filter(isNotePath);
  // Stat'ed on a cold start too: the save records them for the next start.
  const observedAt = clock();
  const stats: (FileStat | undefined)[] | undefined = fs.statMany ? await fs.statMany(notes) : undefined;
  const t2 = performance.now();
  const cache = await cacheOrOpening;
  const t3 = performance.now();
  const readFileSync = fs.readFileSync?.bind(fs);
  const byStat = !!stats && !!readFileSync && (options.textOnDemand ?? indexReadsTextOnDemand());
  // One reader for every note (it is given the path, which a rename changes).
  const readText = readFileSync && ((path: string) => readTextNow(readFileSync, path, maxBytes));
  if (fs.statMany) cache.setRecheck(recheckWith(fs, maxBytes, clock));

  const skipped: SkippedNote[] = [];
  const files: LoadItem[] = [];
  for (const p of paths) if (!isNotePath(p)) files.push({ path: p });
  const noteFiles: LoadItem[] = new Array(notes.length);
  const pending: Promise<void>[] = [];
  let cached = 0;
  let statHits = 0;
  let parsed = 0;
  let parsedElsewhere = 0;
  let hashMs = 0;
  let cacheGetMs = 0;

  // Unchanged notes: their models by their stat records, their texts left on disk, their models decoded
  // when first read (with the index snapshot, a load reads none).
  const toRead: number[] = [];
  const bad: string[] = [];
  const source: ModelSource = {
    decode: (key) => cache.decode(key),
    fallback: (path) => {
      options.log?.(`mmnotes: the cached model of ${path} does not decode; parsed it again`);
      // The index took its links from the snapshot: resolve them again for the parsed model, once the caller is done.
      bad.push(path);
      if (bad.length === 1) {
        queueMicrotask(() => {
          for (const p of bad.splice(0)) index.relink(p);
        });
      }
      return parse((readText && readText(path)) ?? '');
    },
  };
  // Notes parsed here are kept compact, as the parse workers' are (see compactModel).
  const writer = new ModelWriter();
  for (let i = 0; i < notes.length; i++) {
    const stat = stats?.[i];
    if (byStat && stat && stat.size <= maxBytes) {
      const t = performance.now();
      const path = notes[i];
      const hit = cache.deferredByStat(path, stat, source, observedAt);
      cacheGetMs += performance.now() - t;
      if (hit) {
        noteFiles[i] = { path, model: hit.model, readText, known: hit.known, aliasKeys: hit.aliasKeys };
        cached++;
        statHits++;
        continue;
      }
    }
    toRead.push(i);
  }

  /** Reads, hashes and looks up a batch here; parses the misses through parseMany or here (`workers` false: here). */
  const readHere = async (batch: number[], workers: boolean): Promise<void> => {
    // Synchronous reads, a batch at a time with a turn of the event loop between batches, take half the
    // time and a third of the CPU of promise reads (10k notes: ~0.5 s against ~1.1 s, here).
    const read = readFileSync
      ? batch.map((i) => readNoteSync(readFileSync, notes[i], stats?.[i], maxBytes))
      : await Promise.all(batch.map((i) => readNoteWithStat(fs, notes[i], stats?.[i], stats !== undefined, maxBytes)));
    if (readFileSync) await new Promise((resolve) => setTimeout(resolve, 0));
    const misses: { file: { path: string; text: string; model?: NoteModel }; key: ReturnType<ParseCache['keyOf']>; stat?: FileStat }[] = [];
    read.forEach((r, j) => {
      const i = batch[j];
      const path = notes[i];
      if (!('text' in r)) return skip(i, r);
      const t = performance.now();
      // Not cache.keyOf, which remembers the text per path: the model's key is recorded by observe/put instead.
      const key = contentKey(r.text);
      const u = performance.now();
      const model = cache.get(key);
      hashMs += u - t;
      cacheGetMs += performance.now() - u;
      const file: { path: string; text: string; model?: NoteModel } = { path, text: r.text, model };
      noteFiles[i] = file;
      if (model) {
        cached++;
        cache.observe(path, key, model, stats?.[i], observedAt);
        if (byStat && readText) noteFiles[i] = { path, model, readText };
      } else misses.push({ file, key, stat: stats?.[i] });
    });
    if (!misses.length) return;
    parsed += misses.length;
    const keep = (m: (typeof misses)[number], model: NoteModel, encoded?: EncodedModel) => {
      m.file.model = model;
      cache.put(m.key, model, encoded);
      cache.observe(m.file.path, m.key, model, m.stat, observedAt);
      // Parsed: the index reads the text again when asked, so 50 MB of notes need not stay in memory.
      if (byStat && readText) {
        delete (m.file as LoadItem).text;
        (m.file as LoadItem).readText = readText;
      }
    };
    const parseHere = () => {
      for (const m of misses) {
        const { model, encoded } = compactModel(parse(m.file.text), writer);
        keep(m, model, encoded);
      }
    };
    const fallBack = (why: string) => {
      // A worker that died costs time, never notes.
      options.log?.(`mmnotes: parse worker failed (${why}); parsing on the main thread`);
      parseHere();
    };
    if (workers && options.parseMany && (options.parseManyHasRoom?.() ?? true)) {
      pending.push(
        options.parseMany(misses.map((m) => m.file.text)).then(
          (results) => {
            if (results.length !== misses.length) return fallBack(`${results.length} models for ${misses.length} notes`);
            parsedElsewhere += results.length;
            results.forEach((r, k) => keep(misses[k], r.model, r.encoded));
          },
          (e: unknown) => fallBack(e instanceof Error ? e.message : String(e)),
        ),
      );
    } else parseHere();
  };

  const skip = (i: number, r: { reason: SkippedNote['reason']; message: string }) => {
    const path = notes[i];
    noteFiles[i] = { path };
    skipped.push({ path, reason: r.reason, message: r.message });
    options.log?.(`mmnotes: skipped ${path}: ${r.message}`);
  };

  /**
   * Hands a batch to readParseMany: the texts are read, hashed and parsed
   * elsewhere and never reach this thread (the index reads a note again
   * when a feature asks). What fails there is read here.
   */
  let knownKeys: Float64Array | undefined;
  const readElsewhere = (batch: number[]): Promise<void> =>
    options.readParseMany!(
      batch.map((i) => notes[i]),
      () => (knownKeys ??= cache.keyNumbers()),
    ).then(
      (results) => {
        if (results.length !== batch.length) throw new Error(`${results.length} results for ${batch.length} notes`);
        const again: number[] = [];
        results.forEach((r, j) => {
          const i = batch[j];
          const path = notes[i];
          if (r.kind === 'skipped') return skip(i, r);
          const model = r.kind === 'parsed' ? r.model : cache.get(r.key);
          if (!model) return void again.push(i); // a key the cache knew, whose entry is bad
          if (r.kind === 'parsed') {
            parsed++;
            parsedElsewhere++;
            cache.put(r.key, model, r.encoded);
          } else cached++;
          cache.observe(path, r.key, model, stats?.[i], observedAt);
          noteFiles[i] = { path, model, readText };
        });
        return again.length ? readHere(again, false) : undefined;
      },
      (e: unknown) => {
        options.log?.(`mmnotes: parse worker failed (${e instanceof Error ? e.message : String(e)}); reading on the main thread`);
        return readHere(batch, false);
      },
    );

  for (let b = 0; b < toRead.length; b += batchSize) {
    if (options.isCancelled?.()) break;
    const batch = toRead.slice(b, b + batchSize);
    // Workers read the files themselves when the index reads texts on demand, all of them: this thread
    // taking a batch whenever they were busy cost it ~0.7 s of CPU at 10k notes, most of it compiling
    // the parser a second time (a cold process parses at a sixth of its warmed-up speed), for no gain in time.
    if (options.readParseMany && byStat) pending.push(readElsewhere(batch));
    else await readHere(batch, true);
  }
  const t4 = performance.now();
  await Promise.all(pending);
  // The workers are done: stopping them now, not after the index is built, frees their memory before the index takes its own.
  await options.parsed?.();
  const t5 = performance.now();
  for (const f of noteFiles) if (f) files.push(f);
  index.bulkLoad(files, cache.savedNames());
  const t6 = performance.now();
  return {
    skipped, cached, statHits, parsed, parsedElsewhere,
    timings: { listMs: t1 - t0, statMs: t2 - t1, openWaitMs: t3 - t2, readMs: t4 - t3, hashMs, cacheGetMs, waitParseMs: t5 - t4, indexMs: t6 - t5 },
  };
}

/** A note's text read synchronously, decoded as a load decodes it; undefined when it is gone, unreadable, binary or too large now. */
function readTextNow(readFileSync: (path: string) => Uint8Array, path: string, maxBytes: number): string | undefined {
  try {
    const decoded = decodeNote(readFileSync(path), maxBytes);
    return decoded.ok ? decoded.text : undefined;
  } catch {
    return undefined;
  }
}

/** readNote, with the size from the stat already taken (a file that could not be stat'ed is unreadable). */
async function readNoteWithStat(
  fs: VaultFileSystem,
  path: string,
  stat: FileStat | undefined,
  statted: boolean,
  maxBytes: number,
): ReturnType<typeof readNote> {
  if (!statted) return readNote(fs, path, maxBytes);
  if (stat && stat.size > maxBytes) return { reason: 'too-large', message: tooLargeMessage(stat.size, maxBytes) };
  try {
    const decoded = decodeNote(await fs.readFile(path), maxBytes);
    return decoded.ok ? { text: decoded.text } : { reason: decoded.reason, message: decoded.message };
  } catch (e) {
    return { reason: 'unreadable', message: `could not be read (${(e as Error).message})` };
  }
}

/** readNoteWithStat with a synchronous read. */
function readNoteSync(readFileSync: (path: string) => Uint8Array, path: string, stat: FileStat | undefined, maxBytes: number): Awaited<ReturnType<typeof readNote>> {
  if (stat && stat.size > maxBytes) return { reason: 'too-large', message: tooLargeMessage(stat.size, maxBytes) };
  try {
    const decoded = decodeNote(readFileSync(path), maxBytes);
    return decoded.ok ? { text: decoded.text } : { reason: decoded.reason, message: decoded.message };
  } catch (e) {
    return { reason: 'unreadable', message: `could not be read (${(e as Error).message})` };
  }
}

/** How the cache re-reads, when saving, notes that were written just before the load saw them. */
function recheckWith(fs: VaultFileSystem, maxBytes: number, clock: () => number): RecheckFn {
  return async (paths) => {
    const out: Awaited<ReturnType<RecheckFn>> = [];
    for (let i = 0; i < paths.length; i += 64) {
      const batch = paths.slice(i, i + 64);
      const observedAt = clock();
      const stats = await fs.statMany!(batch);
      const texts = await Promise.all(batch.map((p, j) => readNoteWithStat(fs, p, stats[j], true, maxBytes)));
      texts.forEach((r, j) => out.push('text' in r && stats[j] ? { stat: stats[j]!, text: r.text, observedAt } : undefined));
    }
    return out;
  };
}

let textOnDemandProbe: boolean | undefined;

/** Whether VaultIndex.bulkLoad keeps a note given as `{ path, model, readText }` (texts on demand): tried once on a throwaway index. */
function indexReadsTextOnDemand(): boolean {
  if (textOnDemandProbe === undefined) {
    try {
      const probe = new VaultIndex(() => {
        throw new Error('the probe parses nothing');
      });
      const model: NoteModel = { headings: [], blockIds: [], links: [], highlights: [], tags: [], callouts: [], blocks: [], literalRanges: [], problems: [] };
      const item: LoadItem = { path: 'probe.md', model, readText: () => '' };
      probe.bulkLoad([item]);
      textOnDemandProbe = probe.noteCount === 1;
    } catch {
      textOnDemandProbe = false;
    }
  }
  return textOnDemandProbe;
}
