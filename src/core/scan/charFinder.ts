/**
 * The next occurrence of one character (or short string), by indexOf
 * (native, far faster than a loop over charCodeAt), remembering its last
 * answer. The scanner asks about one note in increasing order, piece by
 * piece (a paragraph, a text node): a search may run past the piece it was
 * asked about, to the next occurrence, and the later pieces before that
 * occurrence are then answered without searching. So the searches of a note
 * read it about once in all.
 */
export class CharFinder {
  private s = '';
  /** The search started here and found `at` (-1: nothing from there on). */
  private from = 0;
  private at = -1;

  constructor(private readonly ch: string) {}

  /** Where the needle starts in s[i, to), or -1 (a longer needle may end past `to`). */
  find(s: string, i: number, to: number): number {
    let at = this.at;
    if (s !== this.s || i < this.from || (at >= 0 && at < i)) {
      this.s = s;
      this.from = i;
      this.at = at = s.indexOf(this.ch, i);
    }
    return at >= 0 && at < to ? at : -1;
  }

  /** Forgets the string (so a finished note is not kept alive). */
  clear(): void {
    this.s = '';
    this.from = 0;
    this.at = -1;
  }
}
