import { aliasRange } from '../parse/noteModel';
import { range, type Range } from '../text/range';
import type { VaultIndex } from '../vault/vaultIndex';
import { noteName } from '../vault/vaultPath';
import type { Cancellation } from './types';

export interface VaultSymbol {
  name: string;
  kind: 'note' | 'alias' | 'heading';
  path: string;
  range: Range;
  /** The note a heading or alias belongs to. */
  containerName?: string;
}

export const MAX_WORKSPACE_SYMBOLS = 200;

/**
 * Notes (by name), their aliases and their headings whose name contains the
 * query as a case-insensitive subsequence, best matches first, at most
 * `limit`. Stops early, returning [], when cancelled.
 */
export function workspaceSymbols(index: VaultIndex, query: string, token: Cancellation, limit = MAX_WORKSPACE_SYMBOLS): VaultSymbol[] {
  const q = query.replace(/\s+/g, '').toLowerCase();
  const scored: { s: VaultSymbol; score: number }[] = [];
  const consider = (s: VaultSymbol) => {
    const score = fuzzyScore(s.name, q);
    if (score !== undefined) scored.push({ s, score: score + KIND_PENALTY[s.kind] });
  };
  let n = 0;
  for (const entry of index.allNotes()) {
    if ((++n & 255) === 0 && token.isCancellationRequested) return [];
    const name = noteName(entry.path);
    consider({ name, kind: 'note', path: entry.path, range: range(0, 0, 0, 0) });
    const fm = entry.model.frontmatter;
    fm?.aliases.forEach((alias, i) => {
      consider({ name: alias, kind: 'alias', path: entry.path, range: aliasRange(fm, i), containerName: name });
    });
    for (const h of entry.model.headings) {
      consider({ name: h.text, kind: 'heading', path: entry.path, range: h.range, containerName: name });
    }
  }
  if (token.isCancellationRequested) return [];
  scored.sort((a, b) => a.score - b.score || a.s.name.length - b.s.name.length || a.s.path.localeCompare(b.s.path));
  return scored.slice(0, limit).map((x) => x.s);
}

/** Notes outrank their aliases, and both outrank headings, at equal match quality. */
const KIND_PENALTY = { note: 0, alias: 0.1, heading: 0.2 } as const;

/**
 * Lower is better; undefined when `query` (lower-cased, no spaces) is not a
 * subsequence of `name`. Exact, prefix and substring matches come first,
 * then subsequences by how spread out their letters are.
 */
export function fuzzyScore(name: string, query: string): number | undefined {
  if (query === '') return 10;
  const lower = name.toLowerCase();
  if (lower === query) return 0;
  if (lower.startsWith(query)) return 1;
  const at = lower.indexOf(query);
  if (at !== -1) return isWordStart(lower, at) ? 2 : 3;
  let i = 0;
  let first = -1;
  let starts = 0;
  for (let j = 0; j < lower.length && i < query.length; j++) {
    if (lower[j] !== query[i]) continue;
    if (first === -1) first = j;
    if (isWordStart(lower, j)) starts++;
    i++;
  }
  if (i < query.length) return undefined;
  // Matches on word starts ("mml" → Multimodal Machine Learning) beat scattered letters.
  return 4 + (1 - starts / query.length) * 4 + first / (lower.length + 1);
}

function isWordStart(text: string, i: number): boolean {
  return i === 0 || /[\s\-_/.()]/.test(text[i - 1]);
}
