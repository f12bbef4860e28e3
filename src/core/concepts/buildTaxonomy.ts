import type { Range } from '../text/range';
import builtin from './builtinTaxonomy.json';
import { keyOfName, keysOfName, slugOf } from './conceptKey';
import type { ConceptKind, ConceptSpec, TaxonomyConcept, TaxonomyProblem } from './conceptSpec';
import { Taxonomy } from './taxonomy';

/** The taxonomy mmnotes ships, as written in builtinTaxonomy.json. */
export const BUILTIN_CONCEPTS: readonly ConceptSpec[] = (builtin as { concepts: ConceptSpec[] }).concepts;

export interface TaxonomyBuild {
  taxonomy: Taxonomy;
  /** Problems of the vault's specs (a built-in problem would be a bug, and a unit test guards it). */
  problems: TaxonomyProblem[];
}

export interface VaultConcepts {
  specs: ConceptSpec[];
  /** `builtin: false` in the vault file: the vault's taxonomy replaces the built-in one. */
  replaceBuiltin?: boolean;
}

interface Draft {
  spec: ConceptSpec;
  origin: 'builtin' | 'vault';
  /** The vault spec that overrode a built-in one: where its problems are reported. */
  vaultSpec?: ConceptSpec;
  parentId?: string;
}

const NOWHERE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Merges the built-in taxonomy with a vault's specs and validates the
 * result. A vault spec whose id, name or alias matches an existing concept
 * overrides the fields it sets; any other spec adds a concept. Every
 * problem drops only what is wrong (the alias, the parent link, the
 * entry), so one typo never takes the built-in taxonomy down with it.
 */
export function buildTaxonomy(vault?: VaultConcepts, base: readonly ConceptSpec[] = BUILTIN_CONCEPTS): TaxonomyBuild {
  const problems: TaxonomyProblem[] = [];
  const drafts = new Map<string, Draft>();
  const claim = new Map<string, string>(); // name/alias key → id, for finding overrides and parents
  const index = (d: Draft) => {
    for (const n of [d.spec.name, ...(d.spec.aliases ?? [])]) for (const k of keysOfName(n)) if (!claim.has(k)) claim.set(k, d.spec.id);
  };
  if (!vault?.replaceBuiltin) {
    for (const spec of base) {
      const d: Draft = { spec: { ...spec }, origin: 'builtin' };
      drafts.set(spec.id, d);
      index(d);
    }
  }

  const overridden = new Set<string>();
  for (const spec of vault?.specs ?? []) {
    const target = drafts.get(spec.id) ?? drafts.get(claim.get(keyOfName(spec.name)) ?? '');
    if (target && target.origin === 'vault') {
      problems.push(problem('duplicate-concept', `"${spec.name}" is already defined in this file (as "${target.spec.name}"); this entry is ignored.`, spec.where?.name ?? spec.where?.entry));
      continue;
    }
    if (target) {
      if (overridden.has(target.spec.id)) continue;
      overridden.add(target.spec.id);
      target.spec = mergeSpec(target.spec, spec);
      target.vaultSpec = spec;
      index(target);
      continue;
    }
    let id = spec.id || slugOf(spec.name);
    for (let i = 2; drafts.has(id); i++) id = `${spec.id || slugOf(spec.name)}-${i}`;
    const d: Draft = { spec: { ...spec, id }, origin: 'vault', vaultSpec: spec };
    drafts.set(id, d);
    index(d);
  }

  resolveParents(drafts, claim, problems);
  breakCycles(drafts, problems);
  const concepts = dedupeNames([...drafts.values()], problems);
  return { taxonomy: new Taxonomy(withGroups(concepts)), problems };
}

function mergeSpec(base: ConceptSpec, over: ConceptSpec): ConceptSpec {
  const out: ConceptSpec = { ...base, where: over.where };
  if (over.aliases) out.aliases = [...(base.aliases ?? []), ...over.aliases.filter((a) => !(base.aliases ?? []).includes(a))];
  if (over.localAliases) out.localAliases = over.localAliases;
  if (over.parent !== undefined) out.parent = over.parent;
  if (over.kind) out.kind = over.kind;
  if (over.description !== undefined) out.description = over.description;
  if (over.mentions !== undefined) out.mentions = over.mentions;
  return out;
}

function resolveParents(drafts: Map<string, Draft>, claim: Map<string, string>, problems: TaxonomyProblem[]): void {
  for (const d of drafts.values()) {
    const ref = d.spec.parent?.trim();
    if (!ref) continue;
    const id = drafts.has(ref) ? ref : claim.get(keyOfName(ref));
    if (id && drafts.has(id)) d.parentId = id;
    else {
      const where = d.vaultSpec?.where;
      problems.push(problem('unknown-parent', `Unknown parent "${ref}" for "${d.spec.name}": no concept has that id, name or alias. "${d.spec.name}" is shown at the top level.`, where?.parent ?? where?.entry));
    }
  }
}

/** Finds parent chains that loop and cuts each loop at a vault-written link, reporting it there. */
function breakCycles(drafts: Map<string, Draft>, problems: TaxonomyProblem[]): void {
  const state = new Map<string, 'visiting' | 'done'>();
  for (const start of drafts.keys()) {
    const path: string[] = [];
    let id: string | undefined = start;
    while (id && !state.has(id)) {
      state.set(id, 'visiting');
      path.push(id);
      id = drafts.get(id)!.parentId;
    }
    if (id && state.get(id) === 'visiting') {
      const loop = path.slice(path.indexOf(id));
      const cut = loop.map((x) => drafts.get(x)!).find((d) => d.vaultSpec?.where) ?? drafts.get(loop[loop.length - 1])!;
      const names = [...loop, loop[0]].map((x) => drafts.get(x)!.spec.name).join(' → ');
      const where = cut.vaultSpec?.where;
      problems.push(problem('cycle', `Parent cycle: ${names}. The parent of "${cut.spec.name}" is ignored.`, where?.parent ?? where?.entry));
      cut.parentId = undefined;
    }
    for (const x of path) state.set(x, 'done');
  }
}

/** Every name and alias must name one concept; a later claim loses its alias and is reported. */
function dedupeNames(drafts: Draft[], problems: TaxonomyProblem[]): TaxonomyConcept[] {
  const owner = new Map<string, Draft>();
  const localOwner = new Map<string, Draft>(); // parent + key → sibling
  const out: TaxonomyConcept[] = [];
  // Built-in concepts claim first, so a vault alias never steals a built-in name silently.
  const ordered = [...drafts.filter((d) => d.origin === 'builtin'), ...drafts.filter((d) => d.origin === 'vault')];
  for (const d of ordered) {
    const where = d.vaultSpec?.where;
    const rangeIn = (written: string[] | undefined, ranges: Range[] | undefined) => (name: string) => {
      const i = (written ?? []).indexOf(name);
      return (i >= 0 ? ranges?.[i] : undefined) ?? where?.entry;
    };
    const keep = (list: string[] | undefined, rangeOf: (name: string) => Range | undefined, table: Map<string, Draft>, prefix: string, what: string) =>
      (list ?? []).filter((name) => {
        const keys = keysOfName(name).map((k) => prefix + k);
        const taken = keys.map((k) => table.get(k)).find((o) => o && o !== d);
        if (taken) {
          problems.push(problem('duplicate-alias', `${what} "${name}" of "${d.spec.name}" already names "${taken.spec.name}"; it is ignored here.`, rangeOf(name)));
          return false;
        }
        for (const k of keys) table.set(k, d);
        return true;
      });
    const [name] = keep([d.spec.name], () => where?.name ?? where?.entry, owner, '', 'Name');
    if (name === undefined) continue; // its name belongs to another concept: nothing left to show
    const aliases = keep(d.spec.aliases, rangeIn(d.vaultSpec?.aliases, where?.aliases), owner, '', 'Alias');
    const localAliases = keep(d.spec.localAliases, rangeIn(d.vaultSpec?.localAliases, where?.localAliases), localOwner, `${d.parentId ?? ''}\0`, 'Local alias');
    out.push({
      id: d.spec.id,
      name,
      aliases,
      localAliases,
      parent: d.parentId,
      kind: d.spec.kind ?? 'concept',
      description: d.spec.description ?? '',
      mentionable: d.spec.mentions !== false,
      origin: d.origin,
    });
  }
  // A concept dropped above may have had children: they move to the top level.
  const kept = new Set(out.map((c) => c.id));
  return out.map((c) => (c.parent && !kept.has(c.parent) ? { ...c, parent: undefined } : c));
}

const GROUP_KINDS: ReadonlySet<ConceptKind> = new Set(['challenge', 'principle']);

function withGroups(concepts: TaxonomyConcept[]): TaxonomyConcept[] {
  const byId = new Map(concepts.map((c) => [c.id, c]));
  return concepts.map((c) => {
    for (let x: TaxonomyConcept | undefined = c; x; x = x.parent ? byId.get(x.parent) : undefined) {
      if (GROUP_KINDS.has(x.kind)) return { ...c, group: x.id };
    }
    return c;
  });
}

function problem(code: TaxonomyProblem['code'], message: string, range: Range | undefined, severity: TaxonomyProblem['severity'] = 'error'): TaxonomyProblem {
  return { code, severity, message, range: range ?? NOWHERE };
}
