/**
 * `==highlight==` as a micromark text construct, modelled on
 * micromark-extension-gfm-strikethrough: `==` runs are tokenized with
 * attention-like flanking and paired in resolveAll, so inline content inside
 * (`==[[Note]]==`, `==**bold**==`) is still parsed. Only runs of exactly two.
 *
 * Differences from strikethrough, on purpose: pairing uses a delimiter stack
 * (strikethrough walks back from every closer, quadratic on a paragraph full
 * of unmatched closers), a closer only pairs with an opener at the same token
 * depth (a pair never straddles a link label), and nesting is capped so a
 * hostile note cannot blow the call stack.
 */
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown';
import type { Data, PhrasingContent } from 'mdast';
import type { Code, Effects, Event, Extension, Resolver, State, TokenizeContext, Tokenizer } from 'micromark-util-types';
import type { Position } from 'unist';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    highlight: 'highlight';
    highlightSequence: 'highlightSequence';
    highlightSequenceTemporary: 'highlightSequenceTemporary';
    highlightText: 'highlightText';
  }
}

/** mdast node for `==…==`. */
export interface HighlightNode {
  type: 'highlight';
  children: PhrasingContent[];
  position?: Position;
  data?: Data;
}

declare module 'mdast' {
  interface PhrasingContentMap {
    highlight: HighlightNode;
  }
  interface RootContentMap {
    highlight: HighlightNode;
  }
}

const EQUALS = 61;
const MAX_NESTING = 16;

/** micromark's classifyCharacter: 1 = whitespace (or edge), 2 = punctuation. */
function classify(code: Code): 1 | 2 | undefined {
  if (code === null || code < 0 || code === 32) return 1;
  const ch = String.fromCharCode(code);
  if (/\s/.test(ch)) return 1;
  if (/[\p{P}\p{S}]/u.test(ch)) return 2;
  return undefined;
}

const tokenizeHighlight: Tokenizer = function (this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const previous = this.previous;
  const events = this.events;
  let size = 0;
  return start;

  function start(code: Code): State | undefined {
    // Part of a longer `===` run (unless that `=` was escaped).
    if (previous === EQUALS && events[events.length - 1]?.[1].type !== 'characterEscape') return nok(code);
    effects.enter('highlightSequenceTemporary');
    return more(code);
  }

  function more(code: Code): State | undefined {
    if (code === EQUALS) {
      if (size > 1) return nok(code);
      effects.consume(code);
      size++;
      return more;
    }
    if (size < 2) return nok(code);
    const before = classify(previous);
    const token = effects.exit('highlightSequenceTemporary');
    const after = classify(code);
    token._open = !after || (after === 2 && Boolean(before));
    token._close = !before || (before === 2 && Boolean(after));
    return ok(code);
  }
};

function append(target: Event[], items: Event[]): void {
  // A loop, not push(...items): spreading a huge array overflows the stack.
  for (const item of items) target.push(item);
}

const resolveAllHighlight: Resolver = function (events, context) {
  const partner = pairSequences(events);
  const inside = (context.parser.constructs.insideSpan.null ?? []).filter(
    (c) => c.resolveAll && c.resolveAll !== resolveAllHighlight,
  );
  const resolveInside = (slice: Event[]): Event[] => {
    const called = new Set<Resolver>();
    for (const c of inside) {
      if (c.resolveAll && !called.has(c.resolveAll)) {
        slice = c.resolveAll(slice, context);
        called.add(c.resolveAll);
      }
    }
    return slice;
  };

  const build = (from: number, to: number): Event[] => {
    const out: Event[] = [];
    let i = from;
    while (i < to) {
      const close = partner.get(i);
      if (close === undefined) {
        out.push(events[i++]);
        continue;
      }
      const openSeq = events[i][1];
      const closeSeq = events[close][1];
      openSeq.type = 'highlightSequence';
      closeSeq.type = 'highlightSequence';
      const whole: Token = { type: 'highlight', start: { ...openSeq.start }, end: { ...closeSeq.end } };
      const text: Token = { type: 'highlightText', start: { ...openSeq.end }, end: { ...closeSeq.start } };
      append(out, [['enter', whole, context], ['enter', openSeq, context], ['exit', openSeq, context], ['enter', text, context]]);
      append(out, resolveInside(build(i + 2, close)));
      append(out, [['exit', text, context], ['enter', closeSeq, context], ['exit', closeSeq, context], ['exit', whole, context]]);
      i = close + 2;
    }
    return out;
  };

  if (partner.size) {
    // In place: micromark's subtokenizer keeps a reference to this very array.
    const result = build(0, events.length);
    events.length = 0;
    append(events, result);
  }
  for (const event of events) {
    if (event[1].type === 'highlightSequenceTemporary') event[1].type = 'data';
  }
  return events;
};

/** Maps the enter index of each opening run to the enter index of its closing run. */
function pairSequences(events: Event[]): Map<number, number> {
  const partner = new Map<number, number>();
  const openers: { index: number; depth: number }[] = [];
  let depth = 0;
  for (let i = 0; i < events.length; i++) {
    const [kind, token] = events[i];
    if (kind === 'exit') {
      depth--;
      while (openers.length && openers[openers.length - 1].depth > depth) openers.pop();
      continue;
    }
    if (token.type === 'highlightSequenceTemporary') {
      const top = openers[openers.length - 1];
      if (token._close && top && top.depth === depth) {
        partner.set(openers.pop()!.index, i);
      } else if (token._open && openers.length < MAX_NESTING) {
        openers.push({ index: i, depth });
      }
    }
    depth++;
  }
  return partner;
}

/** micromark syntax extension for `==highlight==`. */
export function highlightSyntax(): Extension {
  const construct = { name: 'highlight', tokenize: tokenizeHighlight, resolveAll: resolveAllHighlight };
  return {
    text: { [EQUALS]: construct },
    insideSpan: { null: [construct] },
    // Lets `==**bold**==` open the strong right after the `==`, as for `~~`.
    attentionMarkers: { null: [EQUALS] },
  };
}

/** mdast-util-from-markdown extension that builds `highlight` nodes. */
export function highlightFromMarkdown(): FromMarkdownExtension {
  return {
    canContainEols: ['highlight'],
    enter: {
      highlight(this: CompileContext, token: Token) {
        this.enter({ type: 'highlight', children: [] }, token);
      },
    },
    exit: {
      highlight(this: CompileContext, token: Token) {
        this.exit(token);
      },
    },
  };
}
