/**
 * Pairing of delimiter runs into groups, as micromark's resolvers do it:
 * attention (`*`, `_`: CommonMark emphasis), strikethrough (`~`) and
 * highlights (`==`). Each works on one flat list of tokens where groups made
 * earlier are opaque; when a pair forms, the tokens between become the
 * group's children and are resolved at once by all three ("insideSpan", in
 * micromark's order: highlight, strikethrough, attention). Unpaired runs are
 * dropped: they are text.
 *
 * All three are linear: pairing uses stacks where micromark walks back.
 */
import { T, tok, type Tok } from './inlineTypes';

export const enum Resolver {
  Highlight = 1,
  Strike = 2,
  Attention = 4,
}

const MAX_HIGHLIGHT_NESTING = 16;

/** The insideSpan resolvers over `list`, skipping those in `skip`. */
export function resolveInside(list: Tok[], skip = 0): Tok[] {
  let has = 0;
  for (const t of list) {
    if (t.t === T.Equals) has |= Resolver.Highlight;
    else if (t.t === T.Tilde) has |= Resolver.Strike;
    else if (t.t === T.Attention) has |= Resolver.Attention;
  }
  has &= ~skip;
  if (has & Resolver.Highlight) list = resolveHighlight(list);
  if (has & Resolver.Strike) list = resolveStrike(list);
  if (has & Resolver.Attention) list = resolveAttention(list);
  return has ? dropDelimiters(list) : list;
}

/** Runs one resolver (for the top level, where their order is that of first use). */
export function resolveOne(list: Tok[], which: Resolver): Tok[] {
  if (which === Resolver.Highlight) return resolveHighlight(list);
  if (which === Resolver.Strike) return resolveStrike(list);
  return resolveAttention(list);
}

/** Removes what is left of a kind of delimiter runs (they are text). */
function dropKind(list: Tok[], kind: T): Tok[] {
  let n = 0;
  for (const t of list) if (t.t !== kind) list[n++] = t;
  if (n < list.length) list.length = n;
  return list;
}

function dropDelimiters(list: Tok[]): Tok[] {
  let n = 0;
  for (const t of list) if (t.t !== T.Equals && t.t !== T.Tilde && t.t !== T.Attention) list[n++] = t;
  if (n < list.length) list.length = n;
  return list;
}

function group(t: T, open: Tok, close: Tok, kids: Tok[]): Tok {
  const g = tok(t, open.start, close.end);
  g.innerStart = open.end;
  g.innerEnd = close.start;
  g.kids = kids;
  return g;
}

/** Open `==` runs while highlights pair (at most MAX_HIGHLIGHT_NESTING; the pairing loop calls nothing). */
const highlightOpeners = new Int32Array(MAX_HIGHLIGHT_NESTING);

/** `==…==`: a stack pairs each closer with the innermost open opener (micromark-side: highlightSyntax.ts). */
function resolveHighlight(list: Tok[]): Tok[] {
  let open = 0;
  let pairs = 0;
  for (let i = 0; i < list.length; i++) {
    const t = list[i];
    if (t.t !== T.Equals) continue;
    t.partner = -1;
    if (t.close && open) {
      list[highlightOpeners[--open]].partner = i;
      pairs++;
    } else if (t.open && open < MAX_HIGHLIGHT_NESTING) highlightOpeners[open++] = i;
  }
  if (!pairs) return dropKind(list, T.Equals);
  return buildHighlights(list, 0, list.length);
}

/** list[from, to) with each pair of `==` runs made a group of what lies between. */
function buildHighlights(list: Tok[], from: number, to: number): Tok[] {
  const out: Tok[] = [];
  for (let i = from; i < to; ) {
    const t = list[i];
    const close = t.t === T.Equals ? t.partner : -1;
    if (close < 0) {
      if (t.t !== T.Equals) out.push(t);
      i++;
      continue;
    }
    out.push(group(T.Highlight, t, list[close], resolveInside(buildHighlights(list, i + 1, close), Resolver.Highlight)));
    i = close + 1;
  }
  return out;
}

/** `~a~`, `~~a~~`: each closer pairs with the nearest opener of its size. */
function resolveStrike(list: Tok[]): Tok[] {
  const out: Tok[] = [];
  const openers: [number[], number[]] = [[], []];
  for (const t of list) {
    if (t.t !== T.Tilde) {
      out.push(t);
      continue;
    }
    const size = t.end - t.start;
    const mine = openers[size - 1];
    if (t.close && mine.length) {
      const j = mine.pop()!;
      const kids = out.slice(j + 1);
      const open = out[j];
      out.length = j;
      for (const stack of openers) while (stack.length && stack[stack.length - 1] > j) stack.pop();
      out.push(group(T.Strikethrough, open, t, resolveInside(kids)));
      continue;
    }
    if (t.open) {
      mine.push(out.length);
      out.push(t);
    }
  }
  return dropKind(out, T.Tilde);
}

/** CommonMark emphasis (micromark's attention resolver), with openers_bottom to stay linear. */
function resolveAttention(list: Tok[]): Tok[] {
  const out: Tok[] = [];
  /** Indices in out of runs that may open. */
  const stack: number[] = [];
  const bottom = new Map<number, number>();
  for (const current of list) {
    if (current.t !== T.Attention) {
      out.push(current);
      continue;
    }
    const closer = current;
    while (closer.close && closer.end > closer.start) {
      const closeLen = closer.end - closer.start;
      const key = closer.ch * 8 + (closeLen % 3) * 2 + (closer.open ? 1 : 0);
      const floor = bottom.get(key) ?? 0;
      let found = -1;
      for (let s = stack.length - 1; s >= floor; s--) {
        const opener = out[stack[s]];
        if (opener.ch !== closer.ch) continue;
        const openLen = opener.end - opener.start;
        if ((opener.close || closer.open) && closeLen % 3 && !((openLen + closeLen) % 3)) continue;
        found = s;
        break;
      }
      if (found < 0) {
        bottom.set(key, stack.length);
        break;
      }
      const j = stack[found];
      const opener = out[j];
      const use = opener.end - opener.start > 1 && closeLen > 1 ? 2 : 1;
      const openMarker = tok(T.Attention, opener.end - use, opener.end);
      const closeMarker = tok(T.Attention, closer.start, closer.start + use);
      opener.end -= use;
      closer.start += use;
      const kids = resolveInside(out.slice(j + 1));
      stack.length = found;
      // Openers above this one are gone: no search may start above what is left.
      for (const [k, v] of bottom) if (v > found) bottom.set(k, found);
      if (opener.end > opener.start) {
        out.length = j + 1;
        stack.push(j);
      } else out.length = j;
      out.push(group(T.Emphasis, openMarker, closeMarker, kids));
    }
    if (closer.end > closer.start && closer.open) {
      stack.push(out.length);
      out.push(closer);
    }
  }
  return dropKind(out, T.Attention);
}
