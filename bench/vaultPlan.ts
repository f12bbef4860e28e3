import { Prng } from './prng';
import { capitalize, WORDS } from './words';

/** What every note will be called and will contain names of, decided before any text is written. */
export interface NotePlan {
  path: string;
  name: string;
  aliases: string[];
  headings: { level: number; text: string }[];
  blockIds: string[];
  /** The note's name is shared with another note: only a `folder/Name` link reaches it unambiguously. */
  duplicate: boolean;
}

export const HUB_NAME = 'Hub Note';
export const EDIT_NAME = 'Edit Target';

/**
 * Names, folders, aliases, headings and block ids of every note. Links are
 * drawn from this plan, so heading, block and alias links mostly resolve
 * and the broken ones are broken on purpose.
 */
export function planVault(noteCount: number, rng: Prng): NotePlan[] {
  const folders = planFolders(Math.max(4, Math.round(Math.sqrt(noteCount) / 2)), rng);
  const taken = new Set<string>();
  const plans: NotePlan[] = [];
  for (let i = 0; i < noteCount; i++) {
    let name: string;
    let duplicate = false;
    if (i === 0) name = HUB_NAME;
    else if (i === 1) name = EDIT_NAME;
    else if (i > 10 && rng.chance(0.005)) {
      // Same name in another folder: Obsidian users hit this, and it must be reported as ambiguous.
      const other = plans[rng.int(2, plans.length - 1)];
      other.duplicate = duplicate = true;
      name = other.name;
    } else name = uniqueTitle(rng, taken);
    taken.add(name.toLowerCase());
    const folder = i < 2 ? '' : rng.pick(folders);
    plans.push({
      path: `${folder ? folder + '/' : ''}${name}.md`,
      name,
      aliases: planAliases(name, rng, taken),
      headings: planHeadings(i === 1 ? 8 : rng.int(4, 8), rng),
      blockIds: Array.from({ length: rng.int(1, 3) }, (_, k) => (rng.chance(0.5) ? `blk-${k}` : randomId(rng))),
      duplicate,
    });
  }
  // A duplicate folder/name pair would be the same file.
  const paths = new Set<string>();
  for (const p of plans) {
    while (paths.has(p.path.toLowerCase())) p.path = `extra/${p.path}`;
    paths.add(p.path.toLowerCase());
  }
  return plans;
}

function planFolders(count: number, rng: Prng): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const parent = out.length && rng.chance(0.6) ? rng.pick(out) : '';
    const name = `${capitalize(rng.pick(WORDS))} ${i}`;
    if (parent.split('/').length < 3) out.push(parent ? `${parent}/${name}` : name);
    else out.push(name);
  }
  return out;
}

function uniqueTitle(rng: Prng, taken: Set<string>): string {
  for (let words = 2; ; words++) {
    for (let attempt = 0; attempt < 4; attempt++) {
      const t = Array.from({ length: words }, () => capitalize(rng.pick(WORDS))).join(' ');
      if (!taken.has(t.toLowerCase())) return t;
    }
  }
}

function planAliases(name: string, rng: Prng, taken: Set<string>): string[] {
  if (!rng.chance(0.6)) return [];
  const out: string[] = [];
  const acronym = name.split(' ').map((w) => w[0]).join('').toUpperCase() + rng.int(1, 999);
  const lower = `${rng.pick(WORDS)} ${name.toLowerCase()}`;
  for (const a of rng.chance(0.5) ? [acronym, lower] : [acronym]) {
    if (taken.has(a.toLowerCase())) continue;
    taken.add(a.toLowerCase());
    out.push(a);
  }
  return out;
}

function planHeadings(count: number, rng: Prng): { level: number; text: string }[] {
  const out: { level: number; text: string }[] = [];
  const seen = new Set<string>();
  let level = 2;
  for (let i = 0; i < count; i++) {
    level = rng.int(2, Math.min(4, level + 1));
    let text = Array.from({ length: rng.int(1, 3) }, () => capitalize(rng.pick(WORDS))).join(' ');
    if (seen.has(text)) text += ` ${i}`;
    seen.add(text);
    out.push({ level, text });
  }
  return out;
}

function randomId(rng: Prng): string {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: 6 }, () => rng.pick(chars.split(''))).join('');
}
