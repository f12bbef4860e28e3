/**
 * `#tags` and trailing `^block-id`s in the source of a text node, exactly as
 * parse/tags.ts findTags and parse/blockIds.ts trailingBlockId find them,
 * read in place: no slice of the text, no regex but for the Unicode classes
 * of a non-ASCII character, no intermediate results.
 */
import type { ToRange } from '../parse/linkRefs';
import type { TagRef } from '../parse/noteModel';
import { isJsWhitespace } from './chars';

/** Characters of a tag name (ASCII): letters, digits, `_`, `/`, `-`. */
const ASCII_TAG = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_TAG[c] = /[\p{L}\p{M}\p{N}_/-]/u.test(String.fromCharCode(c)) ? 1 : 0;
const WIDE_TAG = /[\p{L}\p{M}\p{N}]/u;

/** The length (in code units) of the tag-name character at q, 0 when none: tags.ts matches code points. */
function tagChar(src: string, q: number, end: number): number {
  const c = src.charCodeAt(q);
  if (c < 128) return ASCII_TAG[c];
  if (c >= 0xd800 && c <= 0xdbff && q + 1 < end) {
    const d = src.charCodeAt(q + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return WIDE_TAG.test(String.fromCharCode(c, d)) ? 2 : 0;
  }
  return WIDE_TAG.test(String.fromCharCode(c)) ? 1 : 0;
}

/**
 * Adds the tags in src[from, end) to `tags` (`from`: the text node's first
 * `#` or its start). A tag is `#` at the start of the note or after
 * whitespace, then name characters (trailing `/` dropped) not all digits.
 */
export function scanTags(src: string, from: number, end: number, tags: TagRef[], toRange: ToRange): void {
  for (let p = from; p < end; ) {
    if (src.charCodeAt(p) !== 35) {
      p++;
      continue;
    }
    let q = p + 1;
    let notOnlyDigits = false;
    for (;;) {
      if (q >= end) break;
      const n = tagChar(src, q, end);
      if (n === 0) break;
      const c = src.charCodeAt(q);
      if (!(c >= 48 && c <= 57) && c !== 47) notOnlyDigits = true;
      q += n;
    }
    if (q === p + 1) {
      p++;
      continue;
    }
    // The name ran to q (the next search starts there); a tag needs whitespace or the note's start before it.
    if ((p === 0 || isJsWhitespace(src.charCodeAt(p - 1))) && notOnlyDigits) {
      let nameEnd = q;
      while (src.charCodeAt(nameEnd - 1) === 47) nameEnd--;
      tags.push({ name: src.slice(p + 1, nameEnd), range: toRange(p, nameEnd) });
    }
    p = q;
  }
}

/**
 * The `^id` that ends src[start, end) (the last text of a block that begins
 * at blockStart), if any: `^`, then letters, digits and `-`, then only
 * blanks. The caret must follow whitespace or open the block.
 */
export function scanTrailingBlockId(src: string, start: number, end: number, blockStart: number): { id: string; start: number; end: number } | undefined {
  let k = end;
  while (k > start && (src.charCodeAt(k - 1) === 32 || src.charCodeAt(k - 1) === 9)) k--;
  const idEnd = k;
  while (k > start && isIdChar(src.charCodeAt(k - 1))) k--;
  if (k === idEnd || k - 1 < start || src.charCodeAt(k - 1) !== 94) return undefined;
  const at = k - 1;
  if (at !== blockStart && !(at > 0 && isJsWhitespace(src.charCodeAt(at - 1)))) return undefined;
  return { id: src.slice(k, idEnd), start: at, end: idEnd };
}

function isIdChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45;
}
