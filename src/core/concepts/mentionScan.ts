import { stemWord } from './conceptKey';
import type { Taxonomy } from './taxonomy';

/** A concept named in running text, at [start, end) of the text. */
export interface MentionHit {
  conceptId: string;
  start: number;
  end: number;
}

/** Between two words of one name only spaces, one line break, a hyphen or emphasis markers may stand. */
const JOINER = /^[ \t*_=~-]*\r?\n?[ \t*_=~>-]*$/;
/** Runs of words remembered per scan (see forEachMention). */
const WORD_CACHE_LIMIT = 50_000;

/**
 * Finds mentions of taxonomy concepts in text, longest name first at each
 * word ("Element representations" beats "Representation"), skipping
 * offsets `skip` rejects (code, frontmatter, spans already attributed).
 * A scan from a word stops as soon as no name starts with the words so
 * far, so it costs about one lookup per word whatever the taxonomy's size.
 *
 * The words are read as the scan goes, never more than `maxWords` ahead:
 * holding a token object and a stem for every word of a multi-megabyte
 * note at once cost more in garbage collection than the scan itself.
 */
export function scanMentions(text: string, taxonomy: Taxonomy, skip: (offset: number) => boolean): MentionHit[] {
  const out: MentionHit[] = [];
  forEachMention(text, taxonomy, skip, (conceptId, start, end) => out.push({ conceptId, start, end }));
  return out;
}

/** What the scan knows of a run of written words (one word, or one and those after it), worked out once. */
interface Phrase {
  /** The words lower-cased, joined by spaces (how names are keyed). */
  lower: string;
  /** The concept the run names (keys stem only their last word). */
  id: string | undefined;
  /** Some longer mentionable name starts with the run. */
  prefix: boolean;
  /** The runs one word longer, by that word as written. */
  longer?: Map<string, Phrase>;
}

/** scanMentions, handing each hit over as it is found (in text order) instead of collecting them. */
export function forEachMention(text: string, taxonomy: Taxonomy, skip: (offset: number) => boolean, visit: (conceptId: string, start: number, end: number) => void): void {
  const words = new Words(text);
  // A note repeats its vocabulary and its phrases: each run of words is stemmed and looked up in the
  // taxonomy once, then found by one map lookup per word. The cap bounds the memory a note of random
  // words could take.
  const runs = new Map<string, Phrase>();
  let remembered = 0;
  const phrase = (before: Phrase | undefined, written: string): Phrase => {
    const map = before ? (before.longer ??= new Map()) : runs;
    let p = map.get(written);
    if (!p) {
      if (++remembered > WORD_CACHE_LIMIT) {
        runs.clear();
        remembered = 1;
      }
      const lower = written.toLowerCase();
      const stem = stemWord(lower);
      p = before
        ? { lower: `${before.lower} ${lower}`, id: taxonomy.mentionedBy(`${before.lower} ${stem}`), prefix: taxonomy.isMentionPrefix(`${before.lower} ${lower}`) }
        : { lower, id: taxonomy.mentionedBy(stem), prefix: taxonomy.isMentionPrefix(lower) };
      map.set(written, p);
    }
    return p;
  };
  const maxWords = taxonomy.maxWords;
  const starts = startsOf(taxonomy);
  while (words.next()) {
    const start = words.start;
    if (skip(start)) continue;
    // Most words name nothing: when the first two letters rule it out, no lookup at all.
    const c0 = text.charCodeAt(start);
    const c1 = words.end - start > 1 ? text.charCodeAt(start + 1) : -1;
    if (c0 < 128 && c1 < 128 && !starts[startIndex(lowerAscii(c0), c1 < 0 ? -1 : lowerAscii(c1))]) continue;
    let run = phrase(undefined, words.word);
    let bestId = run.id;
    let bestAhead = 0;
    let prevEnd = words.end;
    // Longest name first: read on while some name starts with the words so far.
    for (let k = 1; k < maxWords && run.prefix && words.ahead(k); k++) {
      if (!JOINER.test(text.slice(prevEnd, words.aheadStart(k)))) break;
      run = phrase(run, words.aheadWord(k));
      if (run.id) [bestId, bestAhead] = [run.id, k];
      prevEnd = words.aheadEnd(k);
    }
    if (bestId) {
      visit(bestId, start, bestAhead ? words.aheadEnd(bestAhead) : words.end);
      // The words of the name are not looked at again.
      words.drop(bestAhead);
    }
  }
}

/**
 * The words of a text as tokenize() finds them (runs of letters and
 * digits, by code point), as offsets: the current one, and a few read ahead
 * for the later words of a name (held only until the scan passes them).
 * Read by hand rather than by the pattern, and sliced only when asked for:
 * most words are ruled out by their first two characters.
 */
class Words {
  start = 0;
  end = 0;
  /** Where reading goes on; the word read last started at `found`. */
  private at = 0;
  private found = 0;
  private readonly aheadStarts: number[] = [];
  private readonly aheadEnds: number[] = [];
  /** Read-ahead words before this one were consumed. */
  private head = 0;

  constructor(private readonly text: string) {}

  get word(): string {
    return this.text.slice(this.start, this.end);
  }

  /** Moves to the next word; false at the end of the text. */
  next(): boolean {
    if (this.head < this.aheadStarts.length) {
      this.start = this.aheadStarts[this.head];
      this.end = this.aheadEnds[this.head];
      if (++this.head === this.aheadStarts.length) this.clear();
      return true;
    }
    if (!this.read()) return false;
    this.start = this.found;
    this.end = this.at;
    return true;
  }

  /** Whether there is a k-th word after the current one (k >= 1), reading up to it. */
  ahead(k: number): boolean {
    while (this.aheadStarts.length - this.head < k) {
      if (!this.read()) return false;
      this.aheadStarts.push(this.found);
      this.aheadEnds.push(this.at);
    }
    return true;
  }

  aheadStart(k: number): number {
    return this.aheadStarts[this.head + k - 1];
  }

  aheadEnd(k: number): number {
    return this.aheadEnds[this.head + k - 1];
  }

  aheadWord(k: number): string {
    return this.text.slice(this.aheadStart(k), this.aheadEnd(k));
  }

  /** Passes over the next k words (already read ahead). */
  drop(k: number): void {
    this.head += k;
    if (this.head >= this.aheadStarts.length) this.clear();
  }

  /** Reads the next word from `at`: sets found and at; false at the end. */
  private read(): boolean {
    const text = this.text;
    let i = this.at;
    let size = 0;
    while (i < text.length && (size = wordChar(text, i)) <= 0) i += size < 0 ? 2 : 1;
    if (i >= text.length) {
      this.at = i;
      return false;
    }
    this.found = i;
    while (i < text.length && (size = wordChar(text, i)) > 0) i += size;
    this.at = i;
    return true;
  }

  private clear(): void {
    this.aheadStarts.length = this.aheadEnds.length = 0;
    this.head = 0;
  }
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Whether a BMP code unit is a letter or digit: 0 not known yet, 1 yes, 2 no. */
const BMP_WORD = new Uint8Array(0x10000);

/**
 * The code point at i: its length in code units when it is a letter or a
 * digit (what [\p{L}\p{N}] matches), 0 when it is not a one-unit one, -1
 * when it is not a two-unit (astral) one. A lone surrogate is a character
 * that is neither.
 */
function wordChar(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return WORD_CHAR.test(text.slice(i, i + 2)) ? 2 : -1;
  }
  let known = BMP_WORD[c];
  if (!known) BMP_WORD[c] = known = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
  return known === 1 ? 1 : 0;
}

/** Which first two characters (ASCII, lower-case; see startsOf) a mentionable key's first word has. */
const STARTS = new WeakMap<Taxonomy, Uint8Array>();

/**
 * The first two characters (lower-case) of the first word of every
 * mentionable key, as a table over ASCII pairs. A word can name a concept,
 * alone or as the first word of a longer name, only if it starts the same
 * way: stemWord keeps the first two characters of a word, except `isation`
 * itself (`ization`). Words that start outside ASCII are always looked up.
 */
function startsOf(taxonomy: Taxonomy): Uint8Array {
  let table = STARTS.get(taxonomy);
  if (!table) {
    table = new Uint8Array(128 * 129);
    for (const key of taxonomy.mentionKeyList()) {
      const word = key.split(' ')[0];
      if (!word) continue;
      const c0 = word.charCodeAt(0);
      const c1 = word.length > 1 ? word.charCodeAt(1) : -1;
      if (c0 >= 128 || c1 >= 128) continue;
      table[startIndex(c0, c1)] = 1;
      if (word.startsWith('iz')) table[startIndex(c0, 's'.charCodeAt(0))] = 1;
    }
    STARTS.set(taxonomy, table);
  }
  return table;
}

/** A pair of ASCII codes (c1 = -1: a one-character word). */
function startIndex(c0: number, c1: number): number {
  return c0 * 129 + (c1 < 0 ? 128 : c1);
}

function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}
