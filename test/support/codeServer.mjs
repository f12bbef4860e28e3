// Runs a real VS Code for the tests: code-server (VS Code's web client + Node server + Node
// extension host) driven by playwright-core in the system Chromium. See REAL-VSCODE.md in the
// shared notes for why (no VS Code download is reachable here) and for the traps handled below.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { basename, join, resolve } from 'node:path';
import zlib from 'node:zlib';
import { ensureCodeServer, findChromium, REPO_ROOT } from '../../scripts/install-code-server.mjs';

export { REPO_ROOT };
export const RESULTS_DIR = join(REPO_ROOT, 'test-results');
export const SCREENSHOTS_DIR = join(RESULTS_DIR, 'screenshots');
export const SAMPLE_NOTE = 'Multimodal Machine Learning.md';
export const OUTPUT_MARKER = '[mmnotes-vscode]';

const USER_SETTINGS = {
  // The welcome editor steals focus from Quick Open and makes tests flaky.
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'files.autoSave': 'off',
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  // Task detection of the built-in extensions times out on a vault and logs errors.
  'typescript.tsc.autoDetect': 'off',
  'npm.autoDetect': 'off',
  'task.autoDetect': 'off',
};

/** First free TCP port on 127.0.0.1 at or after `start`. */
export async function freePort(start = 8080) {
  for (let port = start; port < start + 200; port++) {
    const ok = await new Promise((res) => {
      const srv = net.createServer();
      srv.once('error', () => res(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => res(true)));
    });
    if (ok) return port;
  }
  throw new Error(`no free port in ${start}..${start + 199}`);
}

function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function isGroupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts code-server with fresh user-data, extensions and XDG folders under a temp folder.
 * `vsix` (optional) is installed first. Returns a handle whose `stop()` ends the whole process
 * group (extension host and language servers included).
 */
export async function startCodeServer({ vsix, folder, port, host = '127.0.0.1', settings = {}, env: extraEnv = {}, logFile, keepTemp = false, quiet = false } = {}) {
  const log = quiet ? () => {} : (m) => console.log(`[code-server] ${m}`);
  const bin = ensureCodeServer();
  const base = mkdtempSync(join(os.tmpdir(), 'mmnotes-vscode-'));
  const dirs = {
    base,
    userData: join(base, 'user-data'),
    extensions: join(base, 'extensions'),
    xdgConfig: join(base, 'xdg', 'config'),
    xdgData: join(base, 'xdg', 'data'),
    xdgCache: join(base, 'xdg', 'cache'),
    xdgState: join(base, 'xdg', 'state'),
    chromium: join(base, 'chromium'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2));
  port ??= await freePort(8080);
  const configFile = join(base, 'config.yaml');
  writeFileSync(configFile, `bind-addr: ${host}:${port}\nauth: none\ncert: false\n`);
  // Without these, code-server and Chromium write into ~/.config, ~/.local and ~/.cache.
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    XDG_STATE_HOME: dirs.xdgState,
    // No extension gallery: none is reachable here, and lookups only add errors to the log.
    EXTENSIONS_GALLERY: '{}',
    // Marks the extension-host suites' mocha output in the page console (test/vscode/index.ts).
    MMNOTES_TEST_OUTPUT_MARKER: OUTPUT_MARKER,
    ...extraEnv,
  };
  delete env.VSCODE_IPC_HOOK_CLI; // inside a VS Code terminal this would redirect the CLI
  const common = [
    '--config', configFile,
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
  ];
  let installMs = 0;
  if (vsix) {
    const t = Date.now();
    const r = spawnSync(process.execPath, [bin, ...common, '--install-extension', resolve(vsix)], { env, encoding: 'utf8' });
    installMs = Date.now() - t;
    const installed = readdirSync(dirs.extensions).filter((d) => !d.startsWith('.') && d !== 'extensions.json');
    if (r.status !== 0 || installed.length === 0) {
      throw new Error(`code-server --install-extension ${vsix} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
    }
    log(`installed ${installed.join(', ')} from ${basename(vsix)} in ${installMs} ms`);
  }
  logFile ??= join(RESULTS_DIR, 'code-server.log');
  mkdirSync(RESULTS_DIR, { recursive: true });
  const fd = openSync(logFile, 'a');
  const args = [
    bin, ...common,
    '--bind-addr', `${host}:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...(folder ? [resolve(folder)] : []),
  ];
  const started = Date.now();
  // detached: true makes the child a session and process-group leader (setsid), so that
  // kill(-pid) reaches the extension host and the language servers it spawns too.
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  const pid = child.pid;
  const killSync = () => {
    if (pid && isGroupAlive(pid)) {
      try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
    }
  };
  process.on('exit', killSync);

  const url = `http://${host}:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited early (${JSON.stringify(exited)}); log ${logFile}:\n${tail(logFile)}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) {
      killSync();
      throw new Error(`code-server did not answer ${url}/healthz within 60 s; log ${logFile}:\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const startMs = Date.now() - started;
  log(`up at ${url} in ${startMs} ms (pid ${pid}, log ${logFile})`);

  let stopped = false;
  return {
    url, port, host, pid, dirs, env, logFile, installMs, startMs,
    /** Workbench address that opens `folder`, optionally with extension-test payload entries. */
    folderUrl(ws, payload) {
      let u = `${url}/?folder=${encodeURIComponent(resolve(ws))}`;
      if (payload?.length) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return u;
    },
    /** A `vscode-remote://` URI for a path on this server, as the web client's payload wants. */
    remoteUri(path) {
      return `vscode-remote://${host}:${port}${resolve(path)}`;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off('exit', killSync);
      if (pid && isGroupAlive(pid)) {
        try { process.kill(-pid, 'SIGTERM'); } catch { /* gone */ }
        const until = Date.now() + 5000;
        while (isGroupAlive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
        killSync();
      }
      if (!keepTemp) rmSync(base, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/** Launches headless Chromium (playwright-core) with a fresh profile inside the server's temp folder. */
export async function launchBrowser(server, { viewport = { width: 1400, height: 900 } } = {}) {
  const { chromium } = await import('playwright-core');
  const executablePath = findChromium();
  if (!executablePath) throw new Error('chromium not found; run: apt-get install -y chromium ripgrep libkrb5-dev');
  const profile = join(server.dirs.base, 'chromium');
  rmSync(profile, { recursive: true, force: true });
  mkdirSync(profile, { recursive: true });
  // Playwright refuses --user-data-dir in args: the profile is the first argument instead.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport,
    env: server.env,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, close: () => context.close() };
}

/** Opens the workbench at `url` and waits until it can take keyboard input. */
export async function openWorkbench(page, url, { timeout = 60_000 } = {}) {
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout });
  await page.locator('.part.statusbar').waitFor({ timeout });
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout }).catch(() => {});
  await page.waitForTimeout(500);
}

async function quickInput(page, prefixAndText, rowMatch, { tries = 3, key = 'Control+P' } = {}) {
  let lastErr;
  for (let i = 0; i < tries; i++) {
    try {
      await page.keyboard.press('Escape');
      await page.keyboard.press(key);
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 5000 });
      await input.fill(prefixAndText);
      if (rowMatch) {
        const row = page.locator('.quick-input-list .monaco-list-row', { hasText: rowMatch }).first();
        // The first file search of a session can be slow (ripgrep warming up on a busy machine).
        await row.waitFor({ state: 'visible', timeout: i === 0 ? 30_000 : 15_000 });
      } else {
        await page.waitForTimeout(300);
      }
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
      return;
    } catch (err) {
      lastErr = err;
      console.log(`      (quick input "${prefixAndText}": attempt ${i + 1} failed: ${String(err?.message ?? err).split('\n')[0]})`);
      await page.keyboard.press('Escape').catch(() => {});
      await page.waitForTimeout(500);
    }
  }
  throw new Error(`quick input "${prefixAndText}" found no row "${rowMatch}": ${lastErr?.message ?? lastErr}`);
}

/** Opens a file of the workspace through Quick Open (Control+P) and waits for its tab. */
export async function openFile(page, fileName) {
  const name = basename(fileName);
  await quickInput(page, fileName, name.replace(/\.md$/, ''));
  await activeTab(page, name);
}

/** Waits until the active editor tab is `name`. */
export async function activeTab(page, name, { timeout = 15_000 } = {}) {
  await page.locator(`.tabs-container .tab.active[aria-label*="${name.replace(/"/g, '\\"')}"], .title .label-name:text-is("${name}")`).first().waitFor({ timeout });
}

/** Runs a command by its palette label (F1, then `>label`). */
export async function runCommand(page, label) {
  await quickInput(page, `>${label}`, label, { key: 'F1' });
}

/** Moves the cursor of the active editor to a 1-based line and column (Control+G). */
export async function goToLine(page, line, column = 1) {
  await quickInput(page, `:${line}:${column}`, null, { key: 'Control+G' });
  await page.waitForTimeout(200);
}

/** Saves a screenshot to test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Polls `probe` (every `step` ms, on the page's clock) until it gives something truthy; throws `timed out: what` after `ms`. */
export async function eventually(page, what, probe, { ms = 20_000, step = 150 } = {}) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await page.waitForTimeout(step);
  }
}

/** The events in a vault's review log now (`.mmnotes/reviews.jsonl`, header left out). */
export function reviewLogEvents(vault) {
  const file = join(vault, '.mmnotes', 'reviews.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((e) => e.type);
}

/** Folder with the sample vault: the repo's sample-vault/, or the shared one until it exists. */
export function sampleVaultSource() {
  const candidates = [join(REPO_ROOT, 'sample-vault'), join(REPO_ROOT, '..', 'shared', 'sample-vault'), '/work/shared/sample-vault'];
  for (const c of candidates) if (existsSync(join(c, SAMPLE_NOTE))) return c;
  throw new Error(`no sample vault with "${SAMPLE_NOTE}" found in ${candidates.join(', ')}`);
}

/**
 * Copies the sample vault to a temp folder, so that tests never dirty the repo's copy.
 * An attachment the tests hover but the vault lacks is written as a small generated PNG.
 */
export function copySampleVault({ ensureImages = ['Pasted image 20240608095521.png'] } = {}) {
  const src = sampleVaultSource();
  const dest = mkdtempSync(join(os.tmpdir(), 'mmnotes-vault-'));
  cpSync(src, dest, { recursive: true, filter: (p) => !/[/\\](node_modules|\.git|\.mmnotes-cache)$/.test(p) });
  if (src !== join(REPO_ROOT, 'sample-vault')) console.log(`[vault] note: using ${src} (the repo has no sample-vault/${SAMPLE_NOTE} yet)`);
  for (const img of ensureImages) {
    if (!findFileByName(dest, img)) {
      writeFileSync(join(dest, img), makePng(160, 90));
      console.log(`[vault] note: the sample vault lacks "${img}"; the test copy gets a generated placeholder`);
    }
  }
  return dest;
}

/** Path of the first file named `name` (case-insensitive) under `dir`, or undefined. */
export function findFileByName(dir, name) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      const hit = findFileByName(p, name);
      if (hit) return hit;
    } else if (e.name.toLowerCase() === name.toLowerCase()) return p;
  }
  return undefined;
}

/**
 * dist/mmnotes.vsix, rebuilt with `npm run package` when missing or older than the build or its
 * inputs; $MMNOTES_VSIX names another .vsix to use as it is.
 */
export function ensureVsix() {
  if (process.env.MMNOTES_VSIX) return resolve(process.env.MMNOTES_VSIX);
  const vsix = join(REPO_ROOT, 'dist', 'mmnotes.vsix');
  const dist = join(REPO_ROOT, 'dist');
  const built = existsSync(dist)
    ? readdirSync(dist, { withFileTypes: true }).filter((e) => e.isFile() && !e.name.endsWith('.vsix')).map((e) => join(dist, e.name))
    : [];
  const inputs = ['src', 'media', 'syntaxes', 'package.json', 'esbuild.mjs', '.vscodeignore', 'README.md'].map((p) => join(REPO_ROOT, p));
  if (isStale(vsix, [...built, ...inputs])) {
    console.log('[package] dist/mmnotes.vsix is missing or older than the build: npm run package');
    if (!existsSync(join(REPO_ROOT, '.vscodeignore'))) {
      console.warn('[package] warning: no .vscodeignore, so vsce packs everything, .cache/code-server (300 MB) included');
    }
    const t = Date.now();
    const r = spawnSync('npm', ['run', 'package'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`npm run package failed (exit ${r.status})`);
    if (!existsSync(vsix)) throw new Error(`npm run package did not write ${vsix}`);
    if (statSync(vsix).size > 50 * 1024 * 1024) {
      throw new Error(`${vsix} is ${(statSync(vsix).size / 1048576).toFixed(0)} MB: .vscodeignore must leave out .cache/**, test-results/**, test/**, src/**, dist/test/**`);
    }
    console.log(`[package] ${vsix} (${(statSync(vsix).size / 1024).toFixed(0)} KiB) in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  return vsix;
}

/** True when `file` is missing or older than any file under `dirs`. */
export function isStale(file, dirs) {
  if (!existsSync(file)) return true;
  const t = statSync(file).mtimeMs;
  const newer = (p) => {
    if (!existsSync(p)) return false;
    const s = statSync(p);
    if (!s.isDirectory()) return s.mtimeMs > t;
    return readdirSync(p).some((n) => newer(join(p, n)));
  };
  return dirs.some(newer);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** A small RGB PNG with a diagonal gradient: enough for an image hover to show something. */
export function makePng(width, height) {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      raw[row + 1 + x * 3] = Math.round((255 * x) / width);
      raw[row + 2 + x * 3] = Math.round((255 * y) / height);
      raw[row + 3 + x * 3] = 200;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; ihdr[9] = 2; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}
