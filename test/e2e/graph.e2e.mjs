// The concept graph panel in a real VS Code (code-server + Chromium): open it from the command
// palette, see the sample vault's concepts laid out, search "fusion", click the node, and the
// editor opens the sample note at Fusion's definition; then the same by keyboard only.
// Screenshots in test-results/screenshots/graph-*.png.
//
// Run alone: `npx mocha test/e2e/graph.e2e.mjs`. Until the lead merges the graph into
// package.json / main.ts / handlers, it stages a copy of the extension with it
// (graph.e2e.stage.mjs); afterwards it uses the repo (or run.mjs's server via globalThis.mmnotesE2E).
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { activeTab, copySampleVault, ensureVsix, launchBrowser, openWorkbench, runCommand, SAMPLE_NOTE, screenshot, startCodeServer, eventually as eventuallyOn } from '../support/codeServer.mjs';
import { graphMerged, stageGraphExtension } from './graph.e2e.stage.mjs';

describe('the concept graph panel in a real VS Code', function () {
  this.timeout(180_000);
  let ctx;
  let own;
  let browser;
  let page;
  let frame;
  let staged;

  before(async function () {
    this.timeout(300_000);
    const merged = graphMerged();
    const shared = globalThis.mmnotesE2E;
    if (merged && shared) ctx = shared;
    else {
      const vault = copySampleVault();
      if (!merged) staged = await stageGraphExtension();
      own = { server: await startCodeServer(staged ? {} : { vsix: ensureVsix() }), vault };
      ctx = own;
    }
    browser = await launchBrowser(ctx.server);
    page = browser.page;
    page.on('pageerror', (err) => console.log(`      [page error] ${err.message}`));
    const payload = staged ? [['extensionDevelopmentPath', ctx.server.remoteUri(staged)]] : undefined;
    await openWorkbench(page, ctx.server.folderUrl(ctx.vault, payload));
    frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  });

  after(async () => {
    await browser?.close().catch(() => {});
    if (own) {
      await own.server.stop();
      rmSync(own.vault, { recursive: true, force: true });
    }
    if (staged) rmSync(staged, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      await screenshot(page, `failed-graph-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 50)}`).catch(() => {});
    }
  });

  const eventually = (what, probe, ms = 30_000) => eventuallyOn(page, what, probe, { ms, step: 200 });

  /** The `Ln 81, Col 1` cursor item of the status bar, once it shows `line`. */
  async function cursorAt(line) {
    await page.locator('.statusbar-item', { hasText: new RegExp(`^Ln ${line}, Col 1`) }).first().waitFor({ state: 'visible', timeout: 30_000 });
  }

  it('opens from the command palette and lays out the sample vault', async () => {
    await runCommand(page, 'mmnotes: Open Concept Graph');
    await frame.locator('canvas').waitFor({ state: 'visible', timeout: 60_000 });
    const status = await eventually('a settled layout', async () => {
      const text = (await frame.locator('.status').textContent().catch(() => '')) ?? '';
      return /settled/.test(text) ? text : undefined;
    }, 90_000);
    const nodes = Number(/([\d,]+) nodes/.exec(status)?.[1].replace(/,/g, ''));
    assert.ok(nodes >= 40, `${status}: the taxonomy and the notes`);
    await screenshot(page, 'graph-01-open');
  });

  it('finds "fusion" with the search box', async () => {
    const search = frame.locator('.search');
    await search.click();
    await search.fill('fusion');
    const first = frame.locator('.results .result').first();
    await first.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await first.innerText(), /Fusion/);
    await page.keyboard.press('Enter'); // centres and selects the best match
    await eventually('the match highlighted', async () => /highlighted/.test((await frame.locator('.status').textContent()) ?? ''));
    await screenshot(page, 'graph-02-search-fusion');
  });

  it('opens the note at the definition when the node is clicked', async () => {
    const canvas = frame.locator('canvas');
    const box = await canvas.boundingBox();
    assert.ok(box, 'the canvas has a size');
    // The search centred Fusion in the canvas.
    await canvas.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await activeTab(page, SAMPLE_NOTE, { timeout: 30_000 });
    await cursorAt(81); // `\t\t- ==Fusion==: Where the number …`
    await screenshot(page, 'graph-03-fusion-opened');
  });

  it('is usable by keyboard alone: search, arrows, Enter opens', async () => {
    const search = frame.locator('.search');
    await search.click();
    await search.fill('');
    await page.keyboard.type('correlation'); // an alias of Association
    await frame.locator('.results .result', { hasText: 'Association' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await activeTab(page, SAMPLE_NOTE, { timeout: 30_000 });
    await cursorAt(53); // `==Association== ("Co-occurrence"/"Correlation"): …`
    await screenshot(page, 'graph-04-keyboard-association');
  });

  it('colours by card memory: everything new before the first review', async () => {
    await frame.locator('select[aria-label="Colour nodes by"]').selectOption('memory');
    await frame.locator('.legend').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await frame.locator('.legend').innerText(), /new/);
    await page.waitForTimeout(1500); // the extension fetches the cards' state, the panel recolours
    assert.equal(await frame.locator('.notice').isVisible(), false, 'no "not available" notice');
    await screenshot(page, 'graph-05-memory-colours');
    await frame.locator('select[aria-label="Colour nodes by"]').selectOption('group');
  });

  it('lists the taxonomy with counts in the Concepts view, each opening its definition', async () => {
    const header = page.locator('.pane-header', { hasText: /^Concepts/i }).first();
    await header.waitFor({ state: 'visible', timeout: 15_000 });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const row = page.locator('.monaco-list-row', { hasText: /^Coordination/ }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await row.innerText(), /1 def · 0 mentions/);
    await row.click();
    await activeTab(page, SAMPLE_NOTE, { timeout: 30_000 });
    await cursorAt(82); // `\t\t- ==Coordination==: …`
    await screenshot(page, 'graph-06-concepts-view');
  });
});
