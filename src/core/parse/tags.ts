/**
 * Inline `#tags` by Obsidian's rules: `#` at the start of a line or after
 * whitespace (so URL fragments and `a#b` are not tags), then letters,
 * digits, `_`, `-` and `/` (nested tags), with at least one character that is
 * not a digit (`#2024` is not a tag). Headings never reach here: their `#`s
 * are markup, not text.
 */

const TAG = /#([\p{L}\p{M}\p{N}_\/-]+)/gu;
const NOT_ONLY_DIGITS = /[^\d\/]/;

/** Tags in src[start, end) (the source of one text node), as offsets into src. */
export function findTags(src: string, start: number, end: number): { name: string; start: number; end: number }[] {
  const slice = src.slice(start, end);
  if (!slice.includes('#')) return [];
  const found: { name: string; start: number; end: number }[] = [];
  for (const m of slice.matchAll(TAG)) {
    const at = start + m.index;
    if (at > 0 && !/\s/.test(src[at - 1])) continue;
    const name = m[1].replace(/\/+$/, '');
    if (!NOT_ONLY_DIGITS.test(name)) continue;
    found.push({ name, start: at, end: at + 1 + name.length });
  }
  return found;
}
