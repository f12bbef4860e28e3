import type { GraphViewState, GraphViewToHost } from '../../protocol/graph';
import { restoreViewState } from './viewState';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

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

  /** The state VS Code kept for this panel (after a reload), checked field by field over the defaults. */
  loadState(): GraphViewState {
    return restoreViewState(this.api?.getState());
  }

  saveState(state: GraphViewState): void {
    this.api?.setState(state);
  }
}
