import type { CreateFile, RenameFile, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { VaultEdit } from '../../core/features/types';
import type { ServerContext } from '../serverContext';

/**
 * A core VaultEdit as an LSP WorkspaceEdit: file operations first, then the
 * text edits, in the order the VaultEdit contract promises. Open documents
 * carry their version so a client refuses edits computed for older text.
 */
export function toWorkspaceEdit(ctx: ServerContext, edit: VaultEdit): WorkspaceEdit {
  const documentChanges: (TextDocumentEdit | CreateFile | RenameFile)[] = [];
  const created = new Map<string, string>();
  for (const op of edit.fileOps ?? []) {
    if (op.kind === 'create') {
      // Never overwrite: a file that appeared meanwhile is kept as it is.
      documentChanges.push({ kind: 'create', uri: ctx.uris.toUri(op.path), options: { ignoreIfExists: true } });
      if (op.text) created.set(op.path, op.text);
    } else {
      documentChanges.push({ kind: 'rename', oldUri: ctx.uris.toUri(op.from), newUri: ctx.uris.toUri(op.to), options: { overwrite: false } });
    }
  }
  for (const [path, text] of created) {
    documentChanges.push({
      textDocument: { uri: ctx.uris.toUri(path), version: null },
      edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }],
    });
  }
  const renamedTo = new Set((edit.fileOps ?? []).flatMap((op) => (op.kind === 'rename' ? [op.to] : [])));
  for (const [path, edits] of [...edit.changes].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (edits.length === 0) continue;
    const uri = ctx.uris.toUri(path);
    const version = renamedTo.has(path) ? null : (ctx.documents.get(uri)?.version ?? null);
    documentChanges.push({ textDocument: { uri, version }, edits });
  }
  return { documentChanges };
}

/** True when a VaultEdit changes nothing. */
export function isEmptyEdit(edit: VaultEdit): boolean {
  return !edit.fileOps?.length && [...edit.changes.values()].every((e) => e.length === 0);
}
