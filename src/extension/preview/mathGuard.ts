import type { StateInline } from 'markdown-it';

/**
 * Keeps `$…$` and `$$…$$` away from the wiki-link, highlight and comment
 * rules (`$a==b$` is maths, not a highlight). Registered last: when a math
 * plugin is installed (VS Code's built-in one inserts its rule right after
 * `escape`) that plugin claims the `$` first and this rule never runs;
 * without one, the maths is emitted as the plain text it was.
 */
export function mathGuard(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const pos = state.pos;
  if (src.charCodeAt(pos) !== 0x24) return false;
  const double = src.charCodeAt(pos + 1) === 0x24;
  // Once no closer exists after some `$`, none exists after any later one: remember
  // that, or a line of prices (`$5 $6 …`) would be scanned again from every `$`.
  // Keyed by posMax too: a link label is tokenized by the same state with a shorter end.
  const memo = noCloserAfter.get(state);
  const hopeless = memo?.posMax === state.posMax ? memo : undefined;
  if (hopeless && pos >= (double ? hopeless.double : hopeless.single)) return false;

  const close = double ? doubleCloser(state, pos) : singleCloser(state, pos);
  if (close === -1) {
    const h = hopeless ?? { posMax: state.posMax, single: Infinity, double: Infinity };
    if (double) h.double = Math.min(h.double, pos);
    else if (!/\s/.test(src.charAt(pos + 1))) h.single = Math.min(h.single, pos);
    noCloserAfter.set(state, h);
    return false;
  }
  const end = close + (double ? 2 : 1);
  if (!silent) state.push('text', '', 0).content = src.slice(pos, end);
  state.pos = end;
  return true;
}

const noCloserAfter = new WeakMap<StateInline, { posMax: number; single: number; double: number }>();

function doubleCloser(state: StateInline, pos: number): number {
  const close = state.src.indexOf('$$', pos + 2);
  return close === -1 || close + 2 > state.posMax ? -1 : close;
}

/**
 * Pandoc's rule, which Obsidian follows closely: `$` hugs the formula, and a
 * closing `$` followed by a digit is a price (`$5 and $6`), not maths.
 */
function singleCloser(state: StateInline, pos: number): number {
  const src = state.src;
  if (pos + 1 >= state.posMax || /\s/.test(src.charAt(pos + 1))) return -1;
  for (let close = src.indexOf('$', pos + 1); close !== -1 && close < state.posMax; close = src.indexOf('$', close + 1)) {
    const before = src.charAt(close - 1);
    if (before !== '\\' && !/\s/.test(before) && !/\d/.test(src.charAt(close + 1))) return close;
  }
  return -1;
}
