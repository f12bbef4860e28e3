import type { Range } from '../text/range';

/**
 * What a concept's kind is for: `challenge` and `principle` concepts are the
 * colour groups of the graph (every concept takes the colour of its nearest
 * such ancestor); the others only label the tree.
 */
export type ConceptKind = 'field' | 'challenge' | 'sub-challenge' | 'principle' | 'property' | 'concept';

export const CONCEPT_KINDS: readonly ConceptKind[] = ['field', 'challenge', 'sub-challenge', 'principle', 'property', 'concept'];

/** One concept as written in a taxonomy file (the built-in JSON or a vault's YAML). */
export interface ConceptSpec {
  /** Stable id; derived from the name when a vault file leaves it out. */
  id: string;
  name: string;
  aliases?: string[];
  /**
   * Names that mean this concept only under its parent: "Learning" in a
   * list under Quantification is the multimodal learning process, anywhere
   * else it is just a word.
   */
  localAliases?: string[];
  /** Id, name or alias of the parent concept. */
  parent?: string;
  kind?: ConceptKind;
  description?: string;
  /** false: running text never counts as a mention (for everyday words like "noise"). */
  mentions?: boolean;
  /** Where the spec was written, for diagnostics on a vault file. */
  where?: SpecLocation;
}

export interface SpecLocation {
  entry: Range;
  name?: Range;
  parent?: Range;
  /** Parallel to aliases. */
  aliases?: Range[];
  localAliases?: Range[];
}

/** A problem in a taxonomy file, to be shown as a diagnostic on that file. */
export interface TaxonomyProblem {
  code: 'yaml' | 'shape' | 'unknown-parent' | 'cycle' | 'duplicate-alias' | 'duplicate-concept' | 'unknown-field';
  severity: 'error' | 'warning';
  message: string;
  range: Range;
}

/** A concept of the merged taxonomy, with its parent resolved to an id. */
export interface TaxonomyConcept {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly localAliases: readonly string[];
  readonly parent?: string;
  readonly kind: ConceptKind;
  readonly description: string;
  readonly mentionable: boolean;
  /** Id of the nearest challenge/principle ancestor-or-self: the colour group. */
  readonly group?: string;
  readonly origin: 'builtin' | 'vault';
}
