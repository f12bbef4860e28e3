import type { SharedBase, SharedNoteText } from './sharedText';

/** A run of the text: a slice of the base (`from` ≥ 0, its offset there) or a string typed since (`from` = -1). */
interface Piece {
  /** The run's characters: for a base run a slice of the base string, which V8 makes without copying. */
  readonly s: string;
  readonly from: number;
}

/** Typed runs side by side are merged up to this length: a typing burst stays one piece. */
const MERGE_CHARS = 16 * 1024;
/** Past this many pieces, or this much typed text, the text is rebuilt into a new base (a pass over it, rare). */
const MAX_PIECES = 1000;
const MAX_TYPED_CHARS = 2 * 1024 * 1024;

/**
 * An immutable piece table: the text as runs of a base text and of typed
 * strings. Replacing a range costs the number of pieces, never the length
 * of the text, and a parse worker can be sent the runs as offsets into the
 * base's shared copy (see sharedText.ts). Immutable, so a parse can hold the
 * version it was given while the document moves on.
 */
export class PieceTable {
  /** Offset of each piece in the text, for binary search. */
  private readonly starts: number[];
  readonly length: number;
  private readonly typedChars: number;
  private joined?: string;

  private constructor(
    private readonly base: SharedBase,
    private readonly pieces: readonly Piece[],
  ) {
    this.starts = new Array(pieces.length);
    let pos = 0;
    let typed = 0;
    for (let i = 0; i < pieces.length; i++) {
      this.starts[i] = pos;
      pos += pieces[i].s.length;
      if (pieces[i].from < 0) typed += pieces[i].s.length;
    }
    this.length = pos;
    this.typedChars = typed;
  }

  /** The whole base as one piece. */
  static of(base: SharedBase): PieceTable {
    const t = new PieceTable(base, base.text ? [{ s: base.text, from: 0 }] : []);
    t.joined = base.text;
    return t;
  }

  /** A new table with [start, end) replaced by `text`. */
  replace(start: number, end: number, text: string): PieceTable {
    const out: Piece[] = [];
    let pos = 0;
    let inserted = false;
    const insert = () => {
      inserted = true;
      if (text) push(this.base.text, out, { s: text, from: -1 });
    };
    for (const p of this.pieces) {
      const pEnd = pos + p.s.length;
      if (pEnd <= start) push(this.base.text, out, p);
      else if (pos >= end) {
        if (!inserted) insert();
        push(this.base.text, out, p);
      } else {
        // The piece overlaps the range, or holds the insertion point: keep what lies outside it.
        if (pos < start) push(this.base.text, out, cut(p, 0, start - pos));
        if (!inserted) insert();
        if (pEnd > end) push(this.base.text, out, cut(p, end - pos, p.s.length));
      }
      pos = pEnd;
    }
    if (!inserted) insert();
    return new PieceTable(this.base, out);
  }

  /** True when the table has grown enough that a fresh base is worth one pass over the text. */
  shouldRebase(): boolean {
    return this.pieces.length > MAX_PIECES || this.typedChars > MAX_TYPED_CHARS;
  }

  /**
   * The text as one string, once per table. Concatenated rather than joined: V8 then copies the
   * characters only when the string is first read, in whichever later task reads it, instead of
   * adding that pass (~40-70 ms for 10 MB) to the task that stores the parse result.
   */
  text(): string {
    if (this.joined === undefined) {
      let s = '';
      for (const p of this.pieces) s += p.s;
      this.joined = s;
    }
    return this.joined;
  }

  slice(start: number, end: number): string {
    start = Math.max(0, start);
    end = Math.min(this.length, end);
    if (start >= end) return '';
    if (this.joined !== undefined) return this.joined.slice(start, end);
    let out = '';
    for (let i = this.pieceAt(start); i < this.pieces.length && this.starts[i] < end; i++) {
      const from = this.starts[i];
      out += this.pieces[i].s.slice(Math.max(0, start - from), end - from);
    }
    return out;
  }

  /** Like String#charCodeAt: NaN outside the text. */
  charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.length) return NaN;
    const i = this.pieceAt(offset);
    return this.pieces[i].s.charCodeAt(offset - this.starts[i]);
  }

  /** What a parse worker needs to rebuild this text: the base's shared copy (written on its first use) and the runs. */
  async forWorker(): Promise<SharedNoteText> {
    const { buffer, encoding } = await this.base.buffer();
    return { base: buffer, encoding, pieces: this.pieces.map((p) => (p.from < 0 ? p.s : [p.from, p.from + p.s.length])) };
  }

  /** Index of the piece holding `offset` (0 ≤ offset < length). */
  private pieceAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

function cut(p: Piece, from: number, to: number): Piece {
  return { s: p.s.slice(from, to), from: p.from < 0 ? -1 : p.from + from };
}

/** Appends a non-empty piece, merged into the last one when they are adjacent runs of the base or short typed runs. */
function push(base: string, out: Piece[], p: Piece): void {
  if (!p.s) return;
  const last = out[out.length - 1];
  if (last && last.from < 0 && p.from < 0 && last.s.length + p.s.length <= MERGE_CHARS) out[out.length - 1] = { s: last.s + p.s, from: -1 };
  else if (last && last.from >= 0 && p.from === last.from + last.s.length) {
    // Re-sliced from the base (no copy), not concatenated: a concatenation would be flattened (copied) on first read.
    out[out.length - 1] = { s: base.slice(last.from, p.from + p.s.length), from: last.from };
  } else out.push(p);
}

/**
 * Line start offsets of `text` (shifted by `offset`), as the library's
 * TextDocument computes them: a line ends at \n, \r\n or \r. Without any \r
 * (most notes) a search for \n is several times faster than a character loop.
 */
export function computeLineOffsets(text: string, isAtLineStart: boolean, offset: number): number[] {
  const result: number[] = isAtLineStart ? [offset] : [];
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) result.push(offset + i + 1);
    return result;
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 || ch === 10) {
      if (ch === 13 && i + 1 < text.length && text.charCodeAt(i + 1) === 10) i++;
      result.push(offset + i + 1);
    }
  }
  return result;
}
