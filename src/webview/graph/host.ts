import type { GraphViewState, GraphViewToHost } from '../../protocol/graph';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export const DEFAULT_VIEW_STATE: GraphViewState = {
  search: '',
  hiddenNodeTypes: ['tag', 'attachment'],
  hiddenEdgeTypes: [],
  folder: '',
  tag: '',
  group: '',
  colourBy: 'group',
  local: false,
  depth: 2,
};

/** The webview's side of the extension: typed messages and remembered view state. */
export class Host {
  private readonly api: VsCodeApi | undefined;

  constructor() {
    // Outside VS Code (the browser benchmark) there is no host: messages go nowhere.
    this.api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  }

  post(message: GraphViewToHost): void {
    this.api?.postMessage(message);
  }

  /** The state VS Code kept for this panel, over the defaults (so new fields get theirs). */
  loadState(): GraphViewState {
    const saved = this.api?.getState();
    return { ...DEFAULT_VIEW_STATE, ...(saved && typeof saved === 'object' ? (saved as Partial<GraphViewState>) : {}) };
  }

  saveState(state: GraphViewState): void {
    this.api?.setState(state);
  }
}
