/**
 * Recognisers for what a line may open, each a pure function of the source
 * from the first non-blank character `p` to the line's end `eol` (exclusive,
 * before its line ending). They follow micromark's state machines, so they
 * accept exactly what the reference parser accepts.
 */
import { isAsciiAlpha, isAsciiAlphanumeric, isSpaceOrTab } from './chars';

/** `***`, `---`, `___` (three or more, spaces and tabs between) up to the line end. */
export function isThematicBreak(src: string, p: number, eol: number): boolean {
  const marker = src.charCodeAt(p);
  if (marker !== 42 && marker !== 45 && marker !== 95) return false;
  let count = 0;
  for (let i = p; i < eol; i++) {
    const c = src.charCodeAt(i);
    if (c === marker) count++;
    else if (c !== 32 && c !== 9) return false;
  }
  return count >= 3;
}

/** An ATX heading line: its level and the text between the markers (empty when none). */
export function atxHeading(src: string, p: number, eol: number): { level: number; start: number; end: number } | undefined {
  let i = p;
  while (i < eol && src.charCodeAt(i) === 35) i++;
  const level = i - p;
  if (level === 0 || level > 6) return undefined;
  if (i < eol && !isSpaceOrTab(src.charCodeAt(i))) return undefined;
  let start = i;
  while (start < eol && isSpaceOrTab(src.charCodeAt(start))) start++;
  let end = eol;
  while (end > start && isSpaceOrTab(src.charCodeAt(end - 1))) end--;
  if (end === start) return { level, start: eol, end: eol };
  // A closing run of `#` counts only after whitespace (or as the whole content).
  let k = end;
  while (k > start && src.charCodeAt(k - 1) === 35) k--;
  if (k < end && (k === start || isSpaceOrTab(src.charCodeAt(k - 1)))) {
    if (k === start) return { level, start: eol, end: eol };
    end = k;
    while (end > start && isSpaceOrTab(src.charCodeAt(end - 1))) end--;
  }
  return { level, start, end };
}

/** `===` or `---` (one or more) with trailing blanks: 1 or 2, else 0. */
export function setextLevel(src: string, p: number, eol: number): number {
  const marker = src.charCodeAt(p);
  if (marker !== 61 && marker !== 45) return 0;
  let i = p;
  while (i < eol && src.charCodeAt(i) === marker) i++;
  while (i < eol && isSpaceOrTab(src.charCodeAt(i))) i++;
  if (i !== eol) return 0;
  return marker === 61 ? 1 : 2;
}

/** An opening code fence (``` or ~~~) or math fence ($$): the marker and its length. */
export function openingFence(src: string, p: number, eol: number): { marker: number; size: number } | undefined {
  const marker = src.charCodeAt(p);
  if (marker !== 96 && marker !== 126 && marker !== 36) return undefined;
  let i = p;
  while (i < eol && src.charCodeAt(i) === marker) i++;
  const size = i - p;
  if (size < (marker === 36 ? 2 : 3)) return undefined;
  // Backtick fences may not have a backtick in their info; math fences no `$` in their meta.
  if (marker !== 126) {
    for (; i < eol; i++) if (src.charCodeAt(i) === marker) return undefined;
  }
  return { marker, size };
}

/** True when the line is a closing fence for marker × size (p: first non-blank). */
export function isClosingFence(src: string, p: number, eol: number, marker: number, size: number): boolean {
  let i = p;
  while (i < eol && src.charCodeAt(i) === marker) i++;
  if (i - p < size) return false;
  while (i < eol && isSpaceOrTab(src.charCodeAt(i))) i++;
  return i === eol;
}

const BLOCK_NAMES = new Set(
  (
    'address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl dt ' +
    'fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link ' +
    'main menu menuitem nav noframes ol optgroup option p param search section summary table tbody td tfoot th thead ' +
    'title tr track ul'
  ).split(' '),
);
const RAW_NAMES = new Set(['pre', 'script', 'style', 'textarea']);

/** How an HTML block started: its kind (1–7) and where its end search starts on the first line. */
export interface HtmlStart {
  kind: number;
  /** Offset to resume the end search from, and the state to resume in (see htmlLineCloses). */
  resume: number;
  state: HtmlState;
}

export const enum HtmlState {
  Continuation,
  DeclarationInside,
}

/**
 * An HTML block start at p (`<`). `interrupt`: it would interrupt a
 * paragraph, where kind 7 is not allowed (unless the line is lazy).
 */
export function htmlBlockStart(src: string, p: number, eol: number, interrupt: boolean, lazy: boolean): HtmlStart | undefined {
  let i = p + 1;
  const c = i < eol ? src.charCodeAt(i) : -1;
  if (c === 33) {
    i++;
    const d = i < eol ? src.charCodeAt(i) : -1;
    if (d === 45) {
      if (src.charCodeAt(i + 1) === 45 && i + 1 < eol) return { kind: 2, resume: i + 2, state: HtmlState.DeclarationInside };
      return undefined;
    }
    if (d === 91) {
      if (src.startsWith('CDATA[', i + 1) && i + 7 <= eol) return { kind: 5, resume: i + 7, state: HtmlState.Continuation };
      return undefined;
    }
    if (isAsciiAlpha(d)) return { kind: 4, resume: i + 1, state: HtmlState.DeclarationInside };
    return undefined;
  }
  if (c === 63) return { kind: 3, resume: i + 1, state: HtmlState.DeclarationInside };
  let closing = false;
  if (c === 47) {
    closing = true;
    i++;
  }
  if (!(i < eol && isAsciiAlpha(src.charCodeAt(i)))) return undefined;
  const nameStart = i;
  while (i < eol) {
    const d = src.charCodeAt(i);
    if (d === 45 || isAsciiAlphanumeric(d)) i++;
    else break;
  }
  const after = i < eol ? src.charCodeAt(i) : -1;
  if (!(after === -1 || after === 47 || after === 62 || after === 32 || after === 9)) return undefined;
  const name = src.slice(nameStart, i).toLowerCase();
  if (after !== 47 && !closing && RAW_NAMES.has(name)) return { kind: 1, resume: i, state: HtmlState.Continuation };
  if (BLOCK_NAMES.has(name)) {
    if (after === 47) {
      if (src.charCodeAt(i + 1) === 62 && i + 1 < eol) return { kind: 6, resume: i + 2, state: HtmlState.Continuation };
      return undefined;
    }
    return { kind: 6, resume: i, state: HtmlState.Continuation };
  }
  if (interrupt && !lazy) return undefined;
  const end = closing ? completeClosingTag(src, i, eol) : completeOpeningTag(src, i, eol);
  if (end < 0) return undefined;
  for (let k = end; k < eol; k++) if (!isSpaceOrTab(src.charCodeAt(k))) return undefined;
  return { kind: 7, resume: eol, state: HtmlState.Continuation };
}

function completeClosingTag(src: string, i: number, eol: number): number {
  while (i < eol && isSpaceOrTab(src.charCodeAt(i))) i++;
  return i < eol && src.charCodeAt(i) === 62 ? i + 1 : -1;
}

/** Attributes and `>` of a complete opening tag on one line: the offset after `>`, or -1. */
function completeOpeningTag(src: string, i: number, eol: number): number {
  const at = (k: number): number => (k < eol ? src.charCodeAt(k) : -1);
  // micromark html-flow "complete" states: 0 name before, 1 name, 2 name after,
  // 3 value before, 4 quoted value, 5 unquoted value, 6 after quoted value, 7 end.
  let state = 0;
  let quote = 0;
  for (;;) {
    const c = at(i);
    switch (state) {
      case 0:
        if (c === 47) {
          i++;
          state = 7;
        } else if (c === 58 || c === 95 || isAsciiAlpha(c)) {
          i++;
          state = 1;
        } else if (isSpaceOrTab(c)) i++;
        else state = 7;
        break;
      case 1:
        if (c === 45 || c === 46 || c === 58 || c === 95 || isAsciiAlphanumeric(c)) i++;
        else state = 2;
        break;
      case 2:
        if (c === 61) {
          i++;
          state = 3;
        } else if (isSpaceOrTab(c)) i++;
        else state = 0;
        break;
      case 3:
        if (c === -1 || c === 60 || c === 61 || c === 62 || c === 96) return -1;
        if (c === 34 || c === 39) {
          quote = c;
          i++;
          state = 4;
        } else if (isSpaceOrTab(c)) i++;
        else state = 5;
        break;
      case 4:
        if (c === quote) {
          i++;
          state = 6;
        } else if (c === -1) return -1;
        else i++;
        break;
      case 5:
        if (c === -1 || c === 34 || c === 39 || c === 47 || c === 60 || c === 61 || c === 62 || c === 96 || isSpaceOrTab(c)) state = 2;
        else i++;
        break;
      case 6:
        if (c === 47 || c === 62 || isSpaceOrTab(c)) state = 0;
        else return -1;
        break;
      default:
        return c === 62 ? i + 1 : -1;
    }
  }
}

/**
 * Runs the end-condition search of HTML block kinds 1–5 over src[from, eol);
 * true when the block ends on this line.
 */
export function htmlLineCloses(src: string, from: number, eol: number, kind: number, state: HtmlState): boolean {
  if (kind >= 6) return false;
  let i = from;
  let s = state === HtmlState.DeclarationInside ? 5 : 0;
  let buffer = '';
  // 0 continuation, 1 comment inside, 2 raw tag open, 3 raw end tag, 4 cdata inside, 5 declaration inside
  while (i < eol) {
    const c = src.charCodeAt(i);
    switch (s) {
      case 0:
        if (c === 45 && kind === 2) s = 1;
        else if (c === 60 && kind === 1) s = 2;
        else if (c === 62 && kind === 4) return true;
        else if (c === 63 && kind === 3) s = 5;
        else if (c === 93 && kind === 5) s = 4;
        i++;
        continue;
      case 1:
        if (c === 45) {
          s = 5;
          i++;
        } else s = 0;
        continue;
      case 2:
        if (c === 47) {
          s = 3;
          buffer = '';
          i++;
        } else s = 0;
        continue;
      case 3:
        if (c === 62) {
          if (RAW_NAMES.has(buffer.toLowerCase())) return true;
          s = 0;
        } else if (isAsciiAlpha(c) && buffer.length < 8) {
          buffer += String.fromCharCode(c);
          i++;
        } else s = 0;
        continue;
      case 4:
        if (c === 93) {
          s = 5;
          i++;
        } else s = 0;
        continue;
      default:
        if (c === 62) return true;
        if (c === 45 && kind === 2) {
          i++;
          continue;
        }
        s = 0;
        continue;
    }
  }
  return false;
}

/** Cell count of a table head row (micromark's `size`), or 0 when the line cannot be one. */
export function tableHeadCells(src: string, p: number, eol: number): number {
  let size = 0;
  let sizeB = 0;
  let seen = false;
  let i = p;
  if (src.charCodeAt(i) !== 124) {
    seen = true;
    sizeB = 1;
  }
  while (i < eol) {
    const c = src.charCodeAt(i);
    if (c === 32 || c === 9) {
      i++;
      continue;
    }
    sizeB++;
    if (seen) {
      seen = false;
      size++;
    }
    if (c === 124) {
      seen = true;
      i++;
      continue;
    }
    // data
    while (i < eol) {
      const d = src.charCodeAt(i);
      if (d === 124 || d === 32 || d === 9) break;
      i++;
      if (d === 92 && i < eol) {
        const e = src.charCodeAt(i);
        if (e === 92 || e === 124) i++;
      }
    }
  }
  return sizeB > 1 ? size : 0;
}

/** Cell count of a table delimiter row (`| --- | :-: |`), or 0 when it is none. */
export function tableDelimiterCells(src: string, p: number, eol: number): number {
  let i = p;
  let sizeB = 0;
  let seen = false;
  const at = (k: number): number => (k < eol ? src.charCodeAt(k) : -1);
  let c = at(i);
  // headDelimiterBefore
  for (;;) {
    if (c === 124) {
      seen = true;
      i++;
      while (isSpaceOrTab(at(i))) i++;
    } else if (c !== 45 && c !== 58) return 0;
    // value before
    c = at(i);
    if (c === 58) {
      sizeB++;
      seen = true;
      i++;
      if (at(i) !== 45) return 0;
    } else if (c === 45) {
      sizeB++;
    } else if (c === -1) {
      return seen ? sizeB : 0;
    } else return 0;
    while (at(i) === 45) i++;
    if (at(i) === 58) {
      seen = true;
      i++;
    }
    while (isSpaceOrTab(at(i))) i++;
    c = at(i);
    if (c === 124) continue;
    if (c === -1) return seen ? sizeB : 0;
    return 0;
  }
}

/** Content ranges [start, end, start, end, …] of the cells of a table row. */
export function tableRowCells(src: string, p: number, eol: number, out: number[]): void {
  let i = p;
  let cellStart = -1;
  let cellEnd = -1;
  while (i < eol) {
    const c = src.charCodeAt(i);
    if (c === 124) {
      if (cellStart >= 0) out.push(cellStart, cellEnd);
      cellStart = cellEnd = -1;
      i++;
      continue;
    }
    if (c === 32 || c === 9) {
      i++;
      continue;
    }
    if (cellStart < 0) cellStart = i;
    while (i < eol) {
      const d = src.charCodeAt(i);
      if (d === 124 || d === 32 || d === 9) break;
      i++;
      if (d === 92 && i < eol) {
        const e = src.charCodeAt(i);
        if (e === 92 || e === 124) i++;
      }
    }
    cellEnd = i;
  }
  if (cellStart >= 0) out.push(cellStart, cellEnd);
}
