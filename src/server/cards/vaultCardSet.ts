import { extractCards, resolveVaultCollisions, type Card, type CardRules } from '../../core/cards';
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
export class VaultCardSet {
  private readonly byNote = new Map<string, NoteCards>();
  private readonly pending = new Set<string>();
  private sweep = false;
  private rulesKey = '';
  private built = false;
  private flat: Card[] = [];
  private byIdMap = new Map<string, Card>();
  private version = 0;

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

  /** Bumped whenever the set of cards or any card's content changed. */
  get generation(): number {
    this.refresh();
    return this.version;
  }

  all(): readonly Card[] {
    this.refresh();
    return this.flat;
  }

  byId(id: string): Card | undefined {
    this.refresh();
    return this.byIdMap.get(id);
  }

  ofNote(path: string): readonly Card[] {
    this.refresh();
    return this.byNote.get(path)?.cards ?? [];
  }

  private refresh(): void {
    const rules = this.rules();
    const key = JSON.stringify(rules);
    let changed = false;
    if (!this.built || key !== this.rulesKey) {
      this.byNote.clear();
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
      if (!note) changed = this.byNote.delete(path) || changed;
      else if (!cached || cached.model !== note.model) {
        this.extract(path, note.text, rules, note.model);
        changed = true;
      }
    }
    this.pending.clear();
    if (this.sweep) {
      for (const path of [...this.byNote.keys()]) if (!this.index.getNote(path)) changed = this.byNote.delete(path) || changed;
      this.sweep = false;
    }
    if (changed) this.combine();
  }

  private extract(path: string, text: string, rules: CardRules, model = this.index.getNote(path)?.model): void {
    if (!model) return;
    const cards = extractCards(path, text, model, rules);
    this.byNote.set(path, { model, cards, noteIds: cards.map((c) => c.id) });
  }

  private combine(): void {
    const flat: Card[] = [];
    // Sorted by path so that collision ordinals and list order do not depend on load order.
    for (const path of [...this.byNote.keys()].sort()) {
      const entry = this.byNote.get(path)!;
      entry.cards.forEach((c, i) => (c.id = entry.noteIds[i]));
      for (const c of entry.cards) flat.push(c);
    }
    this.flat = resolveVaultCollisions(flat);
    this.byIdMap = new Map(this.flat.map((c) => [c.id, c]));
    this.version++;
  }
}
