// Runs the extension-host suites of test/vscode/ in code-server, the @vscode/test-electron way:
// code-server refuses --extensionDevelopmentPath/--extensionTestsPath on its command line, but
// its web client takes them from the URL (`payload=`). When the tests end, the workbench calls
// window.codeAutomationExit(code), which we expose from Playwright; mocha's output arrives as
// page console messages, which we print.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, OUTPUT_MARKER, REPO_ROOT, screenshot } from '../support/codeServer.mjs';

export const SUITES_SRC = join(REPO_ROOT, 'test', 'vscode');
export const SUITES_OUT = join(REPO_ROOT, 'dist', 'test', 'vscode');
const RESULT_MARKER = '[mmnotes-vscode-result]';

/** Bundles test/vscode/index.ts and *.test.ts into dist/test/vscode/ (vscode and mocha stay external). */
export async function bundleSuites() {
  const esbuild = await import('esbuild');
  const entryPoints = readdirSync(SUITES_SRC).filter((f) => f === 'index.ts' || f.endsWith('.test.ts')).map((f) => join(SUITES_SRC, f));
  rmSync(SUITES_OUT, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir: SUITES_OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    // mocha is resolved at run time from the repo's node_modules (dist/test/vscode is inside it).
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return SUITES_OUT;
}

/**
 * Opens `vault` in a new browser page with the extension under development and the bundled
 * suites; resolves with { passed, failed, pending, exitCode } once the suites end.
 */
export async function runExtensionHostSuites(server, { vault, extensionPath = REPO_ROOT, testsDir = SUITES_OUT, timeoutMs = 300_000, out = (l) => console.log(l) } = {}) {
  if (!existsSync(join(testsDir, 'index.js'))) throw new Error(`${testsDir}/index.js is missing: bundleSuites() first`);
  if (!existsSync(join(extensionPath, 'package.json'))) throw new Error(`${extensionPath} has no package.json`);
  const browser = await launchBrowser(server);
  const { page } = browser;
  let result;
  let resolveExit;
  const exited = new Promise((r) => { resolveExit = r; });
  const seen = new Set();
  try {
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    page.on('console', (msg) => {
      const text = msg.text();
      if (text.includes(RESULT_MARKER)) {
        try {
          result = JSON.parse(text.slice(text.indexOf(RESULT_MARKER) + RESULT_MARKER.length).trim());
        } catch { /* keep looking */ }
        return;
      }
      // mocha's reporter output, marked by test/vscode/index.ts; VS Code prefixes `%c INFO color: ...`.
      const at = text.indexOf(OUTPUT_MARKER);
      if (at >= 0) {
        out(`  ${text.slice(at + OUTPUT_MARKER.length + 1)}`);
      } else if (/\[Extension Host\]/.test(text)) {
        out(`  ${text.replace(/^.*?\[Extension Host\]\s?/, '').replace(/%c/g, '')}`);
      } else if (msg.type() === 'error' && !seen.has(text) && !/Failed to load resource|favicon/.test(text)) {
        seen.add(text);
        out(`  [workbench error] ${text.replace(/%c\s*/g, '').replace(/^\s*ERR\s+color:\s*#\w+\s*/, '').slice(0, 500)}`);
      }
    });
    page.on('pageerror', (err) => out(`  [page error] ${err.message}`));
    const url = server.folderUrl(vault, [
      ['extensionDevelopmentPath', server.remoteUri(extensionPath)],
      ['extensionTestsPath', server.remoteUri(join(testsDir, 'index.js'))],
    ]);
    await page.goto(url);
    let timer;
    const timedOut = new Promise((r) => { timer = setTimeout(() => r('timeout'), timeoutMs); });
    const code = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    await screenshot(page, 'vscode-suites-end').catch(() => {});
    if (code === 'timeout') {
      out(`  extension-host suites did not finish within ${timeoutMs / 1000} s (no codeAutomationExit call); see test-results/screenshots/vscode-suites-end.png and ${server.logFile}`);
      return { passed: result?.passed ?? 0, failed: Math.max(1, result?.failed ?? 0), pending: result?.pending ?? 0, exitCode: 1 };
    }
    if (!result) {
      // run() never reported: the index failed to load or threw before mocha ran.
      return { passed: 0, failed: 1, pending: 0, exitCode: code || 1 };
    }
    return { ...result, failed: code !== 0 && result.failed === 0 ? 1 : result.failed, exitCode: code };
  } finally {
    await browser.close().catch(() => {});
  }
}
