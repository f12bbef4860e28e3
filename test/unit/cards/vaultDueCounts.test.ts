import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cardState, REVIEW_LOG_PATH, ReviewLog, type LogEvent } from '../../../src/core/cards';
import { parseNote } from '../../../src/core/parse/parseNote';
import { VaultIndex } from '../../../src/core/vault/vaultIndex';
import { CardService } from '../../../src/server/cards/cardService';
import { cardSettingsFrom } from '../../../src/server/cards/cardSettings';
import { VaultCardSet } from '../../../src/server/cards/vaultCardSet';
import type { ServerContext } from '../../../src/server/serverContext';
import { Prng } from '../../../bench/prng';
import { referenceVaultStatus } from './reference/dueSummary';

const TERMS = ['Fusion', 'Fusio', 'Alignment', 'Alignments', 'Translation', 'Co-learning'];
const BODIES = ['combining modalities', 'matching parts', 'mapping one to another', 'transfer between modalities'];
const HOUR = 3_600_000;

/** A card service over a temporary folder (the log on disk) and an in-memory index, wired as the cards handler wires it. */
function serviceOver(root: string, index: VaultIndex, settings: () => unknown): CardService {
  const ctx = {
    index,
    uris: {
      toPath: (uri: string) => (uri.startsWith('file:///vault/') ? uri.slice('file:///vault/'.length) : undefined),
      toUri: (p: string) => `file:///vault/${p}`,
      toFsPath: (p: string) => path.join(root, ...p.split('/')),
    },
    settings: () => ({ exclude: [], maxNoteSizeMB: 5, diagnostics: { enabled: true, brokenLinks: 'warning' }, cards: settings() }),
    ready: Promise.resolve(),
    log: (m: string) => {
      throw new Error(m);
    },
  } as unknown as ServerContext;
  const service = new CardService(ctx);
  index.onDidChange((c) => service.cards.noteChange(c));
  return service;
}

function randomNote(r: Prng): string {
  const lines: string[] = [];
  for (let i = r.int(0, 4); i > 0; i--) lines.push(`==${TERMS[r.int(0, TERMS.length - 1)]}==: ${BODIES[r.int(0, BODIES.length - 1)]}.`);
  return lines.join('\n\n') + '\n';
}

describe('cards: the vault status counts kept per note', function () {
  this.timeout(60_000);
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'mmnotes-counts-'));
    mkdirSync(path.join(root, '.mmnotes'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`equal what dueSummary over every card gives (random vault, log, edits and times; seed ${seed})`, async () => {
      const r = new Prng(seed);
      const logPath = path.join(root, ...REVIEW_LOG_PATH.split('/'));
      writeFileSync(logPath, '{"mmnotes":"reviews","v":1}\n');
      const index = new VaultIndex(parseNote);
      const names = ['a.md', 'b.md', 'c.md', 'd/a.md', 'e.md', 'f.md'];
      index.bulkLoad(names.slice(0, 4).map((p) => ({ path: p, text: randomNote(r) })));
      let raw: Record<string, unknown> = { newPerDay: 3 };
      const service = serviceOver(root, index, () => raw);
      await service.opened;
      // Local midnight of a fixed day: ratings and "now"s fall around it.
      const midnight = new Date(2024, 5, 12).getTime();
      const time = () => (r.next() < 0.1 ? midnight + r.int(-1, 1) : midnight + r.int(-72 * HOUR, 30 * HOUR));
      let eventNo = 0;
      const append = async (events: LogEvent[]) => {
        writeFileSync(logPath, readFileSync(logPath, 'utf8') + events.map((e) => `${JSON.stringify(e)}\n`).join(''));
        await service.reload();
      };
      const oracleLog = async () => {
        const text = readFileSync(logPath, 'utf8');
        return ReviewLog.open({ read: async () => text, append: async () => undefined });
      };
      let checks = 0;

      for (let step = 0; step < 120; step++) {
        const cards = service.cards.all();
        const ids = cards.map((c) => c.id);
        const roll = r.next();
        if (roll < 0.3) {
          const p = names[r.int(0, names.length - 1)];
          if (r.next() < 0.15) index.deleteFile(p);
          else index.setNote(p, randomNote(r));
        } else if (roll < 0.4 && ids.length) {
          // A term renamed by a letter or a body rewritten: history to match again (or an orphan).
          const p = cards[r.int(0, cards.length - 1)].source.path;
          const text = index.getNote(p)!.text;
          index.setNote(p, r.next() < 0.5 ? text.replace(/==([^=]+)==/, '==$1s==') : text.replace(/: [^.]+\./, `: ${BODIES[r.int(0, BODIES.length - 1)]}.`));
        } else if (roll < 0.7) {
          const events: LogEvent[] = [];
          for (let i = r.int(1, 4); i > 0; i--) {
            const card = ids.length && r.next() < 0.85 ? ids[r.int(0, ids.length - 1)] : `d-gone${r.int(0, 3)}`;
            events.push({ v: 1, type: 'review', id: `e${eventNo++}`, card, t: new Date(time()).toISOString(), rating: r.int(1, 4) as 1 | 2 | 3 | 4 });
          }
          if (r.next() < 0.3 && eventNo > 2) events.push({ v: 1, type: 'undo', id: `e${eventNo++}`, t: new Date(time()).toISOString(), target: `e${r.int(0, eventNo - 2)}` });
          if (r.next() < 0.1 && ids.length) events.push({ v: 1, type: 'relink', id: `e${eventNo++}`, t: new Date(time()).toISOString(), from: `d-gone${r.int(0, 3)}`, to: ids[r.int(0, ids.length - 1)], reason: 'same-term' });
          await append(events);
        } else if (roll < 0.8 && ids.length) {
          await service.rate(ids[r.int(0, ids.length - 1)], r.int(1, 4) as 1 | 2 | 3 | 4);
        } else if (roll < 0.85) {
          await service.undo();
        } else if (roll < 0.95) {
          raw = { ...raw, newPerDay: [0, 1, 3, 20][r.int(0, 3)] };
        } else {
          raw = { ...raw, desiredRetention: [0.8, 0.9, 0.95][r.int(0, 2)] };
        }

        // The incremental card set agrees with one built from scratch (collision ids renamed in place).
        const all = service.cards.all();
        const fresh = new VaultCardSet(index, () => service.settings().rules);
        assert.deepEqual(
          all.map((c) => c.id),
          fresh.all().map((c) => c.id),
        );
        for (const c of all) assert.ok(service.cards.hasId(c.id));
        assert.equal(service.cards.hasId('d-gone0'), false);

        const log = await oracleLog();
        const { fsrs, newPerDay } = cardSettingsFrom(raw);
        // "Now" around midnight, and exactly at, just before and just after the due times of reviewed cards.
        const nows = [midnight, midnight - 1, midnight + 1, time(), time(), Date.now()];
        const known = log.knownCards();
        const { rec } = referenceVaultStatus(log.events(), known, all, fsrs, new Date(midnight), newPerDay);
        const history = service.history();
        for (const id of [...history.keys()].slice(0, 4)) {
          const at = cardState(history.get(id)!, fsrs).due.getTime();
          nows.push(at, at - 1, at + 1);
        }
        for (const t of nows) {
          const now = new Date(t);
          const expected = referenceVaultStatus(log.events(), known, all, fsrs, now, newPerDay).counts;
          assert.deepEqual(service.due({ kind: 'vault' }, now, false).counts, expected, `step ${step}, now ${now.toISOString()}`);
          // The full computation (what a review opens) agrees too.
          assert.deepEqual(service.due({ kind: 'vault' }, now, true).counts, expected);
          checks++;
        }
        const health = service.health();
        assert.equal(health.orphanCount, rec.orphans.length);
        assert.deepEqual(
          health.orphans.map((o) => o.id),
          rec.orphans.slice(0, 50).map((o) => o.id),
        );
      }
      assert.ok(checks > 500);
    });
  }
});
