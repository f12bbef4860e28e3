import { retrievability, type Card, type CardState } from '../../core/cards';
import type { FSRS } from 'ts-fsrs';
import type { CardSchedule, CardView } from '../../protocol/cards';

/** A core card and its state as the protocol carries them. */
export function cardView(card: Card, state: CardState, uri: string, now: Date, f: FSRS): CardView {
  const view: CardView = {
    id: card.id,
    kind: card.kind,
    front: card.front,
    back: card.back,
    context: card.context,
    rule: card.rule,
    path: card.source.path,
    uri,
    line: card.source.line - 1,
    schedule: scheduleView(state, now, f),
  };
  if (card.reversed) view.reversed = true;
  if (card.term !== undefined) view.term = card.term;
  if (card.aliases?.length) view.aliases = card.aliases;
  if (card.truncated) view.truncated = true;
  const cloze = card.kind === 'cloze' ? splitCloze(card.front, card.back) : undefined;
  if (cloze) view.cloze = cloze;
  return view;
}

function scheduleView(state: CardState, now: Date, f: FSRS): CardSchedule {
  const out: CardSchedule = { state: state.state, due: (state.isNew ? now : state.due).toISOString(), reviews: state.reviews, lapses: state.lapses };
  if (state.lastReview) out.lastReview = state.lastReview.toISOString();
  const r = retrievability(state, now, f);
  if (r !== undefined) out.retrievability = Math.round(r * 1000) / 1000;
  return out;
}

const GAP = '[…]';

/**
 * The front of a cloze shows `[…]` where its back shows `[answer]`; the rest
 * is the same sentence. Splitting here keeps `{{c1::…}}` parsing (and its
 * trouble with `}}` inside the answer) out of every client.
 */
export function splitCloze(front: string, back: string): CardView['cloze'] | undefined {
  const at = front.indexOf(GAP);
  if (at < 0 || front.indexOf(GAP, at + 1) >= 0) return undefined;
  const before = front.slice(0, at);
  const after = front.slice(at + GAP.length);
  if (!back.startsWith(`${before}[`) || !back.endsWith(`]${after}`) || back.length < before.length + after.length + 2) return undefined;
  return { before, answer: back.slice(before.length + 1, back.length - after.length - 1), after };
}

/** `now`, `in 10m`, `in 5h`, `in 3d`, `in 2mo`, `in 1.5y`: how far off a due time is, as a lens says it. */
export function dueIn(due: Date, now: Date): string {
  const ms = due.getTime() - now.getTime();
  if (ms <= 0) return 'now';
  const min = ms / 60_000;
  if (min < 60) return `in ${Math.max(1, Math.round(min))}m`;
  const h = min / 60;
  if (h < 24) return `in ${Math.round(h)}h`;
  const d = h / 24;
  if (d < 60) return `in ${Math.round(d)}d`;
  if (d < 365) return `in ${Math.round(d / 30)}mo`;
  return `in ${(d / 365).toFixed(1).replace(/\.0$/, '')}y`;
}

/**
 * The lens over one source line: `card · new`, `card · due in 3d`,
 * `cloze ×2 · due now`. Several cards on a line (a definition and its
 * reverse, two clozes in a sentence) share one lens showing the soonest.
 */
export function lensTitle(cards: readonly { card: Card; state: CardState }[], now: Date): string {
  const kinds = new Set(cards.map((c) => (c.card.kind === 'cloze' ? 'cloze' : 'card')));
  const label = kinds.size === 1 ? [...kinds][0] : 'card';
  const count = cards.length > 1 ? ` ×${cards.length}` : '';
  const reviewed = cards.filter((c) => !c.state.isNew);
  if (!reviewed.length) return `${label}${count} · new`;
  const soonest = reviewed.reduce((a, b) => (b.state.due < a.state.due ? b : a));
  const fresh = cards.length - reviewed.length;
  return `${label}${count} · due ${dueIn(soonest.state.due, now)}${fresh ? ` · ${fresh} new` : ''}`;
}
