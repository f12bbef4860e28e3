import type { Delimiter, StateInline } from 'markdown-it';

const EQUALS = 0x3d;

/**
 * `==highlight==` → `<mark>`, built on markdown-it's delimiter machinery
 * (the same as its `~~strikethrough~~`), so emphasis, links and code inside
 * a highlight still render and flanking rules decide what pairs up.
 */
export function highlightTokenize(state: StateInline, silent: boolean): boolean {
  if (silent || state.src.charCodeAt(state.pos) !== EQUALS) return false;
  const scanned = state.scanDelims(state.pos, true);
  let len = scanned.length;
  if (len < 2) return false;

  if (len % 2) {
    state.push('text', '', 0).content = '=';
    len--;
  }
  for (let i = 0; i < len; i += 2) {
    state.push('text', '', 0).content = '==';
    state.delimiters.push({
      marker: EQUALS,
      length: 0, // no "rule of 3": that is for emphasis
      token: state.tokens.length - 1,
      end: -1,
      open: scanned.can_open,
      close: scanned.can_close,
    } as Delimiter);
  }
  state.pos += scanned.length;
  return true;
}

/** Turns balanced `==` pairs into mark_open/mark_close, at every nesting level. */
export function highlightPostProcess(state: StateInline): boolean {
  pairUp(state, state.delimiters);
  for (const meta of state.tokens_meta) {
    if (meta?.delimiters) pairUp(state, meta.delimiters);
  }
  return true;
}

function pairUp(state: StateInline, delimiters: Delimiter[]): void {
  const lone: number[] = [];
  for (const start of delimiters) {
    if (start.marker !== EQUALS || start.end === -1) continue;
    const end = delimiters[start.end];
    Object.assign(state.tokens[start.token], { type: 'mark_open', tag: 'mark', nesting: 1, markup: '==', content: '' });
    Object.assign(state.tokens[end.token], { type: 'mark_close', tag: 'mark', nesting: -1, markup: '==', content: '' });
    const before = state.tokens[end.token - 1];
    if (before.type === 'text' && before.content === '=') lone.push(end.token - 1);
  }
  // `===x===` splits as `=` `==` …: move the odd `=` past the closing tags it precedes.
  while (lone.length) {
    const i = lone.pop()!;
    let j = i + 1;
    while (j < state.tokens.length && state.tokens[j].type === 'mark_close') j++;
    j--;
    if (i !== j) [state.tokens[i], state.tokens[j]] = [state.tokens[j], state.tokens[i]];
  }
}
