import type { LanguageClient } from 'vscode-languageclient/node';
import type { GraphStore } from '../../core/graph/graphStore';
import { CardsListRequest } from '../../protocol/cards';
import { sendTyped } from '../typedClient';

/**
 * How well each node's cards are remembered, from the flashcards' own
 * state (the server's FSRS schedule): a note by all the cards it makes, a
 * concept by the definition cards at the lines where notes define it (the
 * defines edges carry that line, the cards their source line).
 */
export async function cardMemory(client: LanguageClient, store: GraphStore): Promise<Record<string, number | null>> {
  const { cards } = await sendTyped(client, CardsListRequest, { scope: { kind: 'vault' } });
  const definedAt = new Map<string, string[]>(); // `path:line` → concept node ids
  for (const e of store.edges.values()) {
    if (e.type !== 'defines' || e.line === undefined) continue;
    const key = `${e.source.slice('note:'.length)}:${e.line}`;
    definedAt.set(key, [...(definedAt.get(key) ?? []), e.target]);
  }
  const sums = new Map<string, { sum: number; reviewed: number; cards: number }>();
  const add = (id: string, r: number | undefined) => {
    const s = sums.get(id) ?? { sum: 0, reviewed: 0, cards: 0 };
    s.cards++;
    if (r !== undefined) (s.sum += r), s.reviewed++;
    sums.set(id, s);
  };
  for (const c of cards) {
    const r = c.schedule.retrievability;
    add(`note:${c.path}`, r);
    if (c.kind === 'definition' && !c.reversed) for (const id of definedAt.get(`${c.path}:${c.line}`) ?? []) add(id, r);
  }
  const out: Record<string, number | null> = {};
  for (const [id, s] of sums) out[id] = s.reviewed ? s.sum / s.reviewed : null;
  return out;
}
