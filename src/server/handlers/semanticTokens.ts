import type { CancellationToken, Range, SemanticTokens, ServerCapabilities } from 'vscode-languageserver/node';
import { cardRulesFrom } from '../../core/cards/cardRules';
import type { NoteEntry } from '../../core/vault/vaultIndex';
import { encodeTokens, noteTokens, SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, type NoteToken } from '../../core/features/semanticTokens';
import type { ServerContext } from '../serverContext';
import type { FeatureHandler } from './index';
import { settledNotePathOf } from './navigationSupport';

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
  /**
   * The last note's tokens while nothing changed. The editor asks for the visible range and then
   * for the whole note, and a range costs the whole note's computation (filtered by line): for a
   * 10 MB note that is seconds of the main thread, so it is done once per version, not per request.
   */
  let last: { path: string; entry: NoteEntry; generation: number; cards: unknown; tokens: NoteToken[] } | undefined;
  let generation = 0;
  const tokensOf = (path: string, token: CancellationToken, range?: Range): NoteToken[] => {
    const entry = ctx.index.getNote(path);
    if (!entry) return [];
    const cards = ctx.settings().cards;
    let tokens = last?.path === path && last.entry === entry && last.generation === generation && last.cards === cards ? last.tokens : undefined;
    if (!tokens) {
      // The card service's cards were made from this same entry's model under these same settings.
      tokens = noteTokens(ctx.index, path, token, { cardRules: cardRulesFrom(cards), cards: ctx.shared.noteCards?.(path) });
      if (token.isCancellationRequested) return [];
      last = { path, entry, generation, cards, tokens };
    }
    return range ? tokens.filter((t) => t.line >= range.start.line && t.line <= range.end.line) : tokens;
  };
  ctx.connection.languages.semanticTokens.on(async (params, token) => {
    const path = await settledNotePathOf(ctx, params.textDocument.uri, token);
    if (!path) return empty;
    return { data: encodeTokens(tokensOf(path, token)) };
  });
  ctx.connection.languages.semanticTokens.onRange(async (params, token) => {
    const path = await settledNotePathOf(ctx, params.textDocument.uri, token);
    if (!path) return empty;
    return { data: encodeTokens(tokensOf(path, token, params.range)) };
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  ctx.index.onDidChange((change) => {
    // Any change can move what a note's tokens say (a target appearing, a heading renamed elsewhere).
    generation++;
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
