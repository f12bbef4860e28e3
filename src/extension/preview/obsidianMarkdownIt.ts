import type MarkdownIt from 'markdown-it';
import { blockIds } from './blockIds';
import { callouts } from './callouts';
import { blockComment, inlineComment } from './comments';
import { highlightPostProcess, highlightTokenize } from './highlight';
import { mathGuard } from './mathGuard';
import type { PreviewResolver } from './previewResolver';
import { installWikiLinkRenderers } from './wikiLinkRender';
import { unwrapEmbedParagraphs, wikiLinkRule } from './wikiLinkSyntax';

/**
 * Obsidian syntax for a markdown-it instance (VS Code's Markdown preview
 * calls this through `extendMarkdownIt`): wiki links and embeds,
 * transclusion, `==highlights==`, callouts, `%%comments%%` and `^block-id`s.
 *
 * Host-agnostic and synchronous: everything outside the text comes from the
 * resolver. Inline rules only ever see text that code spans, autolinks,
 * HTML and maths have not already claimed; fences and indented code are
 * never inline-parsed at all.
 */
export function obsidianMarkdownIt(md: MarkdownIt, resolver: PreviewResolver): void {
  md.block.ruler.before('fence', 'mmnotes_comment', blockComment, {
    alt: ['paragraph', 'reference', 'blockquote', 'list'],
  });

  md.inline.ruler.before('link', 'mmnotes_wikilink', wikiLinkRule);
  md.inline.ruler.before('link', 'mmnotes_comment', inlineComment);
  md.inline.ruler.before('emphasis', 'mmnotes_highlight', highlightTokenize);
  md.inline.ruler.push('mmnotes_math_guard', mathGuard);
  md.inline.ruler2.before('emphasis', 'mmnotes_highlight', highlightPostProcess);

  md.core.ruler.after('block', 'mmnotes_callouts', callouts);
  md.core.ruler.push('mmnotes_block_ids', blockIds);
  md.core.ruler.push('mmnotes_embed_paragraphs', unwrapEmbedParagraphs);

  installWikiLinkRenderers(md, resolver);
}
