import type { LinkRef, NoteModel } from '../parse/noteModel';
import { NameTable } from './nameTable';
import { addTo, removeFrom } from './multiMap';
import { resolveLinkPath, targetKey, type Resolution } from './resolveLink';
import { isNotePath, normalizeVaultPath, noteName } from './vaultPath';

/** One indexed note: its text, its parse and where each of its links leads. */
export interface NoteEntry {
  readonly path: string;
  readonly text: string;
  readonly model: NoteModel;
  /** Parallel to model.links. */
  readonly resolutions: readonly Resolution[];
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
  private readonly linksByKey = new Map<string, Set<string>>();
  /** Target path → source notes linking to it. */
  private readonly backlinkSources = new Map<string, Set<string>>();
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

  /** Resolves a link path as seen from `fromPath`. */
  resolve(target: string, fromPath: string, kind: 'wiki' | 'markdown' = 'wiki'): Resolution {
    return resolveLinkPath(this.names, target, fromPath, kind);
  }

  /**
   * Loads many files at once: names first, then parses and resolves each
   * note once, instead of re-resolving the vault after every file. Within
   * the load, a link target that resolves the same from every folder is
   * resolved once (a vault links the same names many times over), and
   * target keys are computed once per distinct target.
   */
  bulkLoad(files: Iterable<{ path: string; text?: string; model?: NoteModel }>): void {
    const list = [...files];
    this.batching = true;
    try {
      for (const f of list) this.names.addFile(f.path);
      const loaded: string[] = [];
      for (const f of list) {
        if (f.text === undefined || !isNotePath(f.path)) continue;
        const model = f.model ?? this.parse(f.text);
        this.names.setAliases(f.path, model.frontmatter?.aliases ?? []);
        const old = this.notes.get(f.path);
        if (old) this.unregisterLinks(old);
        this.notes.set(f.path, { path: f.path, text: f.text, model, resolutions: [] });
        loaded.push(f.path);
      }
      const memo = new BulkMemo(this.names);
      for (const path of loaded) this.resolveNew(path, memo);
    } finally {
      this.batching = false;
    }
    this.emit(new Set(this.notes.keys()), true);
  }

  /** Adds or replaces a note's text. */
  setNote(path: string, text: string, model: NoteModel = this.parse(text)): IndexChange {
    const old = this.notes.get(path);
    if (old && old.text === text) return { affected: new Set(), namesChanged: false };
    const affected = new Set<string>([path]);
    const isNew = !this.names.has(path);
    this.names.addFile(path);
    const changedAliasKeys = this.names.setAliases(path, model.frontmatter?.aliases ?? []);
    if (old) this.unregisterLinks(old);
    this.notes.set(path, { path, text, model, resolutions: [] });
    this.resolveNote(path);

    const keys = new Set(changedAliasKeys);
    if (isNew) keys.add(NameTable.keyOf(path));
    this.reresolveKeys(keys, affected);
    // Links into this note may name headings or blocks that came or went.
    if (!old || anchorsChanged(old.model, model)) {
      for (const s of this.backlinkSources.get(path) ?? []) affected.add(s);
    }
    return this.emit(affected, keys.size > 0);
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
      for (const a of old.model.frontmatter?.aliases ?? []) keys.add(targetKey(a));
      this.unregisterLinks(old);
      this.notes.delete(path);
    }
    for (const s of this.backlinkSources.get(path) ?? []) affected.add(s);
    this.names.removeFile(path);
    this.reresolveKeys(keys, affected);
    affected.delete(path);
    return this.emit(affected, true);
  }

  /** Moves a file, keeping a note's text. */
  renameFile(from: string, to: string): IndexChange {
    const old = this.notes.get(from);
    const a = this.deleteFile(from);
    const b = old ? this.setNote(to, old.text, old.model) : this.addAttachment(to);
    return { affected: new Set([...a.affected, ...b.affected]), namesChanged: true };
  }

  /** Every link in the vault that leads to `path` (any heading or block of it). */
  backlinks(path: string): Backlink[] {
    const out: Backlink[] = [];
    for (const source of this.backlinkSources.get(path) ?? []) {
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
    return [...(this.backlinkSources.get(path) ?? [])];
  }

  /** Display name of a note: its file name without `.md`. */
  static noteName(path: string): string {
    return noteName(path);
  }

  private resolveNote(path: string): void {
    const entry = this.notes.get(path);
    if (!entry) return;
    this.unregisterLinks(entry);
    const resolutions = entry.model.links.map((l) => this.resolve(l.path, path, l.kind));
    const next: NoteEntry = { ...entry, resolutions };
    this.notes.set(path, next);
    for (const l of entry.model.links) if (l.path.trim()) addTo(this.linksByKey, targetKey(l.path), path);
    for (const r of resolutions) if (r.kind === 'file') addTo(this.backlinkSources, r.path, path);
    // Ambiguous links show up under every candidate: renaming one must update them too.
    for (const r of resolutions) if (r.kind === 'ambiguous') for (const c of r.candidates) addTo(this.backlinkSources, c, path);
  }

  /** resolveNote for an entry that registered nothing yet, with the bulk load's memo. */
  private resolveNew(path: string, memo: BulkMemo): void {
    const entry = this.notes.get(path)!;
    const links = entry.model.links;
    const resolutions: Resolution[] = new Array(links.length);
    for (let i = 0; i < links.length; i++) {
      const l = links[i];
      resolutions[i] = memo.resolve(l.path, path, l.kind);
      if (l.path.trim()) addTo(this.linksByKey, memo.key(l.path), path);
    }
    this.notes.set(path, { ...entry, resolutions });
    for (const r of resolutions) {
      if (r.kind === 'file') addTo(this.backlinkSources, r.path, path);
      else if (r.kind === 'ambiguous') for (const c of r.candidates) addTo(this.backlinkSources, c, path);
    }
  }

  private unregisterLinks(entry: NoteEntry): void {
    for (const l of entry.model.links) if (l.path.trim()) removeFrom(this.linksByKey, targetKey(l.path), entry.path);
    for (const r of entry.resolutions) {
      if (r.kind === 'file') removeFrom(this.backlinkSources, r.path, entry.path);
      if (r.kind === 'ambiguous') for (const c of r.candidates) removeFrom(this.backlinkSources, c, entry.path);
    }
  }

  private reresolveKeys(keys: Iterable<string>, affected: Set<string>): void {
    for (const key of keys) {
      for (const source of [...(this.linksByKey.get(key) ?? [])]) {
        this.resolveNote(source);
        affected.add(source);
      }
    }
  }

  private emit(affected: Set<string>, namesChanged: boolean): IndexChange {
    const change = { affected, namesChanged };
    if (!this.batching) for (const l of this.listeners) l(change);
    return change;
  }
}

/**
 * Resolutions and target keys remembered during one bulk load, while the
 * names do not change. resolveLinkPath reads the linking note's path only
 * for relative links and to prefer a candidate in the same folder when a
 * name has several, so a wiki link that is not relative and whose name has
 * at most one file and at most one alias resolves the same from every note.
 * Resolution objects are shared between links; nothing mutates them.
 */
class BulkMemo {
  private readonly resolutions = new Map<string, Resolution>();
  private readonly keys = new Map<string, string>();

  constructor(private readonly names: NameTable) {}

  key(target: string): string {
    let key = this.keys.get(target);
    if (key === undefined) this.keys.set(target, (key = targetKey(target)));
    return key;
  }

  resolve(target: string, fromPath: string, kind: 'wiki' | 'markdown'): Resolution {
    const memoizable = kind === 'wiki' && !/^\s*\.\.?[\\/]/.test(target);
    if (memoizable) {
      const known = this.resolutions.get(target);
      if (known) return known;
    }
    const r = resolveLinkPath(this.names, target, fromPath, kind);
    if (memoizable && this.sameFromEverywhere(target, r)) this.resolutions.set(target, r);
    return r;
  }

  private sameFromEverywhere(target: string, r: Resolution): boolean {
    if (r.kind === 'self' || r.kind === 'unresolved') return true; // no candidate was picked
    if (r.kind === 'file' && r.via === 'path') return true;
    const full = normalizeVaultPath(target.trim().replace(/\\/g, '/'));
    if (full === undefined) return true;
    const key = targetKey(full);
    return this.names.filesNamed(key).length + this.names.notesAliased(key).length <= 1;
  }
}

function anchorsChanged(a: NoteModel, b: NoteModel): boolean {
  const key = (m: NoteModel) =>
    m.headings.map((h) => `${h.level}${h.text}`).join('\n') + '\0' + m.blockIds.map((x) => x.id).join('\n');
  return key(a) !== key(b);
}
