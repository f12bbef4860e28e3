// Reference: src/core/cards/sentences.ts as it was before extraction was made linear in the note's size (9deee6d).
// The oracle of test/unit/cards/linearExtraction.test.ts: keep it as it is (slow on purpose); change it only with the rules.
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

const END = /[.!?…]+["'”’)\]*_=]*(?=\s)/g;
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'etc', 'vs', 'cf', 'al', 'fig', 'eq', 'approx', 'resp', 'dr', 'mr', 'mrs', 'ms', 'prof', 'sec', 'ch']);

/** The span of the sentence of `unit` that holds `target`. */
export function sentenceAround(text: string, unit: Span, target: Span): Span {
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
  let start = unit.s;
  let end = unit.e;
  for (const b of boundaries) {
    const boundary = unit.s + b;
    if (boundary > target.s && boundary < target.e) continue;
    const next = /\S/.exec(text.slice(boundary, Math.min(unit.e, boundary + 64)));
    if (!next || /\p{Ll}/u.test(next[0])) continue;
    if (boundary <= target.s) start = boundary;
    else {
      end = boundary;
      break;
    }
  }
  return { s: start, e: end };
}

/** Words that carry content (a lone dash or bracket is not one). */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
