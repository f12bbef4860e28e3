import type { NoteModel } from '../parse/noteModel';
import type { VaultFileSystem } from '../vault/fileSystem';
import { DEFAULT_MAX_NOTE_BYTES } from '../vault/decodeNote';
import { readNote, type LoadOptions, type SkippedNote } from '../vault/loadVault';
import type { ParseFn, VaultIndex } from '../vault/vaultIndex';
import { isNotePath } from '../vault/vaultPath';
import type { EncodedModel, ParseCache } from './parseCache';

/** A parse of many notes at once (a worker pool); each result may carry its encoding for the cache. */
export type ParseManyFn = (texts: readonly string[]) => Promise<{ model: NoteModel; encoded?: EncodedModel }[]>;

export interface CachedLoadOptions extends LoadOptions {
  /** Parses a batch of the notes the cache misses elsewhere (worker threads); by default `parse` one by one on this thread. */
  parseMany?: ParseManyFn;
  /**
   * With parseMany: true when it can take another batch now. When false the
   * batch is parsed on this thread instead, so that on a 2-core machine the
   * main thread parses its share rather than waiting for one worker.
   */
  parseManyHasRoom?: () => boolean;
  /** Notes per read batch (and per parseMany call). */
  batchSize?: number;
}

export interface CachedLoadResult {
  skipped: SkippedNote[];
  /** Notes whose model came from the cache. */
  cached: number;
  /** Notes parsed. */
  parsed: number;
  /** Of those, parsed by parseMany (worker threads). */
  parsedElsewhere: number;
  /** Wall time of each phase, ms: for the log and the bench. */
  timings: {
    listMs: number;
    /** Reading, hashing, cache lookups and parsing on this thread, while workers parse. */
    readMs: number;
    /** Of readMs: hashing texts, and decoding cached models. */
    hashMs: number;
    cacheGetMs: number;
    waitParseMs: number;
    indexMs: number;
  };
}

/**
 * loadVault with a parse cache: reads every note, takes its model from the
 * cache when the text's hash is there, parses the rest (through `parseMany`
 * while reading goes on, when given), and bulk-loads the index. It does not
 * write the cache: the caller saves it once the index is ready, off the
 * critical path (`cache.save(index.allNotes())`).
 */
export async function loadVaultCached(
  fs: VaultFileSystem,
  index: VaultIndex,
  parse: ParseFn,
  cache: ParseCache,
  options: CachedLoadOptions = {},
): Promise<CachedLoadResult> {
  const t0 = performance.now();
  const paths = await fs.listFiles();
  const t1 = performance.now();
  const maxBytes = options.maxNoteBytes ?? DEFAULT_MAX_NOTE_BYTES;
  const batchSize = options.batchSize ?? 64;
  const skipped: SkippedNote[] = [];
  const files: { path: string; text?: string; model?: NoteModel }[] = [];
  const pending: Promise<void>[] = [];
  let cached = 0;
  let parsed = 0;
  let parsedElsewhere = 0;
  let hashMs = 0;
  let cacheGetMs = 0;
  const notes = paths.filter(isNotePath);
  for (const p of paths) if (!isNotePath(p)) files.push({ path: p });
  for (let i = 0; i < notes.length; i += batchSize) {
    if (options.isCancelled?.()) break;
    const batch = notes.slice(i, i + batchSize);
    const read = await Promise.all(batch.map((p) => readNote(fs, p, maxBytes)));
    const misses: { file: { path: string; text: string; model?: NoteModel }; key: ReturnType<ParseCache['keyOf']> }[] = [];
    read.forEach((r, j) => {
      const path = batch[j];
      if (!('text' in r)) {
        files.push({ path });
        skipped.push({ path, ...r });
        options.log?.(`mmnotes: skipped ${path}: ${r.message}`);
        return;
      }
      const t = performance.now();
      const key = cache.keyOf(path, r.text);
      const u = performance.now();
      const model = cache.get(key);
      hashMs += u - t;
      cacheGetMs += performance.now() - u;
      const file = { path, text: r.text, model };
      files.push(file);
      if (model) cached++;
      else misses.push({ file, key });
    });
    if (!misses.length) continue;
    parsed += misses.length;
    const parseHere = () => {
      for (const m of misses) {
        m.file.model = parse(m.file.text);
        cache.put(m.key, m.file.model);
      }
    };
    const fallBack = (why: string) => {
      // A worker that died costs time, never notes.
      options.log?.(`mmnotes: parse worker failed (${why}); parsing on the main thread`);
      parseHere();
    };
    if (options.parseMany && (options.parseManyHasRoom?.() ?? true)) {
      pending.push(
        options.parseMany(misses.map((m) => m.file.text)).then(
          (results) => {
            if (results.length !== misses.length) return fallBack(`${results.length} models for ${misses.length} notes`);
            parsedElsewhere += results.length;
            results.forEach((r, k) => {
              misses[k].file.model = r.model;
              cache.put(misses[k].key, r.model, r.encoded);
            });
          },
          (e: unknown) => fallBack(e instanceof Error ? e.message : String(e)),
        ),
      );
    } else parseHere();
  }
  const t2 = performance.now();
  await Promise.all(pending);
  const t3 = performance.now();
  index.bulkLoad(files);
  const t4 = performance.now();
  return { skipped, cached, parsed, parsedElsewhere, timings: { listMs: t1 - t0, readMs: t2 - t1, hashMs, cacheGetMs, waitParseMs: t3 - t2, indexMs: t4 - t3 } };
}
