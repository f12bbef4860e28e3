/**
 * Browser benchmark of the graph panel: loads the webview bundle, in the
 * very page the extension serves (same CSP, same Worker setup), into
 * headless Chromium, posts a generated 10k-node / 40k-edge graph, and
 * measures time to first frame, time to a settled layout and frame times
 * while panning with the mouse (after the layout settled, and while it is
 * still running). The same graph in force-graph is measured alongside, for
 * the choice of renderer.
 *
 *   npx tsx bench/graph/runGraphBench.ts [--nodes 10000] [--edges 40000] [--only ours|force-graph] [--json out.json]
 */
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { graphHtml } from '../../src/extension/graph/graphHtml';
import { syntheticGraph } from './syntheticGraph';

const ROOT = path.resolve(__dirname, '../..');
const ORIGIN = 'https://bench.local';
const VIEW = { width: 1280, height: 800 };

interface Figures {
  renderer: string;
  nodes: number;
  edges: number;
  /** From the graph being in the page (the message received) to the first drawn frame. */
  firstFrameMs: number;
  /** Ours only: posting the snapshot message until the page has it (structured clone of 10k objects). */
  transferMs?: number;
  settledMs: number;
  panMedianMs: number;
  panP95Ms: number;
  panDuringLayoutMedianMs?: number;
  longTasksDuringPan: number;
  notes?: string;
}

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};

/** rAF timestamps and long tasks, recorded on demand inside the page. */
const RECORDER = `
  window.__rec = { on: false, t: [], long: 0 };
  const loop = (ts) => { if (window.__rec.on) window.__rec.t.push(ts); requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
  try { new PerformanceObserver((l) => { if (window.__rec.on) window.__rec.long += l.getEntries().length; }).observe({ entryTypes: ['longtask'] }); } catch {}
`;

async function recordPan(page: Page, steps = 150): Promise<{ median: number; p95: number; longTasks: number }> {
  await page.evaluate(() => {
    const r = (window as unknown as { __rec: { on: boolean; t: number[]; long: number } }).__rec;
    r.t = [];
    r.long = 0;
    r.on = true;
  });
  // Grab the background near a corner (the fitted graph is round): grabbing a node would drag it instead.
  const cx = 40;
  const cy = VIEW.height - 40;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 0; i < steps; i++) {
    const a = (i / steps) * Math.PI * 4;
    await page.mouse.move(cx + 200 + Math.cos(a) * 200, cy - 120 + Math.sin(a) * 120);
    await page.waitForTimeout(8);
  }
  await page.mouse.up();
  const { t, long } = await page.evaluate(() => {
    const r = (window as unknown as { __rec: { on: boolean; t: number[]; long: number } }).__rec;
    r.on = false;
    return { t: r.t, long: r.long };
  });
  const d = t.slice(1).map((x, i) => x - t[i]).sort((a, b) => a - b);
  return { median: d[Math.floor(d.length / 2)] ?? NaN, p95: d[Math.floor(d.length * 0.95)] ?? NaN, longTasks: long };
}

async function waitForMark(page: Page, name: string, timeoutMs: number): Promise<number> {
  await page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout: timeoutMs, polling: 50 });
  return page.evaluate((n) => performance.getEntriesByName(n)[0].startTime, name);
}

async function benchOurs(page: Page, graph: ReturnType<typeof syntheticGraph>): Promise<Figures> {
  await page.goto(`${ORIGIN}/graph.html`);
  await page.waitForSelector('canvas');
  await page.evaluate((g) => {
    performance.mark('bench:post');
    window.postMessage({ type: 'snapshot', graph: g }, '*');
  }, graph);
  const post = await waitForMark(page, 'bench:post', 120000);
  const received = await waitForMark(page, 'mmgraph:snapshot', 60000);
  const first = await waitForMark(page, 'mmgraph:first-frame', 60000);
  const during = await recordPan(page, 60);
  const settled = await waitForMark(page, 'mmgraph:settled', 180000);
  await page.waitForTimeout(300);
  const pan = await recordPan(page);
  const status = await page.textContent('.status');
  // A string, not a function: tsx would wrap inner functions in a helper the page does not have.
  const timings = await page.evaluate<string>(`['mmgraph:recompute', 'mmgraph:draw', 'mmgraph:blit'].map((name) => {
    const d = performance.getEntriesByName(name).map((e) => e.duration).sort((a, b) => a - b);
    return d.length ? name.split(':')[1] + ' median ' + d[Math.floor(d.length / 2)].toFixed(1) + ' ms, max ' + d[d.length - 1].toFixed(1) + ' ms (' + d.length + ')' : '';
  }).filter(Boolean).join('; ')`);
  return {
    renderer: 'mmnotes canvas + d3-force in a Worker',
    nodes: graph.nodes.length,
    edges: graph.edges.length,
    firstFrameMs: Math.round(first - received),
    transferMs: Math.round(received - post),
    settledMs: Math.round(settled - received),
    panMedianMs: round1(pan.median),
    panP95Ms: round1(pan.p95),
    panDuringLayoutMedianMs: round1(during.median),
    longTasksDuringPan: pan.longTasks,
    notes: `${status ?? ''}; ${timings}`,
  };
}

async function benchForceGraph(page: Page, graph: ReturnType<typeof syntheticGraph>): Promise<Figures> {
  await page.goto(`${ORIGIN}/fg.html`);
  await page.waitForFunction(() => typeof (window as unknown as { ForceGraph?: unknown }).ForceGraph === 'function');
  const data = { nodes: graph.nodes.map((n) => ({ id: n.id, group: n.group ?? '' })), links: graph.edges.map((e) => ({ source: e.source, target: e.target })) };
  await page.evaluate((d) => {
    const w = window as unknown as { ForceGraph: () => (el: HTMLElement) => Record<string, (...a: unknown[]) => unknown> };
    performance.mark('bench:post');
    let first = false;
    const fg = w.ForceGraph()(document.getElementById('g')!);
    fg.width(1280);
    fg.height(780);
    fg.nodeAutoColorBy('group');
    fg.d3AlphaDecay(0.045);
    fg.cooldownTime(180000);
    fg.onRenderFramePost(() => {
      if (!first) (first = true), performance.mark('mmgraph:first-frame');
    });
    fg.onEngineStop(() => performance.mark('mmgraph:settled'));
    fg.graphData(d);
  }, data);
  const post = await waitForMark(page, 'bench:post', 120000);
  const first = await waitForMark(page, 'mmgraph:first-frame', 120000);
  const during = await recordPan(page, 60);
  const settled = await waitForMark(page, 'mmgraph:settled', 240000);
  await page.waitForTimeout(300);
  const pan = await recordPan(page);
  return {
    renderer: 'force-graph 1.x (canvas, layout on the UI thread)',
    nodes: graph.nodes.length,
    edges: graph.edges.length,
    firstFrameMs: Math.round(first - post),
    settledMs: Math.round(settled - post),
    panMedianMs: round1(pan.median),
    panP95Ms: round1(pan.p95),
    panDuringLayoutMedianMs: round1(during.median),
    longTasksDuringPan: pan.longTasks,
    notes: 'graphData() called inside the page: no message transfer; the engine ticks once per frame on the UI thread',
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** How loaded the machine is: the figures scale with it. */
function calibrate(): number {
  const t = performance.now();
  let s = 0;
  for (let i = 0; i < 1e8; i++) s += i;
  return Math.round(performance.now() - t + (s < 0 ? 1 : 0));
}

async function main(): Promise<void> {
  const nodes = Number(arg('nodes', '10000'));
  const edges = Number(arg('edges', '40000'));
  const only = arg('only', '');
  const built = await esbuild.build({
    entryPoints: [path.join(ROOT, 'src/webview/graph/main.ts')],
    bundle: true, platform: 'browser', format: 'iife', target: 'es2022', minify: true, write: false,
  });
  const bundle = built.outputFiles[0].text;
  const nonce = 'benchnonce0123456789';
  const pages: Record<string, { body: string; type: string }> = {
    '/graph.html': { body: graphHtml({ cspSource: ORIGIN, nonce, scriptUri: `${ORIGIN}/graph.js` }), type: 'text/html' },
    '/graph.js': { body: bundle, type: 'text/javascript' },
    '/fg.html': { body: `<!DOCTYPE html><html><body style="margin:0;background:#1e1e1e"><div id="g"></div><script src="${ORIGIN}/force-graph.js"></script></body></html>`, type: 'text/html' },
    '/force-graph.js': { body: readFileSync(path.join(ROOT, 'node_modules/force-graph/dist/force-graph.min.js'), 'utf8'), type: 'text/javascript' },
  };

  const graph = syntheticGraph(nodes, edges);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const results: Figures[] = [];
  try {
    for (const which of ['ours', 'force-graph']) {
      if (only && only !== which) continue;
      const context = await browser.newContext({ viewport: VIEW });
      const page = await context.newPage();
      await page.route(`${ORIGIN}/**`, (route) => {
        const p = pages[new URL(route.request().url()).pathname];
        return p ? route.fulfill({ status: 200, contentType: p.type, body: p.body }) : route.fulfill({ status: 404, body: '' });
      });
      await page.addInitScript(RECORDER);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      try {
        results.push(which === 'ours' ? await benchOurs(page, graph) : await benchForceGraph(page, graph));
      } catch (e) {
        results.push({ renderer: which, nodes, edges, firstFrameMs: NaN, settledMs: NaN, panMedianMs: NaN, panP95Ms: NaN, longTasksDuringPan: NaN, notes: `failed: ${(e as Error).message.split('\n')[0]}` });
      }
      if (errors.length) results[results.length - 1].notes = `${results[results.length - 1].notes ?? ''} page errors: ${errors.slice(0, 3).join(' | ')}`;
      await context.close();
    }
  } finally {
    await browser.close();
  }

  const out = arg('json', '');
  if (out) writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(`CPU check: 1e8 additions took ${calibrate()} ms on this machine (an idle modern core: ~80 ms)\n\n`);
  process.stdout.write('| renderer | nodes | edges | first frame | settled layout | pan: median frame | pan: p95 frame | pan while laying out: median | long tasks while panning |\n|---|---|---|---|---|---|---|---|---|\n');
  for (const r of results) {
    const transfer = r.transferMs !== undefined ? ` (+${r.transferMs} ms message)` : '';
    process.stdout.write(`| ${r.renderer} | ${r.nodes} | ${r.edges} | ${r.firstFrameMs} ms${transfer} | ${r.settledMs} ms | ${r.panMedianMs} ms | ${r.panP95Ms} ms | ${r.panDuringLayoutMedianMs ?? '–'} ms | ${r.longTasksDuringPan} |\n`);
  }
  for (const r of results) if (r.notes) process.stdout.write(`\n${r.renderer}: ${r.notes}\n`);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
