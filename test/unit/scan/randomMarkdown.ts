/**
 * A seeded generator of Obsidian-style Markdown that mixes every construct
 * the note model cares about, nested the way real lecture notes nest them:
 * lists indented with tabs or spaces, fences inside list items, callouts,
 * tables with `\|` aliases, math, comments (HTML and Obsidian `%%`, closed,
 * spanning blocks or left open), code spans of several backticks, escaped
 * `\[[`, links of every form, highlights, tags and block ids.
 */

/** mulberry32: the same seed always gives the same documents. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

const WORDS = 'model data modality fusion attention encoder token loss graph vision audio text latent joint shared the of and to in a is for on'.split(' ');
const NAMES = ['Note', 'Other Note', 'folder/Deep Note', 'Attention', 'Über Tag', 'Note.md', 'a b c'];
const HEADINGS = ['Intro', 'Sub Part', 'H1', 'Über'];
const IDS = ['blk-1', 'abc123', 'x', 'id-2'];
const TAGS = ['#tag', '#ml/multimodal', '#y2024', '#2024', '#über', '#a_b', '#x-y/', '#t'];

export class MarkdownGenerator {
  constructor(private readonly rng: Rng) {}

  document(): string {
    const r = this.rng;
    const parts: string[] = [];
    if (r.chance(0.3)) parts.push(this.frontmatter());
    const blocks = r.int(1, 14);
    for (let i = 0; i < blocks; i++) parts.push(this.block(0, ''));
    let text = parts.join(r.pick(['\n', '\n\n', '\n\n', '\n\n\n']));
    if (r.chance(0.5)) text += '\n';
    if (r.chance(0.08)) text = text.replace(/\n/g, '\r\n');
    if (r.chance(0.03)) text = '\uFEFF' + text;
    return text;
  }

  private frontmatter(): string {
    const r = this.rng;
    const lines = ['---'];
    if (r.chance(0.5)) lines.push(`aliases: [${r.pick(NAMES)}, ${r.pick(WORDS)}]`);
    if (r.chance(0.5)) lines.push('tags:', `  - ${r.pick(WORDS)}`, `  - "#${r.pick(WORDS)}"`);
    if (r.chance(0.2)) lines.push('bad: [unclosed');
    if (r.chance(0.2)) lines.push('', 'text: [[not a link]] ==no==');
    if (r.chance(0.15)) lines.push(r.pick(['note: "%% not a comment"', 'pct: 50%%', 'alias: "x %%"']));
    lines.push('---');
    return lines.join('\n');
  }

  // ---- inline ------------------------------------------------------------

  private word(): string {
    return this.rng.pick(WORDS);
  }

  private words(lo: number, hi: number): string {
    const n = this.rng.int(lo, hi);
    return Array.from({ length: n }, () => this.word()).join(' ');
  }

  private wiki(): string {
    const r = this.rng;
    const name = r.chance(0.15) ? '' : r.pick(NAMES);
    let target = name;
    if (r.chance(0.3)) target += '#' + r.pick(HEADINGS) + (r.chance(0.2) ? '#' + r.pick(HEADINGS) : '');
    else if (r.chance(0.15)) target += '#^' + r.pick(IDS);
    if (!target) target = r.pick(NAMES);
    if (r.chance(0.25)) {
      const img = `Pasted image ${r.int(1, 99)}.png`;
      return `![[${img}${r.pick(['', '|300', '|100x145', '|alt|200', '| 50 '])}]]`;
    }
    const alias = r.chance(0.3) ? '|' + this.words(1, 3) : '';
    return `${r.chance(0.1) ? '!' : ''}[[${target}${alias}]]`;
  }

  private markdownLink(): string {
    const r = this.rng;
    const dest = r.pick([
      'other.md',
      'other%20note.md#Heading%20two',
      '#Heading',
      '<my note.md>',
      'folder/x.md "title"',
      'https://x.org/a.md',
      'mailto:me@x.org',
      'img.png',
      'a(b)c.md',
      '',
      '//cdn/x.png',
    ]);
    const text = r.chance(0.2) ? `**${this.word()}**` : r.chance(0.1) ? `==${this.word()}==` : r.chance(0.1) ? `${this.word()} #intag` : this.words(0, 2);
    return `${r.chance(0.25) ? '!' : ''}[${text}](${dest})`;
  }

  private inlineToken(depth: number): string {
    const r = this.rng;
    const k = r.int(0, 33);
    switch (k) {
      case 0:
      case 1:
      case 2:
        return this.wiki();
      case 3:
      case 4:
        return this.markdownLink();
      case 5:
      case 6:
        return depth < 2 ? `==${this.inline(depth + 1, 1, 3)}==` : `==${this.word()}==`;
      case 7:
        return depth < 2 ? `**${this.inline(depth + 1, 1, 3)}**` : `**${this.word()}**`;
      case 8:
        return r.pick(['*', '_']) + this.word() + r.pick(['*', '_']);
      case 9:
        return `~~${this.word()}~~`;
      case 10: {
        const ticks = '`'.repeat(r.int(1, 3));
        const inner = r.pick(['[[Not]]', '==no== #no', 'a ` b', '^x', `${this.word()}`, ' `x` ']);
        return `${ticks}${inner}${ticks}`;
      }
      case 11:
        return r.pick(['$x^2$', '$$ \\sum $$', '$5', '$10,', '$a$b', '$ x$', '$[[M]]$', '\\$3']);
      case 12:
      case 13:
        return r.pick(TAGS);
      case 14:
        return r.pick(['\\[[Esc]]', '\\#esc', '\\==x==', '\\*a*', '[\\[x]]', '\\`code`']);
      case 15:
        return r.pick(['<!-- [[C]] #c -->', '<span class="x">', '</span>', '<br/>', '<!---->']);
      case 16:
        return r.pick(['<https://x.org/p>', '<me@x.org>', 'https://arxiv.org/abs/1 ', 'www.example.com', '(https://x.org/a_b)']);
      case 17:
        return r.pick(['==', '**', '*', '_', '~', '[', ']', '(', ')', '!', '=', '^', '|']);
      case 18:
        return r.pick(['[x]', '[Note]', '[ref]', '[^1]', '[a][ref]', '[ref][]', '[other]', '![^1]', '[^note]', '![x *y*](i.png)', '[a [b](c.md) d](e.md)', '[![i](i.png)](x.md)']);
      case 19:
        return r.pick(['==a ==b== c==', '==**x**==', '**==y==**', '*a ==b* c==', '==x [y](z.md) w==', '===x===']);
      case 20:
        return r.pick(['a==b==c', 'x=y', '==  ==', '== x ==']);
      case 21:
        return `[[${r.pick(NAMES)}\\|${this.word()}]]`;
      case 22:
        return r.pick(['👍', 'é', '—', '"', "'", '&amp;', '&#35;tag', '…']);
      case 23:
        // Obsidian comments: closed, holding links and code, escaped, in code, or a lone `%%` that opens one to the next.
        return r.pick(['%%c [[InComment]] #c ==c==%%', '%%', '%%a `b%% c`', '\\%%', '`%%`', '%%%%', '[[In %% Link]]', '%% x ^cid']);
      default:
        return this.word();
    }
  }

  /** Inline content of n tokens (words and constructs). */
  inline(depth = 0, lo = 3, hi = 16): string {
    const r = this.rng;
    const n = r.int(lo, hi);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(r.chance(0.55) ? this.word() : this.inlineToken(depth));
    let out = '';
    for (const p of parts) out += out && r.chance(0.85) ? ' ' + p : p;
    return out;
  }

  private lines(prefix: string, count: number): string {
    const r = this.rng;
    const out: string[] = [];
    for (let i = 0; i < count; i++) {
      let line = this.inline();
      if (r.chance(0.08)) line += r.pick(['  ', '\\', ' ', '\t']);
      out.push(i === 0 ? line : (r.chance(0.8) ? prefix : r.pick(['', '  ', prefix + '  '])) + line);
    }
    return out.join('\n');
  }

  // ---- blocks ------------------------------------------------------------

  /** One block; `prefix` is what continuation lines need (container indentation or `> `). */
  block(depth: number, prefix: string): string {
    const r = this.rng;
    const k = r.int(0, depth > 2 ? 9 : 19);
    switch (k) {
      case 0:
      case 1:
      case 2: {
        let p = this.lines(prefix, r.int(1, 3));
        if (r.chance(0.25)) p += ' ^' + r.pick(IDS);
        return p;
      }
      case 3: {
        const level = r.int(1, 6);
        return `${'#'.repeat(level)} ${this.inline(0, 1, 5)}${r.chance(0.2) ? ' ^' + r.pick(IDS) : ''}${r.chance(0.1) ? ' ##' : ''}`;
      }
      case 4:
        return `${this.inline(0, 1, 4)}\n${prefix}${r.pick(['===', '---', '=', '- - -'])}`;
      case 5:
        return this.fence(prefix);
      case 6:
        return this.math(prefix);
      case 7:
        return r.pick([
          `<!--\n${prefix}[[In Comment]] #c\n${prefix}-->`,
          '<!-- one line -->',
          `<div>\n${prefix}[[Html]] text\n${prefix}</div>`,
          `<pre>\n${prefix}[[Pre]]\n\n${prefix}</pre>`,
          `<?php [[x]] ?>`,
          `<!DOCTYPE html>`,
          `<![CDATA[\n${prefix}[[C]]\n${prefix}]]>`,
          `<span a="b">\n${prefix}[[Seven]] #tag`,
        ]);
      case 8:
        return `^${r.pick(IDS)}`;
      case 9:
        return r.pick(['---', '***', '___']);
      case 10:
      case 11:
      case 12:
        return this.list(depth, prefix);
      case 13:
      case 14:
        return this.quote(depth, prefix);
      case 15:
        return this.table(prefix);
      case 16:
        return `    ${this.inline(0, 1, 4)}\n${prefix}    [[Indented]] ^no`;
      case 17:
        return r.pick([
          `[^1]: ${this.inline(0, 1, 4)}`,
          `[ref]: https://x.org "T"`,
          `[^1]: note\n${prefix}    more [[Foot]]`,
          `[^note]: first\n${prefix}\n${prefix}    - a [[Foot List]]\n${prefix}    - b ^id`,
          `[ref]:\n${prefix}  <my dest.md>\n${prefix}  'a\n${prefix}title'`,
          `[Other]: other.md`,
        ]);
      case 18:
        return r.pick([
          `%%\n${prefix}# Commented [[Out]] #c\n${prefix}\n${prefix}- [[Item]] ^cid\n${prefix}%%`,
          `%% ${this.inline(0, 1, 4)}\n${prefix}${this.inline(0, 1, 4)} %%`,
          `%%\n${prefix}\`\`\`\n${prefix}%% closes here\n${prefix}\`\`\``,
          `%% open ${this.inline(0, 1, 3)}`,
        ]);
      default:
        return this.lines(prefix, 1);
    }
  }

  private fence(prefix: string): string {
    const r = this.rng;
    const marker = r.pick(['```', '~~~', '````']);
    const body = [`[[InFence]] ==no== #no`, `x = "$[[y]]$"`, ''].slice(0, r.int(1, 3));
    const lines = [marker + r.pick(['', 'python', ' js']), ...body];
    if (!r.chance(0.03)) lines.push(marker);
    return lines.join('\n' + prefix);
  }

  private math(prefix: string): string {
    return ['$$', '[[InMath]] ==no==', 'x^2', '$$'].join('\n' + prefix);
  }

  private list(depth: number, prefix: string): string {
    const r = this.rng;
    const ordered = r.chance(0.35);
    const bullet = r.pick(['-', '*', '+']);
    const delimiter = r.pick(['.', '.', ')']);
    const indentUnit = r.pick(['\t', '\t', '  ', '    ']);
    const n = r.int(1, 5);
    const loose = r.chance(0.2);
    const items: string[] = [];
    let number = r.pick([1, 1, 2, 3]);
    for (let i = 0; i < n; i++) {
      const marker = ordered ? `${number++}${delimiter}` : bullet;
      const gap = r.pick([' ', ' ', ' ', ' ', '\t', '  ', '   ']);
      const inner = prefix + ' '.repeat(marker.length + (gap === '\t' ? 4 - (marker.length % 4) : gap.length));
      const childPrefix = prefix + indentUnit;
      if (r.chance(0.04)) {
        // An item that starts empty, its text on the next line.
        items.push(`${marker}\n${inner}${this.inline(0, 1, 5)}`);
        continue;
      }
      let item = `${marker}${gap}`;
      if (r.chance(0.15)) item += r.pick(['[ ] ', '[x] ']);
      item += this.inline(0, 1, 8);
      if (r.chance(0.1)) item += ' ^' + r.pick(IDS);
      if (r.chance(0.15)) item += '\n' + (r.chance(0.7) ? inner : '') + this.inline(0, 1, 5);
      if (depth < 3 && r.chance(0.3)) {
        const nested = this.list(depth + 1, indentUnit === '\t' || indentUnit.length >= marker.length + 1 ? childPrefix : inner);
        item += '\n' + (indentUnit === '\t' || indentUnit.length >= marker.length + 1 ? childPrefix : inner) + nested;
      } else if (depth < 3 && r.chance(0.12)) {
        item += '\n' + inner + this.fence(inner);
      } else if (depth < 3 && r.chance(0.08)) {
        item += '\n' + inner + this.quote(depth + 1, inner);
      }
      items.push(item);
    }
    return items.join(loose ? '\n' + prefix + '\n' + prefix : '\n' + prefix);
  }

  private quote(depth: number, prefix: string): string {
    const r = this.rng;
    const q = prefix + '> ';
    const parts: string[] = [];
    if (r.chance(0.5)) parts.push(`[!${r.pick(['note', 'TIP', 'warning', 'x-y'])}]${r.pick(['', '-', '+'])}${r.chance(0.6) ? ' ' + this.inline(0, 1, 3) : ''}`);
    const n = r.int(1, 3);
    for (let i = 0; i < n; i++) parts.push(this.block(depth + 1, q));
    let text = '> ' + parts.join('\n' + q);
    if (r.chance(0.15)) text += '\n' + prefix + this.inline(0, 1, 4);
    return text;
  }

  private table(prefix: string): string {
    const r = this.rng;
    const cols = r.int(1, 4);
    const row = (): string => '| ' + Array.from({ length: cols }, () => (r.chance(0.3) ? `[[${r.pick(NAMES)}\\|${this.word()}]]` : this.inline(0, 1, 3))).join(' | ') + ' |';
    const lines = [row(), '|' + Array.from({ length: cols }, () => r.pick([' --- ', ':--', '--:', ' :-: '])).join('|') + '|'];
    for (let i = r.int(0, 3); i > 0; i--) lines.push(row());
    return lines.join('\n' + prefix);
  }
}
