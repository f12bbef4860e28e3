/**
 * The line being read by the block scanner and a cursor in it that counts
 * columns as micromark does: a tab advances to the next multiple of 4 and may
 * be consumed in part (its remaining columns are "virtual spaces", which sit
 * just after the tab's offset).
 */
import { CharFinder } from './charFinder';
import { isSpaceOrTab } from './chars';

export class LineCursor {
  protected src = '';
  protected len = 0;
  // The line: its start, its end before the line ending, the next line's start, and the end of its last non-blank.
  protected lineStart = 0;
  protected eol = 0;
  protected next = 0;
  protected lastNonBlank = 0;
  // Cursor: offset, visual column, and columns left of a tab consumed in part.
  protected pos = 0;
  protected col = 0;
  protected virt = 0;

  /** Line ends are found by indexOf: `\n`, and `\r` only when the note has one. */
  private readonly newlines = new CharFinder('\n');
  private readonly returns = new CharFinder('\r');
  private hasReturns = false;

  /** Starts reading a text (the cursor is reused from text to text). */
  protected startText(src: string): void {
    this.src = src;
    this.len = src.length;
    this.hasReturns = src.indexOf('\r') >= 0;
    this.newlines.clear();
    this.returns.clear();
    this.lineStart = this.eol = this.next = this.lastNonBlank = 0;
    this.pos = this.col = this.virt = 0;
    this.savedAt = 0;
    this.tbLine = -1;
    this.tbMarker = 0;
  }

  protected readLine(p: number): void {
    const src = this.src;
    const len = this.len;
    let e = this.newlines.find(src, p, len);
    if (e < 0) e = len;
    if (this.hasReturns) {
      const r = this.returns.find(src, p, e);
      if (r >= 0) e = r;
    }
    this.lineStart = p;
    this.eol = e;
    let last = e;
    while (last > p && isSpaceOrTab(src.charCodeAt(last - 1))) last--;
    // Just past the last non-blank character (the line start when blank).
    this.lastNonBlank = last;
    this.next = e < this.len ? (src.charCodeAt(e) === 13 && src.charCodeAt(e + 1) === 10 ? e + 2 : e + 1) : e;
    this.pos = p;
    this.col = 0;
    this.virt = 0;
  }

  /**
   * Saved cursors: a small ring (saves nest a few deep), so saving allocates
   * nothing. Int32 (a column is at most 4 × a string's maximum length, below
   * 2^31): offsets read back from a Float64Array are doubles, which V8 then
   * keeps boxed in every object they reach (a Position's field would hold a
   * HeapNumber in every Position of the process).
   */
  private readonly saved = new Int32Array(3 * 32);
  private savedAt = 0;

  protected save(): number {
    const at = this.savedAt;
    this.savedAt = (at + 3) % this.saved.length;
    this.saved[at] = this.pos;
    this.saved[at + 1] = this.col;
    this.saved[at + 2] = this.virt;
    return at;
  }

  protected restore(at: number): void {
    this.pos = this.saved[at];
    this.col = this.saved[at + 1];
    this.virt = this.saved[at + 2];
  }

  /** Offset of the cursor (inside a tab: just after it, as micromark places virtual spaces). */
  protected offset(): number {
    return this.virt > 0 ? this.pos + 1 : this.pos;
  }

  /** The character at the cursor: 32 for a virtual space, -1 at the line end. */
  protected cur(): number {
    if (this.virt > 0) return 32;
    return this.pos < this.eol ? this.src.charCodeAt(this.pos) : -1;
  }

  /** Consumes up to max columns of spaces and tabs; returns how many. */
  protected eatColumns(max: number): number {
    let n = 0;
    while (n < max) {
      if (this.virt > 0) {
        const take = Math.min(this.virt, max - n);
        this.virt -= take;
        this.col += take;
        n += take;
        if (this.virt === 0) this.pos++;
        continue;
      }
      if (this.pos >= this.eol) break;
      const c = this.src.charCodeAt(this.pos);
      if (c === 32) {
        this.pos++;
        this.col++;
        n++;
      } else if (c === 9) {
        const width = 4 - (this.col & 3);
        const take = Math.min(width, max - n);
        this.col += take;
        n += take;
        if (take === width) this.pos++;
        else this.virt = width - take;
      } else break;
    }
    return n;
  }

  /** Columns of whitespace at the cursor, without consuming them. */
  protected indent(): number {
    const s = this.save();
    const n = this.eatColumns(Infinity);
    this.restore(s);
    return n;
  }

  /** The offset of the first non-blank character from the cursor on (eol when none). */
  protected firstNonBlank(): number {
    let i = this.pos;
    while (i < this.eol && isSpaceOrTab(this.src.charCodeAt(i))) i++;
    return i;
  }

  /**
   * isThematicBreak at p on this line, in constant time after one backward
   * scan per line and marker (a line of a thousand `- ` would otherwise
   * rescan itself at each list item it opens).
   */
  protected thematic(p: number): boolean {
    const marker = this.src.charCodeAt(p);
    if (marker !== 42 && marker !== 45 && marker !== 95) return false;
    if (this.tbLine !== this.lineStart || this.tbMarker !== marker) {
      this.tbLine = this.lineStart;
      this.tbMarker = marker;
      let k = this.eol;
      let count = 0;
      let third = -1;
      while (k > this.lineStart) {
        const c = this.src.charCodeAt(k - 1);
        if (c === marker) {
          if (++count === 3) third = k - 1;
        } else if (c !== 32 && c !== 9) break;
        k--;
      }
      this.tbFrom = k;
      this.tbThird = third;
    }
    return p >= this.tbFrom && p <= this.tbThird;
  }

  private tbLine = -1;
  private tbMarker = 0;
  private tbFrom = 0;
  private tbThird = -1;

  /** Whether only blanks follow the cursor on this line (in constant time: see readLine). */
  protected restIsBlank(): boolean {
    return this.pos >= this.lastNonBlank;
  }

  protected prevLineEnd(): number {
    let e = this.lineStart;
    if (e > 0 && this.src.charCodeAt(e - 1) === 10) e--;
    if (e > 0 && this.src.charCodeAt(e - 1) === 13) e--;
    return e;
  }
}
