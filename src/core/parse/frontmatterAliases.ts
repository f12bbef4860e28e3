/**
 * Frontmatter aliases the way Obsidian reads them (`aliases:` or `alias:`, a
 * list, or a string split at commas), each with where it is written, so that
 * symbols and go-to-definition can land on the alias rather than on the
 * whole frontmatter.
 */
import type { Span } from './simpleYaml';

export interface AliasList {
  names: string[];
  /** Parallel to names: the alias's own text, undefined when it cannot be told. */
  spans: (Span | undefined)[];
}

/**
 * The aliases of parsed frontmatter `data`, from the values of the keys
 * matching `key`, trimmed, empties dropped. `found` holds the source spans
 * (offsets into `content`) of those values: a scalar's span, or one per
 * sequence item.
 */
export function aliasesWithSpans(
  data: Record<string, unknown>,
  key: RegExp,
  found: ReadonlyMap<string, Where>,
  content: string,
): AliasList {
  const out: AliasList = { names: [], spans: [] };
  for (const k of Object.keys(data)) {
    if (!key.test(k)) continue;
    const value = data[k];
    const where = found.get(k);
    if (Array.isArray(value)) {
      // List items are never split at commas.
      value.forEach((item, i) => {
        if (typeof item === 'string' || typeof item === 'number') add(out, String(item), 0, String(item).length, itemSpan(where, i), content);
      });
    } else if (typeof value === 'string') {
      const span = scalarSpan(where);
      let at = 0;
      for (const part of value.split(',')) {
        add(out, value, at, at + part.length, span, content);
        at += part.length + 1;
      }
    } else if (typeof value === 'number') {
      add(out, String(value), 0, String(value).length, scalarSpan(where), content);
    }
  }
  return out;
}

type Where = Span | (Span | undefined)[] | undefined;

/** A Span is two offsets; a sequence's list holds spans (or undefined). */
function isSpan(where: Where): where is Span {
  return where !== undefined && typeof where[0] === 'number';
}

function itemSpan(where: Where, i: number): Span | undefined {
  return where && !isSpan(where) ? where[i] : undefined;
}

function scalarSpan(where: Where): Span | undefined {
  return isSpan(where) ? where : undefined;
}

/**
 * Adds value[from, to) trimmed, if not empty. Its span is exact when the
 * scalar's source is the value as written (plain, or quoted without
 * escapes); otherwise the whole scalar (an escape or a folded line break
 * leaves no one-to-one map).
 */
function add(out: AliasList, value: string, from: number, to: number, span: Span | undefined, content: string): void {
  const part = value.slice(from, to);
  const name = part.trim();
  if (!name) return;
  out.names.push(name);
  if (!span) {
    out.spans.push(undefined);
    return;
  }
  const raw = content.slice(span[0], span[1]);
  const quote = raw[0] === '"' || raw[0] === "'" ? raw[0] : '';
  const inner = quote && raw.length >= 2 && raw.endsWith(quote) ? raw.slice(1, -1) : undefined;
  const base = raw === value ? span[0] : inner === value ? span[0] + 1 : -1;
  if (base === -1) {
    out.spans.push(span);
    return;
  }
  const start = base + from + (part.length - part.trimStart().length);
  out.spans.push([start, start + name.length]);
}
