// What the graph e2e test needs from the extension, and a staged copy of it while the lead has
// not merged the concept graph yet: package.json contributes (the proposal for the real
// manifest), an extension bundle whose activate() also calls registerGraphFeatures, a server
// bundle whose handlers include graphHandler, and media/dist/graph.js. Once package.json,
// src/extension/main.ts and src/server/handlers/index.ts have them, `graphMerged()` is true and
// the test uses the repo.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/codeServer.mjs';

/** The manifest entries the concept graph needs (merged into package.json by the lead). */
export const GRAPH_CONTRIBUTES = {
  commands: [
    { command: 'mmnotes.openConceptGraph', title: 'Open Concept Graph', category: 'mmnotes', icon: '$(type-hierarchy)' },
    { command: 'mmnotes.refreshConcepts', title: 'Refresh Concepts', category: 'mmnotes', icon: '$(refresh)' },
    { command: 'mmnotes.editConceptsFile', title: 'Edit Vault Concepts (.mmnotes/concepts.yaml)', category: 'mmnotes', icon: '$(edit)' },
    { command: 'mmnotes.openConceptDefinition', title: 'Open Concept Definition', category: 'mmnotes' },
  ],
  views: { explorer: [{ id: 'mmnotes.concepts', name: 'Concepts' }] },
  menus: {
    'view/title': [
      { command: 'mmnotes.openConceptGraph', when: 'view == mmnotes.concepts', group: 'navigation@1' },
      { command: 'mmnotes.refreshConcepts', when: 'view == mmnotes.concepts', group: 'navigation@2' },
      { command: 'mmnotes.editConceptsFile', when: 'view == mmnotes.concepts', group: 'navigation@3' },
    ],
    commandPalette: [{ command: 'mmnotes.openConceptDefinition', when: 'false' }],
  },
  // A graph panel left open is restored after a reload, which needs the extension active.
  activationEvents: ['onWebviewPanel:mmnotes.conceptGraph'],
};

/** True when the repo itself has the graph wired in (manifest, activation, server handler). */
export function graphMerged() {
  const pkg = readFileSync(join(REPO_ROOT, 'package.json'), 'utf8');
  const main = readFileSync(join(REPO_ROOT, 'src/extension/main.ts'), 'utf8');
  const handlers = readFileSync(join(REPO_ROOT, 'src/server/handlers/index.ts'), 'utf8');
  return pkg.includes('"mmnotes.openConceptGraph"') && main.includes('registerGraphFeatures') && handlers.includes('graphHandler');
}

const EXTENSION_ENTRY = `
import * as main from '../../src/extension/main';
import { registerGraphFeatures } from '../../src/extension/graph/registerGraph';
export async function activate(context: any) {
  const api = await main.activate(context);
  registerGraphFeatures(context, api.client);
  return api;
}
export const deactivate = main.deactivate;
`;

const SERVER_ENTRY = `
import { allHandlers } from '../../src/server/handlers';
import { graphHandler } from '../../src/server/graph/graphHandler';
if (!allHandlers.includes(graphHandler)) allHandlers.push(graphHandler);
require('../../src/server/main');
`;

/** A temp extension folder with the graph wired in. Returns its path (load it with extensionDevelopmentPath). */
export async function stageGraphExtension() {
  const esbuild = await import('esbuild');
  const dir = mkdtempSync(join(os.tmpdir(), 'mmnotes-graph-ext-'));
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
  const c = pkg.contributes;
  const byCommand = new Set((c.commands ?? []).map((x) => x.command));
  c.commands = [...(c.commands ?? []), ...GRAPH_CONTRIBUTES.commands.filter((x) => !byCommand.has(x.command))];
  c.views = { ...(c.views ?? {}), explorer: [...(c.views?.explorer ?? []), ...GRAPH_CONTRIBUTES.views.explorer] };
  c.menus = { ...(c.menus ?? {}) };
  for (const [k, v] of Object.entries(GRAPH_CONTRIBUTES.menus)) c.menus[k] = [...(c.menus[k] ?? []), ...v];
  pkg.activationEvents = [...new Set([...(pkg.activationEvents ?? []), ...GRAPH_CONTRIBUTES.activationEvents])];
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  const node = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', logOverride: { 'empty-import-meta': 'silent' } };
  const resolveDir = join(REPO_ROOT, 'test', 'e2e');
  await esbuild.build({ ...node, stdin: { contents: EXTENSION_ENTRY, loader: 'ts', resolveDir }, outfile: join(dir, 'dist', 'extension.js'), external: ['vscode'] });
  await esbuild.build({ ...node, stdin: { contents: SERVER_ENTRY, loader: 'ts', resolveDir }, outfile: join(dir, 'dist', 'server.js') });
  mkdirSync(join(dir, 'media'), { recursive: true });
  if (existsSync(join(REPO_ROOT, 'media'))) cpSync(join(REPO_ROOT, 'media'), join(dir, 'media'), { recursive: true });
  await esbuild.build({ bundle: true, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'warning', entryPoints: [join(REPO_ROOT, 'src/webview/graph/main.ts')], outfile: join(dir, 'media', 'dist', 'graph.js') });
  if (existsSync(join(REPO_ROOT, 'syntaxes'))) cpSync(join(REPO_ROOT, 'syntaxes'), join(dir, 'syntaxes'), { recursive: true });
  return dir;
}
