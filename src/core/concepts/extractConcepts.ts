/**
 * The concepts of one note: what it defines (highlighted terms by the
 * flashcard rules, headings, its title and aliases), how it nests them, and
 * which taxonomy concepts its running text mentions. Pure function of one
 * note and the taxonomy, so the graph can recompute a single note's share.
 */
import { aliasRange, type NoteModel } from '../parse/noteModel';
import { LineIndex } from '../text/lineIndex';
import { noteName } from '../vault/vaultPath';
import { keyOfName, slugOf } from './conceptKey';
import type { DefinedTerm, TermExtractor } from './definedTerms';
import { forEachMention } from './mentionScan';
import type { Taxonomy } from './taxonomy';

/** How a note names a concept it defines, strongest first. */
export type DefinitionSource = 'term' | 'heading' | 'title';

export interface ConceptDefinition {
  /** A taxonomy id, or `term:<slug>` for a term the taxonomy lacks. */
  conceptId: string;
  known: boolean;
  /** As written in the note. */
  label: string;
  source: DefinitionSource;
  /** Zero-based. */
  line: number;
  definition?: string;
  aliases?: string[];
}

export interface ConceptMention {
  conceptId: string;
  count: number;
  /** Zero-based line of the first mention (of the first list-item label, when there is one). */
  line: number;
  /** Named as a list item's label ("- Structure modeling") in the outline, not only in passing. */
  listed?: boolean;
}

export interface NoteConcepts {
  /** One per concept (the strongest source wins). */
  defines: ConceptDefinition[];
  /** Concepts named but not defined by the note. */
  mentions: ConceptMention[];
  /** Nesting the note writes that the taxonomy does not already say: child → parent. */
  parents: { child: string; parent: string; line: number }[];
}

const RANK: Record<DefinitionSource, number> = { term: 0, heading: 1, title: 2 };
/** A list item reads as a label ("- Structure modeling", "- Co-Learning: …") when its head is this short. */
const MAX_LABEL_WORDS = 6;

/** Extracts the concepts of one note against a taxonomy. */
export function extractConcepts(path: string, text: string, model: NoteModel, taxonomy: Taxonomy, terms: TermExtractor): NoteConcepts {
  const lines = new LineIndex(text);
  const defines = new Map<string, ConceptDefinition>();
  const parents: NoteConcepts['parents'] = [];
  // A note of many terms nests many: a set, not a scan of the list, says whether a pair is known.
  const parentsOf = new Map<string, Set<string>>();
  const define = (d: ConceptDefinition) => {
    const old = defines.get(d.conceptId);
    if (!old || RANK[d.source] < RANK[old.source]) defines.set(d.conceptId, old?.source === 'term' ? old : d);
  };
  const addParent = (child: string, parent: string | undefined, line: number) => {
    if (!parent || parent === child || taxonomy.ancestors(child).includes(parent)) return;
    let known = parentsOf.get(child);
    if (!known) parentsOf.set(child, (known = new Set()));
    if (known.has(parent)) return;
    known.add(parent);
    parents.push({ child, parent, line });
  };

  // Headings: only those naming a concept (a taxonomy one, or a term this note defines) count.
  const localTerms = safeTerms(terms, path, text, model);
  const localKeys = new Map(localTerms.map((t) => [keyOfName(t.term), t]));
  const headingStack: { level: number; id: string }[] = [];
  // Pushed line by line: `new Array(lineCount)` of a long note is a slow dictionary-mode array.
  const headingContext: string[][] = [];
  let hi = 0;
  const sortedHeadings = [...model.headings].sort((a, b) => a.range.start.line - b.range.start.line);
  // Lines under the same headings share one (read-only) context array: one per heading, not per line.
  let context: string[] = [];
  for (let line = 0; line < lines.lineCount; line++) {
    let changed = false;
    while (hi < sortedHeadings.length && sortedHeadings[hi].range.start.line === line) {
      changed = true;
      const h = sortedHeadings[hi++];
      while (headingStack.length && headingStack[headingStack.length - 1].level >= h.level) headingStack.pop();
      const ctx = headingStack.map((x) => x.id).reverse();
      const id = taxonomy.lookup(h.text, withAncestors(taxonomy, ctx)) ?? (localKeys.has(keyOfName(h.text)) ? unknownId(h.text) : undefined);
      if (id) {
        define({ conceptId: id, known: !!taxonomy.get(id), label: h.text, source: 'heading', line });
        addParent(id, ctx[0], line);
        headingStack.push({ level: h.level, id });
      }
    }
    if (changed) context = headingStack.map((x) => x.id).reverse();
    headingContext.push(context);
  }

  // Terms, in document order so a parent term is resolved before its children.
  const termIds = new Map<string, string>();
  const termAtLine = new Map<number, string>();
  for (const t of localTerms) {
    const parentId = t.parentTerm ? termIds.get(keyOfName(t.parentTerm)) : undefined;
    const ctx = withAncestors(taxonomy, [...(parentId ? [parentId] : []), ...(headingContext[t.line] ?? [])]);
    const id = [t.term, ...t.aliases].map((n) => taxonomy.lookup(n, ctx)).find((x) => x) ?? unknownId(t.term);
    termIds.set(keyOfName(t.term), id);
    termAtLine.set(t.line, id);
    define({ conceptId: id, known: !!taxonomy.get(id), label: t.term, source: 'term', line: t.line, definition: t.definition, aliases: t.aliases });
    addParent(id, parentId ?? (taxonomy.get(id) ? undefined : headingContext[t.line]?.[0]), t.line);
  }

  // The note itself: its title or an alias naming a concept (defined where the alias is written).
  const fm = model.frontmatter;
  const names = [noteName(path), ...(fm?.aliases ?? [])];
  names.forEach((name, i) => {
    const id = taxonomy.lookup(name);
    if (id) define({ conceptId: id, known: true, label: name, source: 'title', line: i > 0 && fm ? aliasRange(fm, i - 1).start.line : 0 });
  });

  // Mentions: list items that are labels, resolved in their outline context, then running text.
  const counts = new Map<string, ConceptMention>();
  const mention = (conceptId: string, line: number, listed = false) => {
    if (defines.has(conceptId)) return;
    const m = counts.get(conceptId);
    if (!m) counts.set(conceptId, listed ? { conceptId, count: 1, line, listed } : { conceptId, count: 1, line });
    else m.count++;
  };
  const claimed: [number, number][] = [];
  model.blocks.forEach((b, i) => {
    if (b.kind !== 'listItem' || termAtLine.has(b.range.start.line)) return;
    const label = labelOf(lines, model, i);
    if (!label) return;
    const ctx: string[] = [];
    for (let p = b.parent; p >= 0; p = model.blocks[p].parent) {
      const id = termAtLine.get(model.blocks[p].range.start.line);
      if (id) ctx.push(id);
    }
    const id = taxonomy.lookup(label.text, withAncestors(taxonomy, [...ctx, ...(headingContext[b.range.start.line] ?? [])]));
    if (!id) return;
    mention(id, b.range.start.line, true);
    claimed.push([label.start, label.end]);
  });

  const literal = model.literalRanges.map((r) => [lines.offsetAt(r.start), lines.offsetAt(r.end)] as [number, number]);
  const skipSpans = [...literal, ...claimed].sort((a, b) => a[0] - b[0]);
  let k = 0;
  const skip = (offset: number) => {
    while (k < skipSpans.length && skipSpans[k][1] <= offset) k++;
    return k < skipSpans.length && skipSpans[k][0] <= offset;
  };
  // Labels were counted first, so a listed concept keeps its list item's line even when text names it earlier.
  // Hits come in text order: their line is found by walking on from the last one, not by a search.
  let line = 0;
  let last = -Infinity;
  forEachMention(text, taxonomy, skip, (conceptId, start) => {
    if (start < last) line = lines.positionAt(start).line;
    else while (line + 1 < lines.lineCount && lines.lineStart(line + 1) <= start) line++;
    last = start;
    mention(conceptId, line);
  });

  return { defines: [...defines.values()], mentions: [...counts.values()], parents };
}

/** Id of a concept the taxonomy lacks, shared by every note that defines the same term. */
export function unknownId(term: string): string {
  return `term:${slugOf(term)}`;
}

function withAncestors(taxonomy: Taxonomy, ids: readonly string[]): string[] {
  const out: string[] = [];
  for (const id of ids) for (const x of [id, ...taxonomy.ancestors(id)]) if (!out.includes(x)) out.push(x);
  return out;
}

/** A broken extractor must not take the graph down: the note then defines no terms. */
function safeTerms(terms: TermExtractor, path: string, text: string, model: NoteModel): DefinedTerm[] {
  try {
    return terms(path, text, model).sort((a, b) => a.line - b.line);
  } catch {
    return [];
  }
}

/** The label a list item starts with: its first line up to a `:`, without markup, if short. */
function labelOf(lines: LineIndex, model: NoteModel, item: number): { text: string; start: number; end: number } | undefined {
  const para = model.blocks[item + 1];
  if (!para || para.parent !== item || para.kind !== 'paragraph') return undefined;
  const start = lines.offsetAt(para.range.start);
  const lineText = lines.lineText(para.range.start.line).slice(para.range.start.character);
  const colon = lineText.indexOf(':');
  const head = (colon >= 0 ? lineText.slice(0, colon) : lineText).replace(/\s\^[\w-]+\s*$/, '').replace(/[*_=`]/g, '').trim();
  if (!head || head.split(/\s+/).length > MAX_LABEL_WORDS || /[[\]!(){}]/.test(head)) return undefined;
  return { text: head, start, end: start + (colon >= 0 ? colon : lineText.length) };
}
