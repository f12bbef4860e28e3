/**
 * What the Markdown preview plugin needs from its host. The plugin is
 * synchronous (markdown-it renders synchronously), so every answer must come
 * from data the host already holds — for the extension, the name table and
 * note texts the language server keeps in sync.
 *
 * Paths are vault-relative ('/'-separated, no leading slash), as in core.
 */
export interface PreviewResolver {
  /**
   * Vault path of the note being previewed, read from markdown-it's `env`
   * (VS Code puts `currentDocument`, a Uri, there). '' when the document is
   * not in a vault: links then resolve as if from the vault root.
   */
  currentPath(env: unknown): string;

  /** Resolves the path part of `[[target]]` (no `#subpath`, no `|alias`) from a note. */
  resolveNote(target: string, fromPath: string): NoteResolution | undefined;

  /**
   * Resolves an attachment (`![[image.png]]`) from a note. `uri` must be
   * something the preview may load (a webview URI computed by the host from
   * `env`); the plugin never builds a file URL itself.
   */
  resolveAttachment(target: string, fromPath: string, env: unknown): AttachmentResolution | undefined;

  /** Current text of a note, for transclusion; undefined when unknown. */
  noteText(path: string): string | undefined;
}

/** A note found, or several that the name matches equally well (never guessed). */
export type NoteResolution = { path: string } | { ambiguous: string[] };

export type AttachmentResolution = { path: string; uri: string } | { ambiguous: string[] };

/**
 * VS Code calls `extendMarkdownIt` once, but the vault keeps changing: give
 * the plugin this, and swap the snapshot `current()` returns.
 */
export function delegatingResolver(current: () => PreviewResolver): PreviewResolver {
  return {
    currentPath: (env) => current().currentPath(env),
    resolveNote: (target, fromPath) => current().resolveNote(target, fromPath),
    resolveAttachment: (target, fromPath, env) => current().resolveAttachment(target, fromPath, env),
    noteText: (path) => current().noteText(path),
  };
}
