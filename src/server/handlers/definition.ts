import type { Location, LocationLink, ServerCapabilities } from 'vscode-languageserver/node';
import { definition } from '../../core/features/definition';
import type { ServerContext } from '../serverContext';
import type { FeatureHandler } from './index';
import { notePathOf } from './navigationSupport';

export const definitionCapability: Partial<ServerCapabilities> = { definitionProvider: true };

/**
 * Go to definition on links and embeds. Answers LocationLinks so the editor
 * underlines the whole link and reveals a heading's section, not one word;
 * plain Locations (the heading itself) to a client that cannot take links.
 */
export function registerDefinition(ctx: ServerContext): void {
  ctx.connection.onDefinition(async (params, token): Promise<LocationLink[] | Location[] | null> => {
    const path = await notePathOf(ctx, params.textDocument.uri);
    if (!path) return null;
    const targets = definition(ctx.index, path, params.position, token);
    if (!ctx.clientCapabilities().textDocument?.definition?.linkSupport) {
      return targets.map((t) => ({ uri: ctx.uris.toUri(t.path), range: t.selectionRange }));
    }
    return targets.map((t) => ({
      originSelectionRange: t.originRange,
      targetUri: ctx.uris.toUri(t.path),
      targetRange: t.range,
      targetSelectionRange: t.selectionRange,
    }));
  });
}

export const definitionHandler: FeatureHandler = { capabilities: definitionCapability, register: registerDefinition };
