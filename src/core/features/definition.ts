import type { Position, Range } from '../text/range';
import type { VaultIndex } from '../vault/vaultIndex';
import { linkAt } from './linkAt';
import { linkDestinations } from './linkTarget';
import type { Cancellation, Location } from './types';

/** A definition target in LocationLink's terms, with vault paths. */
export interface DefinitionTarget extends Location {
  /** What the editor selects in the target (heading line, block start, top of note). */
  selectionRange: Range;
  /** The link in the source note that leads there (the editor underlines it). */
  originRange: Range;
}

/**
 * Where the link under the cursor leads: the top of a note, a heading's
 * section, a block, an attachment; every candidate when the name is
 * ambiguous; nothing when unresolved. A missing heading or block still leads
 * to the note, as Obsidian opens the note.
 */
export function definition(index: VaultIndex, path: string, position: Position, token: Cancellation): DefinitionTarget[] {
  const entry = index.getNote(path);
  if (!entry || token.isCancellationRequested) return [];
  const at = linkAt(entry, position);
  if (!at) return [];
  return linkDestinations(index, path, at.link, at.resolution).map((d) => ({
    path: d.path,
    range: d.range,
    selectionRange: d.selectionRange,
    originRange: at.link.range,
  }));
}
