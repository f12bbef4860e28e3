import { definitionHandler } from './definition';
import { documentLinkHandler } from './documentLinks';
import { documentSymbolHandler } from './documentSymbols';
import { foldingRangeHandler } from './foldingRanges';
import { hoverHandler } from './hover';
import type { FeatureHandler } from './index';
import { referencesHandler } from './references';
import { workspaceSymbolHandler } from './workspaceSymbols';

/** The navigation features, for allHandlers in index.ts. */
export const navigationHandlers: FeatureHandler[] = [
  documentLinkHandler,
  definitionHandler,
  hoverHandler,
  referencesHandler,
  documentSymbolHandler,
  workspaceSymbolHandler,
  foldingRangeHandler,
];
