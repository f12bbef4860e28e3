/**
 * "What is a defined term" has one implementation: the definition rules of
 * the flashcards (extractCards). Concepts see it through this small
 * interface, so tests and other hosts can plug in another extractor, and
 * the card rules that only decide whether a note *makes cards* (a note's
 * `mmnotes-cards: false`, folder globs, `%% no-card %%`) do not hide a
 * definition from the graph.
 */
import { DEFAULT_CARD_RULES, type CardRules } from '../cards/cardRules';
import { extractCards } from '../cards/extractCards';
import type { NoteModel } from '../parse/noteModel';

export interface DefinedTerm {
  term: string;
  aliases: string[];
  /** The definition as plain text. */
  definition: string;
  /** The nearest enclosing defined term (a term defined in a list item under another). */
  parentTerm?: string;
  /** Zero-based line of the term. */
  line: number;
}

export type TermExtractor = (path: string, text: string, model: NoteModel) => DefinedTerm[];

const DEFINITION_RULES: CardRules = {
  ...DEFAULT_CARD_RULES,
  cloze: false,
  reverse: false,
  noteSwitch: false,
  folderRules: false,
  lineMarkers: false,
  includeFolders: [],
  excludeFolders: [],
};

/** Defined terms by the flashcard definition rules. */
export const cardTermExtractor: TermExtractor = (path, text, model) => {
  const out: DefinedTerm[] = [];
  for (const card of extractCards(path, text, model, DEFINITION_RULES)) {
    if (card.kind !== 'definition' || card.reversed || !card.term) continue;
    out.push({
      term: card.term,
      aliases: card.aliases ?? [],
      definition: card.back,
      parentTerm: card.parentTerm,
      line: card.source.line - 1,
    });
  }
  return out;
};
