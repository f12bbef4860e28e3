import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { formatTable } from '../../bench/report';
import { runBench } from '../../bench/run';
import { ENGINES } from '../../bench/engines';

// Proves `npm run bench` still works end to end on a tiny vault (100 notes). Times are
// never asserted: this machine's load says nothing about the engines.
describe('benchmark (quick mode)', function () {
  this.timeout(120_000);

  it('runs every engine on a generated vault and reports finite numbers', async () => {
    const report = await runBench({ sizes: [100], edits: 5, budgetMs: 1_000 });
    const [size] = report.sizes;
    assert.equal(size.manifest.notes, 100);
    assert.ok(size.manifest.links > 500, 'the vault has links');
    for (const e of ENGINES) {
      const r = size.results.find((x) => x.engine === e.name);
      assert.ok(r, `a result for ${e.name}`);
      assert.equal(r.error, undefined, `${e.name} ran: ${r.error}`);
      for (const v of [r.coldMs, r.coldCpuMs, r.rssMb, r.editP50Ms, r.editP95Ms]) assert.ok(Number.isFinite(v), `${e.name}: finite numbers`);
      assert.equal(r.indexedNotes, 100, `${e.name} indexed every note`);
      assert.ok(r.resolvedLinks > 500, `${e.name} resolved links`);
    }
    const rows = formatTable(report).split('\n').filter((l) => l.startsWith('| 100 |'));
    const shown = ENGINES.map((e) => e.name).filter((n) => !n.endsWith('-warm'));
    assert.deepEqual(rows.map((l) => l.split('|')[2].trim()), shown);
    assert.ok(!existsSync(report.workDir), 'the temporary folder (vault, bundles, results) is deleted');
  });
});
