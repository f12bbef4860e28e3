/**
 * The engines a bench run measures, in order. Each row names an exported
 * `EngineFn` of a module in bench/, bundled into its own child process.
 * A new engine or mode (a warm start from the disk cache, worker threads)
 * is one more exported function and one more row here.
 */
export interface EngineSpec {
  name: string;
  module: string;
  fn: string;
}

export const ENGINES: readonly EngineSpec[] = [
  { name: 'mmnotes', module: 'mmnotesEngine', fn: 'runMmnotesCold' },
  { name: 'foam-core', module: 'foamEngine', fn: 'runFoamCold' },
];

/** Ratios in the table are ours divided by this engine's. */
export const BASELINE_ENGINE = 'foam-core';
