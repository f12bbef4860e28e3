import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import {
  AlwaysIncludeMatcher,
  AttachmentResourceProvider,
  bootstrap,
  computeWikilinkRenameEdits,
  createMarkdownParser,
  GenericDataStore,
  Logger,
  MarkdownResourceProvider,
  URI,
} from 'foam-core';
import { peakRssMb, percentile, stopwatch, timeRepeated, type EngineFn } from './engineTypes';
import { typedText } from './keystrokes';

/**
 * foam-core booted the way foam's VS Code extension boots it: a data store
 * over the file system, the Markdown and attachment providers, and
 * `bootstrap`, which reads and parses every file, then builds the graph
 * (resolving every link) and the tags. No parser cache: this is a cold start.
 */
export const runFoamCold: EngineFn = async (input) => {
  Logger.setLevel('error');
  const root = input.vaultDir;
  const baseRssMb = peakRssMb();
  const watch = stopwatch();
  const dataStore = new GenericDataStore(
    async () => (await listFiles(root)).map((p) => URI.file(p)),
    (uri) => fs.readFile(uri.toFsPath(), 'utf8'),
  );
  const parser = createMarkdownParser([]);
  const providers = [new MarkdownResourceProvider(dataStore, parser), new AttachmentResourceProvider()];
  const foam = await bootstrap([URI.file(root)], new AlwaysIncludeMatcher(), undefined, dataStore, parser, providers, '.md', 'off');
  const { wallMs: coldMs, cpuMs: coldCpuMs } = watch();
  const rssMb = peakRssMb();

  let resolvedLinks = 0;
  for (const list of foam.graph.links.values()) resolvedLinks += list.filter((c) => !c.target.isPlaceholder()).length;

  // An edit: foam re-parses the note and, on workspace.set, rebuilds its whole graph.
  const editUri = URI.file(nodePath.join(root, input.manifest.editPath));
  const original = foam.workspace.get(editUri);
  const base = await fs.readFile(editUri.toFsPath(), 'utf8');
  const edits = timeRepeated(input.edits, input.budgetMs, (i) => {
    foam.workspace.set(parser.parse(editUri, typedText(base, input.manifest.editLine, i + 1)));
  });
  foam.workspace.set(original);

  const hub = URI.file(nodePath.join(root, input.manifest.hubPath));
  let referenceCount = 0;
  const refs = timeRepeated(5, input.budgetMs, () => (referenceCount = foam.graph.getBacklinks(hub).length));
  let renameEdits = 0;
  const renamed = hub.forPath(hub.path.replace(/Hub Note\.md$/, 'Hub Note Renamed.md'));
  const rename = timeRepeated(3, input.budgetMs, () => (renameEdits = computeWikilinkRenameEdits(foam.workspace, foam.graph, hub, renamed).length));

  return {
    coldMs, coldCpuMs, rssMb, baseRssMb,
    indexedNotes: foam.workspace.list().filter((r) => r.type === 'note').length,
    resolvedLinks,
    editP50Ms: percentile(edits, 50), editP95Ms: percentile(edits, 95), editCount: edits.length,
    referencesMs: percentile(refs, 50), referenceCount,
    renameMs: percentile(rename, 50), renameEdits,
    remarks: ['foam edit = re-parse + workspace.set (foam rebuilds its whole graph on every change); no completion in foam-core'],
  };
};

/** Every file under root, as foam's extension lists them via findFiles('**\/*'). */
async function listFiles(root: string): Promise<string[]> {
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => nodePath.join(e.parentPath ?? e.path, e.name));
}
