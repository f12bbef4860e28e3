/**
 * Finds the sentence around a highlight, so a cloze shows one sentence of
 * context rather than a whole paragraph. Deliberately simple: a sentence
 * ends at `.`, `!`, `?` or `…` (plus closing quotes, brackets or markup)
 * followed by whitespace and something that is not a lower-case letter,
 * except after a few abbreviations common in lecture notes. A boundary is
 * never taken inside the hidden text itself (`==perceived.==`).
 */
import type { Span } from './noteOutline';

const END = /[.!?…]+["'”’)\]*_=]*(?=\s)/g;
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'etc', 'vs', 'cf', 'al', 'fig', 'eq', 'approx', 'resp', 'dr', 'mr', 'mrs', 'ms', 'prof', 'sec', 'ch']);

/** The span of the sentence of `unit` that holds `target`. */
export function sentenceAround(text: string, unit: Span, target: Span): Span {
  let start = unit.s;
  let end = unit.e;
  const slice = text.slice(unit.s, unit.e);
  END.lastIndex = 0;
  for (let m = END.exec(slice); m; m = END.exec(slice)) {
    const boundary = unit.s + m.index + m[0].length;
    if (boundary > target.s && boundary < target.e) continue;
    const next = /\S/.exec(text.slice(boundary, Math.min(unit.e, boundary + 64)));
    if (!next || /\p{Ll}/u.test(next[0])) continue;
    const word = /(\S+)$/.exec(slice.slice(0, m.index))?.[1].replace(/^[("'“‘[]+/, '').toLowerCase() ?? '';
    if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word)) continue;
    if (boundary <= target.s) start = boundary;
    else if (boundary >= target.e) {
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
