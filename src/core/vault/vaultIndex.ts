import { linkKeysOf, type LinkKeys, type LinkRef, type NoteModel } from '../parse/noteModel';
import { NameTable } from './nameTable';
import { StringMultiMap } from './multiMap';
import { resolveLinkPath, resolveLinkPathNoting, targetKey, type Resolution } from './resolveLink';
import { isNotePath, nameKey, noteName } from './vaultPath';

/** One indexed note: its text, its parse and where each of its links leads. */
export interface NoteEntry {
  readonly path: string;
  /**
   * The note's text. For a note bulk-loaded without its text (see BulkFile)
   * every read reads the file again, so read it once per use, not per link.
   */
  readonly text: string;
  readonly model: NoteModel;
  /** Parallel to model.links. */
  readonly resolutions: readonly Resolution[];
}

/**
 * Reads a note's current text, or undefined when it cannot (gone,
 * unreadable, no longer text). It is given the note's path, so a note
 * keeps being readable after a rename.
 */
export type TextReader = (path: string) => string | undefined;

/**
 * A file for bulkLoad. A note comes with its text (parsed unless `model` is
 * given), or with `model` and `readText` but no text: then the index keeps
 * no text for it and `entry.text` reads it on demand (without `model`, the
 * text is read once to parse it). Without either it is known by name only,
 * like an attachment.
 */
export interface BulkFile {
  path: string;
  text?: string;
  model?: NoteModel;
  readText?: TextReader;
  /** With `model`: the keys of its aliases (NameTable.aliasKeysOf), so that the load need not ask the model. */
  aliasKeys?: readonly string[];
  /** With `model`: what a saved index knew of its links (see bulkLoad's `saved`). */
  known?: KnownLinks;
}

/**
 * What a saved index knew of one note's links: their resolutions (parallel
 * to the model's links) and the distinct name keys they are looked up by.
 * A resolution depends only on the linking note's path and on the files and
 * aliases under the link's name key, so it still holds as long as the
 * files and aliases under each of those keys are what they were.
 */
export interface KnownLinks {
  readonly resolutions: readonly Resolution[];
  readonly keys: readonly string[];
}

/** The names a saved index resolved against: every file, and the alias keys of every note with aliases. */
export interface SavedNames {
  readonly files: readonly string[];
  readonly aliasKeys: ReadonlyMap<string, readonly string[]>;
}

export interface IndexChange {
  /** Notes whose links, or whose links' targets, changed: their diagnostics need refreshing. */
  readonly affected: ReadonlySet<string>;
  /** True when a note or attachment was added, removed or renamed, or aliases changed. */
  readonly namesChanged: boolean;
}

export type ParseFn = (text: string) => NoteModel;

/** A backlink: `link` (index `linkIndex` in the source note) leads to the target. */
export interface Backlink {
  readonly source: string;
  readonly linkIndex: number;
  readonly link: LinkRef;
}

/** The reverse indexes as plain sorted data, for tests and debugging. */
export interface ReverseIndexSnapshot {
  /** Looked-up name key → notes with a link looked up by it. */
  linksByKey: Record<string, string[]>;
  /** Target path → notes with a link leading to it (or naming it among ambiguous candidates). */
  backlinkSources: Record<string, string[]>;
}

const NO_RESOLUTIONS: readonly Resolution[] = Object.freeze([]);

/** A note whose text the index holds (an open document, or a load that passed texts). */
class HeldNote implements NoteEntry {
  constructor(
    readonly path: string,
    readonly text: string,
    readonly model: NoteModel,
    readonly resolutions: readonly Resolution[],
    /** The distinct name keys of its links, when a bulk load worked them out (see linkNameKeys). */
    readonly linkNames?: readonly string[],
  ) {}
}

/**
 * A note whose text stays on disk: at 10,000 notes the texts were ~54 MB
 * of the server's memory (twice that for notes with any non-Latin-1
 * character), while features read a few notes' texts per request. Nothing
 * is cached, so a read is always the file's current text.
 */
class LazyNote implements NoteEntry {
  constructor(
    readonly path: string,
    readonly model: NoteModel,
    readonly resolutions: readonly Resolution[],
    readonly reader: TextReader,
    /** As HeldNote's. */
    readonly linkNames?: readonly string[],
  ) {}

  /**
   * '' when the file cannot be read: a feature then sees an empty note (it
   * finds nothing to show or edit in it) rather than failing a request over
   * many notes because one of them just vanished; the watcher's delete or
   * change event follows and updates the index.
   */
  get text(): string {
    return readSafely(this.reader, this.path) ?? '';
  }
}

function readSafely(read: TextReader, path: string): string | undefined {
  try {
    return read(path);
  } catch {
    return undefined;
  }
}

/** The entry with other resolutions of the same links (so the same link names). */
function withResolutions(entry: NoteEntry, resolutions: readonly Resolution[]): NoteEntry {
  return entry instanceof LazyNote
    ? new LazyNote(entry.path, entry.model, resolutions, entry.reader, entry.linkNames)
    : new HeldNote(entry.path, entry.text, entry.model, resolutions, (entry as HeldNote).linkNames);
}

/** One note of a bulk load, between reading its names and resolving its links. */
interface Loading {
  path: string;
  model: NoteModel;
  /** The model's links' paths and kinds: a cached model builds its links only when a feature asks. */
  keys?: LinkKeys;
  /** What a saved index knew of its links, while it still holds. */
  known?: KnownLinks;
  text?: string;
  reader?: TextReader;
}

/**
 * The distinct link targets of a bulk load (the text of a link's path
 * part), numbered, with what the load knows about each: its name key and,
 * when it does not depend on the linking note, its wiki resolution. A
 * vault names the same targets over and over (120,000 links, 26,000
 * distinct targets at 10,000 notes).
 *
 * Looking each link up is most of a load, and a Map was slow at it: a
 * parser's strings are slices of the note texts, spread over the heap, and
 * a Map hashes each one (a call out of optimized code) and compares it
 * with a key that is itself a slice of another note's text. This table
 * hashes in JavaScript, compares hashes first, and keeps compact copies of
 * its keys, so a lookup touches the link's characters and little else.
 */
class TargetTable {
  private slots = new Int32Array(1 << 12).fill(-1);
  private hashes = new Int32Array(1 << 10);
  private readonly keys: string[] = [];
  /** Per target: number of its name key in the load's BulkPairs, -1 for an empty path (`[[#Heading]]`), which no name change affects. */
  keyIds = new Int32Array(1 << 10);
  /** Per target: 0 not resolved as a wiki link yet, 1 `wiki` holds its resolution, 2 it depends on the linking note's folder. */
  wikiStates = new Uint8Array(1 << 10);
  readonly wiki: (Resolution | undefined)[] = [];
  /** Per target: number of the file its `wiki` resolution leads to in the load's BulkPairs, or -1. */
  wikiFileIds = new Int32Array(1 << 10);
  private slot = 0;
  private hash = 0;

  /** The number of `target`, or -1 when it is new (then `add` it). */
  find(target: string): number {
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < target.length; i++) h = Math.imul(h ^ target.charCodeAt(i), 0x01000193);
    const mask = this.slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const k = this.slots[i];
      if (k === -1) {
        this.slot = i;
        this.hash = h;
        return -1;
      }
      if (this.hashes[k] === h && this.keys[k] === target) return k;
    }
  }

  /** Numbers the target `find` just did not find. */
  add(target: string): number {
    const k = this.keys.length;
    if (k === this.hashes.length) this.grow();
    // A copy of its own (the link's string is a slice of a whole note text), compared on every later hit.
    this.keys.push((' ' + target).slice(1));
    this.wiki.push(undefined);
    this.hashes[k] = this.hash;
    this.keyIds[k] = -1;
    this.wikiFileIds[k] = -1;
    this.slots[this.slot] = k;
    if (2 * this.keys.length > this.slots.length) this.rehash();
    return k;
  }

  private grow(): void {
    const n = this.hashes.length * 2;
    const hashes = new Int32Array(n);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const keyIds = new Int32Array(n);
    keyIds.set(this.keyIds);
    this.keyIds = keyIds;
    const states = new Uint8Array(n);
    states.set(this.wikiStates);
    this.wikiStates = states;
    const files = new Int32Array(n);
    files.set(this.wikiFileIds);
    this.wikiFileIds = files;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let k = 0; k < this.keys.length; k++) {
      let i = this.hashes[k] & mask;
      while (slots[i] !== -1) i = (i + 1) & mask;
      slots[i] = k;
    }
    this.slots = slots;
  }
}

/**
 * The reverse-index pairs of a bulk load as numbers: (name key, note) and
 * (target file, note), appended per link into typed arrays and turned into
 * one exact-size list per key at the end. Adding each pair to a map of
 * growing lists instead cost two hash lookups and a list that grows (and
 * so garbage) per link: at 10,000 notes most of the load's time.
 */
class BulkPairs {
  private readonly keyIds = new Map<string, number>();
  readonly keys: string[] = [];
  private readonly fileIds = new Map<string, number>();
  readonly files: string[] = [];
  readonly byKey: PairList;
  readonly byFile: PairList;

  constructor(links: number) {
    this.byKey = new PairList(links);
    this.byFile = new PairList(links);
  }

  keyId(key: string): number {
    let id = this.keyIds.get(key);
    if (id === undefined) this.keyIds.set(key, (id = this.keys.push(key) - 1));
    return id;
  }

  fileId(path: string): number {
    let id = this.fileIds.get(path);
    if (id === undefined) this.fileIds.set(path, (id = this.files.push(path) - 1));
    return id;
  }
}

/** (group, note) pairs in typed arrays. */
class PairList {
  private groups: Int32Array;
  private notes: Int32Array;
  private length = 0;

  constructor(capacity: number) {
    this.groups = new Int32Array(Math.max(16, capacity));
    this.notes = new Int32Array(Math.max(16, capacity));
  }

  push(group: number, note: number): void {
    if (this.length === this.groups.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.groups = grow(this.groups);
      this.notes = grow(this.notes);
    }
    this.groups[this.length] = group;
    this.notes[this.length++] = note;
  }

  /**
   * Each group's notes as paths, in the order pushed, a note once: a stable
   * counting sort by group. Notes were pushed note by note, so a note's
   * repeats within a group end up side by side.
   */
  forEachGroup(groupCount: number, paths: readonly string[], fn: (group: number, paths: string[]) => void): void {
    const n = this.length;
    const start = new Int32Array(groupCount + 1);
    for (let i = 0; i < n; i++) start[this.groups[i] + 1]++;
    for (let g = 0; g < groupCount; g++) start[g + 1] += start[g];
    const sorted = new Int32Array(n);
    const fill = start.slice(0, groupCount);
    for (let i = 0; i < n; i++) sorted[fill[this.groups[i]]++] = this.notes[i];
    for (let g = 0; g < groupCount; g++) {
      const from = start[g];
      const to = start[g + 1];
      if (from === to) continue;
      let distinct = 1;
      for (let i = from + 1; i < to; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
      if (distinct === 1) {
        // Most groups: a name one note links to. The caller keeps a lone value as a string, not this array.
        fn(g, [paths[sorted[from]]]);
        continue;
      }
      const out = new Array<string>(distinct);
      out[0] = paths[sorted[from]];
      for (let i = from + 1, k = 1; i < to; i++) if (sorted[i] !== sorted[i - 1]) out[k++] = paths[sorted[i]];
      fn(g, out);
    }
  }
}

/**
 * The vault index: notes and attachments, link resolution by Obsidian's
 * rules, and reverse indexes (backlinks, links by looked-up name) kept up
 * to date incrementally, so that an edit costs what the edited note and the
 * links naming it cost, not what the vault costs.
 */
export class VaultIndex {
  readonly names = new NameTable();
  private readonly notes = new Map<string, NoteEntry>();
  /** Source notes that hold a link looked up by a given name key. */
  private readonly linksByKey = new StringMultiMap();
  /** Target path → source notes linking to it. */
  private readonly backlinkSources = new StringMultiMap();
  private readonly listeners = new Set<(change: IndexChange) => void>();
  private batching = false;

  constructor(private readonly parse: ParseFn) {}

  onDidChange(listener: (change: IndexChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  get noteCount(): number {
    return this.notes.size;
  }

  get fileCount(): number {
    return this.names.size;
  }

  getNote(path: string): NoteEntry | undefined {
    return this.notes.get(path);
  }

  allNotes(): IterableIterator<NoteEntry> {
    return this.notes.values();
  }

  allFiles(): IterableIterator<string> {
    return this.names.allFiles();
  }

  hasFile(path: string): boolean {
    return this.names.has(path);
  }

  /** True when the index holds the note's text; false when `text` reads the file (or for no note). */
  holdsText(path: string): boolean {
    return this.notes.get(path) instanceof HeldNote;
  }

  /** Resolves a link path as seen from `fromPath`. */
  resolve(target: string, fromPath: string, kind: 'wiki' | 'markdown' = 'wiki'): Resolution {
    return resolveLinkPath(this.names, target, fromPath, kind);
  }

  /**
   * Loads many files at once: names first, then parses and resolves each
   * note once, instead of re-resolving the vault after every file. Within
   * the load, a link target that resolves the same from every folder is
   * resolved once (a vault links the same names many times over), target
   * keys are computed once per distinct target (see TargetTable), and the
   * reverse indexes are collected as pairs of numbers and built once at
   * the end (see BulkPairs). Notes already indexed and not in `files` are
   * re-resolved where the new names change what their links lead to.
   *
   * With `saved`, the names a saved index had: a note given with `known`
   * links takes their resolutions as they are, without resolving them, when
   * no file or alias under any of their name keys came, went or changed
   * since (a warm start of an unchanged vault resolves nothing).
   */
  bulkLoad(files: Iterable<BulkFile>, saved?: SavedNames): void {
    const list = Array.isArray(files) ? (files as readonly BulkFile[]) : [...files];
    // Into an index that has notes (the server preloads open notes), new names can change their links.
    const namesChanged = this.notes.size > 0 ? new Set<string>() : undefined;
    this.batching = true;
    try {
      for (const f of list) {
        if (namesChanged && !this.names.has(f.path)) namesChanged.add(NameTable.keyOf(f.path));
        this.names.addFile(f.path);
      }
      // By path, so that a path listed twice is loaded once (the last one wins).
      const loading = new Map<string, Loading>();
      let links = 0;
      for (const f of list) {
        if (!isNotePath(f.path)) continue;
        const note = this.prepare(f);
        if (!note) continue;
        const keys = f.aliasKeys && f.model ? this.names.setAliasKeys(f.path, f.aliasKeys) : this.names.setAliases(f.path, note.model.frontmatter?.aliases ?? []);
        if (namesChanged) for (const k of keys) namesChanged.add(k);
        const old = this.notes.get(f.path);
        if (old) this.unregisterLinks(old);
        this.notes.delete(f.path);
        loading.set(f.path, note);
        if (saved && f.known && f.model) note.known = f.known;
        else links += (note.keys = linkKeysOf(note.model)).paths.length;
      }
      const stale = saved && changedNameKeys(this.names, saved);
      for (const note of loading.values()) {
        if (!note.known) continue;
        // Some name it looks up changed: its links are resolved again (its model is decoded for their paths).
        if (note.known.keys.some((k) => stale!.has(k))) {
          note.known = undefined;
          links += (note.keys = linkKeysOf(note.model)).paths.length;
        } else links += note.known.resolutions.length;
      }
      const targets = new TargetTable();
      const pairs = new BulkPairs(links);
      const paths: string[] = [];
      for (const note of loading.values()) {
        const noteId = paths.push(note.path) - 1;
        if (note.known) this.storeKnown(note, note.known, noteId, pairs);
        else this.resolveLoaded(note, noteId, targets, pairs);
      }
      // Keys and files are distinct within a load: into an empty index no bucket exists yet.
      const freshKeys = this.linksByKey.size === 0;
      const freshFiles = this.backlinkSources.size === 0;
      pairs.byKey.forEachGroup(pairs.keys.length, paths, (k, sources) => this.linksByKey.putAll(pairs.keys[k], sources, freshKeys));
      pairs.byFile.forEachGroup(pairs.files.length, paths, (f, sources) => this.backlinkSources.putAll(pairs.files[f], sources, freshFiles));
      if (namesChanged?.size) {
        const stale = new Set<string>();
        for (const key of namesChanged) for (const s of this.linksByKey.values(key)) if (!loading.has(s)) stale.add(s);
        for (const s of stale) this.resolveNote(s, namesChanged);
      }
    } finally {
      this.batching = false;
    }
    this.emit(new Set(this.notes.keys()), true);
  }

  /** A bulk file's model and text or reader; undefined for a note known by name only. */
  private prepare(f: BulkFile): Loading | undefined {
    if (f.text !== undefined) return { path: f.path, model: f.model ?? this.parse(f.text), text: f.text };
    if (!f.readText) return undefined;
    if (f.model) return { path: f.path, model: f.model, reader: f.readText };
    const text = readSafely(f.readText, f.path);
    return text === undefined ? undefined : { path: f.path, model: this.parse(text), reader: f.readText };
  }

  /** Stores a bulk-loaded note with the resolutions a saved index knew, and collects its reverse-index pairs. */
  private storeKnown(note: Loading, known: KnownLinks, noteId: number, pairs: BulkPairs): void {
    for (const k of known.keys) pairs.byKey.push(pairs.keyId(k), noteId);
    for (const r of known.resolutions) {
      if (r.kind === 'file') pairs.byFile.push(pairs.fileId(r.path), noteId);
      else if (r.kind === 'ambiguous') for (const c of r.candidates) pairs.byFile.push(pairs.fileId(c), noteId);
    }
    this.store(note, known.resolutions, known.keys);
  }

  private store(note: Loading, resolutions: readonly Resolution[], linkNames?: readonly string[]): void {
    const { path, model } = note;
    this.notes.set(
      path,
      note.text !== undefined ? new HeldNote(path, note.text, model, resolutions, linkNames) : new LazyNote(path, model, resolutions, note.reader!, linkNames),
    );
  }

  /**
   * The distinct name keys a note's links are looked up by (for a saved
   * index): remembered for a bulk-loaded note (one loaded with known links
   * need not even decode its model to give them).
   */
  linkNameKeys(entry: NoteEntry): readonly string[] {
    const known = (entry as HeldNote | LazyNote).linkNames;
    if (known) return known;
    const keys = new Set<string>();
    for (const p of linkKeysOf(entry.model).paths) if (p.trim()) keys.add(targetKey(p));
    return [...keys];
  }

  /** Resolves a bulk-loaded note's links with the load's target table, collects its reverse-index pairs and stores its entry. */
  private resolveLoaded(note: Loading, noteId: number, targets: TargetTable, pairs: BulkPairs): void {
    const { path, model } = note;
    const { paths: linkPaths, markdown } = note.keys ?? linkKeysOf(model);
    const resolutions = linkPaths.length ? new Array<Resolution>(linkPaths.length) : NO_RESOLUTIONS;
    // Its links' distinct name keys, kept on the entry: a cache save records them (see linkNameKeys) without a pass over 120,000 links.
    const names: string[] = [];
    for (let i = 0; i < linkPaths.length; i++) {
      const linkPath = linkPaths[i];
      const wiki = markdown[i] === 0;
      let t = targets.find(linkPath);
      let r: Resolution;
      if (t === -1) {
        t = targets.add(linkPath);
        const noted = wiki ? this.resolveTarget(targets, t, linkPath, path, pairs) : undefined;
        r = noted ? noted.resolution : this.resolve(linkPath, path, 'markdown');
        if (linkPath.trim()) targets.keyIds[t] = pairs.keyId(noted?.key ?? targetKey(linkPath));
      } else if (!wiki) r = this.resolve(linkPath, path, 'markdown');
      else if (targets.wikiStates[t] === 1) r = targets.wiki[t]!;
      else if (targets.wikiStates[t] === 2) r = this.resolve(linkPath, path, 'wiki');
      else {
        // A target seen so far only in Markdown links.
        r = this.resolveTarget(targets, t, linkPath, path, pairs).resolution;
      }
      const keyId = targets.keyIds[t];
      if (keyId !== -1) {
        pairs.byKey.push(keyId, noteId);
        const name = pairs.keys[keyId];
        if (!names.includes(name)) names.push(name);
      }
      if (r === targets.wiki[t]) {
        const fileId = targets.wikiFileIds[t];
        if (fileId !== -1) pairs.byFile.push(fileId, noteId);
      } else if (r.kind === 'file') pairs.byFile.push(pairs.fileId(r.path), noteId);
      // Ambiguous links show up under every candidate: renaming one must update them too.
      else if (r.kind === 'ambiguous') for (const c of r.candidates) pairs.byFile.push(pairs.fileId(c), noteId);
      (resolutions as Resolution[])[i] = r;
    }
    this.store(note, resolutions, names);
  }

  /**
   * Resolves target `t` as a wiki link from `fromPath`, and remembers the
   * resolution when any note would get the same (shared between links:
   * nothing mutates resolutions).
   */
  private resolveTarget(targets: TargetTable, t: number, target: string, fromPath: string, pairs: BulkPairs): ReturnType<typeof resolveLinkPathNoting> {
    const noted = resolveLinkPathNoting(this.names, target, fromPath, 'wiki');
    if (noted.fromAnywhere) {
      const r = noted.resolution;
      targets.wikiStates[t] = 1;
      targets.wiki[t] = r;
      if (r.kind === 'file') targets.wikiFileIds[t] = pairs.fileId(r.path);
    } else targets.wikiStates[t] = 2;
    return noted;
  }

  /** Adds or replaces a note's text (an open or edited document: the index holds its text from now on). */
  setNote(path: string, text: string, model?: NoteModel): IndexChange {
    const old = this.notes.get(path);
    // A note whose text is on disk is taken as changed: the disk may have changed since it was indexed.
    if (old instanceof HeldNote && old.text === text) return { affected: new Set(), namesChanged: false };
    const m = model ?? this.parse(text);
    return this.putNote(path, m, (res) => new HeldNote(path, text, m, res));
  }

  /** Adds or replaces a note; `make` builds its entry once its links are resolved. */
  private putNote(path: string, model: NoteModel, make: (resolutions: readonly Resolution[]) => NoteEntry): IndexChange {
    const old = this.notes.get(path);
    const affected = new Set<string>([path]);
    const isNew = !this.names.has(path);
    this.names.addFile(path);
    const changedAliasKeys = this.names.setAliases(path, model.frontmatter?.aliases ?? []);
    if (old) this.unregisterLinks(old);
    const entry = make(this.resolveLinks(path, model));
    this.notes.set(path, entry);
    this.registerLinks(entry);

    const keys = new Set(changedAliasKeys);
    if (isNew) keys.add(NameTable.keyOf(path));
    this.reresolveKeys(keys, affected);
    // Links into this note may name headings or blocks that came or went.
    if (!old || anchorsChanged(old.model, model)) {
      for (const s of this.backlinkSources.values(path)) affected.add(s);
    }
    return this.emit(affected, keys.size > 0);
  }

  /**
   * Resolves a note's links again with the model it has now: for a note
   * loaded with known links whose cached model turned out bad and was
   * parsed instead (see DeferredModel), so its resolutions match its links.
   */
  relink(path: string): IndexChange {
    const old = this.notes.get(path);
    if (!old) return { affected: new Set(), namesChanged: false };
    // A fresh entry: the link names it was loaded with were those of the bad model's snapshot.
    return this.putNote(path, old.model, (res) =>
      old instanceof LazyNote ? new LazyNote(path, old.model, res, old.reader) : new HeldNote(path, old.text, old.model, res),
    );
  }

  /** What the index knows of a note's links while it holds it with `model` (for a saved snapshot, see ParseCache.save). */
  knownLinks(path: string, model: NoteModel): KnownLinks | undefined {
    const entry = this.notes.get(path);
    return entry && entry.model === model ? { resolutions: entry.resolutions, keys: this.linkNameKeys(entry) } : undefined;
  }

  /** Adds a file that is not a note (an image, a PDF, …). */
  addAttachment(path: string): IndexChange {
    if (this.names.has(path)) return { affected: new Set(), namesChanged: false };
    this.names.addFile(path);
    const affected = new Set<string>();
    this.reresolveKeys([NameTable.keyOf(path)], affected);
    return this.emit(affected, true);
  }

  /** Removes a note or an attachment. */
  deleteFile(path: string): IndexChange {
    if (!this.names.has(path)) return { affected: new Set(), namesChanged: false };
    const affected = new Set<string>();
    const keys = new Set<string>([NameTable.keyOf(path)]);
    const old = this.notes.get(path);
    if (old) {
      for (const a of old.model.frontmatter?.aliases ?? []) keys.add(nameKey(a)); // as NameTable.setAliases keys them
      this.unregisterLinks(old);
      this.notes.delete(path);
    }
    for (const s of this.backlinkSources.values(path)) affected.add(s);
    this.names.removeFile(path);
    this.reresolveKeys(keys, affected);
    affected.delete(path);
    return this.emit(affected, true);
  }

  /** Moves a file, keeping a note's text (or its reader: it reads the new path from now on). */
  renameFile(from: string, to: string): IndexChange {
    const old = this.notes.get(from);
    // A model still to be decoded from the cache reads the note at its new path should its entry be bad (see DeferredModel).
    (old?.model as { moved?(to: string): void } | undefined)?.moved?.(to);
    const a = this.deleteFile(from);
    let b: IndexChange;
    if (!old) b = this.addAttachment(to);
    else if (old instanceof LazyNote) b = this.putNote(to, old.model, (res) => new LazyNote(to, old.model, res, old.reader));
    else b = this.setNote(to, old.text, old.model);
    return { affected: new Set([...a.affected, ...b.affected]), namesChanged: true };
  }

  /** Every link in the vault that leads to `path` (any heading or block of it). */
  backlinks(path: string): Backlink[] {
    const out: Backlink[] = [];
    for (const source of this.backlinkSources.values(path)) {
      const entry = this.notes.get(source);
      if (!entry) continue;
      entry.resolutions.forEach((r, i) => {
        if (r.kind === 'file' && r.path === path) out.push({ source, linkIndex: i, link: entry.model.links[i] });
      });
    }
    // Links to a heading of the same note (`[[#H]]`) are backlinks too.
    const self = this.notes.get(path);
    self?.resolutions.forEach((r, i) => {
      if (r.kind === 'self') out.push({ source: path, linkIndex: i, link: self.model.links[i] });
    });
    return out;
  }

  /** Paths of notes that link to `path`. */
  backlinkSourcesOf(path: string): string[] {
    return this.backlinkSources.list(path);
  }

  /** Both reverse indexes, sorted: for tests that hold a bulk load to incremental updates. */
  reverseIndexSnapshot(): ReverseIndexSnapshot {
    const plain = (m: StringMultiMap): Record<string, string[]> => {
      const out: Record<string, string[]> = {};
      for (const k of [...m.keys()].sort()) out[k] = m.list(k).sort();
      return out;
    };
    return { linksByKey: plain(this.linksByKey), backlinkSources: plain(this.backlinkSources) };
  }

  /** Display name of a note: its file name without `.md`. */
  static noteName(path: string): string {
    return noteName(path);
  }

  private resolveLinks(path: string, model: NoteModel): readonly Resolution[] {
    const { paths, markdown } = linkKeysOf(model);
    if (!paths.length) return NO_RESOLUTIONS;
    return paths.map((p, i) => this.resolve(p, path, markdown[i] ? 'markdown' : 'wiki'));
  }

  /**
   * Re-resolves a note's links after the names under `keys` changed: only
   * its links looked up under those keys, since a link's resolution depends
   * only on the files and aliases under its own key (that is what
   * linksByKey is for); before, every link of the note was resolved again,
   * and renaming a note with 1,000 backlinks re-resolved 12,000 links. The
   * name keys of its links did not change, so linksByKey stays as it is.
   */
  private resolveNote(path: string, keys: ReadonlySet<string>): void {
    const entry = this.notes.get(path);
    if (!entry) return;
    const { paths: linkPaths, markdown } = linkKeysOf(entry.model);
    let next: Resolution[] | undefined;
    for (let i = 0; i < linkPaths.length; i++) {
      const p = linkPaths[i];
      if (!p.trim() || !keys.has(targetKey(p))) continue;
      const r = this.resolve(p, path, markdown[i] ? 'markdown' : 'wiki');
      if (sameResolution(r, entry.resolutions[i])) continue;
      next ??= entry.resolutions.slice();
      next[i] = r;
    }
    if (!next) return;
    this.unregisterBacklinks(entry);
    const updated = withResolutions(entry, next);
    this.notes.set(path, updated);
    this.registerBacklinks(updated);
  }

  private registerLinks(entry: NoteEntry): void {
    for (const p of linkKeysOf(entry.model).paths) if (p.trim()) this.linksByKey.add(targetKey(p), entry.path);
    this.registerBacklinks(entry);
  }

  private registerBacklinks(entry: NoteEntry): void {
    for (const r of entry.resolutions) {
      if (r.kind === 'file') this.backlinkSources.add(r.path, entry.path);
      // Ambiguous links show up under every candidate: renaming one must update them too.
      else if (r.kind === 'ambiguous') for (const c of r.candidates) this.backlinkSources.add(c, entry.path);
    }
  }

  private unregisterLinks(entry: NoteEntry): void {
    // The keys it was registered under: for a note loaded with known links, those it was loaded with.
    for (const k of this.linkNameKeys(entry)) this.linksByKey.delete(k, entry.path);
    this.unregisterBacklinks(entry);
  }

  private unregisterBacklinks(entry: NoteEntry): void {
    for (const r of entry.resolutions) {
      if (r.kind === 'file') this.backlinkSources.delete(r.path, entry.path);
      else if (r.kind === 'ambiguous') for (const c of r.candidates) this.backlinkSources.delete(c, entry.path);
    }
  }

  private reresolveKeys(keys: Iterable<string>, affected: Set<string>): void {
    const changed = keys instanceof Set ? (keys as ReadonlySet<string>) : new Set(keys);
    if (changed.size === 0) return;
    const sources = new Set<string>();
    for (const key of changed) for (const s of this.linksByKey.values(key)) sources.add(s);
    for (const source of sources) {
      this.resolveNote(source, changed);
      affected.add(source);
    }
  }

  private emit(affected: Set<string>, namesChanged: boolean): IndexChange {
    const change = { affected, namesChanged };
    if (!this.batching) for (const l of this.listeners) l(change);
    return change;
  }
}

/** True when two resolutions lead to the same place (the same candidates, in order, for ambiguous ones). */
function sameResolution(a: Resolution, b: Resolution | undefined): boolean {
  if (a === b) return true;
  if (!b || a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'self':
      return true;
    case 'file':
      return b.kind === 'file' && a.path === b.path && a.via === b.via;
    case 'unresolved':
      return b.kind === 'unresolved' && a.reason === b.reason;
    case 'ambiguous':
      return b.kind === 'ambiguous' && a.candidates.length === b.candidates.length && a.candidates.every((c, i) => c === b.candidates[i]);
  }
}

function anchorsChanged(a: NoteModel, b: NoteModel): boolean {
  const key = (m: NoteModel) =>
    m.headings.map((h) => `${h.level}${h.text}`).join('\n') + '\0' + m.blockIds.map((x) => x.id).join('\n');
  return key(a) !== key(b);
}

/**
 * The name keys under which the files or aliases differ between a saved
 * index's names and `names`: a file added or removed counts under its
 * name, a note whose aliases changed under both its old and new ones.
 */
function changedNameKeys(names: NameTable, saved: SavedNames): Set<string> {
  const out = new Set<string>();
  if (!sameFiles(names, saved.files)) {
    const savedFiles = new Set(saved.files);
    for (const f of savedFiles) if (!names.has(f)) out.add(NameTable.keyOf(f));
    if (names.size !== savedFiles.size - out.size) for (const f of names.allFiles()) if (!savedFiles.has(f)) out.add(NameTable.keyOf(f));
  }
  let stillAliased = 0;
  for (const [path, keys] of names.aliasedNotes()) {
    const was = saved.aliasKeys.get(path);
    if (was) stillAliased++;
    if (was && sameKeys(keys, was)) continue;
    for (const k of keys) out.add(k);
    if (was) for (const k of was) out.add(k);
  }
  // Notes that had aliases and have none now: only when some saved one was not met above.
  if (stillAliased !== saved.aliasKeys.size) {
    for (const [path, was] of saved.aliasKeys) if (names.aliasKeysOf(path).length === 0) for (const k of was) out.add(k);
  }
  return out;
}

/** True when the table holds exactly `files`, checked in its own order first: a load of an unchanged vault adds them in the order saved. */
function sameFiles(names: NameTable, files: readonly string[]): boolean {
  if (names.size !== files.length) return false;
  let i = 0;
  for (const f of names.allFiles()) if (f !== files[i++]) return files.every((g) => names.has(g));
  return true;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
