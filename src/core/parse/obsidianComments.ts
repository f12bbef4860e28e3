/**
 * Obsidian `%%comments%%`, applied to a finished NoteModel by both parsers
 * (parseNote and scanNote), so they cannot disagree on them.
 *
 * Obsidian hides the text between `%%` and `%%`, inline or across lines and
 * blank lines, and does not count the links, embeds, tags, headings or
 * highlights in it. What makes a comment here:
 * - A `%%` opens one unless it is inside code (spans, fenced, indented),
 *   math, HTML, the frontmatter or a link (a `[[…]]` is read whole), or its
 *   first `%` is backslash-escaped.
 * - Inside a comment nothing is Markdown: the next `%%`, wherever it is
 *   (even between backticks), closes it; an unclosed one runs to the end of
 *   the note, as Obsidian hides the rest of the note.
 * The comment, markers included, becomes a literal range; literal ranges
 * starting inside it go (backticks in a comment make no code), and so do the
 * links, highlights, tags, block ids, headings and callouts starting inside it.
 *
 * Where a comment begins and ends is decided on the note as parsed without
 * comments. That differs from reading left to right only when a backtick, `$`
 * or `<` inside a comment pairs with one after it (the code span found then
 * hides a `%%` that would open the next comment); real notes hardly do that.
 * Block structure is left as parsed: a list or quote inside a comment is
 * still one in `blocks`, which only says where blocks are.
 */
import { LineIndex } from '../text/lineIndex';
import { comparePositions, type Position, type Range } from '../text/range';
import type { NoteModel } from './noteModel';

const BACKSLASH = 92;

/**
 * Finds the comments of `text` (the whole note, as model ranges count it) and
 * applies them to `model` in place. Costs one indexOf on a note without `%%`.
 */
export function applyObsidianComments(text: string, model: NoteModel): void {
  const first = text.indexOf('%%');
  if (first === -1) return;
  const lines = new LineIndex(text);
  const sheltered: [number, number][] = [];
  for (const r of model.literalRanges) sheltered.push([lines.offsetAt(r.start), lines.offsetAt(r.end)]);
  for (const l of model.links) sheltered.push([lines.offsetAt(l.range.start), lines.offsetAt(l.range.end)]);
  const spans = findComments(text, first, mergeSpans(sheltered));
  if (!spans.length) return;
  const comments = spans.map(([s, e]) => lines.rangeOf(s, e));
  const outside = (start: Position) => !insideAny(comments, start);
  model.links = model.links.filter((l) => outside(l.range.start));
  model.highlights = model.highlights.filter((h) => outside(h.range.start));
  model.tags = model.tags.filter((t) => outside(t.range.start));
  model.blockIds = model.blockIds.filter((b) => outside(b.range.start));
  model.headings = model.headings.filter((h) => outside(h.range.start));
  model.callouts = model.callouts.filter((c) => outside(c.range.start));
  const literal = model.literalRanges.filter((r) => outside(r.start));
  model.literalRanges = literal.concat(comments).sort((a, b) => comparePositions(a.start, b.start));
}

/**
 * [start, end) offsets of the comments in `text`, searching from `from`;
 * `sheltered` (sorted, disjoint) holds the spans where a `%%` opens nothing.
 */
export function findComments(text: string, from: number, sheltered: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  let k = 0;
  for (let i = text.indexOf('%%', from); i !== -1; ) {
    while (k < sheltered.length && sheltered[k][1] <= i) k++;
    if (k < sheltered.length && sheltered[k][0] <= i) {
      i = text.indexOf('%%', sheltered[k][1]);
      continue;
    }
    if (escaped(text, i)) {
      // `\%%`: the first `%` is text; the second may still open with a third.
      i = text.indexOf('%%', i + 1);
      continue;
    }
    const close = text.indexOf('%%', i + 2);
    if (close === -1) {
      out.push([i, text.length]);
      break;
    }
    out.push([i, close + 2]);
    i = text.indexOf('%%', close + 2);
  }
  return out;
}

/** Whether the character at `i` follows an odd run of backslashes. */
function escaped(text: string, i: number): boolean {
  let n = 0;
  while (i - n - 1 >= 0 && text.charCodeAt(i - n - 1) === BACKSLASH) n++;
  return n % 2 === 1;
}

/** Sorts spans and joins the overlapping ones (a code span inside a link's text). */
function mergeSpans(spans: [number, number][]): [number, number][] {
  spans.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s[0] < last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}

/** Whether `p` lies in one of the sorted, disjoint half-open `ranges`. */
function insideAny(ranges: readonly Range[], p: Position): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid];
    if (comparePositions(p, r.start) < 0) hi = mid - 1;
    else if (comparePositions(p, r.end) >= 0) lo = mid + 1;
    else return true;
  }
  return false;
}
