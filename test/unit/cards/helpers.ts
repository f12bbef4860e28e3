import { parseNote } from '../../../src/core/parse/parseNote';
import type { Card } from '../../../src/core/cards/card';
import { DEFAULT_CARD_RULES, type CardRules } from '../../../src/core/cards/cardRules';
import { extractCards } from '../../../src/core/cards/extractCards';
import type { ReviewFiles } from '../../../src/core/cards/reviewLog';

/** Cards of an inline note. */
export function cardsOf(text: string, path = 'note.md', rules: Partial<CardRules> = {}): Card[] {
  return extractCards(path, text, parseNote(text), { ...DEFAULT_CARD_RULES, ...rules });
}

/** What a reader checks at a glance: kind, front and back. */
export function summary(cards: Card[]): { kind: string; front: string; back: string }[] {
  return cards.map((c) => ({ kind: c.reversed ? 'reverse' : c.kind, front: c.front, back: c.back }));
}

/** An in-memory file store for the review log, with a way to corrupt it like a crash would. */
export class MemoryFiles implements ReviewFiles {
  readonly files = new Map<string, string>();
  appends = 0;

  async read(path: string): Promise<string | undefined> {
    return this.files.get(path);
  }

  async append(path: string, text: string): Promise<void> {
    this.appends++;
    this.files.set(path, (this.files.get(path) ?? '') + text);
  }
}
