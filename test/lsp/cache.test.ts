/**
 * The parse cache across restarts, as a user meets it: a reopened window
 * starts from the cache and shows the same diagnostics; a note changed while
 * the editor was closed is read again; a corrupt cache file is ignored,
 * reported in the log and rewritten.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver/node';
import { LspSession } from './support/lspSession';

const SAMPLE = readFileSync('/work/shared/sample-vault/Multimodal Machine Learning.md', 'utf8');

describe('lsp: parse cache across restarts', function () {
  this.timeout(60_000);
  const files = {
    'Multimodal Machine Learning.md': SAMPLE,
    'Index.md': 'See [[Multimodal Machine Learning#Core Challenges]] and [[Nowhere]].\n',
    'Fusion.md': '---\naliases: [Early fusion]\n---\n# Fusion\n',
  };
  let root = '';
  let s: LspSession | undefined;
  afterEach(async () => {
    await s?.close({ keepFiles: true });
    s = undefined;
  });
  after(async () => {
    // One last session that removes the vault and its cache.
    if (root) await (await LspSession.start({}, {}, { root })).close();
  });

  const diagnostics = async (session: LspSession, p: string) => {
    const r = await session.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: session.uri(p) } });
    return ((r as { items: Diagnostic[] }).items ?? []).map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`).sort();
  };
  const indexedLine = (session: LspSession) =>
    (session.notifications('window/logMessage') as { message: string }[]).map((m) => m.message).find((m) => m.includes('mmnotes: indexed')) ?? '';

  let first: string[] = [];
  it('parses everything on the first start and saves the cache on shutdown', async () => {
    s = await LspSession.start(files);
    root = s.root;
    assert.match(indexedLine(s), /\(0 from the cache, (\d+ of them unread as unchanged, )?3 parsed\)/);
    first = await diagnostics(s, 'Index.md');
    assert.ok(first.some((d) => d.includes('Nowhere')), first.join('\n'));
    await s.close({ keepFiles: true });
    s = undefined;
    assert.ok(existsSync(`${root}-cache/parse-cache.bin`), 'cache file written');
  });

  it('starts from the cache after a restart, with the same diagnostics', async () => {
    s = await LspSession.start({}, {}, { root });
    assert.match(indexedLine(s), /\(3 from the cache, (\d+ of them unread as unchanged, )?0 parsed\)/);
    assert.deepEqual(await diagnostics(s, 'Index.md'), first);
  });

  it('reads a note changed while the editor was closed', async () => {
    writeFileSync(`${root}/Index.md`, 'Now [[Fusion]] and [[Early fusion]] and [[Gone]].\n');
    s = await LspSession.start({}, {}, { root });
    assert.match(indexedLine(s), /\(2 from the cache, (\d+ of them unread as unchanged, )?1 parsed\)/);
    const now = await diagnostics(s, 'Index.md');
    assert.equal(now.length, 1, now.join('\n'));
    assert.match(now[0], /Gone/);
  });

  it('ignores a corrupt cache file, says so in the log, and writes a good one', async () => {
    writeFileSync(`${root}-cache/parse-cache.bin`, Buffer.from('not a cache at all'.repeat(100)));
    s = await LspSession.start({}, {}, { root });
    const log = (s.notifications('window/logMessage') as { message: string }[]).map((m) => m.message).join('\n');
    assert.match(log, /parse cache .*: (?!\d+ notes)/);
    assert.match(indexedLine(s), /\(0 from the cache, (\d+ of them unread as unchanged, )?3 parsed\)/);
    assert.equal((await diagnostics(s, 'Index.md')).length, 1);
    await s.close({ keepFiles: true });
    s = await LspSession.start({}, {}, { root });
    assert.match(indexedLine(s), /\(3 from the cache, (\d+ of them unread as unchanged, )?0 parsed\)/);
  });

  it('follows names that changed while the editor was closed, for notes taken unread with their saved links', async () => {
    // Index.md is unchanged; a note it links to appears, an alias it uses moves to another name.
    writeFileSync(`${root}/Gone.md`, '# Gone\nBack now.\n');
    writeFileSync(`${root}/Fusion.md`, '---\naliases: [Late fusion]\n---\n# Fusion\n');
    s = await LspSession.start({}, {}, { root });
    assert.match(indexedLine(s), /\(2 from the cache, 2 of them unread as unchanged, 2 parsed\)/);
    const now = await diagnostics(s, 'Index.md');
    assert.equal(now.length, 1, now.join('\n'));
    assert.match(now[0], /Early fusion/);
    const refs = await s.request<unknown[]>('textDocument/references', { textDocument: { uri: s.uri('Gone.md') }, position: { line: 1, character: 0 }, context: { includeDeclaration: false } });
    assert.equal(refs.length, 1, 'the unread note links to the new one');
  });
});
