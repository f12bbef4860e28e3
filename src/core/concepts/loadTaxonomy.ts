import { buildTaxonomy, type TaxonomyBuild } from './buildTaxonomy';
import { parseConceptsFile } from './taxonomyFile';

/**
 * The taxonomy of a vault: the built-in one extended by the text of its
 * concepts file (undefined when the vault has none). Problems of the file
 * (YAML, shape, then merge: parents, cycles, aliases) come back together,
 * in file order, for one diagnostic list.
 */
export function loadTaxonomy(conceptsFileText: string | undefined): TaxonomyBuild {
  if (conceptsFileText === undefined) return buildTaxonomy();
  const parsed = parseConceptsFile(conceptsFileText);
  const built = buildTaxonomy(parsed);
  const problems = [...parsed.problems, ...built.problems].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  return { taxonomy: built.taxonomy, problems };
}
