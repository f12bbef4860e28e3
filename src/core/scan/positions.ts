import type { Position, Range } from '../text/range';

/** Line starts kept between notes (a longer note's buffer is let go at the next). */
const STARTS_KEPT = 1 << 16;
/** Recent positions remembered, by offset modulo this (a power of two). */
const MEMO = 256;
/** Memo keys are note × 2^32 + offset, so a new note needs no clearing (until the note count wraps). */
const NOTE_STRIDE = 2 ** 32;
const NOTES_BEFORE_CLEARING = 2 ** 20;

/**
 * Offsets → LSP positions, exactly as LineIndex.positionAt (lines end at
 * `\n`), for one note after another (start). The scanner asks in nearly
 * increasing order, so a lookup remembers the last line found and moves a
 * line or two from there instead of searching.
 *
 * Equal offsets get the same Position object (an empty range's start and
 * end, a block's end and its last child's, …): nothing in the extension
 * mutates a model's positions, and a shared one saves the allocation.
 */
export class Positions {
  private starts = new Int32Array(1024);
  private count = 1;
  private length = 0;
  private line = 0;
  private note = 0;
  private readonly memoKey = new Float64Array(MEMO).fill(-1);
  private readonly memoPosition: (Position | null)[] = new Array<Position | null>(MEMO).fill(null);

  start(text: string): void {
    if (this.starts.length > STARTS_KEPT) this.starts = new Int32Array(1024);
    let starts = this.starts;
    let count = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      if (count === starts.length) {
        const grown = new Int32Array(starts.length * 2);
        grown.set(starts);
        this.starts = starts = grown;
      }
      starts[count++] = i + 1;
    }
    this.count = count;
    this.length = text.length;
    this.line = 0;
    if (++this.note === NOTES_BEFORE_CLEARING) {
      this.note = 1;
      this.memoKey.fill(-1);
    }
  }

  at(offset: number): Position {
    offset = offset < 0 ? 0 : offset > this.length ? this.length : offset;
    const slot = offset & (MEMO - 1);
    const key = this.note * NOTE_STRIDE + offset;
    if (this.memoKey[slot] === key) return this.memoPosition[slot]!;
    const starts = this.starts;
    const count = this.count;
    let line = this.line;
    if (starts[line] <= offset) {
      let steps = 0;
      while (line + 1 < count && starts[line + 1] <= offset) {
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
    // `| 0` keeps both Smis whatever the offset's representation: V8 would otherwise switch the
    // field of every Position in the process to a boxed double the first time a double arrives.
    const position = { line: line | 0, character: (offset - starts[line]) | 0 };
    this.memoKey[slot] = key;
    this.memoPosition[slot] = position;
    return position;
  }

  range(start: number, end: number): Range {
    return { start: this.at(start), end: this.at(end) };
  }

  private search(offset: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
