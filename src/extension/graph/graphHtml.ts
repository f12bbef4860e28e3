/**
 * The graph webview's page: a root element, the bundle, and the styles, under
 * a strict CSP. Scripts run only with the nonce or from the extension's
 * media/dist (the layout Worker is a blob that importScripts the bundle,
 * hence worker-src blob:); nothing else loads. Pure, so the browser
 * benchmark serves the very same page.
 */
export function graphHtml(opts: { cspSource: string; nonce: string; scriptUri: string }): string {
  const { cspSource, nonce, scriptUri } = opts;
  const csp = [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}' ${cspSource}`,
    'worker-src blob:',
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Concept Graph</title>
<style nonce="${nonce}">${GRAPH_CSS}</style>
</head>
<body>
<div id="graph-root"></div>
<script nonce="${nonce}" src="${scriptUri}"></script>
</body>
</html>`;
}

/** A nonce for one page load. */
export function makeNonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars[Math.floor(Math.random() * chars.length)];
  return s;
}

const GRAPH_CSS = `
html, body { margin: 0; padding: 0; height: 100%; overflow: hidden; }
[hidden] { display: none !important; } /* else a rule's display (the legend's flex) shows what is hidden */
body { background: var(--vscode-editor-background, #1e1e1e); color: var(--vscode-foreground, #ccc); font-family: var(--vscode-font-family, sans-serif); font-size: var(--vscode-font-size, 13px); }
#graph-root { position: absolute; inset: 0; display: flex; flex-direction: column; }
.toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; padding: 6px 8px; border-bottom: 1px solid var(--vscode-panel-border, #444); position: relative; z-index: 2; }
.search-box { position: relative; }
.search { width: 260px; padding: 3px 6px; background: var(--vscode-input-background, #3c3c3c); color: var(--vscode-input-foreground, #ccc); border: 1px solid var(--vscode-input-border, transparent); }
.search:focus, canvas:focus, select:focus, button:focus, input:focus { outline: 1px solid var(--vscode-focusBorder, #007fd4); }
.results { position: absolute; top: 100%; left: 0; width: 340px; max-height: 360px; overflow-y: auto; margin: 2px 0 0; padding: 0; list-style: none; background: var(--vscode-editorWidget-background, #252526); border: 1px solid var(--vscode-editorWidget-border, #454545); z-index: 5; }
.result { padding: 3px 8px; cursor: pointer; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.result[aria-selected="true"], .result:hover { background: var(--vscode-list-activeSelectionBackground, #094771); color: var(--vscode-list-activeSelectionForeground, #fff); }
.badge { display: inline-block; min-width: 14px; text-align: center; font-size: 10px; border-radius: 3px; padding: 0 2px; background: var(--vscode-badge-background, #4d4d4d); color: var(--vscode-badge-foreground, #fff); }
.inline { display: inline-flex; align-items: center; gap: 2px; margin-right: 8px; }
.depth { width: 3em; }
select, button, .depth { background: var(--vscode-dropdown-background, #3c3c3c); color: var(--vscode-dropdown-foreground, #ccc); border: 1px solid var(--vscode-dropdown-border, #3c3c3c); padding: 2px 4px; }
button { cursor: pointer; background: var(--vscode-button-secondaryBackground, #3a3d41); color: var(--vscode-button-secondaryForeground, #ccc); }
.filters { position: relative; }
.filters summary { cursor: pointer; }
.filter-body { position: absolute; top: 100%; left: 0; z-index: 5; padding: 8px; min-width: 280px; background: var(--vscode-editorWidget-background, #252526); border: 1px solid var(--vscode-editorWidget-border, #454545); }
.filter-body fieldset { border: 1px solid var(--vscode-panel-border, #444); margin: 0 0 6px; }
.row { display: flex; justify-content: space-between; gap: 8px; margin: 4px 0; }
.row select { max-width: 200px; }
.legend { display: flex; align-items: center; gap: 3px; font-size: 11px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; }
.swatch-label { margin-right: 6px; opacity: 0.85; white-space: nowrap; }
.status { margin-left: auto; opacity: 0.75; font-size: 12px; }
.notice { padding: 4px 8px; background: var(--vscode-inputValidation-infoBackground, #063b49); border-bottom: 1px solid var(--vscode-inputValidation-infoBorder, #007acc); }
canvas { flex: 1; min-height: 0; width: 100%; display: block; }
.tooltip { position: fixed; z-index: 10; max-width: 380px; padding: 6px 8px; pointer-events: none; background: var(--vscode-editorHoverWidget-background, #252526); color: var(--vscode-editorHoverWidget-foreground, #ccc); border: 1px solid var(--vscode-editorHoverWidget-border, #454545); unicode-bidi: plaintext; }
.tt-title { font-weight: 600; }
.tt-kind, .tt-where, .tt-counts, .tt-aliases, .tt-tags { opacity: 0.8; font-size: 12px; }
.tt-text { margin: 4px 0; }
`;
