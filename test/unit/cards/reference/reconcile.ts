// Reference: reconcile from src/core/cards/cardIdentity.ts as it was before its passes were indexed (session 3).
/**
 * The reconcile of session 2, kept as the oracle of the indexed one in
 * src/core/cards/cardIdentity.ts (see cardIdentity.test.ts): it compares
 * every orphan with every fresh card. Do not refactor it together with src.
 */
import type { Card, CardSnapshot } from '../../../../src/core/cards/card';
import { normalizeKeyText, snapshotOf, type Reconciliation, type Relink } from '../../../../src/core/cards/cardIdentity';
import { nameKey, noteName } from '../../../../src/core/vault/vaultPath';

/**
 * Matches history without a card (`known` ids absent from `cards`) to cards
 * without history. Passes, strictest first; a pass accepts a pair only when
 * each side has exactly one candidate, so nothing is ever guessed.
 */
export function referenceReconcile(known: Iterable<CardSnapshot>, cards: readonly Card[]): Reconciliation {
  const current = new Set(cards.map((c) => c.id));
  const knownList = [...known];
  const knownIds = new Set(knownList.map((k) => k.id));
  let orphans = knownList.filter((k) => !current.has(k.id));
  let fresh = cards.filter((c) => !knownIds.has(c.id)).map(snapshotOf);
  const relinks: Relink[] = [];
  const sameShape = (a: CardSnapshot, b: CardSnapshot) => a.kind === b.kind && !a.reversed === !b.reversed;
  // The same note, even if it moved to another folder since: a body alone could match across notes by chance.
  const sameNote = (a: CardSnapshot, b: CardSnapshot) => !!a.path && (a.path === b.path || nameKey(noteName(a.path)) === nameKey(noteName(b.path)));
  const passes: [Relink['reason'], (o: CardSnapshot, f: CardSnapshot) => boolean][] = [
    ['same-term', (o, f) => sameShape(o, f) && !!o.term && normalizeKeyText(o.term) === normalizeKeyText(f.term ?? '')],
    ['same-body', (o, f) => sameShape(o, f) && sameNote(o, f) && o.bodyHash === f.bodyHash],
    ['similar-term', (o, f) => sameShape(o, f) && sameNote(o, f) && (o.parentTerm ?? '') === (f.parentTerm ?? '') && similar(o.term ?? '', f.term ?? '')],
  ];
  for (const [reason, match] of passes) {
    const pairs = orphans.map((o) => fresh.filter((f) => match(o, f)));
    const claimed = new Map<string, number>();
    for (const list of pairs) for (const f of list) claimed.set(f.id, (claimed.get(f.id) ?? 0) + 1);
    const used = new Set<string>();
    orphans = orphans.filter((o, i) => {
      const list = pairs[i];
      if (list.length !== 1 || claimed.get(list[0].id) !== 1) return true;
      relinks.push({ from: o.id, to: list[0].id, reason });
      used.add(list[0].id);
      return false;
    });
    fresh = fresh.filter((f) => !used.has(f.id));
  }
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
