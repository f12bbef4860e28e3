import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { NodeVaultFs } from '../../../src/server/nodeVaultFs';

describe('NodeVaultFs: listing a vault', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(os.tmpdir(), 'mmnotes-list-'));
    const files = [
      'A.md', 'b/B.md', 'b/c/C.md', 'b/c/pic.png', '.hidden.md', '.obsidian/app.json', '.git/HEAD', 'node_modules/x/R.md',
      'sub/.trash/T.md', 'drafts/D.md', 'drafts/deep/E.md', 'notes/drafts/F.md', 'Archive/old.md', 'x/.mmnotes/cards.jsonl',
    ];
    for (const f of files) {
      mkdirSync(join(root, f, '..'), { recursive: true });
      writeFileSync(join(root, f), f);
    }
    // A link back to the root: not followed (no loop), not listed.
    symlinkSync(root, join(root, 'b', 'loop'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('lists every file, sorted, without hidden or always-excluded folders, and without following folder links', async () => {
    const fs = new NodeVaultFs(root, () => []);
    assert.deepEqual(await fs.listFiles(), ['A.md', 'Archive/old.md', 'b/B.md', 'b/c/C.md', 'b/c/pic.png', 'drafts/D.md', 'drafts/deep/E.md', 'notes/drafts/F.md']);
  });

  it("leaves out the user's exclude globs: a folder and everything under it, case-insensitively", async () => {
    const fs = new NodeVaultFs(root, () => ['drafts', 'archive/*.md']);
    assert.deepEqual(await fs.listFiles(), ['A.md', 'b/B.md', 'b/c/C.md', 'b/c/pic.png', 'notes/drafts/F.md']);
    for (const p of ['drafts/deep/E.md', 'Archive/old.md', '.obsidian/app.json', 'b/.x/y.md']) assert.ok(fs.isExcluded(p), p);
    assert.ok(!fs.isExcluded('notes/drafts/F.md'));
  });
});
