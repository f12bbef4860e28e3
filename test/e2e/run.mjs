#!/usr/bin/env node
// `npm run test:e2e`: the extension in a real VS Code. Installs code-server if needed, packages
// dist/mmnotes.vsix if it is missing or older than the build, starts code-server with it on a
// temp copy of sample-vault/, runs the extension-host suites (test/vscode/) and then the UI
// files in Chromium (test/e2e/session.e2e.mjs, then every other test/e2e/*.e2e.mjs, each on its
// own copy of the vault, sharing the server via globalThis.mmnotesE2E), stops everything, prints
// `N passed, N failed`. Exits non-zero on any failure.
//
//   --suite=vscode|ui    run only one of the two parts
//   --grep=<text>        only the UI files whose name contains <text>
//   MMNOTES_VSIX=<path>                test this .vsix instead of packaging dist/mmnotes.vsix
//   MMNOTES_E2E_EXTENSION_PATH=<dir>   extension folder for the extension-host suites (default: repo)
import { readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { checkSystemPrerequisites, ensureCodeServer } from '../../scripts/install-code-server.mjs';
import { copySampleVault, ensureVsix, REPO_ROOT, startCodeServer } from '../support/codeServer.mjs';
import { bundleSuites, runExtensionHostSuites } from './extensionHost.mjs';

const suiteArg = process.argv.find((a) => a.startsWith('--suite='))?.slice('--suite='.length);
const runVscode = !suiteArg || suiteArg === 'vscode';
const runUi = !suiteArg || suiteArg === 'ui';
const totals = { passed: 0, failed: 0, pending: 0 };
const timings = [];
const started = Date.now();

async function timed(label, fn) {
  const t = Date.now();
  try {
    return await fn();
  } finally {
    timings.push(`${label} ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
}

function heading(text) {
  console.log(`\n=== ${text}`);
}

/** The UI files: session.e2e.mjs first, then every other test/e2e/*.e2e.mjs. */
function uiFiles() {
  const dir = join(REPO_ROOT, 'test', 'e2e');
  const files = readdirSync(dir).filter((f) => f.endsWith('.e2e.mjs')).sort();
  return [...files.filter((f) => f === 'session.e2e.mjs'), ...files.filter((f) => f !== 'session.e2e.mjs')].map((f) => join(dir, f));
}

/** Runs one UI file with mocha against the shared server, on its own copy of the vault. */
async function runUiFile(server, file, vault) {
  const { default: Mocha } = await import('mocha');
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 120_000, color: process.stdout.isTTY });
  mocha.addFile(file);
  await mocha.loadFilesAsync();
  globalThis.mmnotesE2E = { server, vault };
  try {
    return await new Promise((resolve) => {
      const runner = mocha.run((failures) => {
        resolve({ passed: runner.stats?.passes ?? 0, failed: failures, pending: runner.stats?.pending ?? 0 });
      });
    });
  } finally {
    delete globalThis.mmnotesE2E;
    mocha.dispose();
  }
}

function add(r) {
  totals.passed += r.passed;
  totals.failed += r.failed;
  totals.pending += r.pending ?? 0;
}

let server;
const vaults = [];
const onSignal = (sig) => {
  console.error(`\n[e2e] ${sig}: stopping code-server`);
  Promise.resolve(server?.stop()).finally(() => process.exit(130));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

try {
  heading('setup');
  checkSystemPrerequisites();
  await timed('install code-server', () => ensureCodeServer());
  const vsix = await timed('package', () => ensureVsix());
  if (runVscode) await timed('bundle test/vscode', () => bundleSuites());
  server = await timed('start code-server', () => startCodeServer({ vsix }));

  if (runVscode) {
    heading('extension-host suites (test/vscode, in code-server)');
    const vault = copySampleVault();
    vaults.push(vault);
    const extensionPath = process.env.MMNOTES_E2E_EXTENSION_PATH || REPO_ROOT;
    const r = await timed('extension-host suites', () => runExtensionHostSuites(server, { vault, extensionPath }));
    add(r);
    console.log(`[e2e] extension-host suites: ${r.passed} passing, ${r.failed} failing (VS Code exit code ${r.exitCode})`);
  }
  if (runUi) {
    const grep = process.argv.find((a) => a.startsWith('--grep='))?.slice('--grep='.length);
    for (const file of uiFiles().filter((f) => !grep || basename(f).includes(grep))) {
      const name = basename(file);
      heading(`${name} (Chromium)`);
      const vault = copySampleVault();
      vaults.push(vault);
      add(await timed(name, () => runUiFile(server, file, vault)));
    }
  }
} catch (err) {
  totals.failed += 1;
  console.error(`\n[e2e] ERROR: ${err instanceof Error ? err.stack ?? err.message : err}`);
} finally {
  await server?.stop().catch(() => {});
  for (const v of vaults) rmSync(v, { recursive: true, force: true });
}

console.log(`\n[e2e] screenshots: test-results/screenshots/   server log: test-results/code-server.log`);
console.log(`[e2e] ${timings.join(', ')}; total ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.pending ? `, ${totals.pending} skipped` : ''}`);
process.exit(totals.failed > 0 ? 1 : 0);
