import * as assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REVIEW_LOG_PATH, ReviewLog } from '../../../src/core/cards';
import { NodeReviewFiles } from '../../../src/server/cards/nodeReviewFiles';
import { cardsOf } from './helpers';

describe('cards: the review log on disk', () => {
  let root: string;
  let files: NodeReviewFiles;
  const abs = (p: string) => path.join(root, ...p.split('/'));
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'mmnotes-log-'));
    files = new NodeReviewFiles(abs);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates .mmnotes/ with the union-merge attribute on the first rating', async () => {
    assert.equal(await files.read(REVIEW_LOG_PATH), undefined);
    const log = await ReviewLog.open(files);
    await log.rate(cardsOf('==Alpha==: first.\n')[0], 3);
    assert.equal(readFileSync(abs('.mmnotes/.gitattributes'), 'utf8'), 'reviews.jsonl merge=union\n');
    const lines = readFileSync(abs(REVIEW_LOG_PATH), 'utf8').split('\n');
    assert.equal(lines.length, 3, 'header, event, final newline');
    assert.equal(await files.unchanged(REVIEW_LOG_PATH), true, 'our own append is known');
    appendFileSync(abs(REVIEW_LOG_PATH), '{"from":"git pull"}\n');
    assert.equal(await files.unchanged(REVIEW_LOG_PATH), false, 'a foreign write is noticed');
  });

  it('adds its line to a .gitattributes the user wrote, once, and keeps theirs', async () => {
    mkdirSync(abs('.mmnotes'));
    writeFileSync(abs('.mmnotes/.gitattributes'), '*.yaml text');
    await files.append(REVIEW_LOG_PATH, 'x\n');
    await files.append(REVIEW_LOG_PATH, 'y\n');
    assert.equal(readFileSync(abs('.mmnotes/.gitattributes'), 'utf8'), '*.yaml text\nreviews.jsonl merge=union\n');
  });

  it('a log cut mid-line by a crash loads, and the next rating starts on a new line', async () => {
    const card = cardsOf('==Alpha==: first.\n')[0];
    const log = await ReviewLog.open(files);
    await log.rate(card, 3);
    const text = readFileSync(abs(REVIEW_LOG_PATH), 'utf8');
    writeFileSync(abs(REVIEW_LOG_PATH), `${text}{"v":1,"type":"review","id":"torn","ca`);
    const reopened = await ReviewLog.open(files);
    assert.equal(reopened.tornLastLine, true);
    assert.equal(reopened.events().length, 1);
    await reopened.rate(card, 4);
    const again = await ReviewLog.open(new NodeReviewFiles(abs));
    assert.deepEqual(again.problems.map((p) => p.line), [3], 'the torn line is now an ordinary corrupt line, reported');
    assert.deepEqual(again.events().map((e) => (e.type === 'review' ? e.rating : 0)), [3, 4]);
  });
});
