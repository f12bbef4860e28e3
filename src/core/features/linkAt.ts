import type { LinkRef } from '../parse/noteModel';
import { comparePositions, rangeContains, type Position, type Range } from '../text/range';
import type { Resolution } from '../vault/resolveLink';
import type { NoteEntry } from '../vault/vaultIndex';

/** Which part of a link the cursor is on; 'syntax' is the brackets, `#` or `|` around the parts. */
export type LinkPart = 'path' | 'heading' | 'block' | 'alias' | 'syntax';

export interface LinkAt {
  /** Index into model.links (and resolutions). */
  index: number;
  link: LinkRef;
  resolution: Resolution;
  part: LinkPart;
}

/** The link under `position` in a note, and the part of it the cursor is on. */
export function linkAt(entry: NoteEntry, position: Position): LinkAt | undefined {
  const links = entry.model.links;
  // A cursor between `]]` and `[[` of two adjacent links touches both ends;
  // the link the cursor is strictly inside wins, else the one it ends.
  let found = -1;
  for (let i = 0; i < links.length; i++) {
    const r = links[i].range;
    if (!rangeContains(r, position)) continue;
    if (comparePositions(position, r.end) < 0) {
      found = i;
      break;
    }
    if (found === -1) found = i;
  }
  if (found === -1) return undefined;
  const link = links[found];
  return { index: found, link, resolution: entry.resolutions[found] ?? unresolved, part: partAt(link, position) };
}

const unresolved: Resolution = { kind: 'unresolved', reason: 'missing' };

function partAt(link: LinkRef, position: Position): LinkPart {
  if (link.kind === 'wiki' && link.aliasRange && rangeContains(link.aliasRange, position)) return 'alias';
  if (link.kind === 'markdown' && rangeContains(markdownTextRange(link), position)) return 'alias';
  if (!isEmpty(link.pathRange) && rangeContains(link.pathRange, position)) return 'path';
  if (link.subpathRange && !isEmpty(link.subpathRange) && rangeContains(link.subpathRange, position)) {
    if (link.blockId !== undefined) return 'block';
    if (link.headings.length) return 'heading';
  }
  return 'syntax';
}

/** The `[text]` of a Markdown link: everything before the `](`. */
function markdownTextRange(link: LinkRef): Range {
  // The text ends where the destination starts, minus `](`; when the path is empty use the subpath.
  const destStart = isEmpty(link.pathRange) && link.subpathRange ? link.subpathRange.start : link.pathRange.start;
  const end = { line: destStart.line, character: Math.max(0, destStart.character - 2) };
  return { start: link.range.start, end: comparePositions(end, link.range.start) < 0 ? link.range.start : end };
}

/** True when a range covers no text. */
export function isEmpty(r: Range): boolean {
  return comparePositions(r.start, r.end) === 0;
}

/** The span of a link's target text (path plus `#subpath`), the part a click follows. */
export function targetSpan(link: LinkRef): Range {
  const start = isEmpty(link.pathRange) && link.subpathRange ? link.subpathRange.start : link.pathRange.start;
  const end = link.subpathRange && !isEmpty(link.subpathRange) ? link.subpathRange.end : link.pathRange.end;
  return comparePositions(start, end) < 0 ? { start, end } : link.range;
}
