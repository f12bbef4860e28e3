/** Real-looking notes for differential tests: the sample vault's files and the benchmark generator's notes. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { renderNote } from '../../../bench/noteText';
import { Prng } from '../../../bench/prng';
import { planVault } from '../../../bench/vaultPlan';

/** Every `.md` file below `dir`, as absolute paths. */
export function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return entry.endsWith('.md') ? [path] : [];
  });
}

/** The first `count` notes of the benchmark's vault of `vaultSize` notes (the same text `npm run bench` writes). */
export function benchNotes(count: number, vaultSize = 10_000): string[] {
  const rng = new Prng(42 ^ vaultSize);
  const plans = planVault(vaultSize, rng);
  const ctx = { plans, imageCount: Math.round(vaultSize / 10), rng };
  return Array.from({ length: count }, (_, i) => renderNote(i, ctx, i === 1 ? 1.5 : 1, i === 1 ? 10_000 : 0).text);
}
