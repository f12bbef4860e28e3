import { FoldingRangeKind, type FoldingRange, type ServerCapabilities } from 'vscode-languageserver/node';
import { foldingRanges } from '../../core/features/foldingRanges';
import type { ServerContext } from '../serverContext';
import type { FeatureHandler } from './index';
import { settledNotePathOf } from './navigationSupport';

export const foldingRangeCapability: Partial<ServerCapabilities> = { foldingRangeProvider: true };

/** Folding of sections, list items, callouts, frontmatter, fences and comments. */
export function registerFoldingRanges(ctx: ServerContext): void {
  ctx.connection.onFoldingRanges(async (params, token): Promise<FoldingRange[] | null> => {
    const path = await settledNotePathOf(ctx, params.textDocument.uri, token);
    if (!path) return null;
    return foldingRanges(ctx.index, path, token).map((f) => ({
      startLine: f.startLine,
      endLine: f.endLine,
      ...(f.kind ? { kind: f.kind === 'comment' ? FoldingRangeKind.Comment : FoldingRangeKind.Region } : {}),
    }));
  });
}

export const foldingRangeHandler: FeatureHandler = { capabilities: foldingRangeCapability, register: registerFoldingRanges };
