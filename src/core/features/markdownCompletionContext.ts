import type { Position, Range } from '../text/range';
import { inCodeSpan, inside } from './completionContext';

/** What the user is typing in the destination of a Markdown link or image, `[text](…` or `![alt](…`. */
export interface MarkdownCompletionContext {
  embed: boolean;
  /** The path, a heading after `#`, or a block id after `#^`. */
  part: 'path' | 'heading' | 'block';
  /** `<` opened the destination: paths are written as they are (spaces allowed), and `>` closes it. */
  angle: boolean;
  /** For a path: the folders typed before the last `/` (with it), as written. For a heading or block: the whole path, as written. */
  folder: string;
  /** What is typed of the current part (the path's last segment, the heading, the block id), as written. */
  prefix: string;
  /** From the start of the current part to the cursor: what a completion replaces. */
  range: Range;
  /** From the start of the current part to its end after the cursor (for replace-mode completion). */
  replaceRange: Range;
  /** True when the `>` of an angle destination already follows the cursor. */
  closed: boolean;
}

/** `](` then blanks, then `<` and anything but `>`, or a bare destination (no blank, no parenthesis) up to the cursor. */
const DESTINATION = /\]\([ \t]*(?:(<)([^<>]*)|([^\s()<>]*))$/;
/** A URL scheme (`https:`, `mailto:`), `//host`, or `http`/`https` about to become one. */
const EXTERNAL = /^(?:[A-Za-z][A-Za-z0-9+.-]*:|\/\/|https?$)/i;

/**
 * Reads the Markdown link destination being typed from the line text
 * alone, as the wiki completion does, since the parse is a keystroke
 * behind. Undefined outside a destination, inside a code span or a literal
 * region, and for URLs, which are not vault paths.
 */
export function markdownCompletionContext(line: string, position: Position, literalRanges: readonly Range[] = []): MarkdownCompletionContext | undefined {
  const ch = Math.min(position.character, line.length);
  const m = DESTINATION.exec(line.slice(0, ch));
  if (!m || escaped(line, m.index)) return undefined;
  const open = openingBracket(line, m.index);
  if (open === -1 || inCodeSpan(line, open) || literalRanges.some((r) => inside(r, position))) return undefined;

  const angle = m[1] === '<';
  const typed = angle ? m[2] : m[3];
  const destStart = ch - typed.length;
  const hash = typed.indexOf('#');
  const path = hash === -1 ? typed : typed.slice(0, hash);
  if (EXTERNAL.test(path)) return undefined;

  let part: MarkdownCompletionContext['part'] = 'path';
  let start: number;
  let folder: string;
  if (hash === -1) {
    folder = typed.slice(0, typed.lastIndexOf('/') + 1);
    start = destStart + folder.length;
  } else {
    // In `#H1#H2` only the last heading is completed.
    const last = typed.lastIndexOf('#');
    part = typed[last + 1] === '^' ? 'block' : 'heading';
    folder = path;
    start = destStart + last + 1 + (part === 'block' ? 1 : 0);
  }
  const rest = line.slice(ch);
  const stop = rest.search(part === 'path' ? (angle ? /[/#>]/ : /[/#\s()<>]/) : angle ? /[#>]/ : /[#\s()<>]/);
  const pos = (c: number): Position => ({ line: position.line, character: c });
  return {
    embed: line[open - 1] === '!',
    part,
    angle,
    folder,
    prefix: line.slice(start, ch),
    range: { start: pos(start), end: pos(ch) },
    replaceRange: { start: pos(start), end: pos(stop === -1 ? line.length : ch + stop) },
    closed: angle && rest.includes('>'),
  };
}

/** Index of the `[` that opens the link text whose `]` is at `close`, or -1 when it is not on this line. */
function openingBracket(line: string, close: number): number {
  let depth = 0;
  for (let i = close - 1; i >= 0; i--) {
    const c = line[i];
    if ((c !== '[' && c !== ']') || escaped(line, i)) continue;
    if (c === ']') depth++;
    else if (depth === 0) return i;
    else depth--;
  }
  return -1;
}

/** True when an odd number of backslashes precede index i. */
function escaped(line: string, i: number): boolean {
  let n = 0;
  while (i - n - 1 >= 0 && line[i - n - 1] === '\\') n++;
  return n % 2 === 1;
}

/** Percent-decodes a destination as the parser does, keeping a stray `%` as written. */
export function decodeDestination(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
