import type { CodeLens } from 'vscode-languageserver/node';
import type { Card, CardState } from '../../core/cards';
import type { CardScope } from '../../protocol/cards';
import { lensTitle } from './cardViews';

/** The client command a lens runs: review the cards of this note (registered by the extension). */
export const REVIEW_COMMAND = 'mmnotes.reviewCards';

/**
 * One lens per source line that makes cards, so the rules are visible in
 * the editor: a student sees which highlights became cards and when each
 * is due, and a line without a lens made none.
 */
export function cardLenses(cards: readonly { card: Card; state: CardState }[], uri: string, now: Date): CodeLens[] {
  const byLine = new Map<number, { card: Card; state: CardState }[]>();
  for (const c of cards) {
    const line = c.card.source.line - 1;
    const list = byLine.get(line);
    if (list) list.push(c);
    else byLine.set(line, [c]);
  }
  const scope: CardScope = { kind: 'note', uri };
  return [...byLine.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([line, list]) => ({
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      command: { title: lensTitle(list, now), command: REVIEW_COMMAND, arguments: [scope] },
    }));
}
