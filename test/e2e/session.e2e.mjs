// A user's session in a real VS Code (code-server in headless Chromium): open the sample note,
// hover an image embed, complete a link, read the Problems panel, follow a link with F12.
// Every step leaves a screenshot in test-results/screenshots/. Edits are never saved (the file
// is reverted) and the vault is a temp copy, so sample-vault/ stays clean.
//
// Run by test/e2e/run.mjs, which shares its server through globalThis.mmnotesE2E; run alone
// (`npx mocha test/e2e/session.e2e.mjs`) it starts its own server with dist/mmnotes.vsix.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  activeTab, copySampleVault, findFileByName, goToLine, launchBrowser, openFile, openWorkbench,
  REPO_ROOT, runCommand, SAMPLE_NOTE, screenshot, startCodeServer,
} from '../support/codeServer.mjs';

const IMAGE = 'Pasted image 20240608095521.png';

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function locate(text, needle) {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `"${needle}" not found in the note`);
  return { line: i + 1, column: lines[i].indexOf(needle) + 1, lines: lines.length };
}

describe('a user session in a real VS Code (code-server + Chromium)', function () {
  this.timeout(120_000);
  let ctx;
  let own;
  let browser;
  let page;
  let noteText;

  before(async function () {
    this.timeout(300_000);
    ctx = globalThis.mmnotesE2E;
    if (!ctx) {
      const vsix = join(REPO_ROOT, 'dist', 'mmnotes.vsix');
      assert.ok(existsSync(vsix), `${vsix} is missing: run npm run package (or npm run test:e2e)`);
      const vault = copySampleVault();
      own = { server: await startCodeServer({ vsix }), vault };
      ctx = own;
    }
    noteText = readFileSync(join(ctx.vault, SAMPLE_NOTE), 'utf8');
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
    if (this.currentTest?.state === 'failed' && page) {
      await screenshot(page, `failed-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`).catch(() => {});
    }
  });

  /** Types `text` on a new line after the last line of the note (the note is open). */
  async function typeOnNewLastLine(text) {
    await goToLine(page, noteText.split('\n').length, 1);
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type(text, { delay: 50 });
  }

  /** Text of the rendered line that starts with `[[` (no line of the sample note does). */
  async function linkLineText() {
    const texts = await page.locator('.monaco-editor .view-line').allInnerTexts();
    return texts.map((t) => t.replace(/\u00a0/g, ' ').trim()).find((t) => t.startsWith('[[')) ?? '(no line starting with [[)';
  }

  /** Puts the note back as it is on disk (tests never save). */
  async function revertNote() {
    await openFile(page, SAMPLE_NOTE).catch(() => {});
    await runCommand(page, 'File: Revert File').catch(() => {});
  }

  it('opens the sample note through Quick Open', async () => {
    await openFile(page, SAMPLE_NOTE);
    await screenshot(page, '01-note-open');
  });

  it(`hovering ![[${IMAGE}]] shows the image`, async () => {
    const at = locate(noteText, `![[${IMAGE}]]`);
    const hover = page.locator('.monaco-hover:not(.hidden)');
    const img = hover.locator('img').first();
    // The server may still be indexing: ask again until the hover has the image.
    const deadline = Date.now() + 60_000;
    for (;;) {
      await goToLine(page, at.line, at.column + 6);
      await runCommand(page, 'Show or Focus Hover');
      try {
        await img.waitFor({ state: 'visible', timeout: 5000 });
        break;
      } catch (err) {
        if (Date.now() > deadline) {
          await screenshot(page, '02-hover-image');
          const got = (await hover.allInnerTexts().catch(() => [])).join(' | ') || 'no hover';
          throw new Error(`no <img> in the hover of ![[${IMAGE}]] at line ${at.line} after 60 s (hover text: ${got})`);
        }
        await page.keyboard.press('Escape');
      }
    }
    // The thumbnail must really load (a broken URI gives an <img> with no pixels).
    await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle(), { timeout: 15_000 })
      .catch(async () => {
        await screenshot(page, '02-hover-image');
        throw new Error(`the hover's <img src="${await img.getAttribute('src')}"> did not load`);
      });
    await screenshot(page, '02-hover-image');
    await page.keyboard.press('Escape');
  });

  it('typing [[ on a new line offers notes, and Enter accepts one', async () => {
    const notes = ['Modalities', 'Core Challenges', 'Reading List', 'Multimodal Machine Learning'];
    try {
      // Two key presses with a pause, as a person types: the first `[` is auto-closed to `[]`.
      await typeOnNewLastLine('[');
      await page.waitForTimeout(300);
      await page.keyboard.type('[');
      const widget = page.locator('.editor-widget.suggest-widget.visible');
      const rows = widget.locator('.monaco-list-row');
      try {
        await rows.first().waitFor({ state: 'visible', timeout: 10_000 });
      } catch {
        await page.keyboard.press('Control+Space'); // not triggered by `[`: ask explicitly
        await rows.first().waitFor({ state: 'visible', timeout: 20_000 }).catch(async () => {
          await screenshot(page, '03-completion-list');
          throw new Error('no completion list after typing [[ (nor after Control+Space)');
        });
      }
      const labels = await rows.locator('.label-name').allInnerTexts();
      await screenshot(page, '03-completion-list');
      assert.ok(labels.some((l) => notes.some((n) => l.includes(n))), `the completion list has no note of the vault: ${labels.join(', ')}`);
      const typed = await linkLineText();
      await page.keyboard.press('Enter');
      await page.waitForTimeout(500);
      await screenshot(page, '04-completion-accepted');
      // What a user sees: one well-formed link, whatever auto-closing of brackets did.
      const line = await linkLineText();
      assert.match(line, /^\[\[[^\][]+\]\]$/, `after typing "[[" (the editor showed "${typed}") and accepting "${labels[0]}", the line is "${line}", not a well-formed [[link]]`);
    } finally {
      await revertNote();
    }
  });

  it('the Problems panel lists the missing image', async () => {
    const embeds = [...noteText.matchAll(/!\[\[([^\]|#]+\.(?:png|jpe?g|gif|svg|webp))[^\]]*\]\]/gi)].map((m) => m[1]);
    const missing = embeds.find((name) => !findFileByName(ctx.vault, name));
    assert.ok(missing, `every image embedded in ${SAMPLE_NOTE} exists; the test needs a missing one`);
    const at = locate(noteText, `![[${missing}`);
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: new RegExp(`${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|Ln ${at.line},`) });
    await row.first().waitFor({ state: 'visible', timeout: 30_000 }).catch(async () => {
      await screenshot(page, '05-problems');
      const all = await page.locator('.markers-panel .monaco-list-row').allInnerTexts().catch(() => []);
      throw new Error(`no problem for the missing ![[${missing}]] (line ${at.line}); the panel shows: ${all.join(' | ') || 'nothing'}`);
    });
    await screenshot(page, '05-problems');
  });

  it('F12 on a [[link]] opens the linked note', async () => {
    const target = ['Modalities', 'Core Challenges'].find((n) => findFileByName(ctx.vault, `${n}.md`));
    assert.ok(target, 'the vault has no second note to link to');
    try {
      await openFile(page, SAMPLE_NOTE);
      // With auto-closing brackets `]]` is typed over; without, it is typed: the same text either way.
      await typeOnNewLastLine(`[[${target}]]`);
      await page.keyboard.press('Escape');
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
      await screenshot(page, '06-link-typed');
      await page.keyboard.press('F12');
      await activeTab(page, `${target}.md`, { timeout: 20_000 }).catch(async () => {
        await screenshot(page, '06-definition');
        throw new Error(`F12 on [[${target}]] did not open ${target}.md`);
      });
      await screenshot(page, '06-definition');
    } finally {
      await revertNote();
    }
  });
});
