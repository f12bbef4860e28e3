/**
 * Seeded Markdown aimed at the card rules: every definition form, terms in
 * nested lists and callouts, `==Term:==` followed by paragraphs or lists,
 * clozes in sentences with abbreviations and markup, multi-line highlights,
 * line markers, headings of every level; mixed with the scanner tests'
 * general generator for everything else Markdown can throw at a renderer.
 */
import { MarkdownGenerator, Rng } from '../scan/randomMarkdown';

const WORDS = 'model data modality fusion attention encoder token loss graph vision audio text latent joint shared the of and to in a is for on'.split(' ');
const TERMS = ['Fusion', 'Co-learning', 'Representation', 'Alignment', 'Loss', 'Encoder', 'Attention', 'Modality', 'Element representations', 'Über'];

export class CardMarkdown {
  private readonly general: MarkdownGenerator;

  constructor(private readonly rng: Rng) {
    this.general = new MarkdownGenerator(rng);
  }

  document(blocks = this.rng.int(1, 24)): string {
    const r = this.rng;
    const parts: string[] = [];
    if (r.chance(0.15)) parts.push(r.pick(['---\nmmnotes-cards: reverse\n---', '---\naliases: [Fusion]\n---', '---\nmmnotes-cards: false\n---']));
    for (let i = 0; i < blocks; i++) parts.push(this.block(0));
    let text = parts.join(r.pick(['\n', '\n\n', '\n\n', '\n\n\n']));
    if (r.chance(0.05)) text = text.replace(/\n/g, '\r\n');
    return text;
  }

  private word(): string {
    return this.rng.pick(WORDS);
  }

  private words(lo: number, hi: number): string {
    return Array.from({ length: this.rng.int(lo, hi) }, () => this.word()).join(' ');
  }

  private term(): string {
    const r = this.rng;
    const t = r.pick(TERMS);
    return r.chance(0.1) ? `**${t}**` : r.chance(0.05) ? `[[${t}]]` : t;
  }

  /** A sentence, often with a highlight or some markup inside. */
  sentence(): string {
    const r = this.rng;
    const pieces: string[] = [];
    const n = r.int(2, 14);
    for (let i = 0; i < n; i++) {
      const k = r.int(0, 30);
      if (k < 4) pieces.push(`==${this.words(1, r.chance(0.05) ? 35 : 3)}${r.chance(0.1) ? '.' : ''}==`);
      else if (k === 4) pieces.push(r.pick(['e.g.', 'i.e.', 'etc.', 'Fig.', 'vs.', 'A.']));
      else if (k === 5) pieces.push(r.pick(['*', '**', '_', '~~']) + this.word() + r.pick(['*', '**', '_', '~~']));
      else if (k === 6) pieces.push(r.pick(['[[Note]]', '[[Note|alias]]', '![[img.png]]', '[t](x.md)', '`co ==de==`', '$x=y$', '%% c %%', '<b>', '&amp;', '\\*', '<https://x.org>', '[[#H]]']));
      else if (k === 7) pieces.push(r.pick(['.', '!', '?', '…', ':', ';', '"', '("a")', '—']));
      else if (k === 8) pieces.push(this.general.inline(0, 1, 3));
      else pieces.push(this.word());
    }
    let s = pieces.join(' ');
    s = s.charAt(0).toUpperCase() + s.slice(1);
    return s + r.pick(['.', '.', '', '!', '?', ':']);
  }

  private lineText(): string {
    const r = this.rng;
    const k = r.int(0, 14);
    const marker = r.chance(0.06) ? r.pick([' %% card %%', ' %% no-card %%']) : '';
    if (k === 0) return `==${this.term()}==: ${this.sentence()}${marker}`;
    if (k === 1) return `==${this.term()}:== ${this.sentence()}${marker}`;
    if (k === 2) return `==${this.term()}== ("${this.term()}"/"${this.word()}"): ${this.sentence()}`;
    if (k === 3) return `==${this.term()}== (${this.word()}): ${this.sentence()}`;
    if (k === 4) return `==${this.term()}${r.pick([':==', '==:'])}${marker}`;
    if (k === 5) return `==${this.term()}==${r.chance(0.3) ? ' ("Alias")' : ''}`;
    if (k === 6) return `==${this.words(1, 2)}\n${this.words(1, 2)}== ${this.sentence()}`;
    return this.sentence() + (r.chance(0.3) ? ' ' + this.sentence() : '') + marker;
  }

  private paragraph(prefix: string): string {
    const lines = Array.from({ length: this.rng.int(1, 5) }, () => this.lineText());
    return lines.join('\n' + prefix);
  }

  private list(depth: number, indent: string): string {
    const r = this.rng;
    const items: string[] = [];
    const n = r.int(1, 5);
    const unit = r.pick(['\t', '  ', '    ']);
    for (let i = 0; i < n; i++) {
      const bullet = r.pick(['- ', '* ', `${i + 1}. `]);
      let item = `${indent}${bullet}${r.chance(0.2) ? 'Definition: ' + this.sentence() : this.lineText()}`;
      if (r.chance(0.15)) item += `\n${r.pick(['', indent + '  '])}${this.lineText()}`;
      if (depth < 3 && r.chance(0.35)) item += '\n' + this.list(depth + 1, indent + unit);
      items.push(item);
    }
    return items.join('\n');
  }

  block(depth: number): string {
    const r = this.rng;
    const k = r.int(0, 13);
    if (k <= 3) return this.paragraph('');
    if (k <= 5) return this.list(depth, '');
    if (k === 6) return `${'#'.repeat(r.int(1, 6))} ${r.chance(0.7) ? this.term() : this.general.inline(0, 1, 4)}`;
    if (k === 7) return `==${this.term()}:==\n\n${r.chance(0.5) ? this.paragraph('') : this.list(0, '')}`;
    if (k === 8) return `- ==${this.term()}==${r.chance(0.4) ? ' ("Alias")' : ''}\n${r.pick(['\t', '  '])}- ${r.chance(0.3) ? 'aside' : 'Definition'}: ${this.sentence()}\n${r.pick(['\t', '  '])}- ${this.lineText()}`;
    if (k === 9) return `> ${r.pick(['[!note] ', '[!tip]- Title', ''])}\n> ${this.paragraph('> ')}`;
    if (k === 10) return `| a | b |\n|---|---|\n| ${this.sentence()} | ==x== |`;
    if (k === 11) return '```\n==not== a [[card]]\n```';
    return this.general.block(depth, '');
  }
}

export { Rng };
