import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

/**
 * The review panel's page: nothing but a root element, the bundled script
 * and its stylesheet. The CSP allows only those two (by nonce and by the
 * webview's own origin) and images from the allowed roots; no inline
 * handlers, no eval, no remote loads. Card text is added by the script with
 * textContent, never as HTML.
 */
export function reviewHtml(webview: vscode.Webview, script: vscode.Uri, style: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${webview.asWebviewUri(style).toString()}">
<title>Review Flashcards</title>
</head>
<body>
<main id="app" aria-live="polite">Loading cards…</main>
<script nonce="${nonce}" src="${webview.asWebviewUri(script).toString()}"></script>
</body>
</html>`;
}
