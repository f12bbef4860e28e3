/**
 * DOM building for the review page. Every piece of card text goes in with
 * textContent (through `el`), never innerHTML: a term such as
 * `<script>` or `<img onerror>` in a note shows as those characters.
 */
import type { CardView, DueCounts, HostToReview } from '../../protocol/cards';

type Child = Node | string | null | undefined | false;

/** An element with a class, attributes and text or element children. */
export function el(tag: string, cls?: string, children: Child[] = [], attrs: Record<string, string> = {}): HTMLElement {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return node;
}

const kbd = (key: string) => el('kbd', undefined, [key]);

export const RATINGS = [
  { rating: 1, label: 'Again', key: '1' },
  { rating: 2, label: 'Hard', key: '2' },
  { rating: 3, label: 'Good', key: '3' },
  { rating: 4, label: 'Easy', key: '4' },
] as const;

/** What the front asks: a definition's front starts with its context path, which is shown small above the term. */
function question(card: CardView): { context: string; prompt: Child[] } {
  if (card.kind === 'cloze') {
    const prompt: Child[] = card.cloze ? [card.cloze.before, el('span', 'gap', ['[…]']), card.cloze.after] : [card.front];
    return { context: card.context.join(' › '), prompt };
  }
  const path = card.context.join(' › ');
  if (path && card.front.startsWith(`${path} › `)) return { context: path, prompt: [card.front.slice(path.length + 3)] };
  return { context: path, prompt: [card.front] };
}

function answer(card: CardView): Child[] {
  if (card.kind === 'cloze' && card.cloze) return [card.cloze.before, el('mark', 'answer', [card.cloze.answer]), card.cloze.after];
  return [card.back];
}

function kindLabel(card: CardView): string {
  if (card.kind === 'cloze') return 'cloze';
  return card.reversed ? 'definition → term' : 'term → definition';
}

/** The card screen; `revealed` adds the answer and the rating buttons. */
export function cardScreen(m: Extract<HostToReview, { type: 'card' }>, revealed: boolean): HTMLElement {
  const { card, progress } = m;
  const q = question(card);
  const clozeRevealed = revealed && card.kind === 'cloze';
  const total = Math.max(progress.total, 1);
  const header = el('header', 'bar', [
    el('span', 'scope', [`Review · ${m.scopeLabel}`]),
    el('span', 'progress', [`${progress.done + 1} of ${progress.total}`], { 'data-testid': 'progress' }),
  ]);
  const meter = el('div', 'meter', [el('div', 'meter-fill')]);
  (meter.firstChild as HTMLElement).style.width = `${Math.round((progress.done / total) * 100)}%`;
  const cardBox = el('section', `card ${card.kind}${revealed ? ' revealed' : ''}`, [
    el('div', 'meta', [el('span', 'kind', [kindLabel(card)]), card.schedule.state === 'new' ? el('span', 'badge new', ['new']) : el('span', 'badge', [card.schedule.state])]),
    q.context ? el('div', 'context', [q.context]) : null,
    // A revealed cloze is its sentence with the answer marked: the same sentence twice would only be noise.
    clozeRevealed ? null : el('div', 'front', q.prompt, { 'data-testid': 'front' }),
    revealed && !clozeRevealed ? el('hr') : null,
    revealed ? el('div', clozeRevealed ? 'back front-size' : 'back', answer(card), { 'data-testid': 'back' }) : null,
    revealed && card.truncated ? el('div', 'truncated', ['(shortened: the note has the whole text)']) : null,
    el('a', 'source', [`${card.path}:${card.line + 1}`], { href: '#', 'data-action': 'open', title: 'Open the source line (O)' }),
  ]);
  const actions = revealed
    ? el(
        'footer',
        'actions',
        RATINGS.map((r) => el('button', `rate r${r.rating}`, [r.label, ' ', kbd(r.key)], { 'data-rating': String(r.rating) })),
      )
    : el('footer', 'actions', [el('button', 'reveal primary', ['Show answer ', kbd('Space')], { 'data-action': 'reveal' })]);
  const extra = el('div', 'secondary', [
    m.canUndo ? el('button', 'link', ['Undo last rating ', kbd('U')], { 'data-action': 'undo' }) : null,
    el('span', 'upcoming', [upcoming(m.counts)]),
  ]);
  return el('div', 'screen', [header, meter, cardBox, actions, extra]);
}

/** The end of a sitting: what was done, what comes next. */
export function endScreen(m: Extract<HostToReview, { type: 'end' }>): HTMLElement {
  const { summary: s, counts } = m;
  const title = s.reviewed ? 'Done for now' : 'Nothing due';
  const done = s.reviewed
    ? `You reviewed ${s.reviewed} card${s.reviewed === 1 ? '' : 's'}: ${s.ratings[1]} again, ${s.ratings[2]} hard, ${s.ratings[3]} good, ${s.ratings[4]} easy.`
    : `No card of ${m.scopeLabel} is due now.`;
  return el('div', 'screen end', [
    el('header', 'bar', [el('span', 'scope', [`Review · ${m.scopeLabel}`])]),
    el('section', 'card end-card', [
      el('h1', undefined, [title]),
      el('p', undefined, [done]),
      el('p', 'upcoming', [upcoming(counts)], { 'data-testid': 'upcoming' }),
      counts.unseen > counts.fresh ? el('p', 'hint', [`${counts.unseen - counts.fresh} new cards wait for another day (new cards per day: mmnotes.cards.newPerDay).`]) : null,
    ]),
    el('footer', 'actions', [
      el('button', 'primary', ['Check again ', kbd('R')], { 'data-action': 'restart' }),
      m.canUndo ? el('button', undefined, ['Undo last rating ', kbd('U')], { 'data-action': 'undo' }) : null,
    ]),
  ]);
}

export function upcoming(c: DueCounts): string {
  return `Later today: ${c.laterToday} · Tomorrow: ${c.tomorrow} · Not yet studied: ${c.unseen}`;
}
