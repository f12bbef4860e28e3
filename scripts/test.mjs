#!/usr/bin/env node
// `npm test`: every check, in order — types, build, unit, LSP, grammar, and the real VS Code
// (e2e). Runs them all even after a failure, then prints one line per step and a combined
// `N passed, N failed`; exits non-zero if any step failed.
//
//   --skip=e2e,grammar   leave steps out (names: typecheck, build, unit, lsp, grammar, e2e)
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'node_modules', '.bin');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const skip = new Set((process.argv.find((a) => a.startsWith('--skip='))?.slice(7) ?? '').split(',').filter(Boolean));

/** Files under `dir` (recursively) whose name ends with one of `suffixes`. */
function findTests(dir, suffixes) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...findTests(p, suffixes));
    else if (suffixes.some((s) => e.name.endsWith(s))) out.push(p);
  }
  return out;
}

/** Runs a command, streaming its output, and resolves with its exit code and captured output. */
function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? (process.stdout.isTTY ? '1' : '0') } });
    let output = '';
    child.stdout.on('data', (d) => { output += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { output += d; process.stderr.write(d); });
    child.on('error', (err) => resolve({ code: 127, output: `${output}\n${err.message}` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

const plain = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');

/** Counts from mocha's spec reporter ("N passing", "N failing", "N pending"). */
function mochaCounts(output) {
  const text = plain(output);
  const n = (word) => [...text.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))].reduce((a, m) => a + Number(m[1]), 0);
  return { passed: n('passing'), failed: n('failing'), skipped: n('pending') };
}

/** Counts from a runner's closing `N passed, N failed[, N skipped]` line. */
function summaryCounts(output) {
  const lines = plain(output).trim().split('\n').reverse();
  for (const l of lines) {
    const m = /^(?:\w+:\s*)?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/.exec(l.trim());
    if (m) return { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] ?? 0) };
  }
  return undefined;
}

/** Counts from vscode-tmgrammar-test (one ✓ or ✖ line per test file). */
function grammarCounts(output) {
  const text = plain(output);
  return {
    passed: (text.match(/^\s*✓/gm) ?? []).length,
    failed: (text.match(/^\s*(✖|✗|ERROR)/gm) ?? []).length,
    skipped: 0,
  };
}

/** `npm run test:<folder>` when package.json has it, else mocha on the folder's test files. */
function mochaStep(folder) {
  if (pkg.scripts?.[`test:${folder}`]) return ['npm', ['run', '--silent', `test:${folder}`]];
  const files = findTests(join(ROOT, 'test', folder), ['.test.ts', '.test.mjs', '.test.js']).map((f) => relative(ROOT, f));
  return [join(BIN, 'mocha'), files];
}

const steps = [
  { name: 'typecheck', title: 'tsc --noEmit', cmd: () => [join(BIN, 'tsc'), ['--noEmit', '-p', '.']] },
  { name: 'build', title: 'build (esbuild)', cmd: () => ['npm', ['run', '--silent', 'build']] },
  {
    name: 'unit', title: 'mocha test/unit', counts: mochaCounts,
    when: () => findTests(join(ROOT, 'test', 'unit'), ['.test.ts', '.test.mjs', '.test.js']).length > 0 || 'no tests in test/unit yet',
    cmd: () => mochaStep('unit'),
  },
  {
    name: 'lsp', title: 'mocha test/lsp', counts: mochaCounts,
    when: () => findTests(join(ROOT, 'test', 'lsp'), ['.test.ts', '.test.mjs', '.test.js']).length > 0 || 'no tests in test/lsp yet',
    cmd: () => mochaStep('lsp'),
  },
  {
    name: 'grammar', title: 'grammar (npm run test:grammar)', counts: (o) => summaryCounts(o) ?? grammarCounts(o),
    when: () => (existsSync(join(ROOT, 'test', 'grammar')) ? (pkg.scripts?.['test:grammar'] ? true : 'package.json has no test:grammar script') : 'no test/grammar yet'),
    cmd: () => ['npm', ['run', '--silent', 'test:grammar']],
  },
  { name: 'e2e', title: 'real VS Code (test/e2e/run.mjs)', counts: summaryCounts, cmd: () => [process.execPath, [join(ROOT, 'test', 'e2e', 'run.mjs')]] },
];

const results = [];
const started = Date.now();
for (const step of steps) {
  if (skip.has(step.name)) {
    results.push({ step, status: 'skipped', note: '--skip' });
    continue;
  }
  const ok = step.when ? step.when() : true;
  if (ok !== true) {
    results.push({ step, status: 'skipped', note: ok });
    console.log(`\n##### ${step.title}: skipped (${ok})`);
    continue;
  }
  console.log(`\n##### ${step.title}`);
  const t = Date.now();
  const [cmd, args] = step.cmd();
  const { code, output } = await run(cmd, args);
  const seconds = (Date.now() - t) / 1000;
  const counts = step.counts?.(output);
  results.push({ step, status: code === 0 ? 'ok' : 'FAILED', code, seconds, counts });
}

let passed = 0;
let failed = 0;
let skipped = 0;
console.log('\n##### summary');
for (const r of results) {
  const c = r.counts;
  if (r.status === 'skipped') {
    console.log(`  ${r.step.name.padEnd(10)} skipped${r.note ? ` (${r.note})` : ''}`);
    continue;
  }
  if (c && (c.passed || c.failed)) {
    passed += c.passed;
    failed += c.failed;
    skipped += c.skipped ?? 0;
    // A runner that exits non-zero without a failing test (a crash, a failed hook) still fails.
    if (r.code !== 0 && c.failed === 0) failed += 1;
  } else if (r.code === 0) {
    passed += 1; // a check without test counts (tsc, build) counts as one
  } else {
    failed += 1;
  }
  const detail = c ? `${c.passed} passed, ${c.failed} failed` : r.code === 0 ? 'ok' : `exit code ${r.code}`;
  console.log(`  ${r.step.name.padEnd(10)} ${r.status.padEnd(7)} ${detail.padEnd(24)} ${r.seconds.toFixed(1)} s`);
}
console.log(`  total ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(results.some((r) => r.status === 'FAILED') ? 1 : 0);
