import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ankiExport, cardState, dueCards, noteTags, reconcile, ReviewLog, reviewsByCard, vaultCards, type LogEvent } from '../core/cards';
import { cardSettingsFrom } from '../server/cards/cardSettings';
import { dueIn } from '../server/cards/cardViews';
import { NodeReviewFiles } from '../server/cards/nodeReviewFiles';
import { openVault, UsageError } from './openVault';

/**
 * `mmnotes cards [vault] [--json] [--due] [--anki FILE]`: the vault's
 * flashcards with their state from `.mmnotes/reviews.jsonl` (read only:
 * the CLI never writes the log), or the Anki import file. Text output is
 * one header line per card (`path:line  id  kind  due`) and the question
 * and answer indented below it, so it greps and reads.
 */
export async function runCards(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const dueOnly = args.includes('--due');
  let anki: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json' || a === '--due') continue;
    if (a === '--anki' || a.startsWith('--anki=')) {
      anki = a === '--anki' ? args[++i] : a.slice('--anki='.length);
      if (!anki || anki.startsWith('-')) throw new UsageError('--anki needs a file name: mmnotes cards [vault] --anki cards.txt');
      continue;
    }
    if (a.startsWith('-')) throw new UsageError(`unknown option '${a}' for cards`);
    rest.push(a);
  }
  if (rest.length > 1) throw new UsageError('cards takes at most one vault folder');

  const vault = await openVault(rest[0]);
  const settings = cardSettingsFrom(undefined);
  const cards = vaultCards([...vault.index.allNotes()].sort((a, b) => (a.path < b.path ? -1 : 1)), settings.rules);

  if (anki) {
    const file = path.resolve(anki);
    const text = ankiExport(cards, {
      vaultName: path.basename(vault.root),
      tagsOf: (p) => {
        const note = vault.index.getNote(p);
        return note ? noteTags(note.model) : [];
      },
    });
    writeFileSync(file, text, 'utf8');
    const cloze = cards.filter((c) => c.kind === 'cloze' && c.clozeText !== undefined).length;
    process.stderr.write(`wrote ${cards.length} cards (${cards.length - cloze} Basic, ${cloze} Cloze) to ${file}\n`);
    return 0;
  }

  const log = await ReviewLog.open(new NodeReviewFiles((p) => vault.fs.toFsPath(p)));
  if (log.refused) process.stderr.write(`mmnotes: ${log.refused}\n`);
  for (const p of log.problems) process.stderr.write(`mmnotes: .mmnotes/reviews.jsonl:${p.line}: ${p.message} (skipped)\n`);
  // As the server does: history whose card id changed follows it, without writing anything.
  const rec = reconcile(log.knownCards(), cards);
  const pending: LogEvent[] = rec.relinks.map((r) => ({ v: 1, type: 'relink', id: `pending:${r.from}`, t: new Date(0).toISOString(), ...r }));
  const history = reviewsByCard([...log.events(), ...pending]);
  const now = new Date();
  const summary = dueCards(cards, history, now, { fsrs: settings.fsrs, newPerDay: settings.newPerDay });
  const shown = dueOnly ? [...summary.due, ...summary.fresh] : cards;

  const rows = shown.map((c) => {
    const state = summary.states.get(c.id) ?? cardState(history.get(c.id) ?? [], settings.fsrs, now);
    return { card: c, state, due: state.isNew ? 'new' : dueIn(state.due, now) };
  });
  if (json) {
    const out = rows.map(({ card, state, due }) => ({
      id: card.id,
      kind: card.reversed ? 'reverse' : card.kind,
      front: card.front,
      back: card.back,
      context: card.context,
      ...(card.clozeText !== undefined ? { clozeText: card.clozeText } : {}),
      path: card.source.path,
      line: card.source.line,
      state: state.state,
      due: state.isNew ? null : state.due.toISOString(),
      dueIn: due,
      reviews: state.reviews,
    }));
    const report = { vault: vault.root, counts: { ...summary.counts, total: cards.length }, orphans: rec.orphans.length, cards: out };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    for (const { card, due } of rows) {
      process.stdout.write(`${card.source.path}:${card.source.line}  ${card.id}  ${card.reversed ? 'reverse' : card.kind}  ${due}\n`);
      process.stdout.write(`    Q: ${card.front}\n    A: ${card.back}\n`);
    }
    const c = summary.counts;
    const notes = new Set(cards.map((x) => x.source.path)).size;
    const orphans = rec.orphans.length ? `; ${rec.orphans.length} reviewed cards no longer exist (history kept)` : '';
    process.stderr.write(`${cards.length} cards in ${notes} notes: ${c.due} due now, ${c.fresh} new to learn today (${c.unseen} new in all), ${c.laterToday} later today, ${c.tomorrow} tomorrow${orphans}\n`);
  }
  return 0;
}
