/**
 * Inline `$math$` by Obsidian's rules, replacing micromark-extension-math's
 * text construct (which pairs any two `$` like code spans, so in "costs $5
 * and [[Note]] costs $10" the link vanished into math).
 *
 * Obsidian (like Pandoc): the opening `$` is followed by a non-blank, the
 * closing `$` follows a non-blank and is not followed by a digit. Unlike
 * Pandoc, the first `$` that is no closer ends the attempt (write `\$` for a
 * dollar inside math). `$$…$$` inside a line is display math and may be
 * padded with spaces. Math stays on one line. Emits the token types of micromark-extension-math, so
 * mdast-util-math still builds the `inlineMath` nodes.
 */
import type { Code, Effects, Extension, State, TokenizeContext, Tokenizer } from 'micromark-util-types';

const DOLLAR = 36;
const BACKSLASH = 92;

function isBlank(code: Code): boolean {
  // Tabs arrive as -2 then virtual spaces (-1); line endings are below -2.
  return code === null || code < 0 || code === 32;
}

function isDigit(code: Code): boolean {
  return code !== null && code >= 48 && code <= 57;
}

const tokenizeInlineMath: Tokenizer = function (this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const previous = this.previous;
  let size = 0;
  let closeSize = 0;
  let last: Code = null;
  return start;

  function start(code: Code): State | undefined {
    // Inside a longer run of `$`: that run was already tried.
    if (previous === DOLLAR) return nok(code);
    effects.enter('mathText');
    effects.enter('mathTextSequence');
    return open(code);
  }

  function open(code: Code): State | undefined {
    if (code === DOLLAR) {
      if (size === 2) return nok(code);
      effects.consume(code);
      size++;
      return open;
    }
    effects.exit('mathTextSequence');
    if (code === null || code < -2 || (size === 1 && isBlank(code))) return nok(code);
    effects.enter('mathTextData');
    return data(code);
  }

  function data(code: Code): State | undefined {
    if (code === null || code < -2) return nok(code);
    if (code === DOLLAR && last !== BACKSLASH) {
      effects.exit('mathTextData');
      effects.enter('mathTextSequence');
      closeSize = 0;
      return close(code);
    }
    effects.consume(code);
    last = code;
    return data;
  }

  function close(code: Code): State | undefined {
    if (code === DOLLAR) {
      effects.consume(code);
      closeSize++;
      return close;
    }
    if (closeSize !== size || (size === 1 && (isBlank(last) || isDigit(code)))) {
      // Not a closer: rather than read on (Pandoc does), give up, as a `$`
      // that cannot close here usually opens something else ("$5 and $10").
      return nok(code);
    }
    effects.exit('mathTextSequence');
    effects.exit('mathText');
    return ok(code);
  }
};

/** micromark extension: Obsidian inline math (use with math(), whose own text construct it disables). */
export function inlineMathSyntax(): Extension {
  return {
    text: { [DOLLAR]: { name: 'obsidianInlineMath', tokenize: tokenizeInlineMath } },
    disable: { null: ['mathText'] },
  };
}
