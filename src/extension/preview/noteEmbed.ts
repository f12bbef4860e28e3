import type MarkdownIt from 'markdown-it';
import { nameKey, noteName } from '../../core/vault/vaultPath';
import { noteSection } from './noteSection';
import { freshSlugBuilder, relativeHref } from './previewHtml';
import type { PreviewResolver } from './previewResolver';
import { defaultLinkText, type WikiLink } from './wikiLinkSyntax';

/** Transclusions nest at most this deep (Obsidian stops too; it keeps previews fast). */
export const MAX_EMBED_DEPTH = 3;

/** Where in a chain of transclusions a render is: kept in markdown-it's env. */
export interface EmbedContext {
  /** The note the preview shows: hrefs are relative to it. */
  hostPath: string;
  /** The note whose text is being rendered: links resolve from it. */
  sourcePath: string;
  /** Keys (path + subpath) of the notes being rendered, outermost first. */
  stack: readonly string[];
}

const CONTEXT = 'mmnotesEmbed';

export function contextOf(env: unknown, resolver: PreviewResolver): EmbedContext {
  const own = env !== null && typeof env === 'object' ? (env as Record<string, unknown>)[CONTEXT] : undefined;
  if (own !== undefined) return own as EmbedContext;
  const host = resolver.currentPath(env);
  return { hostPath: host, sourcePath: host, stack: [embedKey(host, '')] };
}

function embedKey(path: string, subpath: string): string {
  return `${path}#${subpath}`;
}

function subpathOf(link: WikiLink): string {
  return link.blockId !== undefined ? `^${link.blockId}` : link.headings.join('#');
}

/**
 * Renders `![[Note]]`, `![[Note#Heading]]` or `![[Note#^block]]` with the
 * same markdown-it instance, so every other plugin (math, our callouts…)
 * applies inside too. Cycles and the depth limit become a visible notice
 * instead of recursion.
 */
export function renderNoteEmbed(
  md: MarkdownIt,
  resolver: PreviewResolver,
  link: WikiLink,
  path: string,
  env: unknown,
): string {
  const esc = md.utils.escapeHtml;
  const ctx = contextOf(env, resolver);
  const key = embedKey(path, subpathOf(link));
  const title = defaultLinkText({ ...link, path: link.path || noteName(path) });
  const titleHtml = `<div class="mmnotes-embed-title"><a class="mmnotes-link" href="${esc(relativeHref(ctx.hostPath, path))}" data-href="${esc(relativeHref(ctx.hostPath, path))}">${esc(title)}</a></div>`;

  // Exact path + subpath: a note may embed another section of itself; the depth limit bounds the rest.
  if (ctx.stack.some((k) => nameKey(k) === nameKey(key))) {
    const chain = [...ctx.stack.map((k) => k.replace(/#$/, '')), key.replace(/#$/, '')].join(' → ');
    return notice(esc, `Embed cycle: ${chain}`, 'mmnotes-embed-cycle');
  }
  if (ctx.stack.length > MAX_EMBED_DEPTH) {
    return notice(esc, `Embeds nest deeper than ${MAX_EMBED_DEPTH} levels: ${title} is not shown`, 'mmnotes-embed-depth');
  }
  const text = resolver.noteText(path);
  const section = text === undefined ? undefined : noteSection(text, link.headings, link.blockId);
  if (section === undefined) {
    return `<span class="mmnotes-missing" title="${esc(text === undefined ? 'Note text not available' : 'Not found in the note')}">${esc(title)}</span>`;
  }

  const child: EmbedContext = { hostPath: ctx.hostPath, sourcePath: path, stack: [...ctx.stack, key] };
  const parent = env !== null && typeof env === 'object' ? (env as Record<string, unknown>) : {};
  const childEnv: Record<string, unknown> = { ...parent, [CONTEXT]: child };
  if ('slugifier' in parent) childEnv.slugifier = freshSlugBuilder();

  const tokens = md.parse(section, childEnv);
  // Source lines of another note: VS Code's scroll sync must not map them to this editor.
  for (const t of tokens) t.map = null;
  const body = md.renderer.render(tokens, md.options, childEnv);
  return `<div class="mmnotes-embed" data-embed-path="${esc(path)}">${titleHtml}<div class="mmnotes-embed-content">${body}</div></div>\n`;
}

/** A span (styled as a block): the embed may sit inside a paragraph, where a div is invalid. */
function notice(esc: (s: string) => string, message: string, kind: string): string {
  return `<span class="mmnotes-embed-notice ${kind}" role="note">${esc(message)}</span>`;
}
