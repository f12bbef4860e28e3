import { NameTable } from '../../core/vault/nameTable';
import { resolveLinkPath } from '../../core/vault/resolveLink';
import { isNotePath } from '../../core/vault/vaultPath';
import type { AttachmentResolution, NoteResolution, PreviewResolver } from './previewResolver';

/** The plain data the client keeps in sync with the server (JSON-friendly). */
export interface PreviewNameTable {
  /** Every note with its other names (frontmatter aliases; its own name may be listed too). */
  notes: { path: string; names: string[] }[];
  /** Every non-note file in the vault (images, audio, pdf, …). */
  attachments: string[];
}

/** The host-specific parts: reading `env`, note texts, and URIs the webview may load. */
export interface PreviewHost {
  currentPath(env: unknown): string;
  noteText(path: string): string | undefined;
  attachmentUri(path: string, env: unknown): string | undefined;
}

/**
 * A resolver over a name table snapshot. It reuses core's NameTable and
 * resolveLinkPath so the preview resolves exactly as the server's
 * diagnostics do (case-insensitive names anywhere in the vault, `.md`
 * implied, `folder/Note` suffix match, aliases, a same-folder candidate
 * wins, otherwise ambiguous — never guessed).
 */
export function resolverFromNameTable(table: PreviewNameTable, host: PreviewHost): PreviewResolver {
  const names = new NameTable();
  for (const note of table.notes) names.addFile(note.path);
  for (const path of table.attachments) names.addFile(path);
  for (const note of table.notes) names.setAliases(note.path, note.names);

  return {
    currentPath: (env) => host.currentPath(env),
    noteText: (path) => host.noteText(path),

    resolveNote(target: string, fromPath: string): NoteResolution | undefined {
      const r = resolveLinkPath(names, target, fromPath, 'wiki');
      if (r.kind === 'self') return { path: fromPath };
      if (r.kind === 'ambiguous') return { ambiguous: r.candidates };
      if (r.kind === 'file' && isNotePath(r.path)) return { path: r.path };
      return undefined;
    },

    resolveAttachment(target: string, fromPath: string, env: unknown): AttachmentResolution | undefined {
      const r = resolveLinkPath(names, target, fromPath, 'wiki');
      if (r.kind === 'ambiguous') return { ambiguous: r.candidates };
      if (r.kind !== 'file' || isNotePath(r.path)) return undefined;
      const uri = host.attachmentUri(r.path, env);
      return uri === undefined ? undefined : { path: r.path, uri };
    },
  };
}
