/**
 * Card identity: review history is keyed by card id, so the id must survive
 * what students do to notes. It is a hash of what the card *is*, not where
 * it is: kind + normalized term + the parent term that disambiguates it
 * (`Representation › Fusion`). Not in the key, on purpose: the note path
 * (moving a note), the heading path (renaming a heading), the position
 * (inserting lines) and the definition text (editing it).
 *
 * Collisions are resolved deterministically: a second card with the same
 * key in one note gets an ordinal (`#2`); the same key in two notes gets the
 * note name. When either shifts an id, or a term is renamed, `reconcile`
 * re-matches the orphaned history to the new card where that is unambiguous
 * and the review log records the match as a `relink` event.
 */
import { nameKey, noteName } from '../vault/vaultPath';
import type { Card, CardSnapshot } from './card';

/** 53-bit string hash (cyrb53): stable across runs and hosts, no crypto needed in core. */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return base36(4294967296 * (2097151 & h2) + (h1 >>> 0)).padStart(11, '0');
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * `value.toString(36)` for an integer in [0, 2^53), which is a generic
 * (and, per call, microsecond-slow) conversion in V8: every card id pays
 * it. The division is exact: below 2^53 a quotient by 36 never rounds
 * across an integer.
 */
export function base36(value: number): string {
  let out = '';
  do {
    const q = Math.floor(value / 36);
    out = DIGITS[value - q * 36] + out;
    value = q;
  } while (value > 0);
  return out;
}

/** Text as identity compares it: case, spacing, quotes and trailing punctuation do not matter. */
export function normalizeKeyText(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[“”„"'‘’`]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[\s:;,.!?]+$/, '')
    .trim();
}

type KeyFields = Pick<Card, 'kind' | 'term' | 'parentTerm' | 'reversed'>;

/** The identity key of a card, before collision handling. */
export function cardKey(card: KeyFields): string {
  return [card.kind, card.reversed ? 'r' : '', normalizeKeyText(card.term ?? ''), normalizeKeyText(card.parentTerm ?? '')].join('|');
}

function idOf(card: KeyFields, key: string): string {
  return `${card.kind === 'definition' ? 'd' : 'c'}${card.reversed ? 'r' : ''}-${hashText(key)}`;
}

/** Sets ids on the cards of one note (document order): key hash, with `#n` for repeats. */
export function assignNoteIds(cards: Card[]): void {
  const seen = new Map<string, number>();
  for (const card of cards) {
    const key = cardKey(card);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    card.id = idOf(card, n === 1 ? key : `${key}#${n}`);
  }
}

/** Re-ids cards whose id is also used in another note, adding the note name; mutates and returns `cards`. */
export function resolveVaultCollisions(cards: Card[]): Card[] {
  const byId = new Map<string, Card[]>();
  for (const c of cards) {
    const group = byId.get(c.id);
    if (group) group.push(c);
    else byId.set(c.id, [c]);
  }
  for (const group of byId.values()) {
    // Almost every id is used once: no Set per card (a vault has tens of thousands of cards, and this runs on every change).
    if (group.length < 2 || new Set(group.map((c) => c.source.path)).size < 2) continue;
    resolveCollisionGroup(group);
  }
  return cards;
}

/**
 * Re-ids the cards of one id used in several notes (in path, then document
 * order), adding the note name to the key; mutates the cards and the order
 * of `group`. The server's card set calls it for the ids an edit touched.
 */
export function resolveCollisionGroup(group: Card[]): void {
  group.sort((a, b) => (a.source.path < b.source.path ? -1 : a.source.path > b.source.path ? 1 : a.source.line - b.source.line));
  const seen = new Map<string, number>();
  for (const card of group) {
    const key = `${cardKey(card)}@${nameKey(noteName(card.source.path))}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    card.id = idOf(card, n === 1 ? key : `${key}#${n}`);
  }
}

/** What the log keeps of a card to re-match it later. */
export function snapshotOf(card: Card): CardSnapshot {
  const snap: CardSnapshot = {
    id: card.id,
    kind: card.kind,
    path: card.source.path,
    bodyHash: hashText(normalizeKeyText(card.kind === 'cloze' ? card.front : card.reversed ? card.front : card.back)),
  };
  if (card.reversed) snap.reversed = true;
  if (card.term !== undefined) snap.term = card.term;
  if (card.parentTerm !== undefined) snap.parentTerm = card.parentTerm;
  return snap;
}

export interface Relink {
  from: string;
  to: string;
  reason: 'same-term' | 'same-body' | 'similar-term';
}

export interface Reconciliation {
  /** Old history that continues under a new id (append these to the log). */
  relinks: Relink[];
  /** History whose card is gone: kept in the log, reported to the user. */
  orphans: CardSnapshot[];
}

/**
 * What reconcile needs of a card without history: its snapshot and, per
 * pass, the key the pass compares (see reconcile). A caller that reconciles
 * after every edit may keep these per card object (`fresh` below): they
 * cost a normalization and a hash of the card's text.
 */
export interface FreshCard {
  snap: CardSnapshot;
  /** Per pass of reconcile, in order: the key an orphan must share. */
  keys: readonly string[];
}

const shapeOf = (a: CardSnapshot) => `${a.kind}|${a.reversed ? 'r' : ''}`;
// The same note, even if it moved to another folder since: a body alone could match across notes by chance.
const noteKeyOf = (a: CardSnapshot) => nameKey(noteName(a.path));

/** One reconcile pass: an orphan's candidates are the fresh cards whose key is `want(o)` and that pass `also`. */
interface Pass {
  reason: Relink['reason'];
  key: (f: CardSnapshot) => string;
  want: (o: CardSnapshot) => string | undefined;
  also?: (o: CardSnapshot, f: CardSnapshot) => boolean;
}

const PASSES: readonly Pass[] = [
  { reason: 'same-term', key: (f) => `${shapeOf(f)}|${normalizeKeyText(f.term ?? '')}`, want: (o) => (o.term ? `${shapeOf(o)}|${normalizeKeyText(o.term)}` : undefined) },
  {
    reason: 'same-body',
    key: (f) => `${shapeOf(f)}|${noteKeyOf(f)}|${f.bodyHash}`,
    want: (o) => (o.path ? `${shapeOf(o)}|${noteKeyOf(o)}|${o.bodyHash}` : undefined),
  },
  {
    reason: 'similar-term',
    key: (f) => `${shapeOf(f)}|${noteKeyOf(f)}|${f.parentTerm ?? ''}`,
    want: (o) => (o.path ? `${shapeOf(o)}|${noteKeyOf(o)}|${o.parentTerm ?? ''}` : undefined),
    also: (o, f) => similar(o.term ?? '', f.term ?? ''),
  },
];

/** A card's snapshot and pass keys, computed now. */
export function freshCardOf(card: Card): FreshCard {
  const snap = snapshotOf(card);
  return { snap, keys: PASSES.map((p) => p.key(snap)) };
}

/**
 * Matches history without a card (`known` ids absent from `cards`) to cards
 * without history. Passes, strictest first; a pass accepts a pair only when
 * each side has exactly one candidate, so nothing is ever guessed.
 *
 * It runs whenever the cards or the log change. Each pass looks the fresh
 * cards' keys up among the orphans' (shape and term, shape and body, shape
 * and note) rather than comparing every orphan with every fresh card: at
 * 70,000 cards that was seconds per edit.
 */
export function reconcile(
  known: Iterable<CardSnapshot>,
  cards: readonly Card[],
  fresh: (card: Card) => FreshCard = freshCardOf,
  /** Whether a card has this id now, when the caller knows without a pass over `cards`. */
  exists?: (id: string) => boolean,
): Reconciliation {
  const knownList = [...known];
  if (!knownList.length) return { relinks: [], orphans: [] };
  if (!exists) {
    const current = new Set(cards.map((c) => c.id));
    exists = (id) => current.has(id);
  }
  let orphans = knownList.filter((k) => !exists!(k.id));
  if (!orphans.length) return { relinks: [], orphans };
  const knownIds = new Set(knownList.map((k) => k.id));
  // Only cards that some orphan could pair with in some pass: later passes have fewer orphans, never others.
  const wanted = PASSES.map((pass) => new Set(orphans.map((o) => pass.want(o))));
  let candidates: FreshCard[] = [];
  for (const c of cards) {
    if (knownIds.has(c.id)) continue;
    const f = fresh(c);
    if (f.keys.some((k, p) => wanted[p].has(k))) candidates.push(f);
  }
  const relinks: Relink[] = [];
  PASSES.forEach((pass, p) => {
    const wanting = new Map<string, number[]>();
    orphans.forEach((o, i) => {
      const k = pass.want(o);
      if (k === undefined) return;
      const list = wanting.get(k);
      if (list) list.push(i);
      else wanting.set(k, [i]);
    });
    const pairs: CardSnapshot[][] = orphans.map(() => []);
    for (const f of candidates) {
      const list = wanting.get(f.keys[p]);
      if (list) for (const i of list) if (!pass.also || pass.also(orphans[i], f.snap)) pairs[i].push(f.snap);
    }
    const claimed = new Map<string, number>();
    for (const list of pairs) for (const f of list) claimed.set(f.id, (claimed.get(f.id) ?? 0) + 1);
    const used = new Set<string>();
    orphans = orphans.filter((o, i) => {
      const list = pairs[i];
      if (list.length !== 1 || claimed.get(list[0].id) !== 1) return true;
      relinks.push({ from: o.id, to: list[0].id, reason: pass.reason });
      used.add(list[0].id);
      return false;
    });
    candidates = candidates.filter((f) => !used.has(f.snap.id));
  });
  return { relinks, orphans };
}

/** Small edits of a term (a typo fixed, a plural): edit distance within a quarter of its length. */
function similar(a: string, b: string): boolean {
  const x = normalizeKeyText(a);
  const y = normalizeKeyText(b);
  if (!x || !y || Math.abs(x.length - y.length) > 3 || x.length > 200 || y.length > 200) return false;
  const limit = Math.max(1, Math.floor(Math.max(x.length, y.length) / 4));
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[y.length] <= limit;
}
