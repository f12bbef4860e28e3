import { LineIndex } from '../text/lineIndex';
import type { Range } from '../text/range';
import type { VaultIndex } from '../vault/vaultIndex';
import { sectionRange } from './linkTarget';
import type { Cancellation } from './types';

export interface NoteFoldingRange {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region';
}

/**
 * Foldable regions of a note: heading sections, multi-line list items and
 * blockquotes (callouts among them), frontmatter, code fences, math blocks
 * and comments. One range per start line, the longest, as editors keep one.
 */
export function foldingRanges(index: VaultIndex, path: string, token: Cancellation): NoteFoldingRange[] {
  const entry = index.getNote(path);
  if (!entry) return [];
  const { model, text } = entry;
  const lines = new LineIndex(text);
  const byStart = new Map<number, NoteFoldingRange>();
  const add = (startLine: number, endLine: number, kind?: NoteFoldingRange['kind']) => {
    if (endLine <= startLine) return;
    const old = byStart.get(startLine);
    if (!old || old.endLine < endLine) byStart.set(startLine, kind ? { startLine, endLine, kind } : { startLine, endLine });
  };

  model.headings.forEach((_, i) => {
    const r = sectionRange(text, model, i, lines);
    add(r.start.line, r.end.line);
  });
  if (token.isCancellationRequested) return [];
  for (const b of model.blocks) {
    if (b.kind === 'listItem' || b.kind === 'blockquote') add(b.range.start.line, lastLine(b.range));
  }
  if (model.frontmatter) add(model.frontmatter.range.start.line, lastLine(model.frontmatter.range));
  for (const c of model.callouts) add(c.range.start.line, lastLine(c.range));
  for (const r of model.literalRanges) {
    const first = lines.lineText(r.start.line).slice(r.start.character);
    const comment = first.startsWith('<!--') || first.startsWith('%%');
    add(r.start.line, lastLine(r), comment ? 'comment' : undefined);
  }
  return [...byStart.values()].sort((a, b) => a.startLine - b.startLine);
}

/** The last line a range has text on (a range ending at column 0 stops on the line before). */
function lastLine(r: Range): number {
  return r.end.character === 0 && r.end.line > r.start.line ? r.end.line - 1 : r.end.line;
}
