import { keysOfName } from './conceptKey';
import type { TaxonomyConcept } from './conceptSpec';

/**
 * The merged taxonomy (built-in plus the vault's file), read-only, with the
 * lookups extraction needs: by id, by any name or alias key, by the local
 * names a parent gives its children, and the children of each concept.
 */
export class Taxonomy {
  private readonly byId = new Map<string, TaxonomyConcept>();
  private readonly byKey = new Map<string, string>();
  private readonly mentionKeys = new Map<string, string>();
  /** Leading words of multi-word mention keys ("element", "cross modal"): lets a scan stop early. */
  private readonly mentionPrefixes = new Set<string>();
  private readonly localByParent = new Map<string, Map<string, string>>();
  private readonly childIds = new Map<string, string[]>();
  /** Longest key in words: how far a text scan must look ahead. */
  readonly maxWords: number;

  /** `concepts` must already be valid: unique keys, known parents, no cycles (buildTaxonomy checks). */
  constructor(concepts: readonly TaxonomyConcept[]) {
    let maxWords = 1;
    for (const c of concepts) this.byId.set(c.id, c);
    for (const c of concepts) {
      if (c.parent) push(this.childIds, c.parent, c.id);
      for (const name of [c.name, ...c.aliases]) {
        for (const key of keysOfName(name)) {
          if (!this.byKey.has(key)) this.byKey.set(key, c.id);
          if (c.mentionable && !this.mentionKeys.has(key)) {
            this.mentionKeys.set(key, c.id);
            const words = key.split(' ');
            for (let n = 1; n < words.length; n++) this.mentionPrefixes.add(words.slice(0, n).join(' '));
          }
          maxWords = Math.max(maxWords, key.split(' ').length);
        }
      }
      if (c.parent) {
        let local = this.localByParent.get(c.parent);
        if (!local) this.localByParent.set(c.parent, (local = new Map()));
        for (const name of c.localAliases) for (const key of keysOfName(name)) if (!local.has(key)) local.set(key, c.id);
      }
    }
    this.maxWords = maxWords;
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): TaxonomyConcept | undefined {
    return this.byId.get(id);
  }

  all(): IterableIterator<TaxonomyConcept> {
    return this.byId.values();
  }

  children(id: string): readonly string[] {
    return this.childIds.get(id) ?? [];
  }

  roots(): TaxonomyConcept[] {
    return [...this.byId.values()].filter((c) => !c.parent);
  }

  /** Parent, grandparent, … of a concept (nearest first). */
  ancestors(id: string): string[] {
    const out: string[] = [];
    for (let p = this.byId.get(id)?.parent; p && !out.includes(p); p = this.byId.get(p)?.parent) out.push(p);
    return out;
  }

  /**
   * The concept a key names. `context` lists enclosing concepts (innermost
   * first): their children's local names win, so "Learning" under
   * Quantification is its sub-challenge.
   */
  lookupKey(key: string, context: readonly string[] = []): string | undefined {
    for (const c of context) {
      const local = this.localByParent.get(c)?.get(key);
      if (local) return local;
    }
    return this.byKey.get(key);
  }

  /** The concept a written name or alias names, if any. */
  lookup(name: string, context: readonly string[] = []): string | undefined {
    for (const key of keysOfName(name)) {
      const id = this.lookupKey(key, context);
      if (id) return id;
    }
    return undefined;
  }

  /** True when some mentionable name starts with these (unstemmed, space-joined) words. */
  isMentionPrefix(words: string): boolean {
    return this.mentionPrefixes.has(words);
  }

  /** The concept running text mentions with this key (only concepts whose names are not everyday words). */
  mentionedBy(key: string): string | undefined {
    return this.mentionKeys.get(key);
  }

  /** Every key running text can mention a concept by (see mentionedBy). */
  mentionKeyList(): IterableIterator<string> {
    return this.mentionKeys.keys();
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
