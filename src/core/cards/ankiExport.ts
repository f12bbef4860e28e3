/**
 * Export to Anki's text import format (Anki 2.1.55+ reads the `#` headers):
 * one note per card, Basic or Cloze, with a GUID column derived from the
 * card id so that importing again updates the notes instead of duplicating
 * them, a deck per vault folder (`Vault::folder::sub`) and the note's tags.
 *
 * Why not an .apkg: it is a zip holding an SQLite collection whose schema
 * changes between Anki versions; writing one needs an SQLite engine in core
 * (sql.js is ~1 MB of WASM, better-sqlite3 a native module per platform) and
 * tracking Anki's schema, while the text format with GUIDs already gives
 * updates on re-import, decks and tags. Review history is not exported.
 */
import type { NoteModel } from '../parse/noteModel';
import { dirname } from '../vault/vaultPath';
import type { Card } from './card';

export interface AnkiExportOptions {
  /** The top deck: the vault's name. */
  vaultName: string;
  /** Tags of the note a card comes from (see noteTags). */
  tagsOf?: (path: string) => readonly string[];
  /** Note type names as they are called in the user's Anki (localized installs differ). */
  basicNoteType?: string;
  clozeNoteType?: string;
}

/** GUID of a card's Anki note: stable as long as the card id is. */
export function ankiGuid(card: Pick<Card, 'id'>): string {
  return `mmnotes-${card.id}`;
}

/** Deck of a note: the vault, then its folders, as Anki subdecks. */
export function ankiDeck(vaultName: string, path: string): string {
  const clean = (s: string) => s.replace(/::/g, ':').replace(/[\t\r\n"]/g, ' ').trim();
  return [vaultName, ...dirname(path).split('/')].map(clean).filter(Boolean).join('::') || 'mmnotes';
}

/** Tags of a note (frontmatter and inline), Obsidian `a/b` nesting as Anki's `a::b`. */
export function noteTags(model: NoteModel): string[] {
  const names = [...(model.frontmatter?.tags ?? []), ...model.tags.map((t) => t.name)];
  return [...new Set(names.map(ankiTag).filter(Boolean))];
}

function ankiTag(tag: string): string {
  return tag.replace(/^#/, '').replace(/\//g, '::').replace(/\s+/g, '_');
}

/** Escapes text for a field of an HTML import; line breaks become `<br>`. */
export function ankiField(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\t/g, ' ')
    .replace(/\r?\n/g, '<br>');
}

/** The whole import file for the given cards. */
export function ankiExport(cards: readonly Card[], options: AnkiExportOptions): string {
  const basic = options.basicNoteType ?? 'Basic';
  const cloze = options.clozeNoteType ?? 'Cloze';
  const lines = ['#separator:tab', '#html:true', '#guid column:1', '#notetype column:2', '#deck column:3', '#tags column:6'];
  for (const card of cards) {
    const isCloze = card.kind === 'cloze' && card.clozeText !== undefined;
    const fields = isCloze
      ? [ankiField(card.clozeText!), ankiField(card.context.join(' › '))]
      : [ankiField(card.front), ankiField(card.back)];
    const tags = (options.tagsOf?.(card.source.path) ?? []).map(ankiTag).filter(Boolean).join(' ');
    lines.push([ankiGuid(card), isCloze ? cloze : basic, ankiDeck(options.vaultName, card.source.path), ...fields, tags].join('\t'));
  }
  return `${lines.join('\n')}\n`;
}
