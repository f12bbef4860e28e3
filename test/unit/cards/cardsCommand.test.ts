import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCards } from '../../../src/cli/cardsCommand';
import { UsageError } from '../../../src/cli/openVault';

/** Runs the command with stdout and stderr captured. */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const write = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
  try {
    return { code: await runCards(args), out, err };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
}

describe('cli: mmnotes cards', () => {
  let vault: string;
  before(() => {
    vault = mkdtempSync(path.join(tmpdir(), 'mmnotes-cli-'));
    writeFileSync(path.join(vault, 'Note.md'), '---\ntags: [ml/basics]\n---\n==Alpha==: The first letter.\n\nThe second letter is ==beta== in Greek.\n');
    mkdirSync(path.join(vault, '.mmnotes'));
  });
  after(() => rmSync(vault, { recursive: true, force: true }));

  it('lists each card with its source line and state, and reads the log without writing it', async () => {
    const alphaId = JSON.parse((await run([vault, '--json'])).out).cards[0].id;
    const log = `{"mmnotes":"reviews","v":1}\n{"v":1,"type":"review","id":"e1","card":"${alphaId}","t":"2024-01-01T00:00:00.000Z","rating":3}\n`;
    writeFileSync(path.join(vault, '.mmnotes/reviews.jsonl'), log);
    const { code, out, err } = await run([vault]);
    assert.equal(code, 0);
    assert.match(out, new RegExp(`^Note\\.md:4  ${alphaId}  definition  now\\n    Q: Alpha\\n    A: The first letter\\.$`, 'm'));
    assert.match(out, /^Note\.md:6  c-\w+  cloze  new\n    Q: The second letter is \[…\] in Greek\.$/m);
    assert.match(err, /^2 cards in 1 notes: 1 due now, 1 new to learn today/);
    assert.equal(readFileSync(path.join(vault, '.mmnotes/reviews.jsonl'), 'utf8'), log);
    const json = JSON.parse((await run([vault, '--json', '--due'])).out);
    assert.deepEqual(
      json.cards.map((c: { kind: string; line: number; state: string; reviews: number }) => [c.kind, c.line, c.state, c.reviews]),
      [
        ['definition', 4, 'learning', 1],
        ['cloze', 6, 'new', 0],
      ],
    );
  });

  it('writes the Anki import file with --anki', async () => {
    const file = path.join(vault, 'out.txt');
    const { err } = await run([vault, '--anki', file]);
    assert.match(err, /wrote 2 cards \(1 Basic, 1 Cloze\)/);
    const rows = readFileSync(file, 'utf8').trimEnd().split('\n').filter((l) => !l.startsWith('#'));
    assert.equal(rows.length, 2);
    assert.match(rows[0], /^mmnotes-d-\w+\tBasic\tmmnotes-cli-\w+\tAlpha\tThe first letter\.\tml::basics$/);
    assert.match(rows[1], /\tCloze\t.*\{\{c1::beta\}\}/);
  });

  it('refuses unknown options and a missing file name', async () => {
    await assert.rejects(run([vault, '--nope']), UsageError);
    await assert.rejects(run([vault, '--anki']), /--anki needs a file name/);
  });
});
