import { spawn } from 'node:child_process';
import { SERVER_EXEC_ARGV } from '../src/protocol/serverProcess';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { build } from 'esbuild';
import type { EngineInput, EngineResult } from './engineTypes';
import { ENGINES, type EngineSpec } from './engines';
import { generateVault, type VaultManifest } from './generateVault';
import { summarizeProfiles } from './profileSummary';
import { formatDetails, formatTable, formatVaults, type BenchReport, type SizeReport } from './report';

export interface BenchOptions {
  sizes: number[];
  engines?: string[];
  edits?: number;
  /** Per repeated measurement (edits at 50k in foam take seconds each). */
  budgetMs?: number;
  /** Write a CPU profile of each child and print where its time went. */
  profile?: boolean;
  /**
   * Work in this folder and keep it: vaults are generated once and reused,
   * and the parse cache a cold run leaves stays for `--engines mmnotes-warm`
   * runs after it (for profiling one phase again and again).
   */
  keep?: string;
  /** Engines measure their load only (with --profile: where a start spends its time). */
  loadOnly?: boolean;
  log?: (line: string) => void;
}

const BENCH_DIR = __dirname;
/** A child that runs longer than this is killed and reported as failed. */
const CHILD_TIMEOUT_MS = 60 * 60_000;

/**
 * Generates each vault in a fresh folder under os.tmpdir(), runs every
 * engine on it in its own child process, and deletes everything it wrote,
 * also when an engine fails. Never asserts anything about times.
 */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const log = options.log ?? (() => {});
  const engines = ENGINES.filter((e) => !options.engines || options.engines.includes(e.name));
  const work = options.keep ? nodePath.resolve(options.keep) : mkdtempSync(nodePath.join(os.tmpdir(), 'mmnotes-bench-'));
  if (options.keep) mkdirSync(work, { recursive: true });
  const cleanup = () => (options.keep ? undefined : rmSync(work, { recursive: true, force: true }));
  const onInterrupt = () => (cleanup(), process.exit(130));
  process.once('SIGINT', onInterrupt);
  try {
    const bundles = await bundleEngines(engines, nodePath.join(work, 'engines'));
    const sizes: SizeReport[] = [];
    for (const size of options.sizes) {
      const vaultDir = nodePath.join(work, `vault-${size}`);
      const t = performance.now();
      const manifestFile = nodePath.join(work, `vault-${size}.manifest.json`);
      const kept = options.keep && existsSync(manifestFile);
      const manifest: VaultManifest = kept ? JSON.parse(readFileSync(manifestFile, 'utf8')) : generateVault(vaultDir, size);
      if (options.keep && !kept) writeFileSync(manifestFile, JSON.stringify(manifest));
      log(`${kept ? 'reused' : 'generated'} ${size} notes (${(manifest.bytes / 1e6).toFixed(1)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      const input: EngineInput = { vaultDir, cacheDir: nodePath.join(work, `cache-${size}`), manifest, edits: options.edits ?? 200, budgetMs: options.budgetMs ?? 30_000, loadOnly: options.loadOnly };
      const results: SizeReport['results'] = [];
      for (const e of engines) {
        const r = await runEngine(e, bundles.get(e.name)!, input, work, options.profile === true);
        log(`${size} ${e.name}: ${r.error ? 'failed' : `cold ${r.coldMs.toFixed(0)} ms, peak RSS ${r.rssMb.toFixed(0)} MB`}`);
        if (options.profile) log(summarizeProfiles(nodePath.join(work, 'prof', `${e.name}-${size}`), bundles.get(e.name)!));
        results.push(r);
      }
      sizes.push({ size, manifest, results });
      if (!options.keep) rmSync(vaultDir, { recursive: true, force: true });
    }
    return { date: new Date().toISOString(), machine: machineLine(), workDir: work, sizes };
  } finally {
    process.off('SIGINT', onInterrupt);
    cleanup();
  }
}

/** One bundle per engine: the server ships bundled, and plain node (no tsx loader) keeps RSS honest. */
async function bundleEngines(engines: readonly EngineSpec[], outDir: string): Promise<Map<string, string>> {
  mkdirSync(outDir, { recursive: true });
  const out = new Map<string, string>();
  for (const e of engines) {
    const outfile = nodePath.join(outDir, `${e.name}.cjs`);
    await build({
      stdin: {
        contents: `import { ${e.fn} } from './${e.module}'; import { runChild } from './child'; void runChild(${e.fn});`,
        resolveDir: BENCH_DIR,
        loader: 'ts',
      },
      bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'error',
      logOverride: { 'empty-import-meta': 'silent' },
    });
    out.set(e.name, outfile);
  }
  // Parse workers run from their own bundle beside the engines', as dist/parseWorker.js beside dist/server.js.
  await build({
    entryPoints: [nodePath.join(BENCH_DIR, '..', 'src', 'server', 'indexing', 'parseWorker.ts')],
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: nodePath.join(outDir, 'parseWorker.js'), logLevel: 'error',
    logOverride: { 'empty-import-meta': 'silent' },
  });
  return out;
}

async function runEngine(e: EngineSpec, bundle: string, input: EngineInput, work: string, profile: boolean): Promise<EngineResult & { error?: string }> {
  const base = nodePath.join(work, `${e.name}-${input.manifest.notes}`);
  writeFileSync(`${base}.input.json`, JSON.stringify(input));
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // a tsx or mocha loader inherited here would inflate RSS
  // Our engines run with the server's own Node options; foam-core with Node's defaults, as VS Code's extension host runs it.
  // MMNOTES_BENCH_NODE_FLAGS adds options to every engine (to compare engines under the same ones).
  const extra = process.env.MMNOTES_BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  const flags = ['--max-old-space-size=8192', ...(e.name.startsWith('mmnotes') ? SERVER_EXEC_ARGV : []), ...extra];
  // A kept work folder may hold an earlier run's profiles: the summary is of this run only.
  if (profile) rmSync(nodePath.join(work, 'prof', `${e.name}-${input.manifest.notes}`), { recursive: true, force: true });
  if (profile) flags.push('--cpu-prof', `--cpu-prof-dir=${nodePath.join(work, 'prof', `${e.name}-${input.manifest.notes}`)}`);
  const child = spawn(process.execPath, [...flags, bundle, `${base}.input.json`, `${base}.result.json`, e.name], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  try {
    return JSON.parse(readFileSync(`${base}.result.json`, 'utf8'));
  } catch {
    return { engine: e.name, error: `exit ${code}: ${output.slice(-2000)}`, coldMs: NaN, coldCpuMs: NaN, rssMb: NaN, baseRssMb: NaN, indexedNotes: 0, resolvedLinks: 0 };
  }
}

function machineLine(): string {
  const cpu = os.cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${os.platform()} ${os.release()}, node ${process.version}`;
}

/** `--quick`, `--sizes 1000,10000`, `--engines mmnotes`, `--edits 50`, `--profile`, `--json`, `--keep DIR`, `--load-only`. */
export function parseArgs(argv: string[]): BenchOptions & { json: boolean } {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i === -1 ? undefined : argv[i + 1];
  };
  const list = (s: string | undefined) => s?.split(',').map((x) => x.trim()).filter(Boolean);
  const sizes = argv.includes('--quick') ? [1000] : (list(value('--sizes'))?.map(Number) ?? [1000, 10_000, 50_000]);
  if (sizes.some((n) => !Number.isInteger(n) || n < 10)) throw new Error(`--sizes wants whole numbers ≥ 10, got ${value('--sizes')}`);
  const edits = value('--edits');
  return { sizes, engines: list(value('--engines')), edits: edits ? Number(edits) : undefined, profile: argv.includes('--profile'), json: argv.includes('--json'), keep: value('--keep'), loadOnly: argv.includes('--load-only') };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const report = await runBench({ ...options, log: (l) => process.stderr.write(`${l}\n`) });
  if (options.json) {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return;
  }
  process.stdout.write(`\n${report.machine}, ${report.date.slice(0, 10)}\n\n${formatVaults(report)}\n\n${formatTable(report)}\n\n${formatDetails(report)}\n`);
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exit(1);
  });
}
