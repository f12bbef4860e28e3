// Bundles the extension client, the language server, the CLI and the webviews.
// `--watch` rebuilds on change; `--production` minifies and drops source maps.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  // unified's ESM packages read import.meta.url nowhere we use; keep the bundle quiet about it.
  logOverride: { 'empty-import-meta': 'silent' },
};

const targets = [
  { ...node, entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node, entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js' },
  // Parse workers for the cold start, beside the server (startServer.ts looks for it there).
  { ...node, entryPoints: ['src/server/indexing/parseWorker.ts'], outfile: 'dist/parseWorker.js' },
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  {
    bundle: true, platform: 'browser', format: 'iife', target: 'es2022', sourcemap: !production, minify: production, logLevel: 'info',
    entryPoints: ['src/webview/graph/main.ts', 'src/webview/review/main.ts'].filter(existsSync),
    outdir: 'media/dist', outbase: 'src/webview', entryNames: '[dir]',
  },
].filter((t) => t.entryPoints.length && t.entryPoints.every(existsSync));

if (watch) {
  for (const t of targets) await (await esbuild.context(t)).watch();
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
}
