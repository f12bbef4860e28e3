import type { Theme } from './renderer';

/** User-timing entries (what the browser benchmark reads), capped so a long session does not accumulate them. */
export function measure(name: string, start: number): void {
  if (performance.getEntriesByName(name).length > 500) performance.clearMeasures(name);
  performance.measure(name, { start, end: performance.now() });
}

/** The canvas colours and font, from VS Code's theme variables on the body. */
export function readTheme(): Theme {
  const css = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    background: v('--vscode-editor-background', '#1e1e1e'),
    foreground: v('--vscode-editor-foreground', '#cccccc'),
    accent: v('--vscode-textLink-foreground', '#3794ff'),
    font: `11px ${css.fontFamily || 'sans-serif'}`,
  };
}
