#!/usr/bin/env node
// `npm start`: opens sample-vault/ in VS Code with the extension.
// - With a local `code` command: builds, then `code --extensionDevelopmentPath=<repo> sample-vault`.
// - Without one: installs code-server into .cache/ (once), packages the .vsix if needed, serves
//   VS Code on 127.0.0.1 (port 8080 or the next free one) and prints the address. Ctrl+C stops
//   it and everything it started.
//
//   --code-server   use code-server even when `code` exists
//   --port=N        first port to try (default 8080)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CODE_SERVER_VERSION, which } from './install-code-server.mjs';
import { ensureVsix, freePort, REPO_ROOT, startCodeServer } from '../test/support/codeServer.mjs';

const vault = join(REPO_ROOT, 'sample-vault');
const forceCodeServer = process.argv.includes('--code-server');
const firstPort = Number(process.argv.find((a) => a.startsWith('--port='))?.slice(7) ?? process.env.PORT ?? 8080);

/** A desktop VS Code CLI (not code-server's own `code` shim inside its terminal). */
function localCode() {
  const code = which('code');
  if (!code || process.env.VSCODE_IPC_HOOK_CLI?.includes('code-server')) return undefined;
  const r = spawnSync(code, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  return r.status === 0 ? code : undefined;
}

const code = forceCodeServer ? undefined : localCode();
if (code) {
  console.log('[start] building the extension...');
  const b = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
  console.log(`[start] ${code} --extensionDevelopmentPath=${REPO_ROOT} ${vault}`);
  const r = spawnSync(code, [`--extensionDevelopmentPath=${REPO_ROOT}`, vault], { stdio: 'inherit' });
  process.exit(r.status ?? 0);
}

let server;
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\n[start] stopping code-server...');
  await server?.stop().catch(() => {});
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
process.on('SIGHUP', () => stop(0));

try {
  const vsix = ensureVsix();
  server = await startCodeServer({ vsix, port: await freePort(firstPort), logFile: join(REPO_ROOT, '.cache', 'code-server', 'open-sample.log') });
  const url = server.folderUrl(vault);
  console.log('');
  console.log(`  VS Code (code-server ${CODE_SERVER_VERSION}) with mmnotes is serving sample-vault/ at:`);
  console.log('');
  console.log(`    ${url}`);
  console.log('');
  console.log(`  Open it in a browser (from another machine: ssh -L ${server.port}:127.0.0.1:${server.port} this-host).`);
  console.log('  Press Ctrl+C to stop.');
  // Stay alive while code-server runs; end when it dies.
  const timer = setInterval(() => {
    try {
      process.kill(server.pid, 0);
    } catch {
      console.error(`[start] code-server exited; see ${server.logFile}`);
      clearInterval(timer);
      stop(1);
    }
  }, 2000);
} catch (err) {
  console.error(`[start] ERROR: ${err instanceof Error ? err.message : err}`);
  await server?.stop().catch(() => {});
  process.exit(1);
}
