import type { Range } from '../text/range';

/**
 * Results of core features in LSP's shapes but with vault-relative paths
 * instead of URIs: the server maps paths to URIs, the CLI prints them.
 */
export interface Location {
  path: string;
  range: Range;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface VaultEdit {
  /** Text edits per note path. */
  changes: Map<string, TextEdit[]>;
  /** Files to create (with content) or rename, applied before the text edits. */
  fileOps?: ({ kind: 'create'; path: string; text: string } | { kind: 'rename'; from: string; to: string })[];
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export type DiagnosticCode =
  | 'broken-link'
  | 'missing-attachment'
  | 'missing-heading'
  | 'missing-block'
  | 'ambiguous-link'
  | 'link-outside-vault'
  | 'frontmatter-yaml'
  | 'frontmatter-shape'
  | 'parse-failed'
  | 'note-too-large'
  | 'note-binary';

export interface NoteDiagnostic {
  range: Range;
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  /** Facts a quick fix needs (the missing name, the candidates, …). */
  data?: Record<string, unknown>;
}

/** A cancellation check every long-running feature polls. */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

export const NEVER_CANCELLED: Cancellation = { isCancellationRequested: false };
