// Reference: src/core/concepts/mentionScan.ts as it was before extraction was made linear in the note's size (9deee6d).
// The oracle of test/unit/cards/linearExtraction.test.ts: keep it as it is (slow on purpose); change it only with the rules.
import { stemWord, tokenize } from '../../../../src/core/concepts/conceptKey';
import type { Taxonomy } from '../../../../src/core/concepts/taxonomy';

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
 * A scan from a word stops as soon as no name starts with the words so
 * far, so it costs about one lookup per word whatever the taxonomy's size.
 */
export function scanMentions(text: string, taxonomy: Taxonomy, skip: (offset: number) => boolean): MentionHit[] {
  const tokens = tokenize(text);
  const stems = tokens.map((t) => stemWord(t.word));
  const out: MentionHit[] = [];
  const maxWords = taxonomy.maxWords;
  for (let i = 0; i < tokens.length; i++) {
    if (skip(tokens[i].start)) continue;
    // Keys stem only their last word: `prefix` holds the words before it as written.
    let bestId = taxonomy.mentionedBy(stems[i]);
    let bestEnd = i;
    let prefix = tokens[i].word;
    for (let j = i + 1; j < tokens.length && j - i < maxWords && taxonomy.isMentionPrefix(prefix); j++) {
      if (!JOINER.test(text.slice(tokens[j - 1].end, tokens[j].start))) break;
      const id = taxonomy.mentionedBy(`${prefix} ${stems[j]}`);
      if (id) [bestId, bestEnd] = [id, j];
      prefix += ' ' + tokens[j].word;
    }
    if (bestId) {
      out.push({ conceptId: bestId, start: tokens[i].start, end: tokens[bestEnd].end });
      i = bestEnd;
    }
  }
  return out;
}
