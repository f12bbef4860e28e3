import { LineIndex } from '../text/lineIndex';
import type { Range } from '../text/range';
import type { VaultIndex } from '../vault/vaultIndex';
import { linkDestinations } from './linkTarget';
import { targetSpan } from './linkAt';
import type { Cancellation } from './types';

/** A clickable link: a target (path and, for headings and blocks, a line) or, when ambiguous, only a tooltip. */
export interface NoteDocumentLink {
  range: Range;
  /** undefined when the link is ambiguous: clicking must not guess (Go to Definition lists the candidates). */
  target?: { path: string; line?: number };
  tooltip?: string;
}

/** Every link and embed of a note that leads somewhere, as clickable links; unresolved ones are left to diagnostics. */
export function documentLinks(index: VaultIndex, path: string, token: Cancellation): NoteDocumentLink[] {
  const entry = index.getNote(path);
  if (!entry) return [];
  const out: NoteDocumentLink[] = [];
  const lineCache = new Map<string, LineIndex>();
  entry.model.links.forEach((link, i) => {
    if (token.isCancellationRequested) return;
    const resolution = entry.resolutions[i];
    if (!resolution || resolution.kind === 'unresolved') return;
    const span = targetSpan(link);
    if (resolution.kind === 'ambiguous') {
      out.push({ range: span, tooltip: `Ambiguous: ${resolution.candidates.join(', ')} (use Go to Definition to choose)` });
      return;
    }
    const [d] = linkDestinations(index, path, link, resolution, lineCache);
    if (!d) return;
    const line = d.kind === 'heading' || d.kind === 'block' || d.kind === 'alias' ? d.selectionRange.start.line : undefined;
    const tooltip = d.missing ? `Opens ${d.path}: its ${d.missing} is not found` : undefined;
    out.push({ range: span, target: { path: d.path, line }, ...(tooltip ? { tooltip } : {}) });
  });
  return out;
}
