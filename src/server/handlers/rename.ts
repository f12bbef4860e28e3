import { LSPErrorCodes, ResponseError, type ServerCapabilities } from 'vscode-languageserver/node';
import { prepareRename, renameAt } from '../../core/features/rename';
import type { ServerContext } from '../serverContext';
import { fileMovesCapability, RecentRenames, willRenameFiles } from './fileMoves';
import type { FeatureHandler } from './index';
import { toWorkspaceEdit } from './workspaceEdit';

/** Rename (with prepare) of notes, frontmatter aliases, headings and block ids, plus link updates when files move in the explorer. */
export const renameCapability: Partial<ServerCapabilities> = {
  renameProvider: { prepareProvider: true },
  ...fileMovesCapability,
};

/**
 * Registers rename, prepareRename and workspace/willRenameFiles together:
 * they share the record of renames this server started, so a note renamed
 * with F2 does not get its links updated a second time when the client
 * reports the file rename back.
 */
export function registerRename(ctx: ServerContext): void {
  const recent = new RecentRenames();

  ctx.connection.onPrepareRename(async (params) => {
    await ctx.ready;
    const path = ctx.uris.toPath(params.textDocument.uri);
    if (!path) return null;
    const target = prepareRename(ctx.index, path, params.position);
    if ('error' in target) throw new ResponseError(LSPErrorCodes.RequestFailed, target.error);
    return { range: target.range, placeholder: target.placeholder };
  });

  ctx.connection.onRenameRequest(async (params, token) => {
    await ctx.ready;
    const path = ctx.uris.toPath(params.textDocument.uri);
    if (!path) return null;
    const edit = renameAt(ctx.index, path, params.position, params.newName, token);
    if ('error' in edit) throw new ResponseError(LSPErrorCodes.RequestFailed, edit.error);
    for (const op of edit.fileOps ?? []) if (op.kind === 'rename') recent.record(op.from, op.to);
    return toWorkspaceEdit(ctx, edit);
  });

  ctx.connection.workspace.onWillRenameFiles((params, token) => willRenameFiles(ctx, params, token, recent));
}

export const renameHandler: FeatureHandler = { capabilities: renameCapability, register: registerRename };
