import { CompletionItemKind, type CompletionItem, type CompletionList, type ServerCapabilities } from 'vscode-languageserver/node';
import { completeLink, type CompletionKind } from '../../core/features/completion';
import type { ServerContext } from '../serverContext';
import type { FeatureHandler } from './index';

export const completionCapability: Partial<ServerCapabilities> = {
  // `(` and `<` open a Markdown link's destination, `/` walks into a folder of it.
  completionProvider: { triggerCharacters: ['[', '#', '^', '|', '(', '<', '/'], resolveProvider: false },
};

const KIND: Record<CompletionKind, CompletionItemKind> = {
  note: CompletionItemKind.File,
  alias: CompletionItemKind.Reference,
  image: CompletionItemKind.File,
  attachment: CompletionItemKind.File,
  folder: CompletionItemKind.Folder,
  heading: CompletionItemKind.Reference,
  block: CompletionItemKind.Constant,
};

/** Asks the editor for completions again, after a folder is accepted (a VS Code command, which the VS Code client runs). */
const RETRIGGER = { title: 'Complete in folder', command: 'editor.action.triggerSuggest' };

/**
 * Link completion. The line comes from the open document, which is the
 * text the user sees; the index may be a keystroke behind it.
 */
export function registerCompletion(ctx: ServerContext): void {
  ctx.connection.onCompletion(async (params, token): Promise<CompletionList | null> => {
    await ctx.ready;
    const path = ctx.uris.toPath(params.textDocument.uri);
    if (!path) return null;
    const line = lineText(ctx, params.textDocument.uri, path, params.position.line);
    if (line === undefined) return null;
    const result = completeLink(ctx.index, path, line, params.position, token);
    const items = result.items.map(
      (c): CompletionItem => ({
        label: c.label,
        kind: KIND[c.kind],
        detail: c.detail,
        filterText: c.filterText,
        sortText: c.sortText,
        textEdit: { range: c.range, newText: c.insertText },
        ...(c.retrigger ? { command: RETRIGGER } : {}),
      }),
    );
    return { isIncomplete: result.isIncomplete, items };
  });
}

function lineText(ctx: ServerContext, uri: string, path: string, line: number): string | undefined {
  const doc = ctx.documents.get(uri);
  if (doc) return doc.getText({ start: { line, character: 0 }, end: { line, character: Number.MAX_SAFE_INTEGER } });
  const text = ctx.index.getNote(path)?.text;
  return text?.split(/\r?\n/)[line];
}

export const completionHandler: FeatureHandler = { capabilities: completionCapability, register: registerCompletion };
