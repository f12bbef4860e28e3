import { CodeActionKind, type CodeAction, type ServerCapabilities } from 'vscode-languageserver/node';
import { quickFixes } from '../../core/features/codeActions';
import type { ServerContext } from '../serverContext';
import { toLspDiagnostic } from './diagnosticConvert';
import type { FeatureHandler } from './index';
import { toWorkspaceEdit } from './workspaceEdit';
import { settledNotePathOf } from './navigationSupport';

export const codeActionsCapability: Partial<ServerCapabilities> = {
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false },
};

/** Quick fixes for link diagnostics: create the missing note, pick one of several files, pick a heading. */
export function registerCodeActions(ctx: ServerContext): void {
  ctx.connection.onCodeAction(async (params, token): Promise<CodeAction[] | null> => {
    const only = params.context.only;
    if (only && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k + '.'))) return null;
    // Fixes are for the diagnostics of the newest text (a big note may still be parsing it).
    const path = await settledNotePathOf(ctx, params.textDocument.uri, token);
    if (!path) return null;
    return quickFixes(ctx.index, path, params.range, token).map((f) => ({
      title: f.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [toLspDiagnostic(ctx, f.diagnostic)],
      edit: toWorkspaceEdit(ctx, f.edit),
      ...(f.isPreferred ? { isPreferred: true } : {}),
    }));
  });
}

export const codeActionsHandler: FeatureHandler = { capabilities: codeActionsCapability, register: registerCodeActions };
