// The review and concept graph panels come back after a window reload, in a real VS Code
// (code-server + Chromium), by "Developer: Reload Window": the page, the extension host and the
// webviews all start again, and VS Code hands each panel its saved webview state through the
// extension's WebviewPanelSerializer.
// Review: rate two cards, reload, and the sitting goes on with the same scope at the next card
// (progress kept, nothing rated twice or lost); rating and undo still reach the server.
// Graph: search, select and colour, reload, and the panel has the same search and colouring.
// Screenshots in test-results/screenshots/restore-*.png.
//
// Run alone: `node esbuild.mjs && npx mocha test/e2e/restore.e2e.mjs` (or via run.mjs's shared server).
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { copySampleVault, ensureVsix, launchBrowser, openFile, openWorkbench, runCommand, SAMPLE_NOTE, screenshot, startCodeServer, eventually as eventuallyOn, reviewLogEvents } from '../support/codeServer.mjs';


describe('panels restored after a window reload (real VS Code)', function () {
  this.timeout(180_000);
  let ctx;
  let own;
  let browser;
  let page;
  let frame;

  before(async function () {
    this.timeout(300_000);
    ctx = globalThis.mmnotesE2E;
    if (!ctx) {
      own = { server: await startCodeServer({ vsix: ensureVsix() }), vault: copySampleVault() };
      ctx = own;
    }
    browser = await launchBrowser(ctx.server);
    page = browser.page;
    page.on('pageerror', (err) => console.log(`      [page error] ${err.message}`));
    await openWorkbench(page, ctx.server.folderUrl(ctx.vault));
    frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  });

  after(async () => {
    await browser?.close().catch(() => {});
    if (own) {
      await own.server.stop();
      rmSync(own.vault, { recursive: true, force: true });
    }
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      await screenshot(page, `failed-restore-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 50)}`).catch(() => {});
    }
  });

  const logEvents = () => reviewLogEvents(ctx.vault);

  const eventually = (what, probe, ms = 20_000) => eventuallyOn(page, what, probe, { ms, step: 150 });

  /** "n of m" as the panel shows it now ('' when there is none): never waits for the element. */
  async function progress() {
    const el = frame.locator('[data-testid=progress]');
    return (await el.count()) ? ((await el.textContent({ timeout: 2000 }).catch(() => '')) ?? '') : '';
  }

  const front = () => frame.locator('[data-testid=front]').innerText({ timeout: 10_000 });

  /** Reveals the current card and rates it, then waits for the progress to change. */
  async function rate(key) {
    const before = await progress();
    await frame.locator('[data-testid=front]').click(); // the keyboard goes to the focused frame
    await page.keyboard.press('Space');
    await frame.locator('[data-testid=back]').waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.press(key);
    await eventually(`the panel to move on from ${before}`, async () => (await progress()) !== before);
  }

  /**
   * "Developer: Reload Window", as a user runs it. It flushes the workbench's storage (where the
   * webviews' state lives) before reloading the page; a bare page.reload() does not wait for that
   * flush (VS Code web otherwise saves every minute and on a best-effort unload), so the state it
   * restores can be a minute old.
   */
  async function reloadWindow() {
    const navigated = page.waitForNavigation({ timeout: 60_000 });
    await runCommand(page, 'Developer: Reload Window');
    await navigated;
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.part.statusbar').waitFor({ timeout: 60_000 });
  }

  describe('the review panel', () => {
    let fronts;

    it('rates two cards of the sample note', async () => {
      await openFile(page, SAMPLE_NOTE);
      await page.locator('.statusbar-item', { hasText: /\d+ due/ }).first().waitFor({ state: 'visible', timeout: 60_000 });
      await runCommand(page, 'mmnotes: Review Flashcards');
      const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Current note' }).first();
      await pick.waitFor({ state: 'visible', timeout: 15_000 });
      await pick.click();
      await frame.locator('[data-testid=front]').waitFor({ state: 'visible', timeout: 30_000 });
      assert.equal(await progress(), '1 of 17');
      fronts = [await front()];
      await rate('4'); // Easy: due in days, gone from this sitting
      assert.equal(await progress(), '2 of 17');
      fronts.push(await front());
      await rate('1'); // Again: due in a minute, back at the end of this sitting
      assert.equal(await progress(), '3 of 18');
      fronts.push(await front());
      assert.equal(new Set(fronts).size, 3, `three different cards: ${fronts.join(' | ')}`);
      assert.deepEqual(logEvents().map((e) => [e.type, e.rating]), [['review', 4], ['review', 1]]);
      await screenshot(page, 'restore-01-review-before-reload');
    });

    it('is back after a reload, at the next card of the same note, with its progress', async () => {
      await reloadWindow();
      await frame.locator('[data-testid=front]').waitFor({ state: 'visible', timeout: 60_000 }).catch(async (e) => {
        await screenshot(page, 'restore-02-review-after-reload');
        throw new Error(`no card in a restored review panel: ${e.message}`);
      });
      await page.locator('.tabs-container .tab.active', { hasText: `Review: ${SAMPLE_NOTE.replace(/\.md$/, '')}` }).first().waitFor({ timeout: 10_000 });
      assert.equal(await progress(), '3 of 18', 'two rated, the Again card still to come');
      assert.equal(await front(), fronts[2], 'the card that was next, not one already rated');
      assert.equal(await frame.locator('[data-testid=back]').count(), 0, 'shown from its front');
      assert.equal(logEvents().length, 2, 'nothing rated again, nothing lost');
      await screenshot(page, 'restore-02-review-after-reload');
    });

    it('still rates and undoes through the server, into the ratings made before the reload', async () => {
      await rate('4');
      assert.equal(await progress(), '4 of 18');
      assert.deepEqual(logEvents().map((e) => e.rating ?? e.type), [4, 1, 4]);
      await page.keyboard.press('u');
      await eventually('an undo line and the card back', async () => logEvents().at(-1)?.type === 'undo' && (await progress()) === '3 of 18');
      assert.equal(await front(), fronts[2]);
      // The Again rating was made before the reload: the server's answer to the undo is the card to show.
      await page.keyboard.press('u');
      await eventually('a second undo line', () => logEvents().filter((e) => e.type === 'undo').length === 2);
      await eventually('the Again card first again', async () => (await progress()) === '2 of 17');
      assert.equal(await front(), fronts[1]);
      await screenshot(page, 'restore-03-review-undo-after-reload');
    });
  });

  describe('the concept graph panel', () => {
    const status = async () => (await frame.locator('.status').textContent().catch(() => '')) ?? '';

    it('keeps its search, selection and colouring across a reload', async () => {
      await runCommand(page, 'View: Close All Editors');
      await runCommand(page, 'mmnotes: Open Concept Graph');
      await frame.locator('canvas').waitFor({ state: 'visible', timeout: 60_000 });
      await eventually('a settled layout', async () => /settled/.test(await status()), 90_000);
      const search = frame.locator('.search');
      await search.click();
      await search.fill('fusion');
      await frame.locator('.results .result', { hasText: 'Fusion' }).first().waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.press('Enter'); // selects and centres the best match
      await frame.locator('select[aria-label="Colour nodes by"]').selectOption('folder');
      await eventually('the match highlighted', async () => /highlighted/.test(await status()));
      await screenshot(page, 'restore-04-graph-before-reload');
      // Out of the webview: runCommand's Escape would otherwise reach the search box, which it clears.
      await page.locator('.part.sidebar .composite.title').first().click();

      await reloadWindow();
      await frame.locator('canvas').waitFor({ state: 'visible', timeout: 60_000 });
      assert.equal(await frame.locator('.search').inputValue(), 'fusion');
      assert.equal(await frame.locator('select[aria-label="Colour nodes by"]').inputValue(), 'folder');
      await eventually('the search highlighted again, laid out', async () => /highlighted · settled/.test(await status()), 90_000);
      await screenshot(page, 'restore-05-graph-after-reload');
    });
  });
});
