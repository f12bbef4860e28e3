/**
 * The one place that knows which micromark / mdast extensions make up an
 * Obsidian note: CommonMark + GFM + math (inline by Obsidian's rules) + YAML
 * frontmatter + our wiki links and highlights. mdast-util-from-markdown is called directly (what
 * remark-parse does inside) to skip unified's processor setup per note.
 */
import type { Root } from 'mdast';
import { fromMarkdown, type CompileContext, type Extension as FromMarkdownExtension, type Token } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { mathFromMarkdown } from 'mdast-util-math';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { math } from 'micromark-extension-math';
import { highlightFromMarkdown, highlightSyntax } from './highlightSyntax';
import { inlineMathSyntax } from './inlineMathSyntax';
import { wikiLinkFromMarkdown, wikiLinkSyntax } from './wikiLinkSyntax';

/** Source offsets of a link/image destination as written (inside `<…>` if bracketed). */
export interface DestinationData {
  destinationStart?: number;
  destinationEnd?: number;
}

declare module 'mdast' {
  interface LinkData extends DestinationData {}
  interface ImageData extends DestinationData {}
}

/**
 * mdast keeps only the decoded `url` of a link; rename and diagnostics need
 * where the destination is in the source. Replaces the default exit handler
 * of the destination string, doing what it does plus recording the offsets.
 */
function destinationOffsets(): FromMarkdownExtension {
  return {
    exit: {
      resourceDestinationString(this: CompileContext, token: Token) {
        const url = this.resume();
        const node = this.stack[this.stack.length - 1];
        if (node.type === 'link' || node.type === 'image') {
          node.url = url;
          node.data = { ...node.data, destinationStart: token.start.offset, destinationEnd: token.end.offset };
        }
      },
    },
  };
}

const micromarkExtensions = [gfm(), math(), inlineMathSyntax(), frontmatter(['yaml']), highlightSyntax(), wikiLinkSyntax()];
const mdastExtensions = [
  gfmFromMarkdown(),
  mathFromMarkdown(),
  frontmatterFromMarkdown(['yaml']),
  highlightFromMarkdown(),
  wikiLinkFromMarkdown(),
  destinationOffsets(),
];

/** Parses note text (without a BOM) into mdast; offsets index into that text. */
export function markdownTree(text: string): Root {
  // Later extensions are tried first, so wiki links win over `[` label starts.
  return fromMarkdown(text, { extensions: micromarkExtensions, mdastExtensions });
}
