import type { Location, ServerCapabilities } from 'vscode-languageserver/node';
import { references } from '../../core/features/references';
import type { ServerContext } from '../serverContext';
import type { FeatureHandler } from './index';
import { notePathOf } from './navigationSupport';

export const referencesCapability: Partial<ServerCapabilities> = { referencesProvider: true };

/** Backlinks of a note, a heading or a block, as Find All References. */
export function registerReferences(ctx: ServerContext): void {
  ctx.connection.onReferences(async (params, token): Promise<Location[] | null> => {
    const path = await notePathOf(ctx, params.textDocument.uri);
    if (!path) return null;
    const found = references(ctx.index, path, params.position, params.context.includeDeclaration, token);
    return found.map((l) => ({ uri: ctx.uris.toUri(l.path), range: l.range }));
  });
}

export const referencesHandler: FeatureHandler = { capabilities: referencesCapability, register: registerReferences };
