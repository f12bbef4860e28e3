import type { ServerCapabilities } from 'vscode-languageserver/node';
import type { ServerContext } from '../serverContext';
import { cardsHandler } from '../cards/cardsHandler';
import { graphHandler } from '../graph/graphHandler';
import { editingHandlers } from './editing';
import { navigationHandlers } from './navigation';
import { semanticTokensHandler } from './semanticTokens';

/** A feature's LSP wiring: what it advertises and how it registers. */
export interface FeatureHandler {
  capabilities: Partial<ServerCapabilities>;
  register(ctx: ServerContext): void;
}

/** Every feature the server offers, registered by startServer in this order. */
export const allHandlers: FeatureHandler[] = [...navigationHandlers, ...editingHandlers, cardsHandler, semanticTokensHandler, graphHandler];
