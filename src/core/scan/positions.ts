import type { Position, Range } from '../text/range';

/**
 * Offsets → LSP positions, exactly as LineIndex.positionAt (lines end at
 * `\n`), but remembering the last line found: the scanner asks in nearly
 * increasing order, so most lookups move a line or two instead of searching.
 */
export class Positions {
  private readonly starts: number[];
  private readonly length: number;
  private line = 0;

  constructor(text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
    this.length = text.length;
  }

  at(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.length));
    const starts = this.starts;
    let line = this.line;
    if (starts[line] <= offset) {
      let steps = 0;
      while (line + 1 < starts.length && starts[line + 1] <= offset) {
        line++;
        if (++steps > 8) {
          line = this.search(offset);
          break;
        }
      }
    } else {
      line = line > 0 && starts[line - 1] <= offset ? line - 1 : this.search(offset);
    }
    this.line = line;
    return { line, character: offset - starts[line] };
  }

  range(start: number, end: number): Range {
    return { start: this.at(start), end: this.at(end) };
  }

  private search(offset: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
