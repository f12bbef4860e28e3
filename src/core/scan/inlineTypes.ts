/**
 * Tokens of the inline pass. Text is never a token: it is what lies between
 * tokens (unmatched delimiters and label starts are dropped, i.e. become text).
 */

export const enum T {
  /** `*` / `_` run (attention), not yet paired. */
  Attention,
  /** `~` / `~~` run, not yet paired. */
  Tilde,
  /** `==` run, not yet paired. */
  Equals,
  /** `[` or `![` that may start a link label. */
  LabelStart,
  Code,
  Math,
  Html,
  /** `<https://…>` or `<me@x.org>`. */
  Autolink,
  /** GFM literal autolink (`www.x.org`, `https://…`, `me@x.org`). */
  Literal,
  Wiki,
  Break,
  FootnoteCall,
  /** GFM task list check `[ ]` / `[x]` (no mdast node, but no text either). */
  Check,
  // Groups (have kids):
  Link,
  Image,
  LinkReference,
  ImageReference,
  Emphasis,
  Highlight,
  Strikethrough,
}

export interface Tok {
  t: T;
  /** Offsets in the content string. */
  start: number;
  end: number;
  // Delimiter runs:
  ch: number;
  open: boolean;
  close: boolean;
  // Label starts:
  balanced: boolean;
  inactive: boolean;
  /** Index in the top-level token list. */
  index: number;
  /** `==` runs while highlights pair: the index of the closing run in the list being resolved (-1: none). */
  partner: number;
  // Groups: children and the content range they sit in.
  kids: Tok[] | null;
  innerStart: number;
  innerEnd: number;
  /** Markdown links/images: the destination as written ([start, end) in the content string; -1 when none). */
  destStart: number;
  destEnd: number;
}

/**
 * Tokens live only while one leaf is read (scan, then walk), so they come
 * from a pool that each leaf's scan starts over (startTokens): a note does
 * not allocate one per construct. A leaf with more than POOL_SIZE tokens
 * gets plain new ones beyond (a huge pool would only burden the collector).
 */
const pool: Tok[] = [];
let taken = 0;
const POOL_SIZE = 4096;

/** Starts a leaf: every token handed out before may be handed out again. */
export function startTokens(): void {
  taken = 0;
}

export function tok(t: T, start: number, end: number): Tok {
  if (taken === pool.length) {
    if (taken === POOL_SIZE) return new Token(t, start, end);
    pool.push(new Token(t, start, end));
  }
  const k = pool[taken++];
  k.t = t;
  k.start = start;
  k.end = end;
  k.ch = 0;
  k.open = false;
  k.close = false;
  k.balanced = false;
  k.inactive = false;
  k.index = 0;
  k.partner = -1;
  k.kids = null;
  k.innerStart = 0;
  k.innerEnd = 0;
  k.destStart = -1;
  k.destEnd = -1;
  return k;
}

/** A new token (for the pool, or past it). */
class Token implements Tok {
  ch = 0;
  open = false;
  close = false;
  balanced = false;
  inactive = false;
  index = 0;
  partner = -1;
  kids: Tok[] | null = null;
  innerStart = 0;
  innerEnd = 0;
  destStart = -1;
  destEnd = -1;

  constructor(
    public t: T,
    public start: number,
    public end: number,
  ) {}
}

export function isGroup(t: T): boolean {
  return t >= T.Link;
}
