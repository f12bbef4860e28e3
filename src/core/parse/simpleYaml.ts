/**
 * A fast, exact reader for the YAML that nearly all note frontmatter is made
 * of: a top-level block mapping of plain keys to single-line scalars (plain,
 * 'single' or "double" quoted), flow sequences of such scalars (`[a, b]`),
 * block sequences of them (`- a` lines under `key:`), or nothing (null).
 *
 * It returns exactly what `parseDocument(text).toJS()` of the `yaml` package
 * returns (YAML 1.2, core schema), or `undefined` whenever the text is outside
 * that subset or anything about it is doubtful: the caller then asks `yaml`,
 * which also owns every error message. A wrong value would be a bug; a
 * fallback only costs time. test/unit/parse/simpleYaml.test.ts checks it
 * against `yaml` on hand-written, real, bench and random documents.
 */

type Scalar = string | number | boolean | null;

/**
 * Characters outside the subset: controls and tabs (tabs change how YAML
 * reads indentation and separation), NEL/LS/PS and the BOM (line breaks or
 * markers to some readers), non-characters, lone surrogates, and a CR that
 * is not part of a CRLF line break.
 */
const UNSAFE = /[^\n\r\x20-\x7E\u00A0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD\u{10000}-\u{10FFFF}]|\r(?!\n)/u;

/**
 * A key we read ourselves: starts with a letter, digit, `_` or non-ASCII,
 * holds only those and ` ./-`, ends with no space, and is followed by `: ` or
 * `:` at the end of the line. Anything else (quoted keys, `? `, `-`/`.`
 * starts that could be markers, `#`) falls back.
 */
const KEY = /^([A-Za-z0-9_\u00A0-\u{10FFFF}](?:[A-Za-z0-9_ ./\u00A0-\u{10FFFF}-]*[A-Za-z0-9_./\u00A0-\u{10FFFF}-])?):(?= |$)/u;

/** Characters that cannot start a plain scalar (YAML's c-indicator). */
const INDICATORS = '-?:,[]{}#&*!|>\'"%@`';

/** Double-quoted escapes as `yaml` resolves them (compose/resolve-flow-scalar). */
const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

/**
 * A plain scalar's value under the core schema, tag tests in `yaml`'s order
 * (schema/core/schema.js) with its resolve functions: parseInt/parseFloat
 * exactly as it calls them, so precision and -0 come out the same.
 */
export function resolvePlain(s: string): Scalar {
  // Every non-string form starts with one of these (or is empty): skip the tests for words.
  if (s && !'~nNtTfF0123456789+-.'.includes(s[0])) return s;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s)) return s[0] === 't' || s[0] === 'T';
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) {
    return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s)) return parseFloat(s);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

interface Read {
  value: Scalar | Scalar[];
  end: number;
}

function skipSpaces(line: string, i: number): number {
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

/** True if nothing but spaces and a ` #comment` follow `i`. */
function restIsComment(line: string, i: number): boolean {
  const j = skipSpaces(line, i);
  return j === line.length || (line[j] === '#' && j > i);
}

/**
 * Whether a plain scalar may start at `i`. `-`, `?` and `:` may start one
 * when a non-space follows (`-1`, `:x`); in a flow sequence only `-` (not
 * before `,`/`]`), the rest being rare and full of flow-context subtleties.
 */
function plainStarts(line: string, i: number, flow: boolean): boolean {
  const c = line[i];
  if (c === undefined || c === ' ') return false;
  if (!INDICATORS.includes(c)) return true;
  const next = line[i + 1];
  if (next === undefined || next === ' ') return false;
  if (flow) return c === '-' && next !== ',' && next !== ']' && next !== '[' && next !== '{' && next !== '}';
  return c === '-' || c === '?' || c === ':';
}

/** A quoted scalar that closes on this line; `end` is after the quote. */
function quoted(line: string, i: number): Read | undefined {
  let out = '';
  if (line[i] === "'") {
    // '' is a quote; nothing else is special on a single line.
    for (let k = i + 1; ; ) {
      const close = line.indexOf("'", k);
      if (close < 0) return undefined;
      out += line.slice(k, close);
      if (line[close + 1] !== "'") return { value: out, end: close + 1 };
      out += "'";
      k = close + 2;
    }
  }
  for (let k = i + 1; k < line.length; ) {
    const ch = line[k];
    if (ch === '"') return { value: out, end: k + 1 };
    if (ch !== '\\') {
      out += ch;
      k++;
      continue;
    }
    const n = line[k + 1];
    if (n !== undefined && Object.hasOwn(ESCAPES, n)) {
      out += ESCAPES[n];
      k += 2;
      continue;
    }
    // \xXX, \uXXXX, \UXXXXXXXX: exactly that many hex digits, a valid code point.
    const size = n === 'x' ? 2 : n === 'u' ? 4 : n === 'U' ? 8 : 0;
    const hex = line.substr(k + 2, size);
    if (!size || hex.length !== size || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) return undefined;
    out += String.fromCodePoint(code);
    k += 2 + size;
  }
  return undefined; // unclosed on this line: multi-line or broken, yaml decides
}

/** A mapping value or sequence item: a scalar filling the rest of the line. */
function blockScalar(line: string, i: number): Read | undefined {
  const c = line[i];
  if (c === "'" || c === '"') {
    const q = quoted(line, i);
    return q && restIsComment(line, q.end) ? q : undefined;
  }
  if (!plainStarts(line, i, false)) return undefined;
  let end = i;
  for (let k = i; k < line.length; k++) {
    const ch = line[k];
    // `: ` or a final `:` would make this a (nested) mapping key.
    if (ch === ':' && (k + 1 === line.length || line[k + 1] === ' ')) return undefined;
    if (ch === '#' && line[k - 1] === ' ') break;
    if (ch !== ' ') end = k + 1; // trailing spaces are not part of the value (only spaces: nbsp is kept)
  }
  return { value: resolvePlain(line.slice(i, end)), end };
}

/**
 * `[a, 'b', "c"]` on one line, of scalars only; a trailing comma is allowed, as in yaml.
 * With `spans`, pushes where each item is on the line.
 */
function flowSequence(line: string, i: number, spans?: Span[]): Read | undefined {
  const out: Scalar[] = [];
  let k = skipSpaces(line, i + 1);
  if (line[k] === ']') return restIsComment(line, k + 1) ? { value: out, end: k + 1 } : undefined;
  for (;;) {
    const c = line[k];
    if (c === "'" || c === '"') {
      const q = quoted(line, k);
      if (!q) return undefined;
      out.push(q.value as Scalar);
      spans?.push([k, q.end]);
      k = q.end;
    } else {
      if (!plainStarts(line, k, true)) return undefined;
      const start = k;
      let end = k;
      for (; k < line.length; k++) {
        const ch = line[k];
        if (ch === ',' || ch === ']') break;
        // Nested collections, `a: b` pairs and comments: not ours.
        if (ch === '[' || ch === '{' || ch === '}' || ch === ':' || (ch === '#' && line[k - 1] === ' ')) return undefined;
        if (ch !== ' ') end = k + 1;
      }
      out.push(resolvePlain(line.slice(start, end)));
      spans?.push([start, end]);
    }
    k = skipSpaces(line, k);
    if (line[k] === ']') break;
    if (line[k] !== ',') return undefined;
    k = skipSpaces(line, k + 1);
    if (line[k] === ']') break;
  }
  return restIsComment(line, k + 1) ? { value: out, end: k + 1 } : undefined;
}

/** [start, end) of a scalar's source text, quotes included. */
export type Span = [number, number];

/**
 * Asks parseSimpleYaml where the values of some keys are: for each such key
 * it sets the span of a scalar value, or a list parallel to a sequence's
 * items (undefined for an empty item).
 */
export interface SpanRequest {
  keys: RegExp;
  found: Map<string, Span | (Span | undefined)[]>;
}

/**
 * Parses `text` if it is in the subset: the value `yaml`'s toJS would give
 * (a plain object, or null for a document of only blank and comment lines),
 * or `undefined` to say "ask yaml". `spans` (offsets into `text`) is only
 * meaningful when a value is returned.
 */
export function parseSimpleYaml(text: string, spans?: SpanRequest): Record<string, unknown> | null | undefined {
  if (UNSAFE.test(text)) return undefined;
  const data: Record<string, unknown> = {};
  let keys = 0;
  /** The last key if its value was empty: a block sequence may follow it. */
  let open: string | undefined;
  let seq: Scalar[] | undefined;
  let seqIndent = 0;
  /** Spans of the items of `seq`, when its key was asked for. */
  let seqSpans: (Span | undefined)[] | undefined;
  let next = 0;
  for (let line of text.split('\n')) {
    const at = next;
    next += line.length + 1;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const i = skipSpaces(line, 0);
    if (i === line.length || line[i] === '#') continue; // blank or comment line
    if (line[i] === '-' && (i + 1 === line.length || line[i + 1] === ' ')) {
      // An item of the sequence under `open`, all items at one indentation.
      if (open === undefined) return undefined;
      if (!seq) {
        seq = [];
        seqIndent = i;
        data[open] = seq;
        if (spans?.keys.test(open)) spans.found.set(open, (seqSpans = []));
      } else if (i !== seqIndent) return undefined;
      const j = skipSpaces(line, i + 1);
      if (j === line.length || line[j] === '#') {
        seq.push(null);
        seqSpans?.push(undefined);
        continue;
      }
      const item = blockScalar(line, j);
      if (!item) return undefined;
      seq.push(item.value as Scalar);
      seqSpans?.push([at + j, at + item.end]);
      continue;
    }
    // Any other indented line continues a scalar or nests a mapping: not ours.
    if (i > 0) return undefined;
    open = undefined;
    seq = undefined;
    seqSpans = undefined;
    const match = KEY.exec(line);
    if (!match) return undefined;
    const key = match[1];
    // Keys that resolve to non-strings, duplicates (a yaml error), `__proto__`
    // (yaml defines it as an own property) and keys past yaml's 1024-character
    // implicit-key limit fall back.
    if (key.length > 1000 || key === '__proto__' || Object.hasOwn(data, key) || typeof resolvePlain(key) !== 'string') return undefined;
    keys++;
    const j = skipSpaces(line, match[0].length);
    if (j === line.length || line[j] === '#') {
      data[key] = null;
      open = key;
      continue;
    }
    const wanted = spans?.keys.test(key) === true;
    const itemSpans: Span[] | undefined = wanted ? [] : undefined;
    const value = line[j] === '[' ? flowSequence(line, j, itemSpans) : blockScalar(line, j);
    if (!value) return undefined;
    data[key] = value.value;
    if (wanted) spans!.found.set(key, line[j] === '[' ? itemSpans!.map(([s, e]): Span => [at + s, at + e]) : [at + j, at + value.end]);
  }
  return keys ? data : null;
}
