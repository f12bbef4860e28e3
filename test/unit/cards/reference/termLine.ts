// Reference: src/core/cards/termLine.ts as it was before extraction was made linear in the note's size (9deee6d).
// The oracle of test/unit/cards/linearExtraction.test.ts: keep it as it is (slow on purpose); change it only with the rules.
/**
 * Recognises a line that opens with a highlighted term, the anchor of every
 * definition card:
 *   `==Term==: text`  `==Term:== text`        → colon form
 *   `==Term== ("Alias"/"Other"): text`         → colon form with aliases
 *   `==Term:==` or `==Term==:` and nothing else → defined by what follows
 *   `==Term==` or `==Term== ("Alias")` alone    → bare (a list item whose
 *                                                 child says `Definition:`)
 * Anything else after the term (`==Interact== them together`) makes the
 * line ordinary text, whose highlights are cloze candidates.
 */
import type { HighlightSpan, LineGroup, NoteOutline, ParagraphInfo } from './noteOutline';
import type { PlainRenderer } from './plainText';

export interface TermLine {
  highlight: HighlightSpan;
  /** Plain text, without a trailing colon. */
  term: string;
  aliases: string[];
  /** Unquoted parenthesis after the term (`==Bottom Up== (Statistical)`): shown, not an alias. */
  qualifier?: string;
  form: 'colon' | 'next' | 'bare';
  /** Where the definition text starts (colon form: after the colon). */
  bodyStart: number;
}

const AFTER_TERM = /^[ \t]*(\([^()\n]*\))?[ \t]*(:)?[ \t]*/;
const QUOTED = /["“]([^"“”\n]+)["”]/g;

/** The term a line group opens with, if it is written as one. */
export function termLine(
  outline: NoteOutline,
  renderer: PlainRenderer,
  paragraph: ParagraphInfo,
  group: LineGroup,
  maxTermChars: number,
): TermLine | undefined {
  const highlight = paragraph.highlights.find((h) => h.outer.s === group.head);
  if (!highlight || highlight.startLine !== highlight.endLine) return undefined;
  const raw = renderer.render(highlight.inner.s, highlight.inner.e).text;
  const colonInside = /:\s*$/.test(raw);
  const term = raw.replace(/\s*:\s*$/, '').trim();
  if (!/[\p{L}\p{N}]/u.test(term) || term.length > maxTermChars) return undefined;

  const lineEnd = Math.min(outline.lines.lineEnd(highlight.startLine), group.e);
  const rest = outline.text.slice(highlight.outer.e, lineEnd);
  const m = AFTER_TERM.exec(rest)!;
  const bodyStart = highlight.outer.e + m[0].length;
  const sameLineBody = renderer.render(bodyStart, lineEnd, { quoted: paragraph.quoted }).text;
  const colon = colonInside || m[2] !== undefined;
  if (!colon && sameLineBody) return undefined;

  const aliases: string[] = [];
  let qualifier: string | undefined;
  if (m[1]) {
    const parenStart = highlight.outer.e + m[0].indexOf('(');
    const inside = renderer.render(parenStart + 1, parenStart + m[1].length - 1).text;
    for (const q of inside.matchAll(QUOTED)) {
      const alias = q[1].trim();
      if (alias && !aliases.includes(alias)) aliases.push(alias);
    }
    if (!aliases.length && inside) qualifier = inside;
  }
  const form = !colon ? 'bare' : sameLineBody ? 'colon' : 'next';
  return { highlight, term, aliases, ...(qualifier ? { qualifier } : {}), form, bodyStart };
}

/** The term as a card shows it: `Association (Co-occurrence / Correlation)`. */
export function termDisplay(t: Pick<TermLine, 'term' | 'aliases' | 'qualifier'>): string {
  if (t.aliases.length) return `${t.term} (${t.aliases.join(' / ')})`;
  return t.qualifier ? `${t.term} (${t.qualifier})` : t.term;
}
