// VS Code's own Markdown preview, with our markdown-it plugin, on the sample note: the sized
// image embeds load from the vault, the highlights are <mark>, the missing image is marked as
// missing, and a wiki link is a real link. Screenshot: test-results/screenshots/20-preview.png.
//
// Run by test/e2e/run.mjs (shared server through globalThis.mmnotesE2E), or alone with
// `npx mocha test/e2e/preview.e2e.mjs` after `npm run package`.
import * as assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  copySampleVault, launchBrowser, openFile, openWorkbench, REPO_ROOT, runCommand, SAMPLE_NOTE, screenshot, startCodeServer,
} from '../support/codeServer.mjs';

describe('the Markdown preview of the sample note in a real VS Code', function () {
  this.timeout(180_000);
  let ctx;
  let own;
  let browser;
  let page;

  before(async function () {
    this.timeout(300_000);
    ctx = globalThis.mmnotesE2E;
    if (!ctx) {
      const vsix = join(REPO_ROOT, 'dist', 'mmnotes.vsix');
      assert.ok(existsSync(vsix), `${vsix} is missing: run npm run package (or npm run test:e2e)`);
      own = { server: await startCodeServer({ vsix }), vault: copySampleVault() };
      ctx = own;
    }
    browser = await launchBrowser(ctx.server);
    page = browser.page;
    await openWorkbench(page, ctx.server.folderUrl(ctx.vault));
  });

  after(async () => {
    await browser?.close().catch(() => {});
    if (own) {
      await own.server.stop();
      rmSync(own.vault, { recursive: true, force: true });
    }
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await screenshot(page, 'failed-preview').catch(() => {});
  });

  it('shows sized images from the vault, highlights as <mark>, the missing image as missing', async () => {
    await openFile(page, SAMPLE_NOTE);
    // The status bar says "N notes" once the server has indexed the vault, so names resolve.
    await page.locator('.statusbar-item', { hasText: /\d+ notes/ }).first().waitFor({ timeout: 90_000 });
    await runCommand(page, 'Markdown: Open Preview to the Side');
    const preview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const body = preview.locator('body');
    await body.locator('mark').first().waitFor({ timeout: 90_000 });

    // 16 embeds in the note, one of them missing on purpose.
    const images = body.locator('img');
    await assert.doesNotReject(async () => {
      for (let i = 0; i < 60 && (await images.count()) < 15; i++) await page.waitForTimeout(1000);
    });
    assert.equal(await images.count(), 15, 'each image embed whose file exists is an <img>');
    const widths = await images.evaluateAll((els) => els.map((e) => e.getAttribute('width')).filter(Boolean));
    assert.deepEqual(widths, ['300', '300', '200', '400', '300', '300'], 'the |300, |200 and |400 sizes are kept');
    // The images really load (a broken src has naturalWidth 0).
    await page.waitForTimeout(2000);
    const loaded = await images.evaluateAll((els) => els.filter((e) => e.complete && e.naturalWidth > 0).length);
    assert.equal(loaded, 15, 'every image loads from the vault');

    const marks = await body.locator('mark').allInnerTexts();
    for (const t of ['Connection', 'expressed', 'Representation', 'Fusion']) {
      assert.ok(marks.some((m) => m.includes(t)), `==${t}== is a <mark> (got ${marks.slice(0, 8).join(', ')}…)`);
    }
    const missing = await body.locator('.mmnotes-missing').allInnerTexts();
    assert.ok(missing.some((m) => m.includes('20240612141205')), `the missing image is shown as missing (got ${missing.join(', ')})`);
    const raw = await body.innerText();
    assert.ok(!raw.includes('![['), 'no embed is left as literal ![[…]] text');
    await preview.locator('mark', { hasText: 'Connection' }).first().scrollIntoViewIfNeeded();
    await screenshot(page, '20-preview');
  });
});
