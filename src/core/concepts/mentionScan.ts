import { keyOfWords, tokenize } from './conceptKey';
import type { Taxonomy } from './taxonomy';

/** A concept named in running text, at [start, end) of the text. */
export interface MentionHit {
  conceptId: string;
  start: number;
  end: number;
}

/** Between two words of one name only spaces, one line break, a hyphen or emphasis markers may stand. */
const JOINER = /^[ \t*_=~-]*\r?\n?[ \t*_=~>-]*$/;

/**
 * Finds mentions of taxonomy concepts in text, longest name first at each
 * word ("Element representations" beats "Representation"), skipping
 * offsets `skip` rejects (code, frontmatter, spans already attributed).
 * Costs words × the longest name's word count, independent of the
 * taxonomy's size.
 */
export function scanMentions(text: string, taxonomy: Taxonomy, skip: (offset: number) => boolean): MentionHit[] {
  const tokens = tokenize(text);
  const out: MentionHit[] = [];
  const maxWords = taxonomy.maxWords;
  for (let i = 0; i < tokens.length; i++) {
    if (skip(tokens[i].start)) continue;
    const words: string[] = [tokens[i].word];
    let best: { id: string; j: number } | undefined;
    const consider = (j: number) => {
      // "colearning" needs no special case: the taxonomy also keys names by their run-together spelling.
      const id = taxonomy.mentionedBy(keyOfWords(words));
      if (id) best = { id, j };
    };
    consider(i);
    for (let j = i + 1; j < tokens.length && j - i < maxWords; j++) {
      if (!JOINER.test(text.slice(tokens[j - 1].end, tokens[j].start))) break;
      words.push(tokens[j].word);
      consider(j);
    }
    if (best) {
      out.push({ conceptId: best.id, start: tokens[i].start, end: tokens[best.j].end });
      i = best.j;
    }
  }
  return out;
}
