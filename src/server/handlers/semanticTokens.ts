import type { SemanticTokens, ServerCapabilities } from 'vscode-languageserver/node';
import { cardRulesFrom } from '../../core/cards/cardRules';
import { encodeTokens, noteTokens, SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from '../../core/features/semanticTokens';
import type { ServerContext } from '../serverContext';
import type { FeatureHandler } from './index';
import { notePathOf } from './navigationSupport';

export const semanticTokensCapability: Partial<ServerCapabilities> = {
  semanticTokensProvider: {
    legend: { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS] },
    // Range is the same computation filtered by line: cheap, and it lets the editor colour the visible part of a long note first.
    full: true,
    range: true,
  },
};

/** How long the index must be quiet before open editors are asked to re-colour. */
const REFRESH_DELAY_MS = 250;

/**
 * Resolved/unresolved links and card-source highlights. The editor re-asks
 * for a document's tokens when that document changes, but not when a link
 * in it starts to resolve because another note appeared: for that the
 * server asks for a refresh when names or other notes' targets changed.
 */
export function registerSemanticTokens(ctx: ServerContext): void {
  const empty: SemanticTokens = { data: [] };
  ctx.connection.languages.semanticTokens.on(async (params, token) => {
    const path = await notePathOf(ctx, params.textDocument.uri);
    if (!path) return empty;
    return { data: encodeTokens(noteTokens(ctx.index, path, token, { cardRules: cardRulesFrom(ctx.settings().cards) })) };
  });
  ctx.connection.languages.semanticTokens.onRange(async (params, token) => {
    const path = await notePathOf(ctx, params.textDocument.uri);
    if (!path) return empty;
    return { data: encodeTokens(noteTokens(ctx.index, path, token, { range: params.range, cardRules: cardRulesFrom(ctx.settings().cards) })) };
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  ctx.index.onDidChange((change) => {
    // A keystroke in one note affects only that note, which the editor re-asks for anyway.
    if (!change.namesChanged && change.affected.size <= 1) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      // Typed void but returns the request's promise; clients without refreshSupport reject it: nothing to do then.
      Promise.resolve(ctx.connection.languages.semanticTokens.refresh()).catch(() => {});
    }, REFRESH_DELAY_MS);
  });
}

export const semanticTokensHandler: FeatureHandler = { capabilities: semanticTokensCapability, register: registerSemanticTokens };
