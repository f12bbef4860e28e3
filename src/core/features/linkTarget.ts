import { aliasRange, type LinkRef, type NoteModel } from '../parse/noteModel';
import { LineIndex } from '../text/lineIndex';
import { range, type Range } from '../text/range';
import { findHeadingPath, sectionEndIndex } from '../vault/headingMatch';
import { targetKey, type Resolution } from '../vault/resolveLink';
import type { VaultIndex } from '../vault/vaultIndex';
import { isNotePath, nameKey, noteName } from '../vault/vaultPath';

/** Where one candidate of a link leads: a note (top, alias, heading or block) or an attachment. */
export interface LinkDestination {
  path: string;
  /** 'alias': the link names the note by a frontmatter alias (and no heading or block). */
  kind: 'note' | 'alias' | 'heading' | 'block' | 'file';
  /** The whole target: the section under a heading, the block, the alias's text, or the note's first line. */
  range: Range;
  /** What to reveal and select: the heading line, the block's start, the alias, or the top. */
  selectionRange: Range;
  /** Set when the link names a heading or block the target does not have (then kind is 'note'). */
  missing?: 'heading' | 'block';
  /** Index into the target's headings / blockIds / frontmatter aliases when found. */
  anchorIndex?: number;
}

const TOP = range(0, 0, 0, 0);

/** Every place a resolved link can lead: one per candidate, none when unresolved. */
export function linkDestinations(
  index: VaultIndex,
  fromPath: string,
  link: LinkRef,
  resolution: Resolution,
  lineCache?: Map<string, LineIndex>,
): LinkDestination[] {
  switch (resolution.kind) {
    case 'self':
      return [destinationIn(index, fromPath, link, lineCache)];
    case 'file': {
      const d = destinationIn(index, resolution.path, link, lineCache);
      return [resolution.via === 'alias' ? (aliasDestination(index, d, link) ?? d) : d];
    }
    case 'ambiguous':
      // Candidates found by name and by alias are not told apart: a candidate not named so was found by an alias.
      return resolution.candidates.map((c) => {
        const d = destinationIn(index, c, link, lineCache);
        return nameKey(noteName(c)) === targetKey(link.path) ? d : (aliasDestination(index, d, link) ?? d);
      });
    case 'unresolved':
      return [];
  }
}

/**
 * A link that names a note by one of its aliases, with no heading or block,
 * leads to that alias in the frontmatter; undefined when the note has no
 * such alias (then the top of the note will do).
 */
function aliasDestination(index: VaultIndex, d: LinkDestination, link: Pick<LinkRef, 'path' | 'headings' | 'blockId'>): LinkDestination | undefined {
  if (d.kind !== 'note' || d.missing || link.headings.length || link.blockId !== undefined) return undefined;
  const fm = index.getNote(d.path)?.model.frontmatter;
  if (!fm) return undefined;
  const key = targetKey(link.path);
  const i = fm.aliases.findIndex((a) => nameKey(a) === key);
  if (i === -1) return undefined;
  const r = aliasRange(fm, i);
  return { path: d.path, kind: 'alias', range: r, selectionRange: r, anchorIndex: i };
}

/**
 * Where a link's `#heading` / `#^block` part leads inside `path`. Callers
 * resolving many links pass a line cache, so each target's text is indexed once.
 */
export function destinationIn(
  index: VaultIndex,
  path: string,
  link: Pick<LinkRef, 'headings' | 'blockId'>,
  lineCache = new Map<string, LineIndex>(),
): LinkDestination {
  const entry = index.getNote(path);
  // Attachments, and notes too large or binary to index, open at the top.
  if (!entry) return { path, kind: isNotePath(path) ? 'note' : 'file', range: TOP, selectionRange: TOP };
  const model = entry.model;
  if (link.blockId !== undefined) {
    const i = findBlock(model, link.blockId);
    if (i === -1) return { path, kind: 'note', range: TOP, selectionRange: TOP, missing: 'block' };
    const b = model.blockIds[i];
    const start = b.blockRange.start;
    return { path, kind: 'block', range: b.blockRange, selectionRange: { start, end: start }, anchorIndex: i };
  }
  if (link.headings.length) {
    const i = findHeadingPath(model.headings, link.headings);
    if (i === -1) return { path, kind: 'note', range: TOP, selectionRange: TOP, missing: 'heading' };
    // The text only through the cache: it may be read from disk on each access (VaultIndex texts on demand).
    let lines = lineCache.get(path);
    if (!lines) lineCache.set(path, (lines = new LineIndex(entry.text)));
    return { path, kind: 'heading', range: sectionRangeIn(lines, model, i), selectionRange: model.headings[i].range, anchorIndex: i };
  }
  return { path, kind: 'note', range: TOP, selectionRange: TOP };
}

/** Index of a block id in a note (Obsidian block ids compare case-insensitively), or -1. */
export function findBlock(model: NoteModel, id: string): number {
  const want = id.toLowerCase();
  return model.blockIds.findIndex((b) => b.id.toLowerCase() === want);
}

/**
 * The section a heading opens: from its line to the last non-blank line
 * before the next heading of the same or a higher level.
 */
export function sectionRange(text: string, model: NoteModel, headingIndex: number, lines = new LineIndex(text)): Range {
  return sectionRangeIn(lines, model, headingIndex);
}

/** sectionRange over a note's line index (which holds its text). */
function sectionRangeIn(lines: LineIndex, model: NoteModel, headingIndex: number): Range {
  const h = model.headings[headingIndex];
  const next = sectionEndIndex(model.headings, headingIndex);
  let last = next < model.headings.length ? model.headings[next].range.start.line - 1 : lines.lineCount - 1;
  while (last > h.range.start.line && lines.lineText(last).trim() === '') last--;
  return { start: h.range.start, end: { line: last, character: lines.lineText(last).length } };
}
