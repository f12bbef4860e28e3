/**
 * Renders a vault's concept graph in the panel's page in headless Chromium
 * and saves a screenshot, to look at the panel without VS Code:
 *
 *   npx tsx bench/graph/screenshot.ts [vault] [out.png] [--search fusion] [--light] [--synthetic 10000]
 */
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { openVault } from '../../src/cli/openVault';
import { loadTaxonomy } from '../../src/core/concepts/loadTaxonomy';
import { ConceptGraph } from '../../src/core/graph/conceptGraph';
import { graphHtml } from '../../src/extension/graph/graphHtml';
import { syntheticGraph } from './syntheticGraph';

const ROOT = path.resolve(__dirname, '../..');
const ORIGIN = 'https://bench.local';

async function main(): Promise<void> {
  const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !['--search', '--synthetic'].includes(all[i - 1]));
  const vaultDir = positional[0] ?? path.join(ROOT, 'sample-vault');
  const out = positional[1] ?? path.join(ROOT, 'bench/graph/screenshot.png');
  const si = process.argv.indexOf('--search');
  const search = si > 0 ? process.argv[si + 1] : '';
  const light = process.argv.includes('--light');

  const syn = process.argv.indexOf('--synthetic');
  let snapshot;
  if (syn > 0) snapshot = syntheticGraph(Number(process.argv[syn + 1]), Number(process.argv[syn + 1]) * 4);
  else {
    const vault = await openVault(vaultDir);
    const graph = new ConceptGraph(vault.index, { taxonomy: loadTaxonomy(undefined).taxonomy });
    graph.build();
    snapshot = graph.snapshot();
  }

  const built = await esbuild.build({ entryPoints: [path.join(ROOT, 'src/webview/graph/main.ts')], bundle: true, platform: 'browser', format: 'iife', target: 'es2022', write: false });
  const page0 = graphHtml({ cspSource: ORIGIN, nonce: 'shotnonce', scriptUri: `${ORIGIN}/graph.js` });
  // VS Code sets these on the body; a few are enough to see the themed look.
  const vars = light
    ? '--vscode-editor-background:#ffffff;--vscode-editor-foreground:#333333;--vscode-foreground:#333333;--vscode-textLink-foreground:#006ab1'
    : '--vscode-editor-background:#1e1e1e;--vscode-editor-foreground:#d4d4d4;--vscode-foreground:#cccccc;--vscode-textLink-foreground:#3794ff';
  const html = page0.replace('<body>', `<body class="${light ? 'vscode-light' : 'vscode-dark'}">`).replace('</style>', `body{${vars}}</style>`);

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.route(`${ORIGIN}/**`, (route) =>
      route.request().url().endsWith('.js')
        ? route.fulfill({ status: 200, contentType: 'text/javascript', body: built.outputFiles[0].text })
        : route.fulfill({ status: 200, contentType: 'text/html', body: html }),
    );
    await page.goto(`${ORIGIN}/graph.html`);
    await page.waitForSelector('canvas');
    await page.evaluate((g) => window.postMessage({ type: 'snapshot', graph: g }, '*'), snapshot);
    await page.waitForFunction(() => performance.getEntriesByName('mmgraph:settled').length > 0, undefined, { timeout: 600000 });
    if (search) {
      await page.fill('.search', search);
      await page.keyboard.press('Enter');
    }
    await page.waitForTimeout(500);
    await page.screenshot({ path: out });
    process.stdout.write(`${snapshot.nodes.length} nodes, ${snapshot.edges.length} edges → ${out}\n`);
    if (errors.length) process.stdout.write(`page errors:\n${errors.join('\n')}\n`);
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
