// What the review e2e test needs from the extension, and a staged copy of it while the lead has
// not merged the flashcards yet: package.json contributes (the proposal for the real manifest),
// an extension bundle whose activate() also calls registerCards, and a server bundle whose
// handlers include cardsHandler. Once package.json, src/extension/main.ts and
// src/server/handlers/index.ts have them, `cardsMerged()` is true and the test uses the repo.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/codeServer.mjs';

const bool = (def, description) => ({ type: 'boolean', default: def, description });
const num = (def, description, extra = {}) => ({ type: 'number', default: def, description, ...extra });
const globs = (description) => ({ type: 'array', items: { type: 'string' }, default: [], description });

/** The manifest entries the flashcards need (merged into package.json `contributes` by the lead). */
export const CARDS_CONTRIBUTES = {
  commands: [
    { command: 'mmnotes.reviewCards', title: 'Review Flashcards', category: 'mmnotes', icon: '$(mortar-board)' },
    { command: 'mmnotes.listNoteCards', title: 'List Cards in This Note', category: 'mmnotes' },
    { command: 'mmnotes.exportAnki', title: 'Export Cards to Anki…', category: 'mmnotes' },
  ],
  menus: {
    commandPalette: [{ command: 'mmnotes.listNoteCards', when: 'editorLangId == markdown' }],
  },
  configuration: {
    'mmnotes.cards.definitionColon': bool(true, 'Make a card of `==Term==: definition` (also `==Term:== definition` and `==Term== ("Alias"): definition`).'),
    'mmnotes.cards.definitionItem': bool(true, 'Make a card of a `==Term==` list item whose nested item starts `Definition:`.'),
    'mmnotes.cards.definitionNext': bool(true, 'Make a card of `==Term:==` alone on its line, defined by the lines or paragraph that follow.'),
    'mmnotes.cards.cloze': bool(true, 'Make a cloze card of each other highlight in a sentence.'),
    'mmnotes.cards.reverse': bool(false, 'Also ask each definition the other way round (definition → term). A note can ask for it with `mmnotes-cards: reverse`.'),
    'mmnotes.cards.noteSwitch': bool(true, 'Honour `mmnotes-cards: false|true|reverse` in a note\'s frontmatter.'),
    'mmnotes.cards.folderRules': bool(true, 'Honour mmnotes.cards.includeFolders and mmnotes.cards.excludeFolders.'),
    'mmnotes.cards.lineMarkers': bool(true, 'Honour `%% no-card %%` and `%% card %%` on a line.'),
    'mmnotes.cards.includeFolders': globs('When not empty, only notes under these folders or globs (vault-relative) make cards.'),
    'mmnotes.cards.excludeFolders': globs('Notes under these folders or globs (vault-relative, e.g. `Templates`) make no cards.'),
    'mmnotes.cards.maxTermChars': num(80, 'A longer highlight is not a term (it can still be a cloze).', { minimum: 1 }),
    'mmnotes.cards.maxClozeWords': num(30, 'A highlight of more words makes no cloze (too long to recall); `%% card %%` overrides.', { minimum: 1 }),
    'mmnotes.cards.minClozeContextWords': num(3, 'Words of the sentence that must stay visible around a cloze, or it makes no card; `%% card %%` overrides.', { minimum: 0 }),
    'mmnotes.cards.maxFieldChars': num(2000, 'Card text past this many characters is shortened (the note keeps it all).', { minimum: 100 }),
    'mmnotes.cards.newPerDay': num(20, 'New cards introduced per day, across the vault.', { minimum: 0 }),
    'mmnotes.cards.desiredRetention': num(0.9, 'FSRS: the probability of recall to schedule for (higher means more reviews).', { minimum: 0.7, maximum: 0.99 }),
    'mmnotes.cards.maximumIntervalDays': num(36500, 'FSRS: the longest interval between two reviews, in days.', { minimum: 1 }),
    'mmnotes.cards.codeLens': bool(true, 'Show `card · due in 3d` above each line that makes cards.'),
  },
};

/** True when the repo itself has the flashcards wired in (manifest, activation, server handler). */
export function cardsMerged() {
  const pkg = readFileSync(join(REPO_ROOT, 'package.json'), 'utf8');
  const main = readFileSync(join(REPO_ROOT, 'src/extension/main.ts'), 'utf8');
  const handlers = readFileSync(join(REPO_ROOT, 'src/server/handlers/index.ts'), 'utf8');
  return pkg.includes('"mmnotes.reviewCards"') && main.includes('registerCards') && /cardsHandler/.test(handlers.replace(/.*TEMP\(cards helper\).*\n/g, ''));
}

const EXTENSION_ENTRY = `
import * as main from '../../src/extension/main';
import { registerCards } from '../../src/extension/cards';
export async function activate(context: any) {
  const api = await main.activate(context);
  registerCards(context, api.client);
  return api;
}
export const deactivate = main.deactivate;
`;

const SERVER_ENTRY = `
import { allHandlers } from '../../src/server/handlers';
import { cardsHandler } from '../../src/server/cards/cardsHandler';
if (!allHandlers.includes(cardsHandler)) allHandlers.push(cardsHandler);
require('../../src/server/main');
`;

/**
 * A temp extension folder: the repo's manifest plus CARDS_CONTRIBUTES, bundles built from the
 * entries above, and media/. Returns its path (load it with extensionDevelopmentPath).
 */
export async function stageExtension() {
  const esbuild = await import('esbuild');
  const dir = mkdtempSync(join(os.tmpdir(), 'mmnotes-ext-'));
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
  const c = pkg.contributes;
  c.commands = [...(c.commands ?? []), ...CARDS_CONTRIBUTES.commands];
  c.menus = { ...(c.menus ?? {}), commandPalette: [...(c.menus?.commandPalette ?? []), ...CARDS_CONTRIBUTES.menus.commandPalette] };
  Object.assign(c.configuration.properties, CARDS_CONTRIBUTES.configuration);
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  const node = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', logOverride: { 'empty-import-meta': 'silent' } };
  const resolveDir = join(REPO_ROOT, 'test', 'e2e');
  await esbuild.build({ ...node, stdin: { contents: EXTENSION_ENTRY, loader: 'ts', resolveDir }, outfile: join(dir, 'dist', 'extension.js'), external: ['vscode'] });
  await esbuild.build({ ...node, stdin: { contents: SERVER_ENTRY, loader: 'ts', resolveDir }, outfile: join(dir, 'dist', 'server.js') });
  if (!existsSync(join(REPO_ROOT, 'media', 'dist', 'review.js'))) throw new Error('media/dist/review.js is missing: run node esbuild.mjs');
  mkdirSync(join(dir, 'media'), { recursive: true });
  cpSync(join(REPO_ROOT, 'media'), join(dir, 'media'), { recursive: true });
  if (existsSync(join(REPO_ROOT, 'syntaxes'))) cpSync(join(REPO_ROOT, 'syntaxes'), join(dir, 'syntaxes'), { recursive: true });
  return dir;
}
