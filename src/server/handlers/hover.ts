import { pathToFileURL } from 'node:url';
import { MarkupKind, type Hover, type ServerCapabilities } from 'vscode-languageserver/node';
import { hover } from '../../core/features/hover';
import type { ServerContext } from '../serverContext';
import type { FeatureHandler } from './index';
import { notePathOf } from './navigationSupport';

export const hoverCapability: Partial<ServerCapabilities> = { hoverProvider: true };

/**
 * Link previews and image thumbnails. Images are referenced by absolute
 * file URI so the editor can load them; sized embeds use an `<img>` tag,
 * which VS Code renders only when the client enables `markdown.supportHtml`.
 */
export function registerHover(ctx: ServerContext): void {
  ctx.connection.onHover(async (params, token): Promise<Hover | null> => {
    const path = await notePathOf(ctx, params.textDocument.uri);
    if (!path) return null;
    const h = hover(ctx.index, path, params.position, token, {
      fileUri: (p) => pathToFileURL(ctx.uris.toFsPath(p)).href,
    });
    return h ? { range: h.range, contents: { kind: MarkupKind.Markdown, value: h.markdown } } : null;
  });
}

export const hoverHandler: FeatureHandler = { capabilities: hoverCapability, register: registerHover };
