import type { Heading } from '../parse/noteModel';

/**
 * Obsidian writes `#`, `|`, `^`, `:`, `%%`, `[[` and `]]` in heading links as
 * spaces and compares without regard to case or runs of white space; so do we.
 */
export function normalizeHeading(text: string): string {
  return text
    .replace(/[#|^:%[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .normalize('NFC')
    .toLowerCase();
}

/**
 * Finds the heading a `#H1#H2` path names: each later part must be a heading
 * nested under the previous one. Returns the index of the last, or -1.
 */
export function findHeadingPath(headings: readonly Heading[], path: readonly string[]): number {
  if (path.length === 0) return -1;
  let from = 0;
  let end = headings.length;
  let parentLevel = 0;
  let found = -1;
  for (const part of path) {
    const want = normalizeHeading(part);
    found = -1;
    for (let i = from; i < end; i++) {
      const h = headings[i];
      if (h.level > parentLevel && normalizeHeading(h.text) === want) {
        found = i;
        break;
      }
    }
    if (found === -1) return -1;
    parentLevel = headings[found].level;
    from = found + 1;
    end = sectionEndIndex(headings, found);
  }
  return found;
}

/** Index of the first heading after `i` that closes its section (same or higher level). */
export function sectionEndIndex(headings: readonly Heading[], i: number): number {
  const level = headings[i].level;
  for (let j = i + 1; j < headings.length; j++) if (headings[j].level <= level) return j;
  return headings.length;
}
