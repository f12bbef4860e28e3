/**
 * The pieces links and link definitions are made of (label, destination,
 * title, whitespace), as micromark's factories read them, over a string
 * where any `\n` or `\r` is a line ending.
 */

function isLineEnding(c: number): boolean {
  return c === 10 || c === 13;
}

/** After one line ending at i (`\r\n` counts once). */
function skipLineEnding(s: string, i: number): number {
  return s.charCodeAt(i) === 13 && s.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
}

/** factoryWhitespace: spaces, tabs and line endings from i; the offset after them. */
export function skipWhitespace(s: string, i: number, end: number): number {
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9) i++;
    else if (isLineEnding(c)) i = skipLineEnding(s, i);
    else break;
  }
  return i;
}

/**
 * factoryLabel at s[i] === '[': the offset after the closing `]`, or -1.
 * (micromark means to refuse labels starting with `^` when footnotes are on,
 * but its `_hiddenFootnoteSupport` flag is never set, so it does not.)
 */
export function scanLabel(s: string, i: number, end: number): number {
  let size = 0;
  let seen = false;
  i++;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (size > 999 || c === 91) return -1;
    if (c === 93) return seen ? i + 1 : -1;
    if (isLineEnding(c)) {
      i = skipLineEnding(s, i);
      continue;
    }
    if (size++ > 999) return -1;
    if (!seen && c !== 32 && c !== 9) seen = true;
    i++;
    if (c === 92 && i < end) {
      const d = s.charCodeAt(i);
      if (d === 91 || d === 92 || d === 93) {
        i++;
        size++;
      }
    }
  }
  return -1;
}

function isAsciiControl(c: number): boolean {
  return c < 32 || c === 127;
}

/**
 * factoryDestination at i: [start, end, after] of the destination as
 * written (inside `<…>` when bracketed) and the offset after it, or undefined.
 */
export function scanDestination(s: string, i: number, end: number, limit: number): [number, number, number] | undefined {
  let c = i < end ? s.charCodeAt(i) : -1;
  if (c === 60) {
    const start = i + 1;
    for (let k = start; k < end; k++) {
      c = s.charCodeAt(k);
      if (c === 62) return [start, k, k + 1];
      if (c === 60 || isLineEnding(c)) return undefined;
      if (c === 92) {
        const d = s.charCodeAt(k + 1);
        if ((d === 60 || d === 62 || d === 92) && k + 1 < end) k++;
      }
    }
    return undefined;
  }
  if (c === -1 || c === 32 || c === 41 || isAsciiControl(c)) return undefined;
  let balance = 0;
  let k = i;
  for (;;) {
    c = k < end ? s.charCodeAt(k) : -1;
    if (balance === 0 && (c === -1 || c === 41 || c === 32 || c === 9 || isLineEnding(c))) return [i, k, k];
    if (c === 40 && balance < limit) {
      balance++;
      k++;
      continue;
    }
    if (c === 41) {
      balance--;
      k++;
      continue;
    }
    if (c === -1 || c === 32 || c === 40 || isAsciiControl(c)) return undefined;
    k++;
    if (c === 92 && k < end) {
      const d = s.charCodeAt(k);
      if (d === 40 || d === 41 || d === 92) k++;
    }
  }
}

/** factoryTitle at i (`"`, `'` or `(`): the offset after the closing marker, or -1. */
export function scanTitle(s: string, i: number, end: number): number {
  const open = s.charCodeAt(i);
  if (open !== 34 && open !== 39 && open !== 40) return -1;
  const marker = open === 40 ? 41 : open;
  for (let k = i + 1; k < end; k++) {
    const c = s.charCodeAt(k);
    if (c === marker) return k + 1;
    if (c === 92 && k + 1 < end) {
      const d = s.charCodeAt(k + 1);
      if (d === marker || d === 92) k++;
    }
  }
  return -1;
}

/** micromark's normalizeIdentifier. */
export function normalizeIdentifier(value: string): string {
  return value
    .replace(/[\t\n\r ]+/g, ' ')
    .replace(/^ | $/g, '')
    .toLowerCase()
    .toUpperCase();
}

/**
 * A link reference definition at s[i] === '[' (the start of a line of
 * paragraph content): its label and the offset of the line ending (or end)
 * that closes it, or undefined.
 */
export function scanDefinition(s: string, i: number, end: number): { label: string; end: number } | undefined {
  const labelEnd = scanLabel(s, i, end);
  if (labelEnd < 0 || s.charCodeAt(labelEnd) !== 58) return undefined;
  const label = s.slice(i + 1, labelEnd - 1);
  let k = skipWhitespace(s, labelEnd + 1, end);
  const destination = scanDestination(s, k, end, Infinity);
  if (!destination) return undefined;
  k = destination[2];
  // Optional title, which needs whitespace before it and only blanks after it.
  const beforeTitle = skipWhitespace(s, k, end);
  if (beforeTitle > k) {
    const titleEnd = scanTitle(s, beforeTitle, end);
    if (titleEnd >= 0) {
      const after = skipBlanks(s, titleEnd, end);
      if (after === end || isLineEnding(s.charCodeAt(after))) return { label, end: after };
    }
  }
  const after = skipBlanks(s, k, end);
  if (after === end || isLineEnding(s.charCodeAt(after))) return { label, end: after };
  return undefined;
}

function skipBlanks(s: string, i: number, end: number): number {
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9) i++;
    else break;
  }
  return i;
}
