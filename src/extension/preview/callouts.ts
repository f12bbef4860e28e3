import type { StateCore, Token } from 'markdown-it';

/** `[!type]`, an optional fold sign, an optional title — on the quote's first line. */
const CALLOUT = /^\[!([\w-]+)\]([+-]?)(?:[ \t]+(.*))?$/;

/**
 * Turns blockquotes that start with `[!type]` into Obsidian callouts:
 * `<div class="callout" data-callout="type">` with a title and a content
 * box, or `<details>` when the type carries `+` (open) or `-` (closed).
 * Runs after block parsing and before inline parsing, so the title is then
 * parsed as inline Markdown like any other text. Class names follow
 * Obsidian's, so CSS snippets written for Obsidian mostly apply.
 */
export function callouts(state: StateCore): void {
  const src = state.tokens;
  const out: Token[] = [];
  // One entry per open blockquote: the close tags its callout needs, or undefined.
  const open: (Token[] | undefined)[] = [];
  for (let i = 0; i < src.length; i++) {
    const t = src[i];
    if (t.type === 'blockquote_close') {
      const closing = open.pop();
      out.push(...(closing ?? [t]));
      continue;
    }
    if (t.type !== 'blockquote_open') {
      out.push(t);
      continue;
    }
    const para = src[i + 1]?.type === 'paragraph_open' ? src[i + 2] : undefined;
    const nl = para?.content.indexOf('\n') ?? -1;
    const first = para ? (nl === -1 ? para.content : para.content.slice(0, nl)) : '';
    const m = CALLOUT.exec(first.trim());
    if (!para || !m) {
      open.push(undefined);
      out.push(t);
      continue;
    }

    const type = m[1].toLowerCase();
    const fold = m[2];
    const make = (type: string, tag: string, nesting: 1 | 0 | -1, attrs: [string, string][] = []) => {
      const tok = new state.Token(type, tag, nesting);
      tok.block = true;
      tok.level = t.level;
      tok.attrs = attrs.length ? attrs : null;
      return tok;
    };
    const boxAttrs: [string, string][] = [['class', 'callout'], ['data-callout', type]];
    if (fold) boxAttrs.push(['data-callout-fold', fold]);
    if (fold === '+') boxAttrs.push(['open', '']);
    const box = fold ? 'details' : 'div';
    const titleTag = fold ? 'summary' : 'div';

    const title = make('inline', '', 0);
    title.content = m[3]?.trim() || defaultTitle(type);
    title.children = [];
    title.map = t.map;
    out.push(
      make('callout_open', box, 1, boxAttrs),
      make('callout_title_open', titleTag, 1, [['class', 'callout-title']]),
      make('callout_title_inner_open', 'div', 1, [['class', 'callout-title-inner']]),
      title,
      make('callout_title_inner_close', 'div', -1),
      make('callout_title_close', titleTag, -1),
      make('callout_content_open', 'div', 1, [['class', 'callout-content']]),
    );
    open.push([make('callout_content_close', 'div', -1), make('callout_close', box, -1)]);

    // The first line was the marker: keep the rest of the paragraph, or drop it when empty.
    const rest = nl === -1 ? '' : para.content.slice(nl + 1);
    if (rest.trim() === '') i += 3; // skip paragraph_open, inline, paragraph_close
    else para.content = rest;
  }
  state.tokens = out;
}

/** Obsidian titles an untitled callout with its type, capitalised. */
function defaultTitle(type: string): string {
  return type.charAt(0).toUpperCase() + type.slice(1).replace(/-/g, ' ');
}
