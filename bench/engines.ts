/**
 * The engines a bench run measures, in order. Each row names an exported
 * `EngineFn` of a module in bench/, bundled into its own child process.
 * A new engine or mode (worker threads, another peer) is one more
 * exported function and one more row here. A warm start is a row named
 * `<engine>-warm` placed after `<engine>`: it runs on the same vault right
 * after the cold run (so it finds the cache that run wrote), and its load
 * time shows as the warm column of `<engine>`'s row.
 */
export interface EngineSpec {
  name: string;
  module: string;
  fn: string;
}

export const ENGINES: readonly EngineSpec[] = [
  { name: 'mmnotes', module: 'mmnotesEngine', fn: 'runMmnotesCold' },
  { name: 'mmnotes-warm', module: 'mmnotesEngine', fn: 'runMmnotesWarm' },
  { name: 'foam-core', module: 'foamEngine', fn: 'runFoamCold' },
];

/** Ratios in the table are ours divided by this engine's. */
export const BASELINE_ENGINE = 'foam-core';
