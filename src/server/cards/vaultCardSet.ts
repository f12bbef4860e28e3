import { extractCards, resolveCollisionGroup, type Card, type CardRules } from '../../core/cards';
import { transientModel } from '../../core/cache/modelCodec';
import type { NoteModel } from '../../core/parse/noteModel';
import type { IndexChange, VaultIndex } from '../../core/vault/vaultIndex';

interface NoteCards {
  /**
   * The model the cards were made from: a change that left it alone (a
   * backlink's target moved) costs nothing. The index parses every new
   * text into a new model, so this tells as much as the text did, without
   * keeping every note's text alive (the index may read texts on demand).
   */
  model: NoteModel;
  cards: Card[];
  /** Ids from assignNoteIds, before vault collisions renamed any (a collision can go away again). */
  noteIds: string[];
}

/**
 * The cards of the vault, from the server's index (never a second parse):
 * cached per note, re-extracted only for notes an index change touched,
 * lazily on the next read; then vault-wide collisions are resolved again,
 * which is one pass over the cards, not a parse of the vault.
 */
/** Appends `value` to the list under `key`. */
function listAdd(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Removes one `value` from the list under `key`, and the key with its last value. */
function listRemove(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  const i = list ? list.indexOf(value) : -1;
  if (i === -1) return;
  list!.splice(i, 1);
  if (!list!.length) map.delete(key);
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class VaultCardSet {
  private readonly byNote = new Map<string, NoteCards>();
  /** Note-level id → the notes with a card of that id: an id in two notes is a collision (see resolveCollisionGroup). */
  private readonly owners = new Map<string, string[]>();
  /** Ids whose notes or cards changed since the last combine: only their collisions are worked out again. */
  private readonly dirtyIds = new Set<string>();
  /** byNote's paths in order, or undefined after a note came or went. */
  private sortedPaths: string[] | undefined;
  private readonly pending = new Set<string>();
  private sweep = false;
  private rulesKey = '';
  private built = false;
  /** The vault's cards in path order, or undefined after a change (built on the next `all()`: the status counts do not need it). */
  private flat: Card[] | undefined;
  /**
   * Current card id → the notes with a card of that id (a path twice for
   * two such cards), kept through extractions and collision renames:
   * `hasId` without a pass over the cards.
   */
  private readonly idNotes = new Map<string, string[]>();
  /** Notes whose cards or card ids changed since the listeners were last told, or 'all' after a rebuild. */
  private changedNotes: Set<string> | 'all' = 'all';
  private readonly listeners: ((paths: ReadonlySet<string> | 'all') => void)[] = [];
  /** Built on the first lookup after a change (a change to a 70,000-card vault need not rebuild it). */
  private byIdMap: Map<string, Card> | undefined;
  private version = 0;
  private lastRules: { rules: CardRules; key: string } | undefined;

  constructor(
    private readonly index: VaultIndex,
    private readonly rules: () => CardRules,
  ) {}

  /** Remembers what an index change touched; the work happens on the next read. */
  noteChange(change: IndexChange): void {
    for (const p of change.affected) this.pending.add(p);
    // A deleted note is not in `affected`; a deletion always changes names, so look for vanished notes then.
    if (change.namesChanged) this.sweep = true;
  }

  /**
   * A note's cards when a read costs only the notes changed since the last
   * one: undefined before the vault's cards are built, or when the rules
   * changed since (then a read rebuilds every note's cards).
   */
  ofNoteIfCheap(path: string): readonly Card[] | undefined {
    if (!this.built || this.keyOf(this.rules()) !== this.rulesKey) return undefined;
    return this.ofNote(path);
  }

  /** Bumped whenever the set of cards or any card's content changed. */
  get generation(): number {
    this.refresh();
    return this.version;
  }

  all(): readonly Card[] {
    this.refresh();
    if (!this.flat) {
      this.sortedPaths ??= [...this.byNote.keys()].sort();
      const flat: Card[] = [];
      for (const path of this.sortedPaths) for (const c of this.byNote.get(path)!.cards) flat.push(c);
      this.flat = flat;
    }
    return this.flat;
  }

  byId(id: string): Card | undefined {
    const all = this.all();
    this.byIdMap ??= new Map(all.map((c) => [c.id, c]));
    return this.byIdMap.get(id);
  }

  /** True when a current card has this id (after collisions were resolved). */
  hasId(id: string): boolean {
    this.refresh();
    return this.idNotes.has(id);
  }

  /** The notes with a card of this id now (usually one). */
  notesOfId(id: string): readonly string[] {
    this.refresh();
    return this.idNotes.get(id) ?? [];
  }

  /** Every note with cards, in no particular order. */
  *notes(): IterableIterator<[string, readonly Card[]]> {
    this.refresh();
    for (const [path, entry] of this.byNote) if (entry.cards.length) yield [path, entry.cards];
  }

  /**
   * Calls `listener` after each change with the notes whose cards, or the
   * ids of whose cards, changed ('all' after every note was extracted
   * again): what a cache per note must forget. A note removed is in it too.
   */
  onNotesChanged(listener: (paths: ReadonlySet<string> | 'all') => void): void {
    this.listeners.push(listener);
  }

  ofNote(path: string): readonly Card[] {
    this.refresh();
    return this.byNote.get(path)?.cards ?? [];
  }

  /**
   * Builds the vault's cards a slice of notes at a time, yielding to the
   * event loop between slices. A vault-wide build reads every note that
   * has cards and extracts them: at 10,000 notes that held the server
   * for seconds right after its index was ready, when the editor asks
   * the most. Requests that need cards wait for this (CardService.opened);
   * changes that arrive meanwhile are pending and applied on the next read.
   */
  async build(yieldNow: () => Promise<void> = nextTurn, sliceMs = 8): Promise<void> {
    if (this.built) return;
    const rules = this.rules();
    const key = this.keyOf(rules);
    this.clear();
    this.pending.clear();
    this.sweep = false;
    const paths = [...this.index.allNotes()].map((n) => n.path);
    let sliceStart = performance.now();
    for (const path of paths) {
      if (this.built) return; // a read built every card synchronously meanwhile
      const note = this.index.getNote(path);
      if (note) this.extract(path, note.text, rules, note.model);
      if (performance.now() - sliceStart > sliceMs) {
        await yieldNow();
        sliceStart = performance.now();
      }
    }
    if (this.built) return;
    this.rulesKey = key;
    this.built = true;
    this.combine();
  }

  /** The key of a rules object, kept while the settings hand out that same object (every read of the set asks). */
  private keyOf(rules: CardRules): string {
    if (rules !== this.lastRules?.rules) this.lastRules = { rules, key: JSON.stringify(rules) };
    return this.lastRules.key;
  }

  private refresh(): void {
    const rules = this.rules();
    const key = this.keyOf(rules);
    let changed = false;
    if (!this.built || key !== this.rulesKey) {
      this.clear();
      for (const note of this.index.allNotes()) this.extract(note.path, note.text, rules);
      this.rulesKey = key;
      this.built = true;
      this.pending.clear();
      this.sweep = false;
      changed = true;
    }
    for (const path of this.pending) {
      const note = this.index.getNote(path);
      const cached = this.byNote.get(path);
      if (!note) changed = this.remove(path) || changed;
      else if (!cached || cached.model !== note.model) {
        this.extract(path, note.text, rules, note.model);
        changed = true;
      }
    }
    this.pending.clear();
    if (this.sweep) {
      for (const path of [...this.byNote.keys()]) if (!this.index.getNote(path)) changed = this.remove(path) || changed;
      this.sweep = false;
    }
    if (changed) this.combine();
  }

  private extract(path: string, text: string, rules: CardRules, model = this.index.getNote(path)?.model): void {
    if (!model) return;
    // Decoded for the extraction only: the cards keep what they show, the index's model stays compact.
    const cards = extractCards(path, text, transientModel(model), rules);
    this.remove(path);
    this.byNote.set(path, { model, cards, noteIds: cards.map((c) => c.id) });
    for (const c of cards) this.countId(c.id, path, 1);
    this.noteChanged(path);
    this.sortedPaths = undefined;
    this.own(path, true);
  }

  private remove(path: string): boolean {
    const entry = this.byNote.get(path);
    if (!entry) return false;
    for (const c of entry.cards) this.countId(c.id, path, -1);
    this.noteChanged(path);
    this.own(path, false);
    this.byNote.delete(path);
    this.sortedPaths = undefined;
    return true;
  }

  private clear(): void {
    this.byNote.clear();
    this.owners.clear();
    this.dirtyIds.clear();
    this.idNotes.clear();
    this.changedNotes = 'all';
    this.sortedPaths = undefined;
  }

  private noteChanged(path: string): void {
    if (this.changedNotes !== 'all') this.changedNotes.add(path);
  }

  private countId(id: string, path: string, delta: 1 | -1): void {
    if (delta > 0) listAdd(this.idNotes, id, path);
    else listRemove(this.idNotes, id, path);
  }

  /** Adds or removes `path` as an owner of each of its cards' ids, marking them dirty. */
  private own(path: string, add: boolean): void {
    const ids = new Set(this.byNote.get(path)?.noteIds);
    for (const id of ids) {
      this.dirtyIds.add(id);
      if (add) listAdd(this.owners, id, path);
      else listRemove(this.owners, id, path);
    }
  }

  /**
   * The vault's cards in path order, with collisions resolved again for the
   * ids whose notes changed only: an edit costs the edited note, not a pass
   * over every card's identity (at 70,000 cards that was ~150 ms of each
   * edit). The flat list is rebuilt on the next `all()` only; the id counts
   * follow every rename, and the listeners learn which notes changed.
   */
  private combine(): void {
    for (const id of this.dirtyIds) {
      const notes = (this.owners.get(id) ?? []).slice().sort();
      // Back to the note-level id (a collision may have gone away), in path and document order.
      const group: Card[] = [];
      // Each card's id before, and its note: resolveCollisionGroup reorders the group.
      const before = new Map<Card, { id: string; path: string }>();
      for (const path of notes) {
        const entry = this.byNote.get(path)!;
        entry.noteIds.forEach((noteId, i) => {
          if (noteId !== id) return;
          const card = entry.cards[i];
          before.set(card, { id: card.id, path });
          card.id = noteId;
          group.push(card);
        });
      }
      if (notes.length > 1) resolveCollisionGroup(group);
      for (const [card, was] of before) {
        if (was.id === card.id) continue;
        this.countId(was.id, was.path, -1);
        this.countId(card.id, was.path, 1);
        this.noteChanged(was.path);
      }
    }
    this.dirtyIds.clear();
    this.flat = undefined;
    this.byIdMap = undefined;
    this.version++;
    const changed = this.changedNotes;
    this.changedNotes = new Set();
    for (const listener of this.listeners) listener(changed);
  }
}
