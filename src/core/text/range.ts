/** Zero-based line and UTF-16 character, the same shape as an LSP Position. */
export interface Position {
  line: number;
  character: number;
}

/** Half-open source range, the same shape as an LSP Range. */
export interface Range {
  start: Position;
  end: Position;
}

/** Builds a range from four numbers. */
export function range(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

/** Orders two positions: negative when a is before b. */
export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** True when pos lies inside r (start inclusive, end inclusive so a cursor right after a link still counts). */
export function rangeContains(r: Range, pos: Position): boolean {
  return comparePositions(r.start, pos) <= 0 && comparePositions(pos, r.end) <= 0;
}
