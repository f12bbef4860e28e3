import { comparePositions, type Position, type Range } from '../text/range';

/** What the user is typing inside an unclosed `[[` at the cursor. */
export interface LinkCompletionContext {
  embed: boolean;
  /** Which part is being typed: the path, a heading after `#`, a block after `#^`, or the text after `|`. */
  part: 'path' | 'heading' | 'block' | 'alias';
  /** The link's path as typed so far (for headings, blocks and aliases: the note they belong to). */
  path: string;
  /** What is typed of the current part, from its start to the cursor. */
  prefix: string;
  /** From the start of the current part to the cursor (plus a lone auto-closed `]` after it): what a completion replaces. */
  range: Range;
  /** From the start of the current part to the end of that part after the cursor (for replace-mode completion). */
  replaceRange: Range;
  /** True when `]]` already follows on the line, so a completion must not add another. */
  closed: boolean;
}

/**
 * Reads the link being typed from the line text alone, because while the
 * user types the note's parse is a keystroke behind. Returns undefined
 * outside a `[[`, inside a backtick code span on the line, or inside a
 * literal region (code, math, comment, frontmatter) of the last parse.
 */
export function linkCompletionContext(line: string, position: Position, literalRanges: readonly Range[] = []): LinkCompletionContext | undefined {
  const ch = Math.min(position.character, line.length);
  const before = line.slice(0, ch);
  const open = before.lastIndexOf('[[');
  if (open === -1 || before.indexOf(']]', open) !== -1) return undefined;
  if (inCodeSpan(line, open) || literalRanges.some((r) => inside(r, position))) return undefined;

  const embed = line[open - 1] === '!';
  const typed = before.slice(open + 2);
  const rest = line.slice(ch);
  const closeAt = closingIndex(rest);
  const closed = closeAt !== -1;
  const after = closed ? rest.slice(0, closeAt) : rest.replace(/\s.*$/, '');
  const pos = (c: number): Position => ({ line: position.line, character: c });

  const bar = typed.indexOf('|');
  const hash = typed.indexOf('#');
  let part: LinkCompletionContext['part'] = 'path';
  let start = open + 2;
  let path = typed;
  if (bar !== -1) {
    part = 'alias';
    start = open + 2 + bar + 1;
    path = typed.slice(0, hash !== -1 && hash < bar ? hash : bar);
  } else if (hash !== -1) {
    path = typed.slice(0, hash);
    // In `#H1#H2` only the last heading is completed.
    const last = typed.lastIndexOf('#');
    part = typed[last + 1] === '^' ? 'block' : 'heading';
    start = open + 2 + last + 1 + (part === 'block' ? 1 : 0);
  }
  // The rest of the current part after the cursor ends at the next separator.
  const stop = part === 'alias' ? after.length : firstOf(after, part === 'path' ? '#|' : '|');
  // Typing `[[` often leaves one auto-closed `]` after the cursor (`[[|]`): the completion swallows it
  // and writes `]]` itself, instead of leaving `[[Note]]]`.
  const stray = !closed && rest.startsWith(']') ? 1 : 0;
  return {
    embed,
    part,
    path: path.trim(),
    prefix: line.slice(start, ch),
    range: { start: pos(start), end: pos(ch + stray) },
    replaceRange: { start: pos(start), end: pos(ch + stop) },
    closed,
  };
}

/** Index of the `]]` that closes the link being typed, if it comes before any other `[[`. */
function closingIndex(rest: string): number {
  const close = rest.indexOf(']]');
  if (close === -1) return -1;
  const reopen = rest.indexOf('[[');
  return reopen !== -1 && reopen < close ? -1 : close;
}

function firstOf(s: string, chars: string): number {
  for (let i = 0; i < s.length; i++) if (chars.includes(s[i])) return i;
  return s.length;
}

/** True when an odd number of single backticks precede `index` on the line (a code span is open there). */
export function inCodeSpan(line: string, index: number): boolean {
  const ticks = line.slice(0, index).match(/`+/g) ?? [];
  return ticks.length % 2 === 1;
}

/** True when p is strictly inside r. */
export function inside(r: Range, p: Position): boolean {
  return comparePositions(r.start, p) < 0 && comparePositions(p, r.end) < 0;
}
