// The review panel in a real VS Code (code-server + Chromium), by keyboard as a student uses it:
// open the sample note, see the card lenses and the status bar count, open "Review Flashcards",
// reveal with Space, rate with 1–4, undo with U, and check the line each key wrote to
// .mmnotes/reviews.jsonl in the (temp copy of the) vault. Screenshots in test-results/screenshots/.
//
// Run alone: `node esbuild.mjs && npx mocha test/e2e/review.e2e.mjs`. Until the lead merges the
// flashcards into package.json / main.ts / handlers, it stages a copy of the extension with them
// (review.e2e.stage.mjs); afterwards it uses the repo (or run.mjs's server via globalThis.mmnotesE2E).
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { copySampleVault, ensureVsix, launchBrowser, openFile, openWorkbench, runCommand, SAMPLE_NOTE, screenshot, startCodeServer, eventually as eventuallyOn, reviewLogEvents } from '../support/codeServer.mjs';
import { cardsMerged, stageExtension } from './review.e2e.stage.mjs';


describe('the review panel in a real VS Code (keyboard)', function () {
  this.timeout(180_000);
  let ctx;
  let own;
  let browser;
  let page;
  let frame;
  let staged;

  before(async function () {
    this.timeout(300_000);
    const merged = cardsMerged();
    const shared = globalThis.mmnotesE2E;
    if (merged && shared) ctx = shared;
    else {
      const vault = copySampleVault();
      if (!merged) staged = await stageExtension();
      // Staged: no .vsix, the staged folder is loaded as the extension under development.
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
      await screenshot(page, `failed-review-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 50)}`).catch(() => {});
    }
  });

  const logEvents = () => reviewLogEvents(ctx.vault);

  const eventually = (what, probe, ms = 15_000) => eventuallyOn(page, what, probe, { ms, step: 100 });

  /** The number in the status bar's `N due` (its text also holds the icon). */
  const dueCount = (text) => Number(/(\d+) due/.exec(text)?.[1] ?? NaN);

  /** "n of m" as the panel shows it now ('' on the end screen): never waits for the element. */
  async function progress() {
    const el = frame.locator('[data-testid=progress]');
    return (await el.count()) ? ((await el.textContent({ timeout: 2000 }).catch(() => '')) ?? '') : '';
  }

  it('shows a lens on each card line and the count of due cards in the status bar', async () => {
    await openFile(page, SAMPLE_NOTE);
    const lens = page.locator('.contentWidgets .codelens-decoration', { hasText: /^(card|cloze)( ×\d)? · new$/ }).first();
    await lens.waitFor({ state: 'visible', timeout: 60_000 }).catch(async () => {
      await screenshot(page, 'review-01-lenses');
      throw new Error('no "card · new" or "cloze ×2 · new" code lens in the sample note');
    });
    const status = page.locator('.statusbar-item', { hasText: /\d+ due/ }).first();
    await status.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(dueCount(await status.innerText()), 19, 'the 17 cards of the sample note and 2 of Core Challenges are new, so due');
    await screenshot(page, 'review-01-lenses');
  });

  it('opens "Review Flashcards" on the current note and shows the first front', async () => {
    await runCommand(page, 'mmnotes: Review Flashcards');
    const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Current note' }).first();
    await pick.waitFor({ state: 'visible', timeout: 15_000 });
    await pick.click();
    await frame.locator('[data-testid=front]').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await progress(), '1 of 17');
    assert.equal(await frame.locator('[data-testid=back]').count(), 0, 'the back is hidden until revealed');
    await screenshot(page, 'review-02-front');
  });

  it('Space reveals the back; 3 rates Good and writes one log line', async () => {
    // Keys go to the focused frame: put the focus in the page (on the card, not a button).
    await frame.locator('[data-testid=front]').click();
    const front = await frame.locator('[data-testid=front]').innerText();
    await page.keyboard.press('Space');
    await frame.locator('[data-testid=back]').waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'review-03-revealed');
    assert.ok(front.length > 0);
    assert.equal(logEvents().length, 0, 'revealing writes nothing');
    await page.keyboard.press('3');
    const [event] = await eventually('a review line in .mmnotes/reviews.jsonl', () => (logEvents().length === 1 ? logEvents() : undefined));
    assert.equal(event.type, 'review');
    assert.equal(event.rating, 3);
    await eventually('the next card', async () => (await progress()) === '2 of 18');
    assert.equal(await frame.locator('[data-testid=back]').count(), 0, 'the next card starts hidden');
    await screenshot(page, 'review-04-next-card');
  });

  it('U undoes the last rating: an undo line, and the card is back', async () => {
    await page.keyboard.press('u');
    await eventually('an undo line', () => logEvents().at(-1)?.type === 'undo');
    assert.equal(logEvents().at(-1).target, logEvents()[0].id);
    await eventually('the first card again', async () => (await progress()) === '1 of 17');
  });

  it('O opens the card\'s source line beside the panel', async () => {
    const source = await frame.locator('.source').innerText(); // "Multimodal Machine Learning.md:17"
    const line = Number(source.slice(source.lastIndexOf(':') + 1));
    await page.keyboard.press('o');
    const cursor = page.locator('.statusbar-item', { hasText: new RegExp(`^Ln ${line}, Col 1`) }).first();
    await cursor.waitFor({ state: 'visible', timeout: 15_000 }).catch(async () => {
      await screenshot(page, 'review-04b-source');
      throw new Error(`O did not put the cursor on ${source}`);
    });
    await screenshot(page, 'review-04b-source');
    // Back to the panel: a click on the card gives it the keyboard again.
    await frame.locator('[data-testid=front]').click();
  });

  it('rates every card with the keyboard to the end screen', async () => {
    let shotDefinition = false;
    for (let i = 0; i < 40; i++) {
      if (await frame.locator('.end-card').count()) break;
      const before = await progress();
      await page.keyboard.press('Space');
      await frame.locator('[data-testid=back]').waitFor({ state: 'visible', timeout: 10_000 });
      if (i === 0) await screenshot(page, 'review-05-cloze-revealed');
      if ((await frame.locator('.card.definition').count()) && !shotDefinition) {
        shotDefinition = true;
        await screenshot(page, 'review-05-definition-revealed');
      }
      await page.keyboard.press('4'); // Easy: due in days, so the card leaves this sitting
      await eventually('the panel to move on', async () => (await frame.locator('.end-card').count()) || (await progress()) !== before);
    }
    await frame.locator('.end-card').waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'review-06-end');
    const reviews = logEvents().filter((e) => e.type === 'review');
    assert.equal(reviews.length, 18, 'the undone rating stays in the log; 17 more');
    assert.match(await frame.locator('[data-testid=upcoming]').innerText(), /Later today: \d+ · Tomorrow: \d+/);
    const status = page.locator('.statusbar-item', { hasText: /\d+ due/ }).first();
    await eventually('the status bar count to drop to the 2 cards of the other note', async () => dueCount(await status.innerText()) === 2);
  });
});

