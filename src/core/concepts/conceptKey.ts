/**
 * How a written phrase becomes a lookup key, the same way for taxonomy
 * names, defined terms, headings and running text, so "Modalities",
 * "modality" and "Co-occurrence"/"cooccurrence" meet.
 *
 * Only the last word is de-pluralised: "Element representations" is the
 * concept "Element representation", but "Structures modeling" is not
 * worth recognising, and stemming inner words would merge distinct names.
 */

/** A word of running text, with where it sits. */
export interface Token {
  /** Lower-cased. */
  word: string;
  start: number;
  end: number;
  /** The word was joined to the next by a hyphen (`co-occurrence`). */
  hyphenNext: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The words of a text with their offsets. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const end = m.index + m[0].length;
    out.push({ word: m[0].toLowerCase(), start: m.index, end, hyphenNext: text.charCodeAt(end) === 45 /* - */ && isWordChar(text, end + 1) });
  }
  return out;
}

function isWordChar(text: string, i: number): boolean {
  return i < text.length && /[\p{L}\p{N}]/u.test(text[i]);
}

/** Singular, American-spelled form of one lower-cased word. */
export function stemWord(w: string): string {
  if (w.length <= 3) return w;
  // British spellings the lecture notes mix freely: modelling, factorisation.
  w = w.replace(/^(.{2,}[aeiou])lling$/, '$1ling').replace(/isation$/, 'ization');
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (/(ches|shes|xes|zes)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

/** The key of a sequence of words: lower-cased, space-joined, last word stemmed. */
export function keyOfWords(words: readonly string[]): string {
  if (words.length === 0) return '';
  const last = words.length - 1;
  return words.map((w, i) => (i === last ? stemWord(w) : w)).join(' ');
}

/**
 * Every key a name is known by: its words, and for hyphenated names also
 * the run-together spelling (`co-learning` → `colearning`), which students
 * write as often as the hyphenated one.
 */
export function keysOfName(name: string): string[] {
  const tokens = tokenize(name);
  if (tokens.length === 0) return [];
  const keys = [keyOfWords(tokens.map((t) => t.word))];
  if (tokens.some((t, i) => t.hyphenNext && i < tokens.length - 1)) {
    const joined: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      let w = tokens[i].word;
      while (tokens[i].hyphenNext && i + 1 < tokens.length) w += tokens[++i].word;
      joined.push(w);
    }
    keys.push(keyOfWords(joined));
  }
  return [...new Set(keys)];
}

/** The primary key of a name (what duplicates are detected on). */
export function keyOfName(name: string): string {
  return keysOfName(name)[0] ?? '';
}

/** A stable id for a concept from its name: `Element representations` → `element-representation`. */
export function slugOf(name: string): string {
  return keyOfName(name).replace(/ /g, '-');
}
