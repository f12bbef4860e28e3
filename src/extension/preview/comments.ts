import type { StateBlock, StateInline } from 'markdown-it';

/**
 * Obsidian comments, `%%hidden%%`, render as nothing. An unclosed `%%` stays
 * visible as text: Obsidian would hide the rest of the note, which in a
 * preview looks like lost content rather than a typo.
 */

/** Inline `%%…%%` (may span the soft line breaks of one paragraph). */
export function inlineComment(state: StateInline, _silent: boolean): boolean {
  const src = state.src;
  if (src.charCodeAt(state.pos) !== 0x25 || src.charCodeAt(state.pos + 1) !== 0x25) return false;
  const close = src.indexOf('%%', state.pos + 2);
  if (close === -1 || close + 2 > state.posMax) return false;
  state.pos = close + 2; // no token: nothing to render
  return true;
}

/**
 * A comment that starts a line and ends at the end of a line, across blank
 * lines and anything else (lists, fences) in between. Registered before
 * `fence` and allowed to interrupt paragraphs, lists and quotes, so the
 * lines inside are never parsed as Markdown.
 */
export function blockComment(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false; // indented code
  const begin = state.bMarks[startLine] + state.tShift[startLine];
  if (!state.src.startsWith('%%', begin)) return false;

  for (let line = startLine; line < endLine; line++) {
    const from = line === startLine ? begin + 2 : state.bMarks[line] + state.tShift[line];
    const text = state.src.slice(from, state.eMarks[line]);
    const close = text.indexOf('%%');
    if (close === -1) continue;
    // Text after the closing `%%` makes this an inline comment in a paragraph.
    if (text.slice(close + 2).trim() !== '') return false;
    if (!silent) state.line = line + 1;
    return true;
  }
  return false;
}
