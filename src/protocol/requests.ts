/**
 * The one contract between the extension, the webviews and the server: every
 * custom LSP request and notification, typed. No imports of vscode, node or
 * the DOM, so every layer can use it.
 */

/** A request: its method name and, as phantom types, its params and result. */
export interface RequestDef<P, R> {
  readonly method: string;
  /** Never set: carries the types. */
  readonly _types?: [P, R];
}

export interface NotificationDef<P> {
  readonly method: string;
  readonly _types?: P;
}

const request = <P, R>(method: string): RequestDef<P, R> => ({ method });
const notification = <P>(method: string): NotificationDef<P> => ({ method });

export interface Span {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface IndexStatus {
  state: 'indexing' | 'ready';
  notes: number;
  files: number;
  /** Notes skipped for being binary, too large or unreadable. */
  skipped: number;
}

export interface BacklinkItem {
  uri: string;
  /** Vault-relative path of the linking note. */
  path: string;
  range: Span;
  /** The line holding the link, trimmed, for display. */
  lineText: string;
}

export interface NoteListItem {
  uri: string;
  path: string;
  name: string;
  aliases: string[];
}

/** Server → client whenever indexing starts or finishes. */
export const IndexStatusNotification = notification<IndexStatus>('mmnotes/indexStatus');

/** The current index state (for a client that starts listening late). */
export const IndexStatusRequest = request<Record<string, never>, IndexStatus>('mmnotes/indexStatus');

/** Links into the note at `uri`, for the Backlinks view. */
export const BacklinksRequest = request<{ uri: string }, BacklinkItem[]>('mmnotes/backlinks');

/** Every note with its aliases, for "Open Note…". */
export const ListNotesRequest = request<Record<string, never>, NoteListItem[]>('mmnotes/listNotes');

/** Server → client when the set of notes/attachments or their names changed. */
export const NamesChangedNotification = notification<Record<string, never>>('mmnotes/namesChanged');

export interface NameTableSnapshot {
  /** Absolute file-system path of the vault root. */
  root: string;
  /** Every note with its frontmatter aliases. */
  notes: { path: string; names: string[] }[];
  /** Every other file (images, audio, pdf, …). */
  attachments: string[];
}

/** The names the Markdown preview resolves against (it must render synchronously). */
export const NameTableRequest = request<Record<string, never>, NameTableSnapshot>('mmnotes/nameTable');
