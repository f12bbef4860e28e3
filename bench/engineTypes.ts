import type { VaultManifest } from './generateVault';

/** What the runner hands an engine (as JSON, in its own child process). */
export interface EngineInput {
  vaultDir: string;
  /** Where an engine may keep an on-disk cache: inside the run's temporary folder, shared by the engines of one size. */
  cacheDir: string;
  manifest: VaultManifest;
  /** Keystrokes to replay in the edit note. */
  edits: number;
  /** A repeated measurement stops early once it has taken this long (a slow engine must not stall the run). */
  budgetMs: number;
  /** Measure the load only (`--load-only`: a profile of the load without the features after it). */
  loadOnly?: boolean;
}

/**
 * One engine's numbers on one vault. Times in ms, memory in MB; a missing
 * field means the engine has no such feature (yet), never zero.
 */
export interface EngineResult {
  engine: string;
  coldMs: number;
  /** CPU time (user + system) of the cold load: steadier than wall time on a busy machine. */
  coldCpuMs: number;
  warmMs?: number;
  /** Peak RSS of the process once the vault is loaded and resolved. */
  rssMb: number;
  /** RSS before the vault was touched: what node and the engine's code cost. */
  baseRssMb: number;
  /** Sanity counts, so a fast engine that silently indexed nothing shows up. */
  indexedNotes: number;
  resolvedLinks: number;
  editP50Ms?: number;
  editP95Ms?: number;
  editCount?: number;
  completionP95Ms?: number;
  completionItems?: number;
  referencesMs?: number;
  referenceCount?: number;
  renameMs?: number;
  renameEdits?: number;
  /** Where the cold time went (read, parse, index, gc, …). */
  phases?: Record<string, number>;
  /** Things a reader of the table must know (a feature missing, an error). */
  remarks?: string[];
}

export type EngineFn = (input: EngineInput) => Promise<Omit<EngineResult, 'engine'>>;

/** Percentile of samples (nearest rank), NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** A stopwatch for wall and CPU time: read() gives both in ms since the call. */
export function stopwatch(): () => { wallMs: number; cpuMs: number } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const d = process.cpuUsage(cpu);
    return { wallMs: performance.now() - wall, cpuMs: (d.user + d.system) / 1000 };
  };
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Runs `step` up to `count` times or until `budgetMs` has passed; returns each run's duration. */
export function timeRepeated(count: number, budgetMs: number, step: (i: number) => void): number[] {
  const samples: number[] = [];
  const start = performance.now();
  for (let i = 0; i < count && performance.now() - start < budgetMs; i++) {
    const t = performance.now();
    step(i);
    samples.push(performance.now() - t);
  }
  return samples;
}
