import type { StateCore, Token } from 'markdown-it';

/** A `^block-id` ending a block: letters, digits and dashes, after white space. */
const MARKER = /(^|[ \t])\^([A-Za-z0-9-]+)[ \t]*$/;

/**
 * Hides `^block-id` markers and gives their block `id="^block-id"`, so a
 * `[[#^block-id]]` link (href `#^block-id`) scrolls to it. Runs after inline
 * parsing (and markdown-it's text_join), when the marker is the end of the
 * block's last text token — a marker inside code is a code token, untouched.
 */
export function blockIds(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 1; i < tokens.length; i++) {
    const inline = tokens[i];
    const last = inline.type === 'inline' ? inline.children?.[inline.children.length - 1] : undefined;
    if (!last || last.type !== 'text') continue;
    const m = MARKER.exec(last.content);
    if (!m) continue;
    const id = '^' + m[2];
    const opener = tokens[i - 1];
    last.content = last.content.slice(0, m.index).replace(/[ \t]+$/, '');

    // `^id` alone in a paragraph labels the block before it (a list, table, quote).
    if (opener.type === 'paragraph_open' && inline.children!.length === 1 && last.content === '') {
      const previous = openerOf(tokens, i - 2);
      if (previous) {
        labelBlock(previous, id);
        opener.hidden = true;
        if (tokens[i + 1]) tokens[i + 1].hidden = true;
        continue;
      }
    }
    if (opener.type === 'heading_open') {
      // VS Code's heading rule overwrites a heading's id with its slug: anchor inside instead.
      const anchor = new state.Token('html_inline', '', 0);
      anchor.content = `<span class="mmnotes-block-anchor" id="${id}"></span>`;
      inline.children!.unshift(anchor);
      continue;
    }
    labelBlock(opener.hidden ? enclosing(tokens, i - 1) ?? opener : opener, id);
  }
}

function labelBlock(block: Token, id: string): void {
  // The id is [A-Za-z0-9-] after '^'; renderAttrs escapes it anyway.
  block.attrSet('id', id);
}

/** The open token matching the close token at `closeIdx`, if that is a close. */
function openerOf(tokens: Token[], closeIdx: number): Token | undefined {
  const close = tokens[closeIdx];
  if (!close || close.nesting !== -1) return undefined;
  for (let j = closeIdx - 1; j >= 0; j--) {
    if (tokens[j].nesting === 1 && tokens[j].level === close.level) return tokens[j];
  }
  return undefined;
}

/** The visible container of a hidden paragraph (a tight list's `<li>`). */
function enclosing(tokens: Token[], idx: number): Token | undefined {
  const level = tokens[idx].level - 1;
  for (let j = idx - 1; j >= 0; j--) {
    if (tokens[j].nesting === 1 && tokens[j].level === level) return tokens[j];
  }
  return undefined;
}
