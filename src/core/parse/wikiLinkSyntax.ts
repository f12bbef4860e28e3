/**
 * `[[target]]` and `![[target]]` as a micromark text construct, plus the
 * mdast-util-from-markdown handlers that turn it into a `wikiLink` node.
 *
 * Why our own and not a package (checked against the npm registry and the
 * packages' sources while writing this):
 * - `micromark-extension-wiki-link` 0.0.4 (its last release) targets the
 *   micromark 2 extension API: its only dependency is `@babel/runtime`, none
 *   of the `micromark-util-*` packages micromark 3+ extensions are built on,
 *   and remark-parse 11 runs micromark 4.
 * - `@flowershow/remark-wiki-link` 4.x does use the current API, but it is a
 *   renderer: it pulls `@flowershow/core` and `github-slugger`, turns links
 *   into hast properties resolved against permalinks, splits only
 *   target/alias (no ranges for path, headings, block id or size), keeps the
 *   `\` of the table form `[[Note\|alias]]` in the target, and its mdast
 *   handler has a `throw` path; a language server wants none of that.
 * Ours is ~100 lines, keeps the raw content (ranges come from offsets in
 * parseTarget) and is linear on adversarial input.
 *
 * Rules: no line ending, `[` or `]` inside (Obsidian forbids `[]` in linkable
 * names, and refusing them keeps each attempt from rescanning the line), at
 * least one non-blank character. Registered on `[` and `!` ahead of the
 * CommonMark label starts, so `[[x]]` never becomes a reference link.
 */
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown';
import type { Data } from 'mdast';
import type { Code, Effects, Extension, State, Tokenizer } from 'micromark-util-types';
import type { Position } from 'unist';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    wikiLink: 'wikiLink';
    wikiLinkEmbedMarker: 'wikiLinkEmbedMarker';
    wikiLinkMarker: 'wikiLinkMarker';
    wikiLinkValue: 'wikiLinkValue';
  }
}

/** mdast node for `[[…]]` / `![[…]]`; parts are split later from source offsets. */
export interface WikiLinkNode {
  type: 'wikiLink';
  embed: boolean;
  /** Raw text between `[[` and `]]`. */
  value: string;
  position?: Position;
  data?: Data;
}

declare module 'mdast' {
  interface PhrasingContentMap {
    wikiLink: WikiLinkNode;
  }
  interface RootContentMap {
    wikiLink: WikiLinkNode;
  }
}

const EXCLAMATION = 33;
const LEFT_BRACKET = 91;
const RIGHT_BRACKET = 93;
/** Longest content we accept: a bound on work per attempt, far above real names. */
const MAX_CONTENT = 4096;

function isLineEndingOrEof(code: Code): boolean {
  return code === null || code < -2;
}

const tokenizeWikiLink: Tokenizer = function (effects: Effects, ok: State, nok: State): State {
  let size = 0;
  let blank = true;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('wikiLink');
    if (code === EXCLAMATION) {
      effects.enter('wikiLinkEmbedMarker');
      effects.consume(code);
      effects.exit('wikiLinkEmbedMarker');
      return openFirst;
    }
    return openFirst(code);
  }

  function openFirst(code: Code): State | undefined {
    if (code !== LEFT_BRACKET) return nok(code);
    effects.enter('wikiLinkMarker');
    effects.consume(code);
    return openSecond;
  }

  function openSecond(code: Code): State | undefined {
    if (code !== LEFT_BRACKET) return nok(code);
    effects.consume(code);
    effects.exit('wikiLinkMarker');
    return valueStart;
  }

  function valueStart(code: Code): State | undefined {
    if (code === RIGHT_BRACKET || code === LEFT_BRACKET || isLineEndingOrEof(code)) return nok(code);
    effects.enter('wikiLinkValue');
    return value(code);
  }

  function value(code: Code): State | undefined {
    if (code === RIGHT_BRACKET) {
      if (blank) return nok(code);
      effects.exit('wikiLinkValue');
      effects.enter('wikiLinkMarker');
      effects.consume(code);
      return closeSecond;
    }
    if (code === LEFT_BRACKET || isLineEndingOrEof(code) || ++size > MAX_CONTENT) return nok(code);
    // Tabs arrive as a tab code (-2) followed by virtual spaces (-1).
    if (code !== null && code > 32) blank = false;
    effects.consume(code);
    return value;
  }

  function closeSecond(code: Code): State | undefined {
    if (code !== RIGHT_BRACKET) return nok(code);
    effects.consume(code);
    effects.exit('wikiLinkMarker');
    effects.exit('wikiLink');
    return ok;
  }
};

/** micromark syntax extension for wiki links and embeds. */
export function wikiLinkSyntax(): Extension {
  const construct = { name: 'wikiLink', tokenize: tokenizeWikiLink };
  return { text: { [LEFT_BRACKET]: construct, [EXCLAMATION]: construct } };
}

/** mdast-util-from-markdown extension that builds `wikiLink` nodes. */
export function wikiLinkFromMarkdown(): FromMarkdownExtension {
  return {
    enter: {
      wikiLink(this: CompileContext, token: Token) {
        this.enter({ type: 'wikiLink', embed: false, value: '' }, token);
      },
    },
    exit: {
      wikiLinkEmbedMarker(this: CompileContext) {
        (this.stack[this.stack.length - 1] as WikiLinkNode).embed = true;
      },
      wikiLinkValue(this: CompileContext, token: Token) {
        (this.stack[this.stack.length - 1] as WikiLinkNode).value = this.sliceSerialize(token);
      },
      wikiLink(this: CompileContext, token: Token) {
        this.exit(token);
      },
    },
  };
}
