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
  let end: number;
  if (src.charCodeAt(pos + 1) === 0x24) {
    const close = src.indexOf('$$', pos + 2);
    if (close === -1 || close + 2 > state.posMax) return false;
    end = close + 2;
  } else {
    // Pandoc's rule, which Obsidian follows closely: `$` hugs the formula, and
    // a closing `$` followed by a digit is a price (`$5 and $6`), not maths.
    if (pos + 1 >= state.posMax || /\s/.test(src.charAt(pos + 1))) return false;
    let close = pos + 1;
    for (;;) {
      close = src.indexOf('$', close);
      if (close === -1 || close >= state.posMax) return false;
      const ok = src.charCodeAt(close - 1) !== 0x5c && !/\s/.test(src.charAt(close - 1)) && !/\d/.test(src.charAt(close + 1));
      if (ok) break;
      close++;
    }
    end = close + 1;
  }
  if (!silent) state.push('text', '', 0).content = src.slice(pos, end);
  state.pos = end;
  return true;
}
