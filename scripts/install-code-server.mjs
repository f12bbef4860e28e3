#!/usr/bin/env node
// Installs code-server (a real VS Code: web client + Node server + extension host) into
// .cache/code-server/, for the e2e tests and `npm start`. It is not a package.json dependency
// so that `npm ci` stays fast; this script is idempotent and returns at once when it is there.
//
// Traps handled here (see /work/shared/REAL-VSCODE.md):
// - as root, code-server's postinstall refuses to run without npm_config_unsafe_perm=true;
// - node-pty runs `npx node-gyp`, which waits on a prompt without npm_config_yes=true;
// - npm_config_nodedir=/usr builds native modules against the local Node headers (no download);
// - @vscode/ripgrep downloads `rg` from GitHub, which no machine here reaches. It looks in
//   $TMPDIR/vscode-ripgrep-cache-<pkg version>/ first, so we put there a tarball made from the
//   system's `rg` (Debian's ripgrep). The version and asset name are read from the packages.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync, chmodSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';

export const CODE_SERVER_VERSION = '4.100.3';
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CODE_SERVER_DIR = join(REPO_ROOT, '.cache', 'code-server');
const PKG_DIR = join(CODE_SERVER_DIR, 'node_modules', 'code-server');
const MARKER = join(CODE_SERVER_DIR, `.installed-${CODE_SERVER_VERSION}`);
const APT_HINT = 'run: apt-get install -y chromium ripgrep libkrb5-dev   (as root, after apt-get update)';

/** Path of the code-server launcher script once installed. */
export function codeServerBin() {
  return join(PKG_DIR, 'out', 'node', 'entry.js');
}

/** Finds an executable on PATH (or an absolute path); returns its path or undefined. */
export function which(name) {
  if (name.includes('/')) return existsSync(name) ? name : undefined;
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** Path of a Chromium binary: $CHROMIUM_PATH, Debian's /usr/bin/chromium, or one on PATH. */
export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', 'chromium', 'chromium-browser'].filter(Boolean);
  for (const c of candidates) {
    const p = which(c);
    if (p) return p;
  }
  return undefined;
}

/** Throws a clear error naming the apt packages when a system prerequisite is missing. */
export function checkSystemPrerequisites({ needChromium = true, needBuildDeps = true } = {}) {
  const missing = [];
  if (!which('rg')) missing.push('ripgrep (`rg` not on PATH)');
  if (needChromium && !findChromium()) missing.push('chromium (/usr/bin/chromium not found)');
  if (needBuildDeps && !existsSync('/usr/include/gssapi/gssapi.h') && !which('krb5-config')) {
    missing.push('libkrb5-dev (needed to build code-server\'s kerberos module)');
  }
  if (missing.length) {
    throw new Error(`missing system packages: ${missing.join(', ')}\n  ${APT_HINT}`);
  }
}

export function isCodeServerInstalled() {
  return existsSync(MARKER) && existsSync(codeServerBin());
}

function log(msg) {
  console.log(`[code-server] ${msg}`);
}

function run(cmd, args, opts) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.status}`);
  return r;
}

function ripgrepTarget() {
  const arch = process.env.npm_config_arch || os.arch();
  const targets = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl', ia32: 'i686-unknown-linux-musl' };
  const t = targets[arch];
  if (!t || os.platform() !== 'linux') throw new Error(`unsupported platform for the ripgrep shim: ${os.platform()}/${arch}`);
  return t;
}

/**
 * Reads which @vscode/ripgrep code-server's VS Code pins (its npm-shrinkwrap.json) and which
 * ripgrep release that package's postinstall asks for (its `VERSION` constant).
 */
function ripgrepVersions(tmp) {
  const shrinkwrap = JSON.parse(readFileSync(join(PKG_DIR, 'lib', 'vscode', 'npm-shrinkwrap.json'), 'utf8'));
  const pkgVersion = shrinkwrap.packages?.['node_modules/@vscode/ripgrep']?.version;
  if (!pkgVersion) throw new Error('could not find @vscode/ripgrep in code-server\'s lib/vscode/npm-shrinkwrap.json');
  const packDir = join(tmp, 'ripgrep-pack');
  rmSync(packDir, { recursive: true, force: true });
  mkdirSync(packDir, { recursive: true });
  const r = spawnSync('npm', ['pack', `@vscode/ripgrep@${pkgVersion}`, '--silent'], { cwd: packDir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm pack @vscode/ripgrep@${pkgVersion} failed: ${r.stderr}`);
  const tgz = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
  run('tar', ['xzf', tgz, 'package/lib/postinstall.js'], { cwd: packDir });
  const src = readFileSync(join(packDir, 'package', 'lib', 'postinstall.js'), 'utf8');
  const m = /const VERSION = ['"]([^'"]+)['"]/.exec(src);
  if (!m) throw new Error('could not read the ripgrep release VERSION from @vscode/ripgrep\'s postinstall.js');
  rmSync(packDir, { recursive: true, force: true });
  return { pkgVersion, rgVersion: m[1] };
}

/** Puts a tarball holding the system `rg` where @vscode/ripgrep's postinstall looks first. */
function seedRipgrepCache(tmp) {
  const { pkgVersion, rgVersion } = ripgrepVersions(tmp);
  const cacheDir = join(tmp, `vscode-ripgrep-cache-${pkgVersion}`);
  const asset = join(cacheDir, `ripgrep-${rgVersion}-${ripgrepTarget()}.tar.gz`);
  const stage = join(tmp, 'rg-stage');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  mkdirSync(cacheDir, { recursive: true });
  copyFileSync(which('rg'), join(stage, 'rg'));
  chmodSync(join(stage, 'rg'), 0o755);
  run('tar', ['czf', asset, '-C', stage, 'rg']);
  rmSync(stage, { recursive: true, force: true });
  log(`seeded ${asset} from ${which('rg')} (@vscode/ripgrep ${pkgVersion})`);
}

/** Installs code-server into .cache/code-server/ unless it is already there. Returns the entry script. */
export function ensureCodeServer({ force = false } = {}) {
  if (!force && isCodeServerInstalled()) return codeServerBin();
  checkSystemPrerequisites({ needChromium: false });
  const started = Date.now();
  log(`installing code-server@${CODE_SERVER_VERSION} into ${CODE_SERVER_DIR} (about a minute)...`);
  rmSync(join(CODE_SERVER_DIR, 'node_modules'), { recursive: true, force: true });
  rmSync(MARKER, { force: true });
  mkdirSync(CODE_SERVER_DIR, { recursive: true });
  writeFileSync(join(CODE_SERVER_DIR, 'package.json'), JSON.stringify({ name: 'mmnotes-code-server', private: true }, null, 2) + '\n');
  // A private TMPDIR: the ripgrep cache we seed is found there, and nothing is left in /tmp.
  const tmp = join(CODE_SERVER_DIR, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const env = {
    ...process.env,
    TMPDIR: tmp,
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
    npm_config_nodedir: process.env.npm_config_nodedir || '/usr',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_loglevel: process.env.npm_config_loglevel || 'warn',
  };
  // Two steps: fetch without scripts, seed the ripgrep cache using the versions the fetched
  // tree pins, then run code-server's postinstall (which installs VS Code's own dependencies).
  run('npm', ['install', '--ignore-scripts', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], { cwd: CODE_SERVER_DIR, env });
  seedRipgrepCache(tmp);
  run('npm', ['rebuild', '--foreground-scripts'], { cwd: CODE_SERVER_DIR, env });
  const rg = join(PKG_DIR, 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  if (!existsSync(rg)) throw new Error(`code-server installed but ${rg} is missing: the ripgrep shim did not work`);
  if (!existsSync(codeServerBin())) throw new Error(`code-server installed but ${codeServerBin()} is missing`);
  // Loads every native module the server needs at start (argon2, ...): fails here, not in a test.
  const v = spawnSync(process.execPath, [codeServerBin(), '--version'], {
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: tmp, XDG_CONFIG_HOME: join(tmp, 'config'), XDG_DATA_HOME: join(tmp, 'data') },
  });
  if (v.status !== 0) throw new Error(`installed code-server does not start:\n${v.stderr || v.stdout}`);
  log(`code-server --version: ${v.stdout.trim().split('\n').filter((l) => !l.startsWith('[')).join(' ')}`);
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(MARKER, `${new Date().toISOString()}\n`);
  log(`installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return codeServerBin();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const t = Date.now();
    const force = process.argv.includes('--force');
    const already = !force && isCodeServerInstalled();
    ensureCodeServer({ force });
    checkSystemPrerequisites();
    log(already ? `already installed (${codeServerBin()})` : `ready (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  } catch (err) {
    console.error(`[code-server] ERROR: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
