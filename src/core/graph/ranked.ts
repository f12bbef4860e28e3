/**
 * Values by note path with the best one kept at hand. A concept that 5,000
 * notes mention must not be rescanned each time one of them changes: the
 * best entry is only searched again when it got worse or went away.
 */
export class Ranked<T> {
  readonly entries = new Map<string, T>();
  private bestPath: string | undefined;
  /** The best may no longer be the best: search again on the next read. */
  private stale = false;
  /** The best's value when it was removed: re-added at least as good, it is still the best. */
  private removed: T | undefined;
  /** Another entry changed while stale: only a search can tell. */
  private othersChanged = false;

  /** `better(pa, a, pb, b)`: is entry a (of path pa) strictly better than b? */
  constructor(private readonly better: (pa: string, a: T, pb: string, b: T) => boolean) {}

  get size(): number {
    return this.entries.size;
  }

  set(path: string, value: T): void {
    const old = this.entries.get(path);
    this.entries.set(path, value);
    if (path === this.bestPath) {
      const before = this.stale ? this.removed : old;
      const stillBest = before !== undefined && !this.better(path, before, path, value) && !this.othersChanged;
      this.stale = !stillBest;
      if (stillBest) this.removed = undefined;
    } else if (this.stale) {
      this.othersChanged = true;
    } else if (this.bestPath === undefined || this.better(path, value, this.bestPath, this.entries.get(this.bestPath)!)) {
      this.bestPath = path;
    }
  }

  delete(path: string): void {
    if (!this.entries.has(path)) return;
    const value = this.entries.get(path)!;
    this.entries.delete(path);
    if (path === this.bestPath && !this.stale) {
      this.stale = true;
      this.removed = value;
      this.othersChanged = false;
    } else if (this.stale) this.othersChanged = true;
  }

  /** The best entry (searching only when needed). */
  best(): [string, T] | undefined {
    if (this.stale || (this.bestPath !== undefined && !this.entries.has(this.bestPath))) {
      this.bestPath = undefined;
      for (const [p, v] of this.entries) if (this.bestPath === undefined || this.better(p, v, this.bestPath, this.entries.get(this.bestPath)!)) this.bestPath = p;
      [this.stale, this.removed, this.othersChanged] = [false, undefined, false];
    }
    return this.bestPath === undefined ? undefined : [this.bestPath, this.entries.get(this.bestPath)!];
  }
}
