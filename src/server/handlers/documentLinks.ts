import type { DocumentLink, ServerCapabilities } from 'vscode-languageserver/node';
import { documentLinks } from '../../core/features/documentLinks';
import type { ServerContext } from '../serverContext';
import type { FeatureHandler } from './index';
import { settledNotePathOf } from './navigationSupport';

export const documentLinkCapability: Partial<ServerCapabilities> = { documentLinkProvider: { resolveProvider: false } };

/**
 * Clickable wiki and Markdown links. Heading and block targets carry a
 * `#L<line>` fragment (1-based), which VS Code opens at that line.
 */
export function registerDocumentLinks(ctx: ServerContext): void {
  ctx.connection.onDocumentLinks(async (params, token): Promise<DocumentLink[] | null> => {
    const path = await settledNotePathOf(ctx, params.textDocument.uri, token);
    if (!path) return null;
    return documentLinks(ctx.index, path, token).map((l) => {
      const link: DocumentLink = { range: l.range };
      if (l.target) link.target = ctx.uris.toUri(l.target.path) + (l.target.line !== undefined ? `#L${l.target.line + 1}` : '');
      if (l.tooltip) link.tooltip = l.tooltip;
      return link;
    });
  });
}

export const documentLinkHandler: FeatureHandler = { capabilities: documentLinkCapability, register: registerDocumentLinks };
