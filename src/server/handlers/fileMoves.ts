import type { CancellationToken, RenameFilesParams, ServerCapabilities, WorkspaceEdit } from 'vscode-languageserver/node';
import { linkUpdatesForMoves, type FileMove } from '../../core/features/moves';
import type { ServerContext } from '../serverContext';
import { isEmptyEdit, toWorkspaceEdit } from './workspaceEdit';

const ATTACHMENTS = 'png,jpg,jpeg,gif,bmp,svg,webp,avif,pdf,mp3,webm,wav,m4a,ogg,3gp,flac,mp4,ogv,mov,mkv';

export const fileMovesCapability: Partial<ServerCapabilities> = {
  workspace: {
    fileOperations: {
      willRename: {
        filters: [
          { scheme: 'file', pattern: { glob: `**/*.{md,${ATTACHMENTS}}`, matches: 'file', options: { ignoreCase: true } } },
          { scheme: 'file', pattern: { glob: '**/*', matches: 'folder' } },
        ],
      },
    },
  },
};

/**
 * Renames this server itself asked for (a note renamed with F2). A client
 * announces those through willRenameFiles too, and answering with link
 * updates again would apply them twice.
 */
export class RecentRenames {
  private readonly pending: { from: string; to: string; until: number }[] = [];

  record(from: string, to: string): void {
    this.pending.push({ from, to, until: Date.now() + 30_000 });
  }

  /** True (and forgotten) when every move is one we asked for. */
  consume(moves: readonly FileMove[]): boolean {
    const now = Date.now();
    for (let i = this.pending.length - 1; i >= 0; i--) if (this.pending[i].until < now) this.pending.splice(i, 1);
    const hits = moves.map((m) => this.pending.findIndex((p) => p.from === m.from && p.to === m.to));
    if (moves.length === 0 || hits.some((h) => h === -1)) return false;
    for (const h of hits.sort((a, b) => b - a)) this.pending.splice(h, 1);
    return true;
  }
}

/** Link updates for files and folders the user moves or renames in the explorer (applied before the move). */
export async function willRenameFiles(
  ctx: ServerContext,
  params: RenameFilesParams,
  token: CancellationToken,
  recent: RecentRenames,
): Promise<WorkspaceEdit | null> {
  await ctx.ready;
  const moves: FileMove[] = [];
  for (const f of params.files) {
    const from = ctx.uris.toPath(f.oldUri);
    const to = ctx.uris.toPath(f.newUri);
    // A file moved out of the vault is, for the vault, deleted: its links stay broken, not rewritten.
    if (from !== undefined && to !== undefined && from !== '') moves.push({ from, to });
  }
  if (moves.length === 0 || recent.consume(moves)) return null;
  const edit = linkUpdatesForMoves(ctx.index, moves, token);
  return isEmptyEdit(edit) ? null : toWorkspaceEdit(ctx, edit);
}
