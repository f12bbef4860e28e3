import { DiagnosticSeverity, MessageType, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import type { CardsHealth } from '../../protocol/cards';

/**
 * Tells the user what is wrong with the review log, where they will look:
 * diagnostics on `.mmnotes/reviews.jsonl` (the Problems panel, one per
 * corrupt line, refusal or orphaned history, each at its line) and, for
 * what stops or degrades reviewing (a newer format, corrupt lines), one
 * window message per distinct problem, not one per keystroke.
 */
export class LogReporter {
  private lastKey = '';
  private readonly shown = new Set<string>();

  constructor(private readonly connection: Connection) {}

  report(health: CardsHealth, logText: string | undefined): void {
    const key = JSON.stringify(health);
    if (key === this.lastKey) return;
    this.lastKey = key;
    void this.connection.sendDiagnostics({ uri: health.logUri, diagnostics: healthDiagnostics(health, logText) });
    if (health.refused) this.once(`refused:${health.refused}`, MessageType.Error, `mmnotes: ${health.refused}`);
    else if (health.problemCount) {
      const first = health.problems[0];
      const lines = health.problemCount === 1 ? `line ${first.line} is corrupt (${first.message}) and was` : `${health.problemCount} lines are corrupt (first: line ${first.line}, ${first.message}) and were`;
      this.once(`problems:${health.problemCount}:${first.line}`, MessageType.Warning, `mmnotes: in .mmnotes/reviews.jsonl, ${lines} skipped. The file was not changed; see the Problems panel.`);
    }
  }

  private once(key: string, type: MessageType, message: string): void {
    if (this.shown.has(key)) return;
    this.shown.add(key);
    void this.connection.sendNotification('window/showMessage', { type, message });
  }
}

/** The health of the log as diagnostics on the log file. */
export function healthDiagnostics(health: CardsHealth, logText: string | undefined): Diagnostic[] {
  const lines = (logText ?? '').split('\n');
  const at = (line: number): Diagnostic['range'] => {
    const i = Math.max(0, Math.min(line, lines.length - 1));
    return { start: { line: i, character: 0 }, end: { line: i, character: (lines[i] ?? '').length } };
  };
  const out: Diagnostic[] = [];
  const diag = (line: number, severity: DiagnosticSeverity, code: string, message: string) => out.push({ range: at(line), severity, source: 'mmnotes', code, message });
  if (health.refused) {
    const m = /line (\d+)/.exec(health.refused);
    diag(m ? Number(m[1]) - 1 : 0, DiagnosticSeverity.Error, 'reviews-newer-format', health.refused);
    return out;
  }
  for (const p of health.problems) {
    diag(p.line - 1, DiagnosticSeverity.Warning, 'reviews-corrupt-line', `${p.message}: this line is skipped (it is kept in the file; fix or delete it)`);
  }
  if (health.tornLastLine) {
    diag(lines.length - 1, DiagnosticSeverity.Information, 'reviews-torn-line', 'the last line was cut short (a crash while writing?) and is skipped; the next rating starts a new line');
  }
  if (health.orphans.length) {
    const lastLine = lastLineOfCards(lines);
    for (const o of health.orphans) {
      const what = o.term ? `"${o.term}"` : o.id;
      const where = o.path ? ` (${o.path})` : '';
      diag(lastLine.get(o.id) ?? 0, DiagnosticSeverity.Information, 'reviews-orphan', `review history of card ${what}${where} matches no card now: it is kept, and continues if the card comes back`);
    }
  }
  return out;
}

/** The last line naming each card id (as the card of a review or the target of a relink). */
function lastLineOfCards(lines: string[]): Map<string, number> {
  const out = new Map<string, number>();
  const re = /"(?:card|to)":"([^"\\]+)"/g;
  lines.forEach((line, i) => {
    for (const m of line.matchAll(re)) out.set(m[1], i);
  });
  return out;
}
