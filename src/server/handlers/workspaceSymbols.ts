import { SymbolKind, type ServerCapabilities, type SymbolInformation } from 'vscode-languageserver/node';
import { workspaceSymbols } from '../../core/features/workspaceSymbols';
import type { ServerContext } from '../serverContext';
import type { FeatureHandler } from './index';

export const workspaceSymbolCapability: Partial<ServerCapabilities> = { workspaceSymbolProvider: true };

const KINDS = { note: SymbolKind.File, alias: SymbolKind.Constant, heading: SymbolKind.String } as const;

/** Notes, aliases and headings across the vault, matched fuzzily (Go to Symbol in Workspace). */
export function registerWorkspaceSymbols(ctx: ServerContext): void {
  ctx.connection.onWorkspaceSymbol(async (params, token): Promise<SymbolInformation[] | null> => {
    await ctx.ready;
    return workspaceSymbols(ctx.index, params.query, token).map((s) => ({
      name: s.name,
      kind: KINDS[s.kind],
      location: { uri: ctx.uris.toUri(s.path), range: s.range },
      ...(s.containerName ? { containerName: s.kind === 'alias' ? `alias of ${s.containerName}` : s.containerName } : {}),
    }));
  });
}

export const workspaceSymbolHandler: FeatureHandler = { capabilities: workspaceSymbolCapability, register: registerWorkspaceSymbols };
