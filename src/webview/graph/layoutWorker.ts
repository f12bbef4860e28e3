/**
 * The body of the layout Worker: steps the force simulation in slices and
 * posts positions after each, so the UI thread only draws.
 */
import { ForceLayout } from './forceLayout';
import type { FromLayout, ToLayout } from './layoutMessages';

/** A slice long enough to amortise a post, short enough that new input is seen promptly. */
const SLICE_MS = 24;

interface WorkerScope {
  onmessage: ((e: MessageEvent<ToLayout>) => void) | null;
  postMessage(message: FromLayout, transfer: Transferable[]): void;
}

export function runLayoutWorker(scope: WorkerScope): void {
  let layout: ForceLayout | undefined;
  let gen = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const loop = () => {
    timer = undefined;
    if (!layout) return;
    const settled = layout.step(SLICE_MS);
    const positions = layout.positions();
    scope.postMessage({ type: 'positions', gen, positions, settled }, [positions.buffer]);
    if (!settled) timer = setTimeout(loop, 0);
  };
  const kick = () => {
    if (!timer) timer = setTimeout(loop, 0);
  };

  scope.onmessage = (e) => {
    const m = e.data;
    if (m.type === 'start') {
      gen = m.gen;
      layout = new ForceLayout(m);
      kick();
    } else if (m.type === 'pin' && m.gen === gen && layout) {
      layout.pin(m.index, m.x, m.y);
      layout.reheat();
      kick();
    } else if (m.type === 'stop') {
      layout = undefined;
    }
  };
}
