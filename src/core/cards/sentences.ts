/**
 * Finds the sentence around a highlight, so a cloze shows one sentence of
 * context rather than a whole paragraph. Deliberately simple: a sentence
 * ends at `.`, `!`, `?` or `…` (plus closing quotes, brackets or markup)
 * followed by whitespace and something that is not a lower-case letter,
 * except after a few abbreviations common in lecture notes, and at a line
 * break followed by anything but a lower-case letter. A boundary is never
 * taken inside the hidden text itself (`==perceived.==`).
 */
import type { Span } from './noteOutline';
import { lowerBound, upperBound } from './spans';

const END = /[.!?…]+["'”’)\]*_=]*(?=\s)/g;
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'etc', 'vs', 'cf', 'al', 'fig', 'eq', 'approx', 'resp', 'dr', 'mr', 'mrs', 'ms', 'prof', 'sec', 'ch']);

/** The span of the sentence of `unit` that holds `target`. */
export function sentenceAround(text: string, unit: Span, target: Span): Span {
  return sentenceIn(sentenceBoundaries(text, unit), unit, target);
}

/**
 * The offsets where a sentence of `unit` may end, ascending. Whether an
 * offset is a boundary depends on the unit only, never on the highlight
 * asked about, so a unit with many highlights finds them once: finding
 * them per highlight was quadratic in a long paragraph.
 */
export function sentenceBoundaries(text: string, unit: Span): number[] {
  const slice = text.slice(unit.s, unit.e);
  const boundaries: number[] = [];
  END.lastIndex = 0;
  for (let m = END.exec(slice); m; m = END.exec(slice)) {
    const word = /(\S+)$/.exec(slice.slice(Math.max(0, m.index - 40), m.index))?.[1].replace(/^[("'“‘[]+/, '').toLowerCase() ?? '';
    if (!ABBREVIATIONS.has(word) && !/^\p{L}$/u.test(word)) boundaries.push(m.index + m[0].length);
  }
  // Obsidian shows a line break as a break: a new line starts a new sentence unless it reads on in lower case.
  for (let i = slice.indexOf('\n'); i !== -1; i = slice.indexOf('\n', i + 1)) boundaries.push(i);
  boundaries.sort((a, b) => a - b);
  const out: number[] = [];
  for (const b of boundaries) {
    const boundary = unit.s + b;
    const next = /\S/.exec(text.slice(boundary, Math.min(unit.e, boundary + 64)));
    if (next && !/\p{Ll}/u.test(next[0])) out.push(boundary);
  }
  return out;
}

/**
 * The sentence of `unit` around `target`, given the unit's boundaries: it
 * starts at the last boundary at or before the target and ends at the first
 * one after its start that is not inside it (never inside the hidden text).
 */
export function sentenceIn(boundaries: readonly number[], unit: Span, target: Span): Span {
  const after = upperBound(boundaries.length, (i) => boundaries[i], target.s);
  const end = Math.max(after, lowerBound(boundaries.length, (i) => boundaries[i], target.e));
  return { s: after > 0 ? boundaries[after - 1] : unit.s, e: end < boundaries.length ? boundaries[end] : unit.e };
}

const SPACE = /\s/;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Words that carry content (a lone dash or bracket is not one): runs of
 * non-whitespace holding a letter or digit, in `text` or in the pieces of a
 * text (counted as if joined; a piece must not end inside a surrogate
 * pair). Counted in place: every cloze counts the
 * words of its sentence, and splitting it made a string per word. With a
 * `limit`, counting stops there (the result is at most `limit`): a caller
 * that only compares with it need not read a long text to the end.
 */
export function countWords(text: string | readonly string[], limit = Infinity): number {
  let n = 0;
  let inWord = false;
  let counted = false;
  for (const piece of typeof text === 'string' ? [text] : text) {
    for (let i = 0; i < piece.length && n < limit; i++) {
      const c = piece.charCodeAt(i);
      if (c < 128 ? c === 32 || (c >= 9 && c <= 13) : SPACE.test(piece[i])) {
        inWord = false;
        continue;
      }
      if (!inWord) {
        inWord = true;
        counted = false;
      }
      if (counted) continue;
      const lower = c | 32;
      if (c < 128 ? (c >= 48 && c <= 57) || (lower >= 97 && lower <= 122) : WORD_CHAR.test(String.fromCodePoint(piece.codePointAt(i)!))) {
        n++;
        counted = true;
      }
    }
  }
  return Math.min(n, limit);
}

