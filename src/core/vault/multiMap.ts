/** Adds `value` to the set under `key`, creating the set on first use. */
export function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

/** Removes `value` from the set under `key`, dropping the set when it empties (so maps do not grow with churn). */
export function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

/**
 * One key's values: a lone string (by far the most common case for names,
 * and free: the string is shared with whoever holds it), an array (a few
 * values, or a bulk-built list of any length), or a Set (a large list that
 * changed incrementally, where an array's O(n) add and delete would add up).
 */
type Bucket = string | string[] | Set<string>;

/** Above this length an incrementally changed array becomes a Set. */
const SMALL = 16;

/**
 * key → set of strings (paths), with set semantics, built for the vault's
 * reverse indexes: at 10,000 notes they hold ~240,000 pairs under ~30,000
 * keys, and a Set per key was most of the index's build time and memory
 * (a V8 Set of 10 strings is ~350 bytes, an array ~100, a lone string 0).
 * Values of one key iterate in insertion order, as a Set's would.
 */
export class StringMultiMap {
  private readonly map = new Map<string, Bucket>();

  /** Number of keys with at least one value. */
  get size(): number {
    return this.map.size;
  }

  keys(): IterableIterator<string> {
    return this.map.keys();
  }

  has(key: string, value: string): boolean {
    const b = this.map.get(key);
    if (b === undefined) return false;
    if (typeof b === 'string') return b === value;
    return Array.isArray(b) ? b.includes(value) : b.has(value);
  }

  /** Number of values under `key`. */
  count(key: string): number {
    const b = this.map.get(key);
    if (b === undefined) return 0;
    if (typeof b === 'string') return 1;
    return Array.isArray(b) ? b.length : b.size;
  }

  /**
   * The values under `key`, live: do not keep the result across changes,
   * and copy it (`list`) to change the map while iterating.
   */
  values(key: string): Iterable<string> {
    const b = this.map.get(key);
    if (b === undefined) return EMPTY;
    return typeof b === 'string' ? [b] : b;
  }

  /** The values under `key`, as a fresh array the caller owns. */
  list(key: string): string[] {
    const b = this.map.get(key);
    if (b === undefined) return [];
    if (typeof b === 'string') return [b];
    return Array.isArray(b) ? b.slice() : [...b];
  }

  add(key: string, value: string): void {
    const b = this.map.get(key);
    if (b === undefined) this.map.set(key, value);
    else if (typeof b === 'string') {
      if (b !== value) this.map.set(key, [b, value]);
    } else if (Array.isArray(b)) {
      if (b.length < SMALL) {
        if (!b.includes(value)) b.push(value);
      } else if (!b.includes(value)) {
        const set = new Set(b);
        set.add(value);
        this.map.set(key, set);
      }
    } else b.add(value);
  }

  /**
   * Puts a bulk-built list of distinct values under `key`: as the bucket
   * itself (the caller gives the array up) when the key has none, which
   * the caller may vouch for with `absent` (saving a hash lookup), else
   * value by value.
   */
  putAll(key: string, values: string[], absent = false): void {
    if (values.length === 0) return;
    if (absent || !this.map.has(key)) this.map.set(key, values.length === 1 ? values[0] : values);
    else for (const v of values) this.add(key, v);
  }

  delete(key: string, value: string): void {
    const b = this.map.get(key);
    if (b === undefined) return;
    if (typeof b === 'string') {
      if (b === value) this.map.delete(key);
    } else if (Array.isArray(b)) {
      if (b.length > 4 * SMALL) {
        // A long bulk-built list: deleting from it again and again (a folder of its sources deleted) would be quadratic.
        const set = new Set(b);
        if (set.delete(value)) this.map.set(key, set);
        return;
      }
      const i = b.indexOf(value);
      if (i === -1) return;
      if (b.length === 2) this.map.set(key, b[1 - i]);
      else b.splice(i, 1);
    } else {
      b.delete(value);
      if (b.size === 0) this.map.delete(key);
    }
  }

  clear(): void {
    this.map.clear();
  }
}

const EMPTY: readonly string[] = Object.freeze([]);
