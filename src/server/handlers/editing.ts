import { codeActionsHandler } from './codeActions';
import { completionHandler } from './completion';
import { diagnosticsHandler } from './diagnostics';
import type { FeatureHandler } from './index';
import { renameHandler } from './rename';

/** The editing features (diagnostics, quick fixes, completion, rename and file moves), for allHandlers in index.ts. */
export const editingHandlers: FeatureHandler[] = [diagnosticsHandler, codeActionsHandler, completionHandler, renameHandler];
