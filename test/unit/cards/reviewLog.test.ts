import * as assert from 'node:assert/strict';
import type { Card } from '../../../src/core/cards/card';
import { parseReviewLog, REVIEW_LOG_PATH, ReviewLog, ReviewLogRefusedError } from '../../../src/core/cards/reviewLog';
import { reviewsByCard } from '../../../src/core/cards/scheduler';
import { cardsOf, MemoryFiles } from './helpers';

const [ALPHA, BETA] = cardsOf('==Alpha==: first letter.\n\n==Beta==: second letter.\n');
const day = (d: number) => new Date(Date.UTC(2024, 5, d, 10));

async function openLog(files: MemoryFiles): Promise<ReviewLog> {
  let n = 0;
  return ReviewLog.open(files, { newId: () => `e${files.appends}-${++n}` });
}

async function rateAll(log: ReviewLog, ratings: [Card, 1 | 2 | 3 | 4][]): Promise<void> {
  let d = 1;
  for (const [card, rating] of ratings) await log.rate(card, rating, day(d++));
}

describe('cards: the review log', () => {
  it('writes a header, then one JSON event per line, appending only', async () => {
    const files = new MemoryFiles();
    const log = await openLog(files);
    await rateAll(log, [[ALPHA, 3], [BETA, 1]]);
    const lines = files.files.get(REVIEW_LOG_PATH)!.split('\n');
    assert.equal(lines.length, 4);
    assert.equal(lines[3], '');
    assert.deepEqual(JSON.parse(lines[0]), { mmnotes: 'reviews', v: 1 });
    const first = JSON.parse(lines[1]);
    assert.deepEqual({ v: first.v, type: first.type, card: first.card, t: first.t, rating: first.rating }, { v: 1, type: 'review', card: ALPHA.id, t: '2024-06-01T10:00:00.000Z', rating: 3 });
    assert.equal(first.snap.term, 'Alpha');
    assert.equal(files.appends, 2);
  });

  it('survives a crash that tore the last line: skipped, then the next line starts clean', async () => {
    const files = new MemoryFiles();
    await rateAll(await openLog(files), [[ALPHA, 3], [BETA, 3], [ALPHA, 4]]);
    const text = files.files.get(REVIEW_LOG_PATH)!;
    files.files.set(REVIEW_LOG_PATH, text.slice(0, text.length - 25)); // cut mid-line, no newline

    const log = await openLog(files);
    assert.equal(log.refused, undefined);
    assert.equal(log.tornLastLine, true);
    assert.deepEqual(log.problems, []);
    assert.deepEqual(log.events().map((e) => e.type === 'review' && e.rating), [3, 3]);

    await log.rate(BETA, 2, day(9));
    const reloaded = await openLog(files);
    assert.deepEqual(reloaded.events().map((e) => e.type === 'review' && e.rating), [3, 3, 2]);
    // Once a line follows it, the torn fragment is an ordinary corrupt line: reported, never fatal.
    assert.deepEqual(reloaded.problems, [{ line: 4, message: 'not valid JSON (a write cut short?)' }]);
  });

  it('reports corrupt lines by number and loads the rest', () => {
    const text = [
      '{"mmnotes":"reviews","v":1}',
      '{"v":1,"type":"review","id":"a","card":"d-x","t":"2024-06-01T10:00:00Z","rating":3}',
      'garbage',
      '{"v":1,"type":"review","id":"b","card":"d-x","t":"not a date","rating":3}',
      '{"v":1,"type":"review","id":"c","card":"d-x","t":"2024-06-02T10:00:00Z","rating":7}',
      '[1,2]',
      '{"v":1,"type":"teleport","id":"d","t":"2024-06-02T10:00:00Z"}',
      '',
      '{"v":1,"type":"review","id":"e","card":"d-x","t":"2024-06-03T10:00:00Z","rating":4}',
      '{"v":1,"type":"review","id":"e","card":"d-x","t":"2024-06-03T10:00:00Z","rating":4}',
      '',
    ].join('\n');
    const parsed = parseReviewLog(text);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.events.map((e) => e.id), ['a', 'e'], 'a duplicate line (union merge) counts once');
    assert.deepEqual(parsed.problems, [
      { line: 3, message: 'not valid JSON (a write cut short?)' },
      { line: 4, message: 'missing or invalid time "t"' },
      { line: 5, message: 'rating must be 1, 2, 3 or 4' },
      { line: 6, message: 'not a JSON object' },
      { line: 7, message: 'unknown event type "teleport"' },
    ]);
  });

  it('refuses a file written by a newer version, and never writes to it', async () => {
    for (const text of ['{"mmnotes":"reviews","v":2}\n', '{"mmnotes":"reviews","v":1}\n{"v":3,"type":"review","id":"x"}\n']) {
      const files = new MemoryFiles();
      files.files.set(REVIEW_LOG_PATH, text);
      const log = await openLog(files);
      assert.match(log.refused ?? '', /newer version of mmnotes \(format [23], line [12]; this version understands format 1\)\. Update mmnotes/);
      assert.deepEqual(log.events(), []);
      await assert.rejects(log.rate(ALPHA, 3), ReviewLogRefusedError);
      await assert.rejects(log.undoLast(), ReviewLogRefusedError);
      assert.equal(files.files.get(REVIEW_LOG_PATH), text);
      assert.equal(files.appends, 0);
    }
  });

  it('undoes the last rating by appending an undo event', async () => {
    const files = new MemoryFiles();
    const log = await openLog(files);
    await rateAll(log, [[ALPHA, 3], [ALPHA, 1], [BETA, 4]]);
    const before = files.files.get(REVIEW_LOG_PATH)!;
    const undo = await log.undoLast(day(10));
    assert.equal(undo?.type, 'undo');
    assert.ok(files.files.get(REVIEW_LOG_PATH)!.startsWith(before), 'nothing is rewritten');
    await log.undoLast(day(10));
    const history = reviewsByCard((await openLog(files)).events());
    assert.deepEqual(history.get(ALPHA.id)?.map((e) => e.rating), [3]);
    assert.equal(history.get(BETA.id), undefined);
    await log.undoLast(day(10));
    assert.equal(await log.undoLast(day(10)), undefined, 'nothing left to undo');
  });

  it('ends an unterminated last line before appending', async () => {
    const files = new MemoryFiles();
    files.files.set(REVIEW_LOG_PATH, '{"mmnotes":"reviews","v":1}\n{"v":1,"type":"review","id":"a","card":"d-x","t":"2024-06-01T10:00:00Z","rating":3}');
    const log = await openLog(files);
    assert.equal(log.tornLastLine, false);
    await log.rate(ALPHA, 3, day(2));
    const reloaded = await openLog(files);
    assert.equal(reloaded.events().length, 2);
    assert.deepEqual(reloaded.problems, []);
  });

  it('serialises concurrent writes in order', async () => {
    const files = new MemoryFiles();
    const log = await openLog(files);
    await Promise.all([log.rate(ALPHA, 1, day(1)), log.rate(ALPHA, 2, day(2)), log.rate(ALPHA, 3, day(3))]);
    assert.deepEqual((await openLog(files)).events().map((e) => e.type === 'review' && e.rating), [1, 2, 3]);
  });
});
