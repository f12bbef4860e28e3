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
  // Groups: children and the content range they sit in.
  kids: Tok[] | null;
  innerStart: number;
  innerEnd: number;
  /** Markdown links/images: the destination as written ([start, end) in the content string; -1 when none). */
  destStart: number;
  destEnd: number;
}

export function tok(t: T, start: number, end: number): Tok {
  return {
    t,
    start,
    end,
    ch: 0,
    open: false,
    close: false,
    balanced: false,
    inactive: false,
    index: 0,
    kids: null,
    innerStart: 0,
    innerEnd: 0,
    destStart: -1,
    destEnd: -1,
  };
}

export function isGroup(t: T): boolean {
  return t >= T.Link;
}
