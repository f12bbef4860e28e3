import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { NoteDiagnostic, Severity } from '../../core/features/types';
import type { ServerContext } from '../serverContext';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A core diagnostic as LSP sends it; an ambiguous link points at each candidate so the user can open them. */
export function toLspDiagnostic(ctx: ServerContext, d: NoteDiagnostic): Diagnostic {
  const out: Diagnostic = { range: d.range, severity: SEVERITY[d.severity], code: d.code, source: 'mmnotes', message: d.message };
  if (d.data) out.data = d.data;
  const candidates = d.data?.candidates;
  if (Array.isArray(candidates)) {
    const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    out.relatedInformation = candidates.map((c: string) => ({ location: { uri: ctx.uris.toUri(c), range: top }, message: c }));
  }
  return out;
}
