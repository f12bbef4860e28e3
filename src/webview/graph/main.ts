/**
 * Entry of the graph webview bundle (media/dist/graph.js). The same file is
 * the layout Worker's code: started as a worker it only lays out, so the
 * panel needs one bundle and one CSP source.
 */
import type { HostToGraphView } from '../../protocol/graph';
import { GraphApp } from './graphApp';
import { Host } from './host';
import { runLayoutWorker } from './layoutWorker';

const inWorker = typeof document === 'undefined' && typeof (globalThis as { importScripts?: unknown }).importScripts === 'function';

if (inWorker) {
  runLayoutWorker(globalThis as unknown as Parameters<typeof runLayoutWorker>[0]);
} else {
  // Read while the script runs: document.currentScript is null afterwards.
  const scriptUrl = (document.currentScript as HTMLScriptElement | null)?.src;
  const start = () => {
    const host = new Host();
    const root = document.getElementById('graph-root') ?? document.body;
    const app = new GraphApp(root, host, scriptUrl);
    window.addEventListener('message', (e: MessageEvent<HostToGraphView>) => {
      if (e.data && typeof e.data === 'object' && 'type' in e.data) app.receive(e.data);
    });
    host.post({ type: 'ready' });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}
