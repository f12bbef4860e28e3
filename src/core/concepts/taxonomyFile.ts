/**
 * Reads a vault's `.mmnotes/concepts.yaml`:
 *
 *     builtin: true            # false: replace the built-in taxonomy
 *     concepts:
 *       - name: Contrastive learning
 *         parent: Coordination  # id, name or alias
 *         aliases: [CLIP-style training]
 *         description: Pull paired embeddings together, push the others apart.
 *       - name: Transference    # an existing name: overrides what it sets
 *         aliases: [Transfer]
 *
 * `concepts` may also be a mapping from name to fields. Every problem
 * carries the range of the offending YAML so the host can put a diagnostic
 * on it; a file that is not YAML at all yields no specs and one problem.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import { LineIndex } from '../text/lineIndex';
import type { Range } from '../text/range';
import { CONCEPT_KINDS, type ConceptKind, type ConceptSpec, type TaxonomyProblem } from './conceptSpec';
import type { VaultConcepts } from './buildTaxonomy';

/** Vault-relative path of the file a vault extends the taxonomy with. */
export const CONCEPTS_FILE = '.mmnotes/concepts.yaml';

const FIELDS = new Set(['id', 'name', 'parent', 'aliases', 'localAliases', 'kind', 'description', 'mentions']);

export interface ParsedConceptsFile extends VaultConcepts {
  problems: TaxonomyProblem[];
}

/** Parses the text of a concepts file into specs with source ranges. */
export function parseConceptsFile(text: string): ParsedConceptsFile {
  const lines = new LineIndex(text);
  const rangeOf = (n: { range?: [number, number, number] | null } | null | undefined): Range => {
    const [s, e] = n?.range ?? [0, 0];
    return { start: lines.positionAt(s), end: lines.positionAt(e) };
  };
  const problems: TaxonomyProblem[] = [];
  const report = (code: TaxonomyProblem['code'], message: string, range: Range, severity: TaxonomyProblem['severity'] = 'error') =>
    problems.push({ code, severity, message, range });

  const doc = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const [s, end] = e.pos;
      report('yaml', `Invalid YAML: ${e.message.split('\n')[0]}. The built-in taxonomy is used until this is fixed.`, { start: lines.positionAt(s), end: lines.positionAt(Math.max(end, s + 1)) });
    }
    return { specs: [], problems };
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { specs: [], problems };

  let list: Node | null | undefined = root as Node;
  let replaceBuiltin = false;
  if (isMap(root)) {
    list = undefined;
    for (const pair of root.items) {
      const key = keyText(pair);
      if (key === 'concepts') list = pair.value as Node | null;
      else if (key === 'builtin') {
        if (isScalar(pair.value) && typeof pair.value.value === 'boolean') replaceBuiltin = !pair.value.value;
        else report('shape', '`builtin` must be true or false.', rangeOf(pair.value as Node));
      } else report('unknown-field', `Unknown top-level key "${key}" (expected "concepts" or "builtin"); it is ignored.`, rangeOf(pair.key as Node), 'warning');
    }
    if (list === undefined) {
      report('shape', 'Expected a `concepts:` list.', rangeOf(root));
      return { specs: [], problems, replaceBuiltin };
    }
  }

  const entries: { node: Node; name?: string; nameRange?: Range }[] = [];
  if (isSeq(list)) for (const item of list.items) entries.push({ node: item as Node });
  else if (isMap(list)) {
    for (const pair of list.items) entries.push({ node: (pair.value ?? pair.key) as Node, name: keyText(pair), nameRange: rangeOf(pair.key as Node) });
  } else if (list !== null) {
    report('shape', '`concepts` must be a list of concepts (or a mapping from name to fields).', rangeOf(list));
    return { specs: [], problems, replaceBuiltin };
  }

  const specs: ConceptSpec[] = [];
  for (const e of entries) {
    const spec = readEntry(e.node, e.name, e.nameRange, rangeOf, report);
    if (spec) specs.push(spec);
  }
  return { specs, replaceBuiltin, problems };
}

type Report = (code: TaxonomyProblem['code'], message: string, range: Range, severity?: TaxonomyProblem['severity']) => void;

function readEntry(node: Node, mapName: string | undefined, mapNameRange: Range | undefined, rangeOf: (n: Node | null | undefined) => Range, report: Report): ConceptSpec | undefined {
  const entry = rangeOf(node);
  const fields = new Map<string, Pair>();
  if (isMap(node)) {
    for (const pair of node.items) {
      const k = keyText(pair);
      if (FIELDS.has(k)) fields.set(k, pair);
      else report('unknown-field', `Unknown field "${k}" (expected ${[...FIELDS].join(', ')}); it is ignored.`, rangeOf(pair.key as Node), 'warning');
    }
  } else if (!(mapName !== undefined && (node === null || (isScalar(node) && node.value === null)))) {
    report('shape', 'A concept must be a mapping with at least a `name`.', entry);
    return undefined;
  }
  const str = (k: string): { value: string; range: Range } | undefined => {
    const p = fields.get(k);
    if (!p) return undefined;
    if (isScalar(p.value) && (typeof p.value.value === 'string' || typeof p.value.value === 'number') && String(p.value.value).trim()) {
      return { value: String(p.value.value).trim(), range: rangeOf(p.value) };
    }
    report('shape', `\`${k}\` must be a non-empty text.`, rangeOf((p.value ?? p.key) as Node));
    return undefined;
  };
  const list = (k: string): { values: string[]; ranges: Range[] } | undefined => {
    const p = fields.get(k);
    if (!p) return undefined;
    if (isScalar(p.value) && typeof p.value.value === 'string') return { values: [p.value.value.trim()], ranges: [rangeOf(p.value)] };
    if (!isSeq(p.value)) {
      report('shape', `\`${k}\` must be a list of names.`, rangeOf((p.value ?? p.key) as Node));
      return undefined;
    }
    const out = { values: [] as string[], ranges: [] as Range[] };
    for (const item of p.value.items) {
      if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number') && String(item.value).trim()) {
        out.values.push(String(item.value).trim());
        out.ranges.push(rangeOf(item as Node));
      } else report('shape', `Each of \`${k}\` must be a name.`, rangeOf(item as Node));
    }
    return out;
  };

  const name = str('name') ?? (mapName ? { value: mapName, range: mapNameRange! } : undefined);
  if (!name) {
    if (!fields.has('name')) report('shape', 'A concept needs a `name`.', entry);
    return undefined;
  }
  // An empty id means "derive it from the name" (buildTaxonomy), unless the name overrides an existing concept.
  const spec: ConceptSpec = { id: str('id')?.value ?? '', name: name.value, where: { entry, name: name.range } };
  const parent = str('parent');
  if (parent) {
    spec.parent = parent.value;
    spec.where!.parent = parent.range;
  }
  const aliases = list('aliases');
  if (aliases) [spec.aliases, spec.where!.aliases] = [aliases.values, aliases.ranges];
  const local = list('localAliases');
  if (local) [spec.localAliases, spec.where!.localAliases] = [local.values, local.ranges];
  const kind = str('kind');
  if (kind) {
    if ((CONCEPT_KINDS as string[]).includes(kind.value)) spec.kind = kind.value as ConceptKind;
    else report('shape', `Unknown kind "${kind.value}" (expected ${CONCEPT_KINDS.join(', ')}).`, kind.range);
  }
  const description = str('description');
  if (description) spec.description = description.value;
  const mentions = fields.get('mentions');
  if (mentions) {
    if (isScalar(mentions.value) && typeof mentions.value.value === 'boolean') spec.mentions = mentions.value.value;
    else report('shape', '`mentions` must be true or false.', rangeOf((mentions.value ?? mentions.key) as Node));
  }
  return spec;
}

function keyText(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}
