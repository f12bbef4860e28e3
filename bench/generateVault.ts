import { mkdirSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { renderNote } from './noteText';
import { Prng } from './prng';
import { planVault } from './vaultPlan';

/** What was generated: engines use it to find the hub and the edit note, the report prints it. */
export interface VaultManifest {
  seed: number;
  notes: number;
  bytes: number;
  links: number;
  brokenLinks: number;
  images: number;
  missingImages: number;
  hubPath: string;
  hubBacklinks: number;
  editPath: string;
  editBytes: number;
  /** 0-based line of a prose paragraph in the edit note, where keystrokes go. */
  editLine: number;
}

/** A valid 1×1 PNG: attachments must be real files, their content never matters. */
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * Writes a deterministic vault of `noteCount` notes (plus noteCount/10
 * images, some missing on purpose) under `root`, which must be empty.
 * The same (noteCount, seed) always gives the same bytes.
 */
export function generateVault(root: string, noteCount: number, seed = 42): VaultManifest {
  const rng = new Prng(seed ^ noteCount);
  const plans = planVault(noteCount, rng);
  const imageCount = Math.max(1, Math.round(noteCount / 10));
  const ctx = { plans, imageCount, rng };
  const m: VaultManifest = {
    seed, notes: noteCount, bytes: 0, links: 0, brokenLinks: 0, images: 0, missingImages: 0,
    hubPath: plans[0].path, hubBacklinks: 0, editPath: plans[1].path, editBytes: 0, editLine: 0,
  };
  const dirs = new Set<string>();
  const write = (rel: string, data: string | Buffer) => {
    const abs = nodePath.join(root, ...rel.split('/'));
    const dir = nodePath.dirname(abs);
    if (!dirs.has(dir)) mkdirSync(dir, { recursive: true }), dirs.add(dir);
    writeFileSync(abs, data);
  };
  const embedded = new Set<number>();
  for (let i = 0; i < plans.length; i++) {
    const { text, counts } = renderNote(i, ctx, i === 1 ? 1.5 : 1, i === 1 ? 10_000 : 0);
    write(plans[i].path, text);
    const bytes = Buffer.byteLength(text);
    m.bytes += bytes;
    m.links += counts.links;
    m.brokenLinks += counts.brokenLinks;
    m.hubBacklinks += counts.hubLinks;
    for (const k of counts.images) embedded.add(k);
    if (i === 1) {
      m.editBytes = bytes;
      m.editLine = text.split('\n').findIndex((l) => l.startsWith('# ')) + 2;
    }
  }
  for (let k = 0; k < imageCount; k++) {
    // Every 13th image is missing, so embeds of it are broken on purpose.
    if (k % 13 === 7) {
      if (embedded.has(k)) m.missingImages++;
      continue;
    }
    write(`attachments/img${k}.png`, TINY_PNG);
    m.images++;
  }
  return m;
}
