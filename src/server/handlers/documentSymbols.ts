import { SymbolKind, type DocumentSymbol, type ServerCapabilities } from 'vscode-languageserver/node';
import { documentSymbols, type OutlineSymbol } from '../../core/features/documentSymbols';
import type { ServerContext } from '../serverContext';
import type { FeatureHandler } from './index';
import { settledNotePathOf } from './navigationSupport';

export const documentSymbolCapability: Partial<ServerCapabilities> = { documentSymbolProvider: { label: 'mmnotes' } };

/** Frontmatter aliases, then the heading outline (hierarchical), with `^block-id`s under their section. */
export function registerDocumentSymbols(ctx: ServerContext): void {
  ctx.connection.onDocumentSymbol(async (params, token): Promise<DocumentSymbol[] | null> => {
    const path = await settledNotePathOf(ctx, params.textDocument.uri, token);
    if (!path) return null;
    return documentSymbols(ctx.index, path, token).map(toLsp);
  });
}

/** Headings as String, like VS Code's own Markdown outline; block ids are anchors, so Key; aliases as in workspace symbols. */
const KINDS = { heading: SymbolKind.String, block: SymbolKind.Key, alias: SymbolKind.Constant } as const;

function toLsp(s: OutlineSymbol): DocumentSymbol {
  return {
    name: s.name,
    detail: s.kind === 'heading' ? 'H' + s.level : s.kind === 'alias' ? 'alias' : undefined,
    kind: KINDS[s.kind],
    range: s.range,
    selectionRange: s.selectionRange,
    children: s.children.map(toLsp),
  };
}

export const documentSymbolHandler: FeatureHandler = { capabilities: documentSymbolCapability, register: registerDocumentSymbols };
