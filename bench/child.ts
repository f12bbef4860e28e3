import { readFileSync, writeFileSync } from 'node:fs';
import type { EngineFn, EngineInput } from './engineTypes';

/**
 * Entry of an engine's child process: argv = [input JSON file, result JSON
 * file, engine name]. Each engine runs alone in a fresh process so its peak
 * RSS is its own, and a crash is reported instead of ending the run.
 */
export async function runChild(run: EngineFn): Promise<void> {
  const [inputFile, resultFile, engine] = process.argv.slice(2);
  const input = JSON.parse(readFileSync(inputFile, 'utf8')) as EngineInput;
  try {
    const result = await run(input);
    writeFileSync(resultFile, JSON.stringify({ engine, ...result }));
  } catch (e) {
    writeFileSync(resultFile, JSON.stringify({ engine, error: (e as Error).stack ?? String(e) }));
  }
  // Engines keep watchers and timers alive (foam's graph monitoring); the result is written, so stop.
  process.exit(0);
}
