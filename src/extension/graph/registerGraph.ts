import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ConceptsTree } from './conceptsTree';
import { GraphPanel } from './graphPanel';
import { GraphSource } from './graphSource';

const CONCEPTS_TEMPLATE = `# Concepts of this vault, added to (or overriding) mmnotes' built-in taxonomy of
# multimodal machine learning. A concept whose name or alias is already known
# overrides the fields it sets; any other is added. Problems show in the
# Problems view; the built-in taxonomy keeps working meanwhile.
#
# builtin: false          # uncomment to use only the concepts below
concepts:
  - name: Contrastive learning
    parent: Coordination   # id, name or alias of the parent
    aliases: [CLIP-style training]
    description: Pull embeddings of paired modalities together and push the others apart.
`;

/**
 * Everything of the concept graph in the extension: the panel (and its
 * restoration after a reload), the Concepts view and their commands.
 * Call once from activate(), before or after the client starts; `log`
 * writes to the output channel (the webview reports a failed layout worker).
 */
export function registerGraphFeatures(context: vscode.ExtensionContext, client: LanguageClient, log: (message: string) => void = () => {}): void {
  const source = new GraphSource(client);
  const tree = new ConceptsTree(source);
  const show = () => GraphPanel.show(context.extensionUri, source, log);
  context.subscriptions.push(
    source,
    tree,
    vscode.window.registerTreeDataProvider('mmnotes.concepts', tree),
    vscode.window.registerWebviewPanelSerializer(GraphPanel.viewType, {
      deserializeWebviewPanel: async (panel) => GraphPanel.revive(panel, context.extensionUri, source, log),
    }),
    vscode.commands.registerCommand('mmnotes.openConceptGraph', show),
    vscode.commands.registerCommand('mmnotes.openConceptDefinition', (path: string, line: number) => source.open(path, line)),
    vscode.commands.registerCommand('mmnotes.refreshConcepts', () => source.refetch()),
    vscode.commands.registerCommand('mmnotes.editConceptsFile', () => editConceptsFile(source)),
  );
}

/** Opens the vault's concepts file, creating it from a commented example first. */
async function editConceptsFile(source: GraphSource): Promise<void> {
  await source.ensure();
  const uri = source.conceptsFileUri;
  if (!uri) return;
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(CONCEPTS_TEMPLATE));
  }
  await vscode.window.showTextDocument(uri);
}
