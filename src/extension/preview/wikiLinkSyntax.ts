import type { StateCore, StateInline } from 'markdown-it';
import { extname } from '../../core/vault/vaultPath';

/** One `[[…]]` or `![[…]]` as written; resolution happens at render time. */
export interface WikiLink {
  embed: boolean;
  /** Path part before `#` ('' for `[[#Heading]]`). */
  path: string;
  /** `#H1#H2` → ['H1', 'H2']. */
  headings: string[];
  /** `#^id` → 'id'. */
  blockId?: string;
  /** Text after `|` (for embeds: the alt text, with a size part removed). */
  alias?: string;
  /** `|300` or `|100x145` on an embed. */
  size?: { width: number; height?: number };
}

export const LINK_OPEN = 'mmnotes_link_open';
export const LINK_CLOSE = 'mmnotes_link_close';
export const EMBED = 'mmnotes_embed';

/** Longest `[[…]]` content recognised: far beyond any real name, alias and heading. */
const MAX_LINK_LENGTH = 2000;

/** Splits the text between the brackets the way Obsidian reads it. */
export function parseWikiLink(inner: string, embed: boolean): WikiLink {
  const bar = inner.indexOf('|');
  // In tables a pipe must be escaped (`[[Note\|alias]]`); the backslash is not part of the name.
  let target = bar === -1 ? inner : inner.slice(0, bar);
  if (bar !== -1 && target.endsWith('\\')) target = target.slice(0, -1);
  const rest = bar === -1 ? undefined : inner.slice(bar + 1);

  const link: WikiLink = { embed, path: target, headings: [] };
  const hash = target.indexOf('#');
  if (hash !== -1) {
    link.path = target.slice(0, hash);
    const sub = target.slice(hash + 1);
    if (sub.startsWith('^')) link.blockId = sub.slice(1).trim();
    else link.headings = sub.split('#').map((h) => h.trim()).filter(Boolean);
  }
  link.path = link.path.trim();

  if (rest !== undefined && embed) {
    const parts = rest.split('|');
    const size = /^\s*(\d{1,5})(?:x(\d{1,5}))?\s*$/.exec(parts[parts.length - 1]);
    if (size) {
      parts.pop();
      link.size = { width: Number(size[1]), ...(size[2] ? { height: Number(size[2]) } : {}) };
    }
    if (parts.length) link.alias = parts.join('|');
  } else if (rest !== undefined) link.alias = rest;
  return link;
}

/** What Obsidian shows for a link without `|alias`: `Note > Heading`. */
export function defaultLinkText(link: WikiLink): string {
  const parts = link.path ? [link.path] : [];
  parts.push(...link.headings);
  if (link.blockId) parts.push('^' + link.blockId);
  return parts.join(' > ');
}

/** Notes (no extension or `.md`) embed as blocks; media embed inline. */
export function isNoteTarget(link: WikiLink): boolean {
  const ext = extname(link.path);
  return ext === '' || ext === 'md';
}

/**
 * Inline rule for `[[…]]` / `![[…]]`. Runs before markdown-it's `link` and
 * `image`; code spans, autolinks and math are consumed by their own rules
 * at an earlier position, so nothing inside them reaches this one.
 */
export function wikiLinkRule(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const embed = src.charCodeAt(state.pos) === 0x21; /* ! */
  const open = embed ? state.pos + 1 : state.pos;
  if (src.charCodeAt(open) !== 0x5b || src.charCodeAt(open + 1) !== 0x5b) return false;
  // A bounded look-ahead keeps a line of unclosed `[[` linear instead of quadratic.
  const ahead = src.slice(open + 2, Math.min(state.posMax, open + 2 + MAX_LINK_LENGTH + 2));
  const end = ahead.indexOf(']]');
  if (end === -1) return false;
  const inner = ahead.slice(0, end);
  const close = open + 2 + end;
  if (inner.trim() === '' || /[\n\r]/.test(inner) || inner.includes('[[')) return false;

  if (!silent) {
    const link = parseWikiLink(inner, embed);
    if (embed) {
      state.push(EMBED, '', 0).meta = link;
    } else {
      state.push(LINK_OPEN, 'a', 1).meta = link;
      // A real text token, so VS Code's heading-id rule sees the words of a link in a heading.
      state.push('text', '', 0).content = link.alias ?? defaultLinkText(link);
      state.push(LINK_CLOSE, 'a', -1).meta = link;
    }
  }
  state.pos = close + 2;
  return true;
}

/**
 * A note embed renders as a `<div>`; alone in a paragraph it must not sit in
 * a `<p>` (invalid HTML that browsers split). Hides such paragraphs.
 */
export function unwrapEmbedParagraphs(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 1; i < tokens.length - 1; i++) {
    const t = tokens[i];
    if (t.type !== 'inline' || tokens[i - 1].type !== 'paragraph_open' || !t.children) continue;
    const parts = t.children.filter((c) => c.type !== 'softbreak' && !(c.type === 'text' && c.content.trim() === ''));
    if (parts.length && parts.every((c) => c.type === EMBED && isNoteTarget(c.meta as WikiLink))) {
      tokens[i - 1].hidden = true;
      tokens[i + 1].hidden = true;
    }
  }
}
