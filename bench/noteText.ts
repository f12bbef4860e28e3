import { Prng } from './prng';
import { HUB_NAME, type NotePlan } from './vaultPlan';
import { capitalize, WORDS } from './words';

/** Counts of what a note's text holds, summed into the vault manifest. */
export interface NoteCounts {
  links: number;
  brokenLinks: number;
  hubLinks: number;
  /** Image numbers embedded (imgK.png). */
  images: number[];
}

export interface RenderContext {
  plans: readonly NotePlan[];
  imageCount: number;
  rng: Prng;
}

/**
 * The Markdown of one note: frontmatter, nested headings, prose with about
 * a dozen links of every kind, an image embed, highlights, definitions,
 * block ids, and code that holds text that looks like links but is not.
 * `scale` > 1 makes a longer note (the edit target).
 */
export function renderNote(index: number, ctx: RenderContext, scale = 1, minBytes = 0): { text: string; counts: NoteCounts } {
  const { rng, plans } = ctx;
  const plan = plans[index];
  const counts: NoteCounts = { links: 0, brokenLinks: 0, hubLinks: 0, images: [] };
  const tokens: string[] = [];
  const linkCount = Math.round(rng.int(8, 14) * scale);
  for (let i = 0; i < linkCount; i++) tokens.push(randomLink(index, ctx, counts));
  if (index > 1 && rng.chance(0.1)) {
    // About 10% of notes link the hub: 5,000 backlinks at 50k notes.
    tokens.push(rng.chance(0.7) ? `[[${HUB_NAME}]]` : `[[${HUB_NAME}#Overview|the hub]]`);
    counts.links++;
    counts.hubLinks++;
  }
  const out: string[] = [frontmatter(plan, rng), `# ${plan.name}`, ''];
  const segments: string[][] = [];
  const blocks: (() => string)[] = [];
  const prose = () => {
    const slot: string[] = [];
    segments.push(slot);
    return slot;
  };
  let blockIdsLeft = [...plan.blockIds];
  const para = () => {
    const slot = prose();
    const id = blockIdsLeft.shift();
    return () => paragraph(rng, slot, rng.int(30, 62)) + (id ? ` ^${id}` : '') + '\n';
  };
  blocks.push(para());
  const sections = index === 0 ? [{ level: 2, text: 'Overview' }, ...plan.headings] : plan.headings;
  for (const h of sections) {
    blocks.push(() => `${'#'.repeat(h.level)} ${h.text}\n`);
    for (let k = Math.round(rng.int(1, 2) * scale); k > 0; k--) blocks.push(para());
    const extra = rng.next();
    if (extra < 0.25) blocks.push(listBlock(rng, prose));
    else if (extra < 0.45) blocks.push(definitionBlock(rng, prose));
    else if (extra < 0.55) blocks.push(() => codeBlock(rng));
    else if (extra < 0.62) blocks.push(() => `> [!note] ${capitalize(rng.pick(WORDS))}\n> ${words(rng, 20)}.\n`);
  }
  // Block ids not yet placed go on the last paragraphs.
  while (blockIdsLeft.length) blocks.push(para());
  blockIdsLeft = [];
  if (rng.chance(0.85)) {
    const slot = segments.length ? segments[rng.int(0, segments.length - 1)] : prose();
    slot.push(imageEmbed(ctx, counts));
  }
  for (const t of tokens) segments[rng.int(0, segments.length - 1)].push(t);
  for (const b of blocks) out.push(b());
  // Pad with plain prose so the edit target is the same size at every vault size.
  for (let size = out.join('\n').length; size < minBytes; ) {
    const p = paragraph(rng, [], rng.int(30, 62)) + '\n';
    out.push(p);
    size += p.length + 1;
  }
  return { text: out.join('\n'), counts };
}

function frontmatter(plan: NotePlan, rng: Prng): string {
  const lines = ['---'];
  if (plan.aliases.length === 1 && rng.chance(0.3)) lines.push(`aliases: ${plan.aliases[0]}`);
  else if (plan.aliases.length) lines.push('aliases:', ...plan.aliases.map((a) => `  - ${a}`));
  lines.push(`tags: [ml/${rng.pick(WORDS)}, lecture]`, `created: 2024-0${rng.int(1, 9)}-1${rng.int(0, 9)}`, '---', '');
  return lines.join('\n');
}

/** Prose of about `count` words with the slot's links and highlights woven in. */
function paragraph(rng: Prng, slot: string[], count: number): string {
  const parts = words(rng, count).split(' ');
  for (const token of slot) parts.splice(rng.int(0, parts.length), 0, token);
  if (rng.chance(0.3)) parts.splice(rng.int(0, parts.length), 0, `==${words(rng, rng.int(1, 4))}==`);
  if (rng.chance(0.15)) parts.splice(rng.int(0, parts.length), 0, `#ml/${rng.pick(WORDS)}`);
  if (rng.chance(0.1)) parts.splice(rng.int(0, parts.length), 0, '`[[not a link]]`');
  return capitalize(parts.join(' ')) + '.';
}

function listBlock(rng: Prng, prose: () => string[]): () => string {
  const slots = Array.from({ length: rng.int(2, 5) }, prose);
  return () => slots.map((s) => `- ${paragraph(rng, s, rng.int(8, 20))}`).join('\n') + '\n';
}

/** `==Term==: definition` lines: what flashcards are generated from. */
function definitionBlock(rng: Prng, prose: () => string[]): () => string {
  const slots = Array.from({ length: rng.int(1, 3) }, prose);
  return () => slots.map((s) => `==${capitalize(words(rng, rng.int(1, 3)))}==: ${paragraph(rng, s, rng.int(10, 25))}`).join('\n') + '\n';
}

function codeBlock(rng: Prng): string {
  const fake = `[[${capitalize(rng.pick(WORDS))} ${capitalize(rng.pick(WORDS))}]]`;
  return ['```python', `# see ${fake} and ==not a highlight==`, `x = model("${fake}")  # ^not-a-block`, '```', ''].join('\n');
}

function randomLink(from: number, ctx: RenderContext, counts: NoteCounts): string {
  const { rng, plans } = ctx;
  counts.links++;
  let t = plans[rng.int(0, plans.length - 1)];
  if (t === plans[from]) t = plans[(from + 1) % plans.length];
  // A duplicated name needs its folder to be unambiguous.
  const name = t.duplicate ? t.path.slice(0, -3) : t.name;
  const r = rng.next();
  if (r < 0.4) return `[[${name}]]`;
  if (r < 0.52) return `[[${name}|${words(rng, rng.int(1, 3))}]]`;
  if (r < 0.67) {
    const h = rng.pick(t.headings).text;
    return rng.chance(0.5) ? `[[${name}#${h}]]` : `[[${name}#${h}|${rng.pick(WORDS)}]]`;
  }
  if (r < 0.75) return `[[${name}#^${rng.pick(t.blockIds)}]]`;
  if (r < 0.85) return t.aliases.length ? `[[${rng.pick(t.aliases)}]]` : `[[${name}]]`;
  if (r < 0.9) return `[[${t.path.slice(0, -3)}]]`;
  if (r < 0.93) return `[${words(rng, 2)}](${encodeURI(t.path)})`;
  if (r < 0.95) return `![[${name}#${rng.pick(t.headings).text}]]`;
  counts.brokenLinks++;
  if (r < 0.98) return `[[${capitalize(rng.pick(WORDS))} Missing ${rng.int(1, 9999)}]]`;
  return `[[${name}#No Such Heading ${rng.int(1, 99)}]]`;
}

function imageEmbed(ctx: RenderContext, counts: NoteCounts): string {
  const { rng } = ctx;
  const k = rng.int(0, ctx.imageCount - 1);
  counts.images.push(k);
  counts.links++;
  const size = rng.next();
  const suffix = size < 0.4 ? '|300' : size < 0.7 ? '|100x145' : '';
  return `![[img${k}.png${suffix}]]`;
}

function words(rng: Prng, count: number): string {
  return Array.from({ length: count }, () => rng.pick(WORDS)).join(' ');
}
