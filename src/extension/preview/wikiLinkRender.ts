import type MarkdownIt from 'markdown-it';
import type { Renderer } from 'markdown-it';
import { basename, extname, mediaKind } from '../../core/vault/vaultPath';
import { contextOf, renderNoteEmbed } from './noteEmbed';
import { encodeFragment, hasScheme, headingSlug, isLoadableUri, relativeHref } from './previewHtml';
import type { PreviewResolver } from './previewResolver';
import { EMBED, LINK_CLOSE, LINK_OPEN, defaultLinkText, isNoteTarget, type WikiLink } from './wikiLinkSyntax';

type Target =
  | { kind: 'note'; path: string }
  | { kind: 'file'; path: string; uri: string }
  | { kind: 'ambiguous'; candidates: string[] }
  | { kind: 'missing' };

/**
 * Render rules for wiki links and embeds. Resolution happens here, at render
 * time, because VS Code caches parsed tokens per document version while the
 * rest of the vault keeps changing. Every piece of user text goes through
 * escapeHtml; hrefs are built only from resolved vault paths.
 */
export function installWikiLinkRenderers(md: MarkdownIt, resolver: PreviewResolver): void {
  const esc = md.utils.escapeHtml;
  const rules: Renderer['rules'] = md.renderer.rules;

  function resolve(link: WikiLink, env: unknown): Target {
    const from = contextOf(env, resolver).sourcePath;
    const media = mediaKind(link.path);
    if (isNoteTarget(link) || media === 'other') {
      const note = resolver.resolveNote(link.path, from);
      if (note && 'path' in note) return { kind: 'note', path: note.path };
      if (note) return { kind: 'ambiguous', candidates: note.ambiguous };
      // `Report v1.2` has an "extension" but may still be a note; only then try files.
      if (extname(link.path) === '' || extname(link.path) === 'md') return { kind: 'missing' };
    }
    const file = resolver.resolveAttachment(link.path, from, env);
    if (!file) return { kind: 'missing' };
    if ('ambiguous' in file) return { kind: 'ambiguous', candidates: file.ambiguous };
    return isLoadableUri(file.uri) ? { kind: 'file', path: file.path, uri: file.uri } : { kind: 'missing' };
  }

  function fragment(link: WikiLink): string | undefined {
    if (link.blockId) return '^' + link.blockId;
    const last = link.headings[link.headings.length - 1];
    return last === undefined ? undefined : headingSlug(last);
  }

  rules[LINK_OPEN] = (tokens, idx, _options, env) => {
    const link = tokens[idx].meta as WikiLink;
    const ctx = contextOf(env, resolver);
    const frag = fragment(link);
    if (link.path === '') {
      if (frag === undefined) return unresolvedOpen(link, 'Empty link');
      // Inside an embed the heading belongs to the embedded note, so link to that note.
      const href = ctx.sourcePath === ctx.hostPath ? `#${encodeFragment(frag)}` : relativeHref(ctx.hostPath, ctx.sourcePath, frag);
      return anchor(href);
    }
    const target = resolve(link, env);
    switch (target.kind) {
      case 'note':
        return anchor(
          target.path === ctx.hostPath && frag !== undefined
            ? `#${encodeFragment(frag)}`
            : relativeHref(ctx.hostPath, target.path, frag),
        );
      case 'file':
        return anchor(relativeHref(ctx.hostPath, target.path));
      case 'ambiguous':
        return unresolvedOpen(link, `Ambiguous link: ${target.candidates.join(', ')}`, 'mmnotes-ambiguous');
      case 'missing':
        // `[[javascript:alert(1)]]` and friends: no href at all, not even a relative one.
        return hasScheme(link.path)
          ? unresolvedOpen(link, 'Not a vault link', 'mmnotes-not-a-link')
          : unresolvedOpen(link, `Unresolved link: ${link.path}`);
    }
  };

  rules[LINK_CLOSE] = () => '</a>';

  function anchor(href: string): string {
    // data-href: VS Code's preview opens a link through the editor when it has one.
    return `<a class="mmnotes-link" href="${esc(href)}" data-href="${esc(href)}">`;
  }

  function unresolvedOpen(link: WikiLink, title: string, extra = ''): string {
    const cls = `mmnotes-link mmnotes-unresolved${extra ? ' ' + extra : ''}`;
    return `<a class="${cls}" title="${esc(title)}" data-target="${esc(defaultLinkText(link))}">`;
  }

  rules[EMBED] = (tokens, idx, _options, env) => {
    const link = tokens[idx].meta as WikiLink;
    const name = link.path || defaultLinkText(link);
    const target = link.path === '' ? { kind: 'note' as const, path: contextOf(env, resolver).sourcePath } : resolve(link, env);
    if (target.kind === 'ambiguous') return missing(name, `Ambiguous embed: ${target.candidates.join(', ')}`);
    if (target.kind === 'missing') return missing(name, `Not found in the vault: ${name}`);
    if (target.kind === 'note') return renderNoteEmbed(md, resolver, link, target.path, env);
    return renderMedia(link, target, env);
  };

  function renderMedia(link: WikiLink, file: { path: string; uri: string }, env: unknown): string {
    const src = esc(file.uri);
    const size = link.size
      ? ` width="${link.size.width}"${link.size.height !== undefined ? ` height="${link.size.height}"` : ''}`
      : '';
    const label = esc(link.alias ?? basename(file.path));
    switch (mediaKind(file.path)) {
      case 'image':
        return `<img class="mmnotes-embed-image" src="${src}" alt="${label}"${size}>`;
      case 'audio':
        return `<audio class="mmnotes-embed-audio" controls src="${src}" title="${label}"></audio>`;
      case 'video':
        return `<video class="mmnotes-embed-video" controls src="${src}" title="${label}"${size}></video>`;
      default: {
        // PDFs and other files: the preview cannot show them; the editor can open them.
        const href = esc(relativeHref(contextOf(env, resolver).hostPath, file.path));
        return `<a class="mmnotes-link mmnotes-embed-file" href="${href}" data-href="${href}">${label}</a>`;
      }
    }
  }

  function missing(name: string, title: string): string {
    return `<span class="mmnotes-missing" title="${esc(title)}">${esc(name)}</span>`;
  }
}
