import type { NoteModel } from '../parse/noteModel';
import type { Card } from './card';
import { resolveVaultCollisions } from './cardIdentity';
import { DEFAULT_CARD_RULES, type CardRules } from './cardRules';
import { extractCards } from './extractCards';

/** Cards of many notes (a vault, a folder), with ids unique across them. */
export function vaultCards(notes: Iterable<{ path: string; text: string; model: NoteModel }>, rules: CardRules = DEFAULT_CARD_RULES): Card[] {
  const cards: Card[] = [];
  for (const note of notes) for (const card of extractCards(note.path, note.text, note.model, rules)) cards.push(card);
  return resolveVaultCollisions(cards);
}
