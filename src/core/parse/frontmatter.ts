/**
 * YAML frontmatter: the parsed mapping, `aliases`/`tags` normalised the way
 * Obsidian reads them, and problems a user can fix (bad YAML, not a mapping).
 */
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { aliasesWithSpans } from './frontmatterAliases';
import { parseSimpleYaml, type Span } from './simpleYaml';

/** Frontmatter with offsets instead of ranges; parseNote converts them. */
export interface FrontmatterParts {
  data: Record<string, unknown> | undefined;
  aliases: string[];
  /** Parallel to aliases: where each is written, undefined when that cannot be told. */
  aliasSpans: (Span | undefined)[];
  tags: string[];
  problems: { code: 'frontmatter-yaml' | 'frontmatter-shape'; message: string; start: number; end: number }[];
}

const ALIAS_KEY = /^alias(es)?$/i;

/** Splits Obsidian's string forms (`tags: a, b` / `aliases: A, B`) and flattens lists. */
function stringList(value: unknown, separator: RegExp): string[] {
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string' && typeof item !== 'number') continue;
    const parts = typeof item === 'string' && !Array.isArray(value) ? item.split(separator) : [String(item)];
    for (const part of parts) {
      const trimmed = part.trim();
      if (trimmed) out.push(trimmed);
    }
  }
  return out;
}

function valuesOf(data: Record<string, unknown>, key: RegExp): unknown[] {
  return Object.keys(data)
    .filter((k) => key.test(k))
    .map((k) => data[k]);
}

/**
 * Reads frontmatter YAML. `content` is the text between the fences and starts
 * at offset `contentStart`; `start`/`end` delimit the whole `---` block.
 * Problem offsets point at the offending YAML, or at the whole block.
 */
export function readFrontmatter(content: string, contentStart: number, start: number, end: number): FrontmatterParts {
  const result: FrontmatterParts = { data: undefined, aliases: [], aliasSpans: [], tags: [], problems: [] };
  // The common shapes are read directly (several times faster); anything else,
  // including every error, goes to the yaml package.
  const spans = { keys: ALIAS_KEY, found: new Map<string, Span | (Span | undefined)[]>() };
  let value: unknown = parseSimpleYaml(content, spans);
  if (value === undefined) {
    spans.found.clear();
    try {
      const doc = parseDocument(content, { prettyErrors: true });
      const error = doc.errors[0];
      if (error) {
        const at = Math.min(error.pos[0], content.length);
        // yaml's "at line N, column M" counts inside the block, not the note: drop it.
        const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
        result.problems.push({ code: 'frontmatter-yaml', message: `Frontmatter YAML: ${message}`, start: contentStart + at, end: contentStart + at });
        return result;
      }
      value = doc.toJS({ maxAliasCount: 100 });
      yamlSpans(doc, spans.found);
    } catch (e) {
      // toJS throws on unresolved aliases and alias bombs instead of reporting them.
      const message = e instanceof Error ? e.message : String(e);
      result.problems.push({ code: 'frontmatter-yaml', message: `Frontmatter YAML: ${message}`, start, end });
      return result;
    }
  }
  if (value === null || value === undefined) value = {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    result.problems.push({
      code: 'frontmatter-shape',
      message: 'Frontmatter should be a YAML mapping of `key: value` lines.',
      start,
      end,
    });
    return result;
  }
  const data = value as Record<string, unknown>;
  result.data = data;
  const aliases = aliasesWithSpans(data, ALIAS_KEY, spans.found, content);
  result.aliases = aliases.names;
  result.aliasSpans = aliases.spans.map((s) => (s ? [contentStart + s[0], contentStart + s[1]] : undefined));
  result.tags = valuesOf(data, /^tags?$/i)
    .flatMap((v) => stringList(v, /[,\s]+/))
    .map((t) => t.replace(/^#+/, ''))
    .filter((t) => t.length > 0);
  return result;
}

/** Where yaml found the values of the alias keys: scalars only (an `*anchor` reference stays unknown). */
function yamlSpans(doc: Document, found: Map<string, Span | (Span | undefined)[]>): void {
  if (!isMap(doc.contents)) return;
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (!ALIAS_KEY.test(key) || found.has(key)) continue;
    const value = pair.value;
    if (isScalar(value) && value.range) found.set(key, [value.range[0], value.range[1]]);
    else if (isSeq(value)) found.set(key, value.items.map((item): Span | undefined => (isScalar(item) && item.range ? [item.range[0], item.range[1]] : undefined)));
  }
}
