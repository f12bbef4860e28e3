import type { Range } from '../text/range';

/** Which extraction rule made a card (each can be switched off in CardRules). */
export type CardRuleName = 'definition-colon' | 'definition-item' | 'definition-next' | 'cloze';

/**
 * One flashcard, as plain text: no Markdown markup survives into front,
 * back or clozeText, so every host (panel, CLI, Anki) can show it as text.
 */
export interface Card {
  /** Stable across edits and moves of the note (see cardIdentity.ts). */
  id: string;
  kind: 'definition' | 'cloze';
  /** A definition asked the other way round: front = definition, back = term. */
  reversed?: boolean;
  /** The question: for a definition the context path and the term (`Representation › Sub-challenges › Fusion`). */
  front: string;
  back: string;
  /** Definition: the term; cloze: the hidden text. */
  term?: string;
  /** `==Term== ("A"/"B")` → ['A', 'B']. */
  aliases?: string[];
  /** Heading path, then parent terms and short list labels, outermost first. */
  context: string[];
  /** The nearest enclosing highlighted term (part of the identity key). */
  parentTerm?: string;
  source: {
    path: string;
    /** From the term (or the sentence) to the end of what the card shows. */
    range: Range;
    /** One-based line of the term or sentence: what `path:line` prints. */
    line: number;
  };
  /** Cloze only: the sentence with the hidden text as `{{c1::…}}` (Anki's syntax). */
  clozeText?: string;
  rule: CardRuleName;
  /** The back was cut at CardRules.maxFieldChars; the note holds the whole text. */
  truncated?: boolean;
}

/** What the review log remembers of a card, so history can be re-matched after the card changes. */
export interface CardSnapshot {
  id: string;
  kind: Card['kind'];
  reversed?: boolean;
  term?: string;
  parentTerm?: string;
  path: string;
  /**
   * Short hash of what stays when only the term changes (a definition's
   * back, a cloze's front): recognises a card whose term was renamed.
   */
  bodyHash: string;
}
