import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { existsSync } from 'node:fs';
import * as nodePath from 'node:path';
import { URI } from 'vscode-uri';
import { MemoryCacheStore } from '../core/cache/cacheStore';
import { loadVaultCached } from '../core/cache/loadVaultCached';
import { ParseCache } from '../core/cache/parseCache';
import { tooLargeMessage } from '../core/vault/decodeNote';
import { readNote, type SkippedNote } from '../core/vault/loadVault';
import { VaultIndex } from '../core/vault/vaultIndex';
import { isNotePath } from '../core/vault/vaultPath';
import { IndexStatusNotification, IndexStatusRequest, NamesChangedNotification, type IndexStatus } from '../protocol/requests';
import { allHandlers } from './handlers';
import { indexParse } from './indexing/indexParser';
import { defaultCacheDir, NodeCacheStore, parserVersionOf } from './indexing/nodeCacheStore';
import { BIG_NOTE_CHARS, BigNoteParser } from './indexing/bigNoteParser';
import { ParsePool } from './indexing/parsePool';
import { noteDocuments, PieceTextDocument } from './indexing/pieceTextDocument';
import { NodeVaultFs } from './nodeVaultFs';
import type { ServerContext, ServerSettings, VaultUris } from './serverContext';
import { readSettings } from './settings';
import { registerVaultRequests } from './vaultRequests';

/**
 * The composition root of the language server: builds the index, the file
 * system and the handlers, and keeps the index in step with open documents
 * and file-system events. All state lives in this closure.
 */
export function startServer(connection: Connection): void {
  // Big notes are held as pieces, so that a keystroke in one does not copy its text (see PieceTextDocument).
  const documents = new TextDocuments(noteDocuments);
  const index = new VaultIndex(indexParse);
  const skipped = new Map<string, SkippedNote>();
  let settings: ServerSettings = readSettings(undefined);
  let vaultFs: NodeVaultFs | undefined;
  let state: IndexStatus['state'] = 'indexing';
  let canRefreshDiagnostics = false;
  let canWatch = false;
  let clientCapabilities: ClientCapabilities = {};
  let markReady: () => void = () => {};
  /** Where the parse cache lives: the folder the client names (VS Code's workspace storage), else the user cache folder. */
  let cacheDir: string | undefined;
  let cache: ParseCache | undefined;
  let changedSinceSave = false;
  const ready = new Promise<void>((r) => (markReady = r));
  let markPreloaded: () => void = () => {};
  /** Names listed and open documents indexed: enough for the open notes' first diagnostics. */
  const preloaded = new Promise<void>((r) => (markPreloaded = r));
  const workerFile = nodePath.join(__dirname, 'parseWorker.js');
  const hasWorkerBundle = existsSync(workerFile);
  const bigNotes = new BigNoteParser(
    workerFile,
    (path, text, model) => index.setNote(path, text, model),
    (path, text) => index.setNote(path, text),
  );

  const uris: VaultUris = {
    toPath: (uri) => {
      if (!vaultFs) return undefined;
      const parsed = URI.parse(uri);
      if (parsed.scheme !== 'file') return undefined;
      return vaultFs.toVaultPath(parsed.fsPath);
    },
    toUri: (path) => URI.file(vaultFs ? vaultFs.toFsPath(path) : path).toString(),
    toFsPath: (path) => (vaultFs ? vaultFs.toFsPath(path) : path),
  };

  const ctx: ServerContext = {
    connection,
    documents,
    index,
    uris,
    ready,
    settings: () => settings,
    clientCapabilities: () => clientCapabilities,
    log: (m) => connection.console.log(m),
    skipped: (path) => skipped.get(path),
    preloaded,
    isReady: () => state === 'ready',
    settled: (path) => bigNotes.settled(path),
    onShutdown: (hook) => void shutdownHooks.push(hook),
    shared: {},
  };
  const shutdownHooks: (() => unknown)[] = [];

  const status = (): IndexStatus => ({ state, notes: index.noteCount, files: index.fileCount, skipped: skipped.size });
  const sendStatus = () => void connection.sendNotification(IndexStatusNotification.method, status());

  // Diagnostics are pulled by the client; tell it when the index changed under it, at most every 100 ms.
  let refreshTimer: NodeJS.Timeout | undefined;
  let namesChanged = false;
  index.onDidChange((change) => {
    changedSinceSave = true;
    namesChanged ||= change.namesChanged;
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      if (canRefreshDiagnostics) void connection.languages.diagnostics.refresh();
      if (namesChanged) void connection.sendNotification(NamesChangedNotification.method, {});
      namesChanged = false;
    }, 100);
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    const root = folder ? URI.parse(folder).fsPath : process.cwd();
    settings = readSettings(params.initializationOptions?.settings);
    vaultFs = new NodeVaultFs(root, () => settings.exclude);
    // The client names a folder (VS Code's workspace storage); `false` turns the disk cache off (tests); else the user cache folder.
    const dir: unknown = params.initializationOptions?.cacheDir;
    cacheDir = dir === false ? undefined : typeof dir === 'string' && dir ? dir : defaultCacheDir(root);
    clientCapabilities = params.capabilities;
    canRefreshDiagnostics = !!params.capabilities.workspace?.diagnostics?.refreshSupport;
    canWatch = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    const capabilities: ServerCapabilities = {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      workspace: { workspaceFolders: { supported: true } },
    };
    for (const h of allHandlers) mergeCapabilities(capabilities, h.capabilities);
    return { capabilities, serverInfo: { name: 'mmnotes', version: '0.1.0' } };
  });

  connection.onInitialized(async () => {
    if (canWatch) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
    }
    await loadAll();
  });

  /** The parse cache, opened once per server; without a folder or a readable bundle (so no parser version), one in memory. */
  async function openCache(): Promise<ParseCache> {
    if (cache) return cache;
    // The worker bundle holds exactly the parser and the cache codec, so its hash changes when, and only
    // when, what the cache holds could: old caches are then dropped. Without it, the server's own bundle.
    const version = parserVersionOf(workerFile) ?? parserVersionOf(__filename);
    if (!version || !cacheDir) return (cache = ParseCache.empty(new MemoryCacheStore(), 'none'));
    const opened = await ParseCache.open(new NodeCacheStore(cacheDir), version);
    ctx.log(`mmnotes: parse cache ${cacheDir}: ${opened.status.dropped ?? `${opened.status.entries} notes`}`);
    return (cache = opened.cache);
  }

  /** Writes the cache off the critical path; a failure is logged, never shown: the next start just parses more. */
  async function saveCache(): Promise<void> {
    if (!cache || !changedSinceSave) return;
    changedSinceSave = false;
    const saved = await cache.save(index.allNotes(), index);
    if ('error' in saved) ctx.log(`mmnotes: parse cache not saved: ${saved.error}`);
  }

  async function loadAll(): Promise<void> {
    if (!vaultFs) return;
    const fs = vaultFs;
    state = 'indexing';
    sendStatus();
    const started = Date.now();
    // The cache opens while the vault is listed and stat'ed.
    const opening = openCache();
    const paths = await preload();
    // Worker threads parse what the cache misses (the main thread takes a batch whenever they are busy);
    // started at the first miss (a warm start needs none) and stopped once the vault is loaded.
    let pool: ParsePool | undefined;
    const workers = () => (pool ??= new ParsePool(workerFile));
    let result;
    try {
      result = await loadVaultCached(vaultFs, index, indexParse, opening, {
        maxNoteBytes: settings.maxNoteSizeMB * 1024 * 1024,
        log: ctx.log,
        batchSize: 128,
        ...(paths ? { paths } : {}),
        ...(hasWorkerBundle
          ? {
              parseMany: (texts: readonly string[]) => workers().parseMany(texts),
              readParseMany: (paths: readonly string[], known: () => Float64Array) =>
                workers().readParseMany(paths.map((p) => fs.toFsPath(p)), settings.maxNoteSizeMB * 1024 * 1024, known),
              parseManyHasRoom: () => !pool || pool.hasRoom(256),
              // Stopped before the index is built, so that its memory is freed first (peak RSS at 10k notes: 212 → 185 MB).
              parsed: () => {
                void pool?.dispose();
                pool = undefined;
              },
            }
          : {}),
      });
    } finally {
      void pool?.dispose();
    }
    skipped.clear();
    for (const s of result.skipped) skipped.set(s.path, s);
    // Open documents may be newer than the disk.
    for (const doc of documents.all()) syncDocument(doc);
    state = 'ready';
    ctx.log(
      `mmnotes: indexed ${index.noteCount} notes (${result.cached} from the cache, ${result.statHits} of them unread as unchanged, ${result.parsed} parsed), ` +
        `${index.fileCount} files in ${Date.now() - started} ms (${vaultFs.root})`,
    );
    markReady();
    sendStatus();
    // An unchanged vault leaves the cache as it is: no rewrite.
    changedSinceSave = (await opening).dirty;
    setTimeout(() => void saveCache(), 1000); // after the first requests of a fresh window
  }

  /**
   * Before the vault is read: every name (a listing is quick) and the open
   * notes, so that their first diagnostics need not wait for the whole vault
   * (the diagnostics handler holds back what later notes could still change).
   */
  async function preload(): Promise<string[] | undefined> {
    if (!vaultFs) return undefined;
    try {
      const paths = await vaultFs.listFiles();
      const names = paths.map((path) => ({ path }));
      const open = documents.all().flatMap((doc) => {
        const path = uris.toPath(doc.uri);
        return path && isNotePath(path) && !vaultFs?.isExcluded(path) ? [{ path, text: doc.getText() }] : [];
      });
      index.bulkLoad([...names, ...open.filter((d) => d.text.length <= BIG_NOTE_CHARS)]);
      return paths;
    } catch (e) {
      ctx.log(`mmnotes: could not list the vault ahead of loading it: ${(e as Error).message}`);
      return undefined;
    } finally {
      markPreloaded();
    }
  }

  function syncDocument(doc: TextDocument): void {
    const path = uris.toPath(doc.uri);
    if (!path || !isNotePath(path) || vaultFs?.isExcluded(path)) return;
    const max = settings.maxNoteSizeMB * 1024 * 1024;
    // A big note's text is not built here (per keystroke that alone would be a pass over it): it counts its bytes as it is edited.
    let text: string | undefined;
    let size: number;
    if (doc instanceof PieceTextDocument) size = doc.utf8Bytes;
    else {
      text = doc.getText();
      // Cheap upper bound first: UTF-8 takes at most 3 bytes per UTF-16 unit.
      size = text.length * 3 > max ? Buffer.byteLength(text) : 0;
    }
    if (size > max) {
      skipped.set(path, { path, reason: 'too-large', message: tooLargeMessage(size, max) });
      if (index.getNote(path)) index.deleteFile(path);
      index.addAttachment(path);
      return;
    }
    skipped.delete(path);
    if (doc instanceof PieceTextDocument && doc.length > BIG_NOTE_CHARS && hasWorkerBundle) bigNotes.update(path, doc.snapshot());
    else {
      bigNotes.drop(path);
      index.setNote(path, text ?? doc.getText());
    }
  }

  documents.onDidOpen((e) => syncDocument(e.document));
  documents.onDidChangeContent((e) => syncDocument(e.document));
  documents.onDidClose(async (e) => {
    const path = uris.toPath(e.document.uri);
    if (path) bigNotes.drop(path);
    if (path && isNotePath(path)) await reloadFromDisk(path);
  });

  async function reloadFromDisk(path: string): Promise<void> {
    if (!vaultFs || vaultFs.isExcluded(path)) return;
    if (!isNotePath(path)) {
      index.addAttachment(path);
      return;
    }
    const r = await readNote(vaultFs, path, settings.maxNoteSizeMB * 1024 * 1024);
    if ('text' in r) {
      skipped.delete(path);
      index.setNote(path, r.text);
    } else {
      skipped.set(path, { path, ...r });
      if (index.getNote(path)) index.deleteFile(path);
      index.addAttachment(path); // still a name others can link to
    }
  }

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    await ready;
    for (const c of changes) {
      const path = uris.toPath(c.uri);
      if (!path) continue;
      if (c.type === FileChangeType.Deleted) {
        skipped.delete(path);
        index.deleteFile(path);
      } else if (!documents.get(c.uri)) {
        // An open document is the truth while it is open.
        await reloadFromDisk(path);
      }
    }
  });

  connection.onDidChangeConfiguration(async (params) => {
    const next = readSettings(params.settings?.mmnotes ?? params.settings);
    const reload = JSON.stringify(next.exclude) !== JSON.stringify(settings.exclude) || next.maxNoteSizeMB !== settings.maxNoteSizeMB;
    settings = next;
    if (reload) {
      for (const p of [...index.allFiles()]) index.deleteFile(p);
      await loadAll();
    } else if (canRefreshDiagnostics) void connection.languages.diagnostics.refresh();
  });

  connection.onRequest(IndexStatusRequest.method, () => status());
  // Notes edited in this session are parsed from the cache next time too.
  ctx.onShutdown(() => saveCache());
  ctx.onShutdown(() => bigNotes.dispose());
  connection.onShutdown(async () => void (await Promise.allSettled(shutdownHooks.map(async (hook) => hook()))));
  registerVaultRequests(ctx);
  for (const h of allHandlers) h.register(ctx);

  documents.listen(connection);
  connection.listen();
}

/** Shallow-merges handler capabilities, one level deep for `workspace`. */
function mergeCapabilities(into: ServerCapabilities, add: Partial<ServerCapabilities>): void {
  for (const [k, v] of Object.entries(add) as [keyof ServerCapabilities, unknown][]) {
    const existing = into[k];
    if (existing && typeof existing === 'object' && v && typeof v === 'object') Object.assign(existing, v);
    else (into as Record<string, unknown>)[k] = v;
  }
}
