import { LineIndex } from '../text/lineIndex';
import type { Range } from '../text/range';
import type { VaultIndex } from '../vault/vaultIndex';
import { noteName } from '../vault/vaultPath';
import type { CompletionKind, CompletionResult, LinkCompletion } from './completion';
import { matchQuality } from './completionTable';
import { headingLinkText } from './linkText';

/** Where the items of a completion go and how the link writes them. */
export interface CompletionPlace {
  range: Range;
  replaceRange: Range;
  /** Appended to every item: what closes a link that is not closed yet (`]]`, `>`), else ''. */
  close: string;
  /** How the link writes a heading (Markdown links percent-encode it). */
  write: (s: string) => string;
  /** Filter by the text as written rather than by the label: once the user typed an escape (`%20`), the editor filters what they typed against that. */
  filterAsWritten?: boolean;
}

/**
 * Headings, block ids or aliases of the note at `target` whose label
 * matches `prefix`, in the note's order, for a wiki or Markdown link.
 */
export function completeInNote(index: VaultIndex, target: string, part: 'heading' | 'block' | 'alias', prefix: string, place: CompletionPlace): CompletionResult {
  const entry = index.getNote(target);
  if (!entry) return { items: [], isIncomplete: false };
  const query = prefix.toLowerCase();
  const make = (label: string, kind: CompletionKind, insert: string, i: number, detail?: string): LinkCompletion => ({
    label,
    kind,
    detail,
    insertText: insert + place.close,
    filterText: place.filterAsWritten ? insert : label,
    sortText: String(i).padStart(4, '0'),
    range: place.range,
    replaceRange: place.replaceRange,
  });
  let items: LinkCompletion[];
  if (part === 'heading') {
    items = entry.model.headings.map((h, i) => make(h.text, 'heading', place.write(headingLinkText(h.text)), i, `H${h.level}`));
  } else if (part === 'block') {
    const text = entry.text; // read once: it may come from disk on each access
    const lines = new LineIndex(text);
    items = entry.model.blockIds.map((b, i) => make(b.id, 'block', b.id, i, blockPreview(text, b.blockRange, b.range, lines)));
  } else {
    items = (entry.model.frontmatter?.aliases ?? []).map((a, i) => make(a, 'alias', a, i, `alias of ${noteName(target)}`));
  }
  return { items: items.filter((it) => matchQuality(query, it.label) >= 0), isIncomplete: false };
}

/** The first line of a block, without its `^id` marker and list bullet, shortened. */
function blockPreview(text: string, block: Range, marker: Range, lines: LineIndex): string {
  const start = lines.offsetAt(block.start);
  const end = block.start.line === marker.start.line ? lines.offsetAt(marker.start) : lines.lineEnd(block.start.line);
  const first = text.slice(start, Math.max(start, end)).replace(/^\s*(?:[-*+]|\d+[.)]|#+|>)\s+/, '').trim();
  return first.length > 80 ? first.slice(0, 79) + '…' : first;
}
