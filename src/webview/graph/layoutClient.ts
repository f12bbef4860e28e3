import { ForceLayout, type LayoutStart } from './forceLayout';
import type { FromLayout, ToLayout } from './layoutMessages';

/** If a Worker says nothing for this long after a start, it is assumed broken. */
const WATCHDOG_MS = 4000;

/**
 * Runs the layout off the UI thread: in a Worker started from this same
 * bundle (a blob that importScripts it, since a webview's resources live on
 * another origin than the webview and `new Worker(url)` would be refused).
 * When no Worker can be made, the layout runs in short slices between
 * frames instead: slower to settle, never frozen.
 */
export class LayoutClient {
  private worker: Worker | undefined;
  private fallback: ForceLayout | undefined;
  private gen = 0;
  private last: LayoutStart | undefined;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private frame = 0;

  constructor(
    scriptUrl: string | undefined,
    private readonly onPositions: (positions: Float32Array, settled: boolean) => void,
    private readonly log: (message: string) => void = () => {},
  ) {
    if (!scriptUrl || typeof Worker === 'undefined') return;
    try {
      const blob = new Blob([`importScripts(${JSON.stringify(scriptUrl)});`], { type: 'text/javascript' });
      this.worker = new Worker(URL.createObjectURL(blob));
      this.worker.onmessage = (e: MessageEvent<FromLayout>) => {
        clearTimeout(this.watchdog);
        if (e.data.gen === this.gen) this.onPositions(e.data.positions, e.data.settled);
      };
      this.worker.onerror = (e) => this.useFallback(`layout worker failed (${e.message || 'error'})`);
    } catch (e) {
      this.useFallback(`no layout worker: ${(e as Error).message}`);
    }
  }

  get mode(): 'worker' | 'ui-thread' {
    return this.worker ? 'worker' : 'ui-thread';
  }

  /** Starts a new layout (the arrays are copied, so the caller keeps its own). */
  start(input: LayoutStart): void {
    this.gen++;
    this.last = input;
    if (this.worker) {
      const msg: ToLayout = { type: 'start', gen: this.gen, count: input.count, links: input.links.slice(), positions: input.positions.slice(), alpha: input.alpha };
      this.worker.postMessage(msg, [msg.links.buffer, msg.positions.buffer]);
      clearTimeout(this.watchdog);
      if (input.count > 0) this.watchdog = setTimeout(() => this.useFallback('layout worker did not answer'), WATCHDOG_MS);
    } else {
      this.fallback = new ForceLayout({ ...input, links: input.links.slice(), positions: input.positions.slice() });
      this.schedule();
    }
  }

  /** Holds node `index` at (x, y) while it is dragged; undefined lets it go. */
  pin(index: number, x?: number, y?: number): void {
    if (this.worker) this.worker.postMessage({ type: 'pin', gen: this.gen, index, x, y } satisfies ToLayout);
    else if (this.fallback) {
      this.fallback.pin(index, x, y);
      this.fallback.reheat();
      this.schedule();
    }
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.fallback = undefined;
    cancelAnimationFrame(this.frame);
  }

  private useFallback(why: string): void {
    if (!this.worker) return;
    this.log(`${why}; laying out on the UI thread`);
    this.worker.terminate();
    this.worker = undefined;
    clearTimeout(this.watchdog);
    if (this.last) this.start(this.last);
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (!this.fallback) return;
      // A few ms per frame: the panel stays responsive while a big graph settles.
      const settled = this.fallback.step(6);
      this.onPositions(this.fallback.positions(), settled);
      if (!settled) this.schedule();
    });
  }
}
