import { aliasRange } from '../parse/noteModel';
import { LineIndex } from '../text/lineIndex';
import { comparePositions, type Range } from '../text/range';
import type { VaultIndex } from '../vault/vaultIndex';
import { sectionRange } from './linkTarget';
import type { Cancellation } from './types';

/** One outline entry: a frontmatter alias, a heading (its section as range) or a `^block-id`. */
export interface OutlineSymbol {
  name: string;
  kind: 'alias' | 'heading' | 'block';
  /** Heading level (1–6); aliases and blocks get 7 so they nest under any heading. */
  level: number;
  range: Range;
  selectionRange: Range;
  children: OutlineSymbol[];
}

/**
 * The outline of a note: its frontmatter aliases (each on its own text in
 * the YAML) first, then the headings as a tree by level, with block ids as
 * children of their section.
 */
export function documentSymbols(index: VaultIndex, path: string, token: Cancellation): OutlineSymbol[] {
  const entry = index.getNote(path);
  if (!entry) return [];
  const { model, text } = entry;
  const lines = new LineIndex(text);
  const fm = model.frontmatter;
  const aliases: OutlineSymbol[] = (fm?.aliases ?? []).map((name, i) => {
    const r = aliasRange(fm!, i);
    return { name, kind: 'alias', level: 7, range: r, selectionRange: r, children: [] };
  });
  const flat: OutlineSymbol[] = model.headings.map((h, i) => ({
    name: h.text.trim() || '(empty heading)',
    kind: 'heading',
    level: h.level,
    range: sectionRange(text, model, i, lines),
    selectionRange: h.textRange,
    children: [],
  }));
  for (const b of model.blockIds) {
    const r = union(b.blockRange, b.range);
    flat.push({ name: '^' + b.id, kind: 'block', level: 7, range: r, selectionRange: b.range, children: [] });
  }
  if (token.isCancellationRequested) return [];
  // A heading line can carry a block id too; sorting by start then level puts the heading first.
  flat.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.level - b.level);
  // The frontmatter comes before any heading: its aliases are roots.
  const roots: OutlineSymbol[] = aliases;
  const stack: OutlineSymbol[] = [];
  for (const s of flat) {
    while (stack.length && !(stack[stack.length - 1].level < s.level && contains(stack[stack.length - 1].range, s.range))) stack.pop();
    (stack.length ? stack[stack.length - 1].children : roots).push(s);
    if (s.kind === 'heading') stack.push(s);
  }
  return roots;
}

function union(a: Range, b: Range): Range {
  return {
    start: comparePositions(a.start, b.start) <= 0 ? a.start : b.start,
    end: comparePositions(a.end, b.end) >= 0 ? a.end : b.end,
  };
}

function contains(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}
