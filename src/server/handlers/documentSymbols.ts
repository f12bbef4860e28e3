import { SymbolKind, type DocumentSymbol, type ServerCapabilities } from 'vscode-languageserver/node';
import { documentSymbols, type OutlineSymbol } from '../../core/features/documentSymbols';
import type { ServerContext } from '../serverContext';
import type { FeatureHandler } from './index';
import { notePathOf } from './navigationSupport';

export const documentSymbolCapability: Partial<ServerCapabilities> = { documentSymbolProvider: { label: 'mmnotes' } };

/** The heading outline (hierarchical), with `^block-id`s under their section. */
export function registerDocumentSymbols(ctx: ServerContext): void {
  ctx.connection.onDocumentSymbol(async (params, token): Promise<DocumentSymbol[] | null> => {
    const path = await notePathOf(ctx, params.textDocument.uri);
    if (!path) return null;
    return documentSymbols(ctx.index, path, token).map(toLsp);
  });
}

function toLsp(s: OutlineSymbol): DocumentSymbol {
  return {
    name: s.name,
    detail: s.kind === 'heading' ? 'H' + s.level : undefined,
    // Headings as String, like VS Code's own Markdown outline; block ids are anchors, so Key.
    kind: s.kind === 'heading' ? SymbolKind.String : SymbolKind.Key,
    range: s.range,
    selectionRange: s.selectionRange,
    children: s.children.map(toLsp),
  };
}

export const documentSymbolHandler: FeatureHandler = { capabilities: documentSymbolCapability, register: registerDocumentSymbols };
