// Reference: src/core/cards/extractCards.ts as it was before extraction was made linear in the note's size (9deee6d).
// The oracle of test/unit/cards/linearExtraction.test.ts: keep it as it is (slow on purpose); change it only with the rules.
/**
 * Cards of one note, from the server's NoteModel (never a second parse).
 *
 * Definitions (see termLine.ts for the forms) come first and claim their
 * term, their body and every highlight inside that body. The highlights
 * left over become clozes, one card per highlight, its sentence as context,
 * unless the cloze would not help recall:
 *   - the hidden text has more than `maxClozeWords` words (nobody recalls a
 *     30-word passage verbatim), or
 *   - fewer than `minClozeContextWords` words of the sentence stay visible
 *     (a highlighted whole sentence asks "[…]" with nothing to cue it).
 * `%% card %%` on the line overrides both. Highlights in headings and table
 * cells never make cards. Turning a definition rule off drops its cards; its
 * highlights do not fall through into clozes.
 */
import type { NoteModel } from '../../../../src/core/parse/noteModel';
import type { Card, CardRuleName } from '../../../../src/core/cards/card';
import { assignNoteIds } from '../../../../src/core/cards/cardIdentity';
import { DEFAULT_CARD_RULES, lineMarker, noteCardSwitch, type CardRules, type NoteCardSwitch } from '../../../../src/core/cards/cardRules';
import { NoteOutline, type LineGroup, type ParagraphInfo, type Span } from './noteOutline';
import { PlainRenderer } from './plainText';
import { countWords, sentenceAround } from './sentences';
import { termDisplay, termLine, type TermLine } from './termLine';

/** Extracts the cards of one note; ids are unique within the note (see resolveVaultCollisions for a vault). */
export function extractCards(path: string, text: string, model: NoteModel, rules: CardRules = DEFAULT_CARD_RULES): Card[] {
  const noteSwitch = noteCardSwitch(path, model.frontmatter?.data, rules);
  if (!noteSwitch.enabled && !rules.lineMarkers) return [];
  return new Extraction(path, text, model, rules, noteSwitch).run();
}

interface Pending {
  card: Card;
  at: number;
}

class Extraction {
  private readonly outline: NoteOutline;
  private readonly plain: PlainRenderer;
  private readonly consumed = new Set<number>();
  private readonly bodyParagraphs = new Set<number>();
  private readonly itemHeads = new Map<number, { term?: string; label?: string }>();
  private readonly out: Pending[] = [];

  constructor(
    private readonly path: string,
    private readonly text: string,
    private readonly model: NoteModel,
    private readonly rules: CardRules,
    private readonly noteSwitch: NoteCardSwitch,
  ) {
    this.outline = new NoteOutline(text, model);
    this.plain = new PlainRenderer(text, this.outline.lines, model);
  }

  run(): Card[] {
    const roles = new Map<number, ('text' | 'term' | 'body' | 'skip')[]>();
    for (const p of this.outline.paragraphs) roles.set(p.block, this.definitions(p));
    for (const p of this.outline.paragraphs) {
      if (this.bodyParagraphs.has(p.block)) continue;
      const r = roles.get(p.block)!;
      for (let i = 0; i < p.groups.length; i++) {
        if (r[i] !== 'text') continue;
        let j = i;
        while (j + 1 < p.groups.length && r[j + 1] === 'text') j++;
        this.clozes(p, { s: p.groups[i].s, e: p.groups[j].e });
        i = j;
      }
    }
    const cards = this.out.sort((a, b) => a.at - b.at).map((x) => x.card);
    assignNoteIds(cards);
    return cards;
  }

  private terms(p: ParagraphInfo): (TermLine | undefined)[] {
    return p.groups.map((g) => (this.isCalloutHeader(g) ? undefined : termLine(this.outline, this.plain, p, g, this.rules.maxTermChars)));
  }

  private isCalloutHeader(g: LineGroup): boolean {
    return this.text.startsWith('[!', g.head);
  }

  /** Finds the definitions of a paragraph; returns the role of each line group. */
  private definitions(p: ParagraphInfo): ('text' | 'term' | 'body' | 'skip')[] {
    const roles = p.groups.map((g) => (this.isCalloutHeader(g) ? 'skip' : 'text') as 'text' | 'term' | 'body' | 'skip');
    if (this.bodyParagraphs.has(p.block)) return roles.map(() => 'body');
    const terms = this.terms(p);
    terms.forEach((t, i) => {
      if (!t) return;
      const item = i === 0 && t.form !== 'colon' ? this.definitionItem(p) : undefined;
      // A bare highlight that opens no definition is ordinary text (a cloze candidate, usually too bare to be one).
      if (t.form === 'bare' && !item) return;
      roles[i] = 'term';
      this.consumed.add(t.highlight.index);
      const termLineNo = t.highlight.startLine;
      if (item) {
        this.define(p, t, 'definition-item', item.body, item.end, [termLineNo, item.line]);
        return;
      }
      // The body runs on over the next lines (up to the next term): for `==Term==: text` only while a
      // line does not end its sentence (hard-wrapped text); for `==Term:==` it is those lines.
      let j = i + 1;
      const wraps = (g: number) => t.form === 'next' || !/[.!?…:;]["'”’)\]]*$/.test(this.plain.render(p.groups[g].s, p.groups[g].e, { quoted: p.quoted }).text);
      while (j < terms.length && !terms[j] && roles[j] !== 'skip' && wraps(j - 1)) roles[j++] = 'body';
      const followEnd = j > i + 1 ? p.groups[j - 1].e : undefined;
      if (t.form === 'colon') {
        const end = followEnd ?? p.groups[i].e;
        this.claim(t.bodyStart, end);
        this.define(p, t, 'definition-colon', this.plain.render(t.bodyStart, end, { quoted: p.quoted }).text, end, [termLineNo]);
        return;
      }
      const body = followEnd !== undefined ? { text: this.plain.render(p.groups[i + 1].s, followEnd, { quoted: p.quoted }).text, end: followEnd } : this.nextBlockBody(p);
      if (followEnd !== undefined) this.claim(p.groups[i + 1].s, followEnd);
      if (body) this.define(p, t, 'definition-next', body.text, body.end, [termLineNo]);
    });
    return roles;
  }

  private claim(s: number, e: number): void {
    for (const h of this.outline.highlights) if (h.outer.s >= s && h.outer.e <= e) this.consumed.add(h.index);
  }

  private claimParagraph(block: number): void {
    const p = this.outline.paragraphOf(block);
    if (!p) return;
    this.bodyParagraphs.add(block);
    this.claim(p.s, p.e);
  }

  /** `- ==Term==` whose child item starts `Definition:`. */
  private definitionItem(p: ParagraphInfo): { body: string; end: number; line: number } | undefined {
    const item = this.model.blocks[p.block].parent;
    if (item < 0 || this.outline.headParagraph(item) !== p) return undefined;
    for (const child of this.outline.childBlocks(item)) {
      const head = this.model.blocks[child].kind === 'listItem' ? this.outline.headParagraph(child) : undefined;
      if (!head) continue;
      const text = this.plain.render(head.s, head.e, { quoted: head.quoted }).text;
      const m = /^definition\s*[:：]\s*/i.exec(text);
      if (!m) continue;
      this.claimParagraph(head.block);
      return { body: text.slice(m[0].length), end: head.e, line: head.groups[0].firstLine };
    }
    return undefined;
  }

  /** `==Term:==` alone in its paragraph: the next paragraph, or the next list, unless it holds terms of its own. */
  private nextBlockBody(p: ParagraphInfo): { text: string; end: number } | undefined {
    const parent = this.model.blocks[p.block].parent;
    const next = this.model.blocks[p.block + 1];
    if (!next || next.parent !== parent) return undefined;
    if (next.kind === 'paragraph') {
      const q = this.outline.paragraphOf(p.block + 1);
      if (!q || this.terms(q).some(Boolean)) return undefined;
      this.claimParagraph(q.block);
      return { text: this.plain.render(q.s, q.e, { quoted: q.quoted }).text, end: q.e };
    }
    if (next.kind !== 'listItem') return undefined;
    const items: number[] = [];
    const inside = new Set<number>();
    for (let j = p.block + 1; j < this.model.blocks.length; j++) {
      const b = this.model.blocks[j];
      if (b.parent === parent && b.kind === 'listItem') items.push(j);
      else if (!inside.has(b.parent)) break;
      inside.add(j);
    }
    const heads = items.map((i) => this.outline.headParagraph(i));
    if ([...inside].some((j) => this.outline.paragraphOf(j) && this.terms(this.outline.paragraphOf(j)!).some(Boolean))) return undefined;
    for (const j of inside) this.claimParagraph(j);
    const lines = heads.filter((h): h is ParagraphInfo => !!h).map((h) => `• ${this.plain.render(h.s, h.e, { quoted: h.quoted }).text}`);
    const last = this.outline.span(this.model.blocks[items[items.length - 1]].range);
    return lines.length ? { text: lines.join('\n'), end: last.e } : undefined;
  }

  private define(p: ParagraphInfo, t: TermLine, rule: CardRuleName, body: string, end: number, anchors: number[]): void {
    const ruleOn = rule === 'definition-colon' ? this.rules.definitionColon : rule === 'definition-item' ? this.rules.definitionItem : this.rules.definitionNext;
    if (!body || !this.allowed(anchors, ruleOn, true)) return;
    const found = this.context(p, t.highlight.startLine);
    const parentTerm = found.parentTerm;
    // A term defined right under a heading of the same name would read `Representation › Representation`.
    const context = found.context.length && found.context[found.context.length - 1].toLowerCase() === t.term.toLowerCase() ? found.context.slice(0, -1) : found.context;
    const shown = termDisplay(t);
    const [back, truncated] = bounded(body, this.rules.maxFieldChars);
    const base = {
      kind: 'definition' as const,
      term: t.term,
      ...(t.aliases.length ? { aliases: t.aliases } : {}),
      context,
      ...(parentTerm ? { parentTerm } : {}),
      source: { path: this.path, range: this.outline.lines.rangeOf(t.highlight.outer.s, end), line: t.highlight.startLine + 1 },
      rule,
      ...(truncated ? { truncated } : {}),
    };
    const front = bounded([...context, shown].join(' › '), this.rules.maxFieldChars)[0];
    this.out.push({ card: { id: '', front, back, ...base }, at: t.highlight.outer.s });
    if (this.noteSwitch.reverse) this.out.push({ card: { id: '', reversed: true, front: back, back: shown, ...base, source: { ...base.source } }, at: t.highlight.outer.s + 0.5 });
  }

  /** Line markers, the note switch and the rule switch, most specific first. */
  private allowed(lines: number[], ruleOn: boolean, useful: boolean): boolean {
    const marks = this.rules.lineMarkers ? lines.map((l) => lineMarker(this.outline.lines.lineText(l))) : [];
    if (marks.includes('no-card')) return false;
    if (marks.includes('card')) return true;
    return this.noteSwitch.enabled && ruleOn && useful;
  }

  private clozes(p: ParagraphInfo, unit: Span): void {
    for (const h of p.highlights) {
      if (this.consumed.has(h.index) || h.outer.s < unit.s || h.outer.e > unit.e) continue;
      const sentence = sentenceAround(this.text, unit, h.outer);
      const r = this.plain.render(sentence.s, sentence.e, { marks: [h.inner.s, h.inner.e], quoted: p.quoted });
      let before = r.text.slice(0, r.marks[0]);
      let hidden = r.text.slice(r.marks[0], r.marks[1]);
      let after = r.text.slice(r.marks[1]);
      // Punctuation that ends the sentence is not part of the answer: `==perceived.==` hides `perceived`.
      const tail = /[\s.,;:!?]+$/.exec(hidden);
      if (tail && tail.index > 0) [hidden, after] = [hidden.slice(0, tail.index), hidden.slice(tail.index) + after];
      const lead = /^\s+/.exec(hidden)?.[0] ?? '';
      [before, hidden] = [before + lead, hidden.slice(lead.length)];
      if (!/[\p{L}\p{N}]/u.test(hidden)) continue;
      const useful = countWords(hidden) <= this.rules.maxClozeWords && countWords(`${before} ${after}`) >= this.rules.minClozeContextWords;
      const first = this.outline.lines.positionAt(sentence.s).line;
      const last = this.outline.lines.positionAt(sentence.e).line;
      const anchors = Array.from({ length: last - first + 1 }, (_, i) => first + i);
      if (!this.allowed(anchors, this.rules.cloze, useful)) continue;
      const half = Math.max(40, Math.floor((this.rules.maxFieldChars - Math.min(hidden.length, this.rules.maxFieldChars)) / 2));
      const [b, cutB] = boundedStart(before, half);
      const [a, cutA] = bounded(after, half);
      const { context, parentTerm } = this.context(p, h.startLine);
      this.out.push({
        at: h.outer.s,
        card: {
          id: '',
          kind: 'cloze',
          front: `${b}[…]${a}`,
          back: `${b}[${hidden}]${a}`,
          term: hidden,
          context,
          ...(parentTerm ? { parentTerm } : {}),
          source: { path: this.path, range: this.outline.lines.rangeOf(sentence.s, sentence.e), line: h.startLine + 1 },
          clozeText: `${b}{{c1::${hidden.replace(/::/g, ': :').replace(/}}/g, '} }')}}}${a}`,
          rule: 'cloze',
          ...(cutA || cutB ? { truncated: true } : {}),
        },
      });
    }
  }

  /** Headings, then enclosing terms and short list labels; the nearest term is the parent term. */
  private context(p: ParagraphInfo, line: number): { context: string[]; parentTerm?: string } {
    const headings = this.outline.headingPath(line).map((h) => {
      const s = this.outline.span(h.textRange);
      return this.plain.render(s.s, s.e).text;
    });
    let parentTerm: string | undefined;
    const items: string[] = [];
    for (const item of this.outline.enclosingItems(p, line)) {
      const head = this.itemHead(item);
      if (head.term && parentTerm === undefined) parentTerm = head.term;
      const shown = head.term ?? head.label;
      if (shown) items.unshift(shown);
    }
    return { context: [...headings.filter(Boolean), ...items], ...(parentTerm ? { parentTerm } : {}) };
  }

  private itemHead(item: number): { term?: string; label?: string } {
    let head = this.itemHeads.get(item);
    if (head) return head;
    head = {};
    const p = this.outline.headParagraph(item);
    if (p) {
      const t = this.terms(p)[0];
      if (t) head.term = t.term;
      else {
        const g = p.groups[0];
        const label = this.plain.render(g.s, g.e, { quoted: p.quoted }).text.replace(/\s*:$/, '');
        if (label && label.length <= 50 && countWords(label) <= 5 && !/[.!?]$/.test(label)) head.label = label;
      }
    }
    this.itemHeads.set(item, head);
    return head;
  }
}

/** Cuts text longer than `max` at a word boundary, marking the cut with `…`. */
function bounded(text: string, max: number): [string, boolean] {
  if (text.length <= max) return [text, false];
  let cut = text.lastIndexOf(' ', max);
  if (cut < max * 0.8) cut = max;
  if (/[\uD800-\uDBFF]/.test(text[cut - 1] ?? '')) cut--;
  return [`${text.slice(0, cut).trimEnd()} …`, true];
}

/** Keeps the end of text (the words right before a cloze). */
function boundedStart(text: string, max: number): [string, boolean] {
  if (text.length <= max) return [text, false];
  let cut = text.indexOf(' ', text.length - max);
  if (cut < 0 || cut > text.length - max * 0.8) cut = text.length - max;
  if (/[\uDC00-\uDFFF]/.test(text[cut] ?? '')) cut++;
  return [`… ${text.slice(cut).trimStart()}`, true];
}
