import type { LayoutStart } from './forceLayout';

/** UI → layout worker. `gen` tells stale replies from current ones after a restart. */
export type ToLayout =
  | ({ type: 'start'; gen: number } & LayoutStart)
  | { type: 'pin'; gen: number; index: number; x?: number; y?: number }
  | { type: 'stop' };

/** Layout worker → UI. */
export interface FromLayout {
  type: 'positions';
  gen: number;
  positions: Float32Array;
  settled: boolean;
}
