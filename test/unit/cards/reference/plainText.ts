// Reference: src/core/cards/plainText.ts as it was before extraction was made linear in the note's size (9deee6d).
// The oracle of test/unit/cards/linearExtraction.test.ts: keep it as it is (slow on purpose); change it only with the rules.
/**
 * Turns a slice of note source into the plain text a reader sees, so that a
 * card never shows Markdown (`==`, `*`, `[[…]]`, `<b>`, `%%…%%`). Structure
 * the parser knows (links, highlights, code, HTML) comes from the NoteModel;
 * only inline decoration it does not record (emphasis, escapes, external
 * links, Obsidian comments) is recognised here, on a copy of the source in
 * which everything already handled is masked so no pattern matches inside it.
 *
 * Offsets given as `marks` are mapped into the output, which is how a cloze
 * finds its hidden text after the markup around it is gone.
 */
import type { LinkRef, NoteModel } from '../../../../src/core/parse/noteModel';
import type { LineIndex } from '../../../../src/core/text/lineIndex';

interface Edit {
  s: number;
  e: number;
  rep: string;
}

interface Span {
  s: number;
  e: number;
}

const MASK = '\u0001';
/** Lazy emphasis patterns are bounded so a line full of unmatched `*` stays linear. */
const STAR = /(\*{1,3}|~~)(?=[^\s*~])([^\n]{0,400}?[^\s*\\~])\1(?![*~])/g;
const UNDERSCORE = /(?<![\p{L}\p{N}_])(_{1,3})(?=[^\s_])([^\n]{0,400}?[^\s_\\])\1(?![\p{L}\p{N}_])/gu;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** What the text of a wiki link shows: its alias, else the target as Obsidian prints it (`Note > Heading`). */
export function wikiLinkDisplay(link: Extract<LinkRef, { kind: 'wiki' }>): string {
  if (link.alias !== undefined && !link.embed) return link.alias;
  const parts = [link.path, ...link.headings].filter((p) => p !== '');
  if (parts.length === 0 && link.blockId) return link.blockId;
  return parts.join(' > ');
}

/** Renders slices of one note as plain text. */
export class PlainRenderer {
  private readonly links: { span: Span; link: LinkRef }[];
  private readonly highlights: { outer: Span; inner: Span }[];
  private readonly literals: Span[];

  constructor(
    private readonly text: string,
    lines: LineIndex,
    model: NoteModel,
  ) {
    const off = (r: { start: { line: number; character: number }; end: { line: number; character: number } }): Span => ({
      s: lines.offsetAt(r.start),
      e: lines.offsetAt(r.end),
    });
    this.links = model.links.map((link) => ({ span: off(link.range), link }));
    this.highlights = model.highlights.map((h) => ({ outer: off(h.range), inner: off(h.innerRange) }));
    this.literals = model.literalRanges.map(off);
  }

  /**
   * Plain text of source[start, end). Whitespace (line breaks included) is
   * collapsed to single spaces and trimmed; `quoted` strips `>` prefixes.
   */
  render(start: number, end: number, options: { marks?: number[]; quoted?: boolean } = {}): { text: string; marks: number[] } {
    const edits: Edit[] = [];
    // The masked copy is rebuilt only when a pattern runs, from the spans protected since: joining a
    // per-character array instead costs tens of milliseconds on a 5,000-word paragraph.
    let masked = this.text.slice(start, end);
    let pending: Span[] = [];
    const protect = (s: number, e: number) => {
      if (Math.min(e, end) > Math.max(s, start)) pending.push({ s: Math.max(s, start) - start, e: Math.min(e, end) - start });
    };
    const currentMask = (): string => {
      if (!pending.length) return masked;
      pending.sort((a, b) => a.s - b.s);
      const pieces: string[] = [];
      let at = 0;
      for (const p of pending) {
        if (p.e <= at) continue;
        const from = Math.max(p.s, at);
        pieces.push(masked.slice(at, from), MASK.repeat(p.e - from));
        at = p.e;
      }
      pieces.push(masked.slice(at));
      pending = [];
      masked = pieces.join('');
      return masked;
    };
    const add = (s: number, e: number, rep: string) => {
      if (s < start || e > end || s > e) return;
      // An edit that covers earlier ones (a comment around a link) replaces them; a partial overlap is dropped.
      for (let i = edits.length - 1; i >= 0; i--) {
        const o = edits[i];
        if (o.s >= s && o.e <= e) edits.splice(i, 1);
        else if (o.s < e && s < o.e) return;
      }
      edits.push({ s, e, rep });
      protect(s, e);
    };

    for (const { s, e } of this.literals) {
      if (e <= start || s >= end) continue;
      const raw = this.text.slice(s, e);
      if (raw.startsWith('<') || raw.startsWith('%%')) add(Math.max(s, start), Math.min(e, end), '');
      else if (raw.startsWith('`')) add(s, e, raw.replace(/^`+ ?/, '').replace(/ ?`+$/, ''));
      else protect(s, e); // math stays as written: it is the notation the reader learns
    }
    for (const { span, link } of this.links) {
      if (span.s < start || span.e > end) continue;
      if (link.kind === 'wiki') add(span.s, span.e, link.embed ? '' : wikiLinkDisplay(link));
      else if (link.embed) add(span.s, span.e, '');
      else {
        add(span.s, span.s + 1, '');
        add(span.s + 1 + link.text.length, span.e, '');
      }
    }
    for (const { outer, inner } of this.highlights) {
      if (outer.e <= start || outer.s >= end) continue;
      add(outer.s, inner.s, '');
      add(inner.e, outer.e, '');
    }

    const scan = (re: RegExp, onMatch: (m: RegExpExecArray, at: number) => void) => {
      const masked = currentMask();
      re.lastIndex = 0;
      for (let m = re.exec(masked); m; m = re.exec(masked)) {
        onMatch(m, start + m.index);
        if (m[0].length === 0) re.lastIndex++;
      }
    };
    if (options.quoted) scan(/^[ \t]*(?:>[ \t]?)+/gm, (m, at) => add(at, at + m[0].length, ''));
    scan(/%%[\s\S]*?(?:%%|$)/g, (m, at) => add(at, at + m[0].length, ''));
    scan(/!\[[^\]\n]*\]\([^)\n]*\)/g, (m, at) => add(at, at + m[0].length, ''));
    scan(/\[([^\]\n]*)\]\([^)\n]*\)/g, (m, at) => {
      add(at, at + 1, '');
      add(at + 1 + m[1].length, at + m[0].length, '');
    });
    scan(/<((?:https?|mailto):[^>\s]*)>/g, (m, at) => {
      add(at, at + 1, '');
      add(at + m[0].length - 1, at + m[0].length, '');
    });
    scan(/\\([!-/:-@[-`{-~])/g, (_m, at) => {
      add(at, at + 1, '');
      protect(at + 1, at + 2);
    });
    for (let round = 0; round < 4; round++) {
      let found = false;
      for (const re of [STAR, UNDERSCORE]) {
        scan(re, (m, at) => {
          const n = m[1].length;
          add(at, at + n, '');
          add(at + m[0].length - n, at + m[0].length, '');
          found = true;
        });
      }
      if (!found) break;
    }
    scan(/={2,}/g, (m, at) => add(at, at + m[0].length, ''));
    scan(/[ \t]\^[A-Za-z0-9-]+[ \t]*$/gm, (m, at) => add(at, at + m[0].length, ''));
    scan(/&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-z]+);/g, (m, at) => {
      const rep = decodeEntity(m[1]);
      if (rep !== undefined) add(at, at + m[0].length, rep);
    });

    return collapse(applyEdits(this.text, start, end, edits, options.marks ?? []));
  }
}

function decodeEntity(name: string): string | undefined {
  if (name.startsWith('#')) {
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  return ENTITIES[name];
}

function applyEdits(text: string, start: number, end: number, edits: Edit[], marks: number[]): { text: string; marks: number[] } {
  edits.sort((a, b) => a.s - b.s || a.e - b.e);
  let out = '';
  let at = start;
  const mapped = marks.map(() => -1);
  const place = (upTo: number, edit?: Edit) => {
    marks.forEach((m, i) => {
      if (mapped[i] !== -1) return;
      if (m <= upTo) mapped[i] = out.length + (m - at);
      else if (edit && m < edit.e) mapped[i] = out.length + (upTo - at) + edit.rep.length;
    });
  };
  for (const edit of edits) {
    place(edit.s, edit);
    out += text.slice(at, edit.s) + edit.rep;
    at = edit.e;
  }
  place(end);
  out += text.slice(at, end);
  return { text: out, marks: mapped.map((m) => (m === -1 ? out.length : m)) };
}

/** Collapses whitespace runs to one space and trims, keeping marks on the same characters. */
function collapse(input: { text: string; marks: number[] }): { text: string; marks: number[] } {
  const { text } = input;
  const index = new Int32Array(text.length + 1);
  const parts: string[] = [];
  let len = 0;
  let pendingSpace = false;
  let run = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : -1;
    const space = c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(text[i]));
    if (c !== -1 && !space) {
      if (run === -1) {
        if (pendingSpace) {
          parts.push(' ');
          len++;
          pendingSpace = false;
        }
        run = i;
      }
      index[i] = len + (i - run);
      continue;
    }
    if (run !== -1) {
      parts.push(text.slice(run, i));
      len += i - run;
      run = -1;
    }
    // A mark on whitespace lands before the single space that replaces the run.
    index[i] = len;
    if (len > 0 && c !== -1) pendingSpace = true;
  }
  index[text.length] = len;
  return { text: parts.join(''), marks: input.marks.map((m) => Math.min(index[m], len)) };
}
