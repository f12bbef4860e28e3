import type { LinkRef } from '../parse/noteModel';
import { LineIndex } from '../text/lineIndex';
import type { Range } from '../text/range';
import { dirname } from '../vault/vaultPath';

/** Heading text as a link writes it: Obsidian turns `# | ^ : % [ ]` into spaces because they would end the link. */
export function headingLinkText(text: string): string {
  return text
    .replace(/[#|^:%[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Percent-encodes what a Markdown link destination cannot hold raw. Only
 * the characters that break the link are encoded (as Obsidian does), so
 * non-ASCII names stay readable.
 */
export function encodeMarkdownPath(path: string): string {
  return path.replace(/[%\s()<>[\]#^|]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

/** Path from the folder of `fromNote` to `to`, both vault paths, with `../` where needed. */
export function relativePath(fromNote: string, to: string): string {
  const from = dirname(fromNote).split('/').filter(Boolean);
  const target = to.split('/');
  let common = 0;
  while (common < from.length && common < target.length - 1 && from[common] === target[common]) common++;
  return [...from.slice(common).map(() => '..'), ...target.slice(common)].join('/');
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** The source text a range covers. */
export function textIn(text: string, r: Range, lines = new LineIndex(text)): string {
  return text.slice(lines.offsetAt(r.start), lines.offsetAt(r.end));
}

/** True for link paths that are URLs (`https:`, `mailto:`, …), which are not vault links. */
export function isExternalTarget(path: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(path.trim()) && !/^[a-z]:[\\/]/i.test(path.trim());
}

/**
 * Ranges of the parts of a link's `#A#B` or `#^id` subpath, as written in
 * the source (so percent-encoded in Markdown links); empty when the link
 * has no subpath or spans lines.
 */
export function subpathParts(text: string, link: LinkRef, lines?: LineIndex): { text: string; range: Range }[] {
  const r = link.subpathRange;
  if (!r || r.start.line !== r.end.line || r.start.character === r.end.character) return [];
  const raw = textIn(text, r, lines);
  const parts: { text: string; range: Range }[] = [];
  let i = raw.indexOf('#');
  while (i !== -1) {
    let start = i + 1;
    if (raw[start] === '^') start++;
    const next = raw.indexOf('#', start);
    const end = next === -1 ? raw.length : next;
    const line = r.start.line;
    parts.push({
      text: raw.slice(start, end),
      range: { start: { line, character: r.start.character + start }, end: { line, character: r.start.character + end } },
    });
    i = next;
  }
  return parts;
}

/**
 * How a Markdown link writes a replacement path or heading: as is inside
 * `<...>` (which allows spaces), else percent-encoded.
 */
export function markdownWriterFor(text: string, link: LinkRef, lines = new LineIndex(text)): (s: string) => string {
  const start = link.path === '' && link.subpathRange ? link.subpathRange.start : link.pathRange.start;
  const at = lines.offsetAt(start);
  return text[at - 1] === '<' ? (s) => s : encodeMarkdownPath;
}
