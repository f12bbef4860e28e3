/**
 * Reading back the review panel's saved webview state. Pure (no vscode), so
 * it is unit-tested. The state comes from disk (workspace storage), written
 * by whatever version of the extension ran before: anything malformed is
 * dropped rather than trusted, and a sitting left long ago is not resumed.
 */
import type { CardScope, Rating, ReviewPanelState, SavedRating } from '../../protocol/cards';

/**
 * A reload takes seconds and a restart minutes; a panel restored after a
 * longer pause starts a new sitting on the same scope (like Anki, a sitting
 * does not outlive a break).
 */
export const SITTING_GAP_MS = 60 * 60_000;

export function isCardScope(v: unknown): v is CardScope {
  if (!v || typeof v !== 'object') return false;
  const s = v as { kind?: unknown; uri?: unknown };
  return s.kind === 'vault' || ((s.kind === 'note' || s.kind === 'folder') && typeof s.uri === 'string');
}

function isSavedRating(v: unknown): v is SavedRating {
  if (!v || typeof v !== 'object') return false;
  const r = v as { id?: unknown; rating?: unknown; requeued?: unknown };
  return typeof r.id === 'string' && r.id !== '' && [1, 2, 3, 4].includes(r.rating as number) && typeof r.requeued === 'boolean';
}

/** A copy holding only the scope's own fields (an old state may carry more). */
function cleanScope(s: CardScope): CardScope {
  return s.kind === 'vault' ? { kind: 'vault' } : { kind: s.kind, uri: s.uri };
}

/**
 * The state to restore from, or undefined when there is no usable scope
 * (the caller then reviews the whole vault). Malformed ratings are left out;
 * all of them are when the state is older than SITTING_GAP_MS or from the future.
 */
export function parseReviewPanelState(raw: unknown, now: number): ReviewPanelState | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const s = raw as Partial<Record<keyof ReviewPanelState, unknown>>;
  if (s.v !== 1 || !isCardScope(s.scope)) return undefined;
  const savedAt = typeof s.savedAt === 'number' && Number.isFinite(s.savedAt) ? s.savedAt : 0;
  // A clock set back can make savedAt look a little ahead; far ahead is nonsense.
  const fresh = now - savedAt <= SITTING_GAP_MS && savedAt - now <= SITTING_GAP_MS;
  const ratings = fresh && Array.isArray(s.ratings) ? s.ratings.filter(isSavedRating).map((r) => ({ id: r.id, rating: r.rating as Rating, requeued: r.requeued })) : [];
  return {
    v: 1,
    scope: cleanScope(s.scope),
    scopeLabel: typeof s.scopeLabel === 'string' && s.scopeLabel.trim() ? s.scopeLabel : '',
    savedAt,
    ratings,
  };
}
