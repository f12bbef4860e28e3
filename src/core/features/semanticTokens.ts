import type { Card } from '../cards/card';
import { DEFAULT_CARD_RULES, type CardRules } from '../cards/cardRules';
import { extractCards } from '../cards/extractCards';
import type { Highlight, LinkRef } from '../parse/noteModel';
import { LineIndex } from '../text/lineIndex';
import { comparePositions, type Range } from '../text/range';
import type { Resolution } from '../vault/resolveLink';
import type { NoteEntry, VaultIndex } from '../vault/vaultIndex';
import { noteDiagnostics } from './diagnostics';
import { isExternalTarget } from './linkText';
import type { Cancellation } from './types';

/**
 * What the TextMate grammar cannot know, as semantic tokens: whether a
 * link's target exists (and its heading or block), and which highlights
 * make flashcards. The grammar colours the syntax; these tokens refine it.
 * The legend's order is the wire format: append, never reorder.
 */
export const SEMANTIC_TOKEN_TYPES = ['noteLink', 'noteEmbed', 'linkHeading', 'linkBlock', 'highlight', 'hashtag'] as const;
export const SEMANTIC_TOKEN_MODIFIERS = ['resolved', 'unresolved', 'ambiguous', 'cardSource'] as const;

export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];
export type SemanticTokenModifier = (typeof SEMANTIC_TOKEN_MODIFIERS)[number];

/** One token on one line (semantic tokens cannot span lines in VS Code). */
export interface NoteToken {
  line: number;
  character: number;
  length: number;
  type: SemanticTokenType;
  modifiers: SemanticTokenModifier[];
}

export interface SemanticTokenOptions {
  /** Only tokens on the lines of this range (for `textDocument/semanticTokens/range`). */
  range?: Range;
  /** The card rules in force; highlights that make a card under them get `cardSource`. */
  cardRules?: CardRules;
  /** The note's cards under those rules when the caller has them (else they are extracted here). */
  cards?: readonly Card[];
}

/** The tokens of one note in document order, or [] when the note is not indexed. */
export function noteTokens(index: VaultIndex, path: string, token: Cancellation, options: SemanticTokenOptions = {}): NoteToken[] {
  const entry = index.getNote(path);
  if (!entry) return [];
  const lines = new LineIndex(entry.text);
  const top: NoteToken[] = [];
  const anchors = anchorStates(index, path);
  entry.model.links.forEach((link, i) => {
    if (isExternalTarget(link.path)) return;
    top.push(...linkTokens(link, entry.resolutions[i], anchors.get(i)));
  });
  for (const tag of entry.model.tags) top.push(...split(tag.range, lines, 'hashtag', []));
  if (token.isCancellationRequested) return [];

  const sources = cardSourceHighlights(entry, options.cardRules ?? DEFAULT_CARD_RULES, options.cards);
  const bottom: NoteToken[] = [];
  entry.model.highlights.forEach((h, i) => bottom.push(...split(h.range, lines, 'highlight', sources.has(i) ? ['cardSource'] : [])));

  let all = [...top, ...subtract(bottom, top)].sort((a, b) => a.line - b.line || a.character - b.character);
  if (options.range) {
    const { start, end } = options.range;
    all = all.filter((t) => t.line >= start.line && t.line <= end.line);
  }
  return all;
}

/** LSP's relative encoding: five integers per token, each position relative to the previous token. */
export function encodeTokens(tokens: readonly NoteToken[]): number[] {
  const data: number[] = [];
  let line = 0;
  let character = 0;
  for (const t of tokens) {
    const dl = t.line - line;
    data.push(dl, dl === 0 ? t.character - character : t.character, t.length, SEMANTIC_TOKEN_TYPES.indexOf(t.type), modifierBits(t.modifiers));
    line = t.line;
    character = t.character;
  }
  return data;
}

function modifierBits(modifiers: readonly SemanticTokenModifier[]): number {
  return modifiers.reduce((bits, m) => bits | (1 << SEMANTIC_TOKEN_MODIFIERS.indexOf(m)), 0);
}

function resolutionModifier(r: Resolution | undefined): SemanticTokenModifier | undefined {
  switch (r?.kind) {
    case 'file':
    case 'self':
      return 'resolved';
    case 'ambiguous':
      return 'ambiguous';
    case 'unresolved':
      return 'unresolved';
    default:
      return undefined;
  }
}

function linkTokens(link: LinkRef, resolution: Resolution | undefined, anchor: 'resolved' | 'unresolved' | undefined): NoteToken[] {
  const out: NoteToken[] = [];
  const state = resolutionModifier(resolution);
  const p = link.pathRange;
  if (p.start.line === p.end.line && p.end.character > p.start.character) {
    out.push({ line: p.start.line, character: p.start.character, length: p.end.character - p.start.character, type: link.embed ? 'noteEmbed' : 'noteLink', modifiers: state ? [state] : [] });
  }
  const s = link.subpathRange;
  if (s && s.start.line === s.end.line && s.end.character > s.start.character) {
    // The anchor can only be judged inside a note we know; otherwise it shares the path's fate.
    const mod = anchor ?? (state === 'resolved' ? undefined : state);
    out.push({ line: s.start.line, character: s.start.character, length: s.end.character - s.start.character, type: link.blockId !== undefined ? 'linkBlock' : 'linkHeading', modifiers: mod ? [mod] : [] });
  }
  return out;
}

/**
 * Whether each link's `#heading` / `#^block` exists, judged by the same code
 * as the Problems panel so that colour and diagnostic never disagree.
 */
function anchorStates(index: VaultIndex, path: string): Map<number, 'resolved' | 'unresolved'> {
  const out = new Map<number, 'resolved' | 'unresolved'>();
  const entry = index.getNote(path)!;
  entry.model.links.forEach((link, i) => {
    const r = entry.resolutions[i];
    const known = r?.kind === 'self' || (r?.kind === 'file' && index.getNote(r.path));
    if (known && (link.headings.length || link.blockId !== undefined)) out.set(i, 'resolved');
  });
  for (const d of noteDiagnostics(index, path, { brokenLinks: 'warning' })) {
    const i = d.data?.linkIndex;
    if (typeof i === 'number' && (d.code === 'missing-heading' || d.code === 'missing-block')) out.set(i, 'unresolved');
  }
  return out;
}

/** Cuts a range into one token per line it covers. */
function split(r: Range, lines: LineIndex, type: SemanticTokenType, modifiers: SemanticTokenModifier[]): NoteToken[] {
  const out: NoteToken[] = [];
  for (let line = r.start.line; line <= r.end.line; line++) {
    const from = line === r.start.line ? r.start.character : 0;
    const to = line === r.end.line ? r.end.character : lines.lineEnd(line) - lines.lineStart(line);
    if (to > from) out.push({ line, character: from, length: to - from, type, modifiers: [...modifiers] });
  }
  return out;
}

/** Tokens may not overlap: links and tags inside a highlight punch holes in it. */
function subtract(bottom: NoteToken[], top: NoteToken[]): NoteToken[] {
  const byLine = new Map<number, NoteToken[]>();
  for (const t of top) byLine.set(t.line, [...(byLine.get(t.line) ?? []), t]);
  const out: NoteToken[] = [];
  for (const b of bottom) {
    let pieces = [b];
    for (const t of byLine.get(b.line) ?? []) {
      pieces = pieces.flatMap((p) => {
        const s = Math.max(p.character, t.character);
        const e = Math.min(p.character + p.length, t.character + t.length);
        if (s >= e) return [p];
        const left = { ...p, length: s - p.character };
        const right = { ...p, character: e, length: p.character + p.length - e };
        return [left, right].filter((x) => x.length > 0);
      });
    }
    out.push(...pieces);
  }
  return out;
}

/**
 * Indexes (into model.highlights) of the highlights that cards come from.
 * A Card names its source range, not its highlight: a definition starts at
 * its term's highlight; a cloze spans its sentence, starts its `line` at the
 * hidden highlight, and hides that highlight's text (as plain text).
 * Hook: if Card ever carries the highlight's range, match on that instead.
 */
function cardSourceHighlights(entry: NoteEntry, rules: CardRules, given: readonly Card[] | undefined): Set<number> {
  const out = new Set<number>();
  const highlights = entry.model.highlights;
  if (highlights.length === 0) return out;
  let cards: readonly Card[];
  try {
    cards = given ?? extractCards(entry.path, entry.text, entry.model, rules);
  } catch {
    return out; // colouring must never fail because a card rule did
  }
  const starts = new Map<string, number>();
  highlights.forEach((h, i) => starts.set(`${h.range.start.line}:${h.range.start.character}`, i));
  // Highlights by the line they start on, in order: a cloze looks only at its own line (a 10 MB note has ~16k clozes).
  const byLine = new Map<number, number[]>();
  highlights.forEach((h, i) => {
    const list = byLine.get(h.range.start.line);
    if (list) list.push(i);
    else byLine.set(h.range.start.line, [i]);
  });
  for (const card of cards) {
    const r = card.source.range;
    if (card.kind === 'definition') {
      const i = starts.get(`${r.start.line}:${r.start.character}`);
      if (i !== undefined) out.add(i);
      continue;
    }
    const want = letters(card.term ?? '');
    const i = byLine.get(card.source.line - 1)?.find((k) => !out.has(k) && within(highlights[k], r) && letters(highlights[k].text).includes(want));
    if (i !== undefined) out.add(i);
  }
  return out;
}

function within(h: Highlight, r: Range): boolean {
  return comparePositions(r.start, h.range.start) <= 0 && comparePositions(h.range.end, r.end) <= 0;
}

function letters(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}
