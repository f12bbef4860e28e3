/**
 * What the vault index knew when the parse cache was saved, stored beside
 * the cache's stat records: every file, the alias keys of every note with
 * aliases, and per stat record the resolutions of that note's links and
 * the name keys they were looked up by. A warm start of an unchanged vault
 * gives these to VaultIndex.bulkLoad (`known` links, `saved` names) instead
 * of decoding 10,000 models and resolving 120,000 links again; the index
 * checks, by name key, that they still hold.
 *
 * Layout (32-bit words; strings joined in one string kept beside them):
 *
 *     0 layout version   1 string count N   2 file count F
 *     3 aliased note count A   4 resolution count Q   5 candidate count C
 *     6 record count R   7 resolution ids K1   8 key ids K2   9 alias key ids K3
 *     N string lengths (UTF-16 units)
 *     F file string ids
 *     A alias note path ids, A + 1 starts into the alias key ids, K3 alias key ids
 *     Q × 3 resolutions: kind, a, b (see RES_*)
 *     C candidate path ids
 *     R record flags (1: the note's links are known)
 *     R + 1 starts into the resolution ids, K1 resolution ids
 *     R + 1 starts into the key ids, K2 key string ids
 *
 * Everything is checked when decoded (counts, bounds, ids, kinds): a bad
 * snapshot is no snapshot, and the load resolves everything as before.
 */
import type { KnownLinks, SavedNames } from '../vault/vaultIndex';
import type { Resolution } from '../vault/resolveLink';

const LAYOUT = 1;
const HEAD = 10;
const RES_SELF = 0;
const RES_FILE = 1;
const RES_AMBIGUOUS = 2;
const RES_MISSING = 3;
const RES_OUTSIDE = 4;
const VIAS = ['path', 'name', 'alias'] as const;

/** What a save knows: the index's names, and per stat record (in the order written) the note's links or undefined. */
export interface SnapshotInput {
  files: Iterable<string>;
  aliasKeys: Iterable<[string, readonly string[]]>;
  records: readonly (KnownLinks | undefined)[];
}

/** Encodes a snapshot: words and the strings they index, joined. */
export function encodeSnapshot(input: SnapshotInput): { words: Int32Array; strings: string } {
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  const sid = (s: string) => {
    let id = stringIds.get(s);
    if (id === undefined) stringIds.set(s, (id = strings.push(s) - 1));
    return id;
  };
  const files: number[] = [];
  for (const f of input.files) files.push(sid(f));
  const aliasPaths: number[] = [];
  const aliasStarts: number[] = [0];
  const aliasIds: number[] = [];
  for (const [path, keys] of input.aliasKeys) {
    aliasPaths.push(sid(path));
    for (const k of keys) aliasIds.push(sid(k));
    aliasStarts.push(aliasIds.length);
  }
  // Resolutions, each stored once: most are objects shared between links already, the rest equal by content.
  const res: number[] = [];
  const candidates: number[] = [];
  const byObject = new Map<Resolution, number>();
  const byContent = new Map<string, number>();
  const rid = (r: Resolution): number => {
    let id = byObject.get(r);
    if (id !== undefined) return id;
    const content =
      r.kind === 'file' ? `f${r.via}\0${r.path}` : r.kind === 'ambiguous' ? `a${r.candidates.join('\0')}` : r.kind === 'self' ? 's' : `u${r.reason}`;
    id = byContent.get(content);
    if (id === undefined) {
      id = res.length / 3;
      byContent.set(content, id);
      if (r.kind === 'file') res.push(RES_FILE, sid(r.path), VIAS.indexOf(r.via));
      else if (r.kind === 'ambiguous') {
        res.push(RES_AMBIGUOUS, candidates.length, r.candidates.length);
        for (const c of r.candidates) candidates.push(sid(c));
      } else if (r.kind === 'self') res.push(RES_SELF, 0, 0);
      else res.push(r.reason === 'missing' ? RES_MISSING : RES_OUTSIDE, 0, 0);
    }
    byObject.set(r, id);
    return id;
  };
  const flags: number[] = [];
  const resStarts: number[] = [0];
  const resIds: number[] = [];
  const keyStarts: number[] = [0];
  const keyIds: number[] = [];
  for (const known of input.records) {
    flags.push(known ? 1 : 0);
    if (known) {
      for (const r of known.resolutions) resIds.push(rid(r));
      for (const k of known.keys) keyIds.push(sid(k));
    }
    resStarts.push(resIds.length);
    keyStarts.push(keyIds.length);
  }
  const head = [LAYOUT, strings.length, files.length, aliasPaths.length, res.length / 3, candidates.length, flags.length, resIds.length, keyIds.length, aliasIds.length];
  const parts = [head, strings.map((s) => s.length), files, aliasPaths, aliasStarts, aliasIds, res, candidates, flags, resStarts, resIds, keyStarts, keyIds];
  const words = new Int32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    words.set(p, at);
    at += p.length;
  }
  return { words, strings: strings.join('') };
}

/** A decoded snapshot: the names it was saved with, and per stat record what it knew of the note's links. */
export class IndexSnapshot {
  private readonly resolutions: (Resolution | undefined)[];
  private namesMemo: SavedNames | undefined;

  private constructor(
    private readonly strings: string[],
    private readonly words: Int32Array,
    private readonly at: Record<'files' | 'aliasPaths' | 'aliasStarts' | 'aliasIds' | 'res' | 'candidates' | 'flags' | 'resStarts' | 'resIds' | 'keyStarts' | 'keyIds', number>,
    private readonly counts: { files: number; aliased: number; records: number },
  ) {
    this.resolutions = new Array(words[4]);
  }

  /** Checks and decodes a snapshot for `recordCount` stat records; undefined when anything does not add up. */
  static decode(words: Int32Array, joined: string, recordCount: number): IndexSnapshot | undefined {
    if (words.length < HEAD || words[0] !== LAYOUT) return undefined;
    const [n, f, a, q, c, r, k1, k2, k3] = Array.from(words.subarray(1, HEAD));
    if ([n, f, a, q, c, r, k1, k2, k3].some((x) => x < 0) || r !== recordCount) return undefined;
    const sizes = { lengths: n, files: f, aliasPaths: a, aliasStarts: a + 1, aliasIds: k3, res: 3 * q, candidates: c, flags: r, resStarts: r + 1, resIds: k1, keyStarts: r + 1, keyIds: k2 };
    const at = {} as Record<keyof typeof sizes, number>;
    let p = HEAD;
    for (const [name, size] of Object.entries(sizes) as [keyof typeof sizes, number][]) {
      at[name] = p;
      p += size;
    }
    if (p !== words.length) return undefined;
    const strings: string[] = new Array(n);
    let s = 0;
    for (let i = 0; i < n; i++) {
      const len = words[at.lengths + i];
      if (len < 0 || s + len > joined.length) return undefined;
      strings[i] = joined.slice(s, (s += len));
    }
    if (s !== joined.length) return undefined;
    const ids = (from: number, count: number, limit: number) => {
      for (let i = from; i < from + count; i++) if (words[i] < 0 || words[i] >= limit) return false;
      return true;
    };
    const starts = (from: number, count: number, end: number) => {
      if (words[from] !== 0 || words[from + count] !== end) return false;
      for (let i = from; i < from + count; i++) if (words[i] > words[i + 1]) return false;
      return true;
    };
    if (!ids(at.files, f, n) || !ids(at.aliasPaths, a, n) || !ids(at.aliasIds, k3, n) || !ids(at.candidates, c, n)) return undefined;
    if (!ids(at.resIds, k1, q) || !ids(at.keyIds, k2, n) || !ids(at.flags, r, 2)) return undefined;
    if (!starts(at.aliasStarts, a, k3) || !starts(at.resStarts, r, k1) || !starts(at.keyStarts, r, k2)) return undefined;
    for (let i = 0; i < q; i++) {
      const [kind, x, y] = [words[at.res + 3 * i], words[at.res + 3 * i + 1], words[at.res + 3 * i + 2]];
      const ok =
        kind === RES_FILE ? x >= 0 && x < n && y >= 0 && y < VIAS.length
        : kind === RES_AMBIGUOUS ? x >= 0 && y >= 2 && x + y <= c
        : kind === RES_SELF || kind === RES_MISSING || kind === RES_OUTSIDE;
      if (!ok) return undefined;
    }
    return new IndexSnapshot(strings, words, at, { files: f, aliased: a, records: r });
  }

  /** The names the saved index resolved against. */
  names(): SavedNames {
    if (!this.namesMemo) {
      const { words, strings, at } = this;
      const files: string[] = new Array(this.counts.files);
      for (let i = 0; i < files.length; i++) files[i] = strings[words[at.files + i]];
      const aliasKeys = new Map<string, readonly string[]>();
      for (let i = 0; i < this.counts.aliased; i++) aliasKeys.set(strings[words[at.aliasPaths + i]], this.idList(at.aliasIds, words[at.aliasStarts + i], words[at.aliasStarts + i + 1]));
      this.namesMemo = { files, aliasKeys };
    }
    return this.namesMemo;
  }

  /** The alias keys the note at `path` had. */
  aliasKeysOf(path: string): readonly string[] {
    return this.names().aliasKeys.get(path) ?? [];
  }

  /** What the saved index knew of the links of the note of stat record `r`, if anything. */
  known(r: number): KnownLinks | undefined {
    const { words, at } = this;
    if (r < 0 || r >= this.counts.records || words[at.flags + r] !== 1) return undefined;
    const from = words[at.resStarts + r];
    const to = words[at.resStarts + r + 1];
    const resolutions: Resolution[] = new Array(to - from);
    for (let i = from; i < to; i++) resolutions[i - from] = this.resolution(words[at.resIds + i]);
    return { resolutions, keys: this.idList(at.keyIds, words[at.keyStarts + r], words[at.keyStarts + r + 1]) };
  }

  private idList(base: number, from: number, to: number): string[] {
    const out: string[] = new Array(to - from);
    for (let i = from; i < to; i++) out[i - from] = this.strings[this.words[base + i]];
    return out;
  }

  /** Resolution `q`, built once and shared by every link that has it (nothing mutates resolutions). */
  private resolution(q: number): Resolution {
    let r = this.resolutions[q];
    if (r) return r;
    const { words, at, strings } = this;
    const [kind, x, y] = [words[at.res + 3 * q], words[at.res + 3 * q + 1], words[at.res + 3 * q + 2]];
    if (kind === RES_FILE) r = { kind: 'file', path: strings[x], via: VIAS[y] };
    else if (kind === RES_AMBIGUOUS) r = { kind: 'ambiguous', candidates: this.idList(at.candidates, x, x + y) };
    else if (kind === RES_SELF) r = { kind: 'self' };
    else r = { kind: 'unresolved', reason: kind === RES_MISSING ? 'missing' : 'outside-vault' };
    return (this.resolutions[q] = r);
  }
}
