/**
 * Character classes of the scanner, with micromark's exact meaning (it
 * classifies UTF-16 code units, so a lone surrogate is neither whitespace nor
 * punctuation). ASCII is answered from a table; the rest from a cached regex.
 */

/** 1: whitespace (or an edge), 2: punctuation or symbol, 0: anything else. */
export type CharClass = 0 | 1 | 2;

const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII_CLASS[c] = /\s/.test(ch) ? 1 : /[\p{P}\p{S}]/u.test(ch) ? 2 : 0;
}

const WHITESPACE = /\s/;
const PUNCTUATION = /[\p{P}\p{S}]/u;
const wideClass = new Map<number, CharClass>();

/** micromark's classifyCharacter on a code unit; -1 stands for "nothing" (start or end of text). */
export function classify(code: number): CharClass {
  if (code < 0) return 1;
  if (code < 128) return ASCII_CLASS[code] as CharClass;
  let known = wideClass.get(code);
  if (known === undefined) {
    const ch = String.fromCharCode(code);
    known = WHITESPACE.test(ch) ? 1 : PUNCTUATION.test(ch) ? 2 : 0;
    wideClass.set(code, known);
  }
  return known;
}

/** JavaScript's `\s` on one code unit (what tags.ts and blockIds.ts test before a `#` or `^`). */
export function isJsWhitespace(code: number): boolean {
  if (code < 0) return false;
  if (code < 128) return ASCII_CLASS[code] === 1;
  return classify(code) === 1;
}

export function isAsciiAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isAsciiAlphanumeric(c: number): boolean {
  return isAsciiDigit(c) || isAsciiAlpha(c);
}

/** ASCII punctuation that a backslash can escape. */
export function isAsciiPunctuation(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

/** Space or tab: micromark's markdownSpace. */
export function isSpaceOrTab(c: number): boolean {
  return c === 32 || c === 9;
}

/** Line ending or space/tab: micromark's markdownLineEndingOrSpace (NaN, past the end, is not). */
export function isLineEndingOrSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
