import { CodeActionKind, type CodeAction, type ServerCapabilities } from 'vscode-languageserver/node';
import { quickFixes } from '../../core/features/codeActions';
import type { ServerContext } from '../serverContext';
import { toLspDiagnostic } from './diagnosticConvert';
import type { FeatureHandler } from './index';
import { toWorkspaceEdit } from './workspaceEdit';

export const codeActionsCapability: Partial<ServerCapabilities> = {
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false },
};

/** Quick fixes for link diagnostics: create the missing note, pick one of several files, pick a heading. */
export function registerCodeActions(ctx: ServerContext): void {
  ctx.connection.onCodeAction(async (params, token): Promise<CodeAction[] | null> => {
    await ctx.ready;
    const only = params.context.only;
    if (only && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k + '.'))) return null;
    const path = ctx.uris.toPath(params.textDocument.uri);
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
