import type { LocationLink, ServerCapabilities } from 'vscode-languageserver/node';
import { definition } from '../../core/features/definition';
import type { ServerContext } from '../serverContext';
import type { FeatureHandler } from './index';
import { notePathOf } from './navigationSupport';

export const definitionCapability: Partial<ServerCapabilities> = { definitionProvider: true };

/**
 * Go to definition on links and embeds. Answers LocationLinks so the editor
 * underlines the whole link and reveals a heading's section, not one word.
 */
export function registerDefinition(ctx: ServerContext): void {
  ctx.connection.onDefinition(async (params, token): Promise<LocationLink[] | null> => {
    const path = await notePathOf(ctx, params.textDocument.uri);
    if (!path) return null;
    return definition(ctx.index, path, params.position, token).map((t) => ({
      originSelectionRange: t.originRange,
      targetUri: ctx.uris.toUri(t.path),
      targetRange: t.range,
      targetSelectionRange: t.selectionRange,
    }));
  });
}

export const definitionHandler: FeatureHandler = { capabilities: definitionCapability, register: registerDefinition };
