import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  CompletionItemKind,
  type CodeAction,
  type CompletionList,
  type CreateFile,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type RenameFile,
  type TextDocumentEdit,
  type WorkspaceDiagnosticReport,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { applyTextEdits } from '../unit/features/editingFixture';
import { LspSession, PNG_1X1 } from './support/lspSession';

const SAMPLE = readFileSync('/work/shared/sample-vault/Multimodal Machine Learning.md', 'utf8');
const IMAGES = [...new Set([...SAMPLE.matchAll(/!\[\[([^|\]]+)/g)].map((m) => m[1]))];
const MISSING = 'Pasted image 20240612140800.png';

const FUSION = ['---', 'aliases: [Early fusion]', '---', '# Fusion', '## Early', 'Combine first. ^early-def', '### Details'].join('\n');
const INDEX = [
  'See [[Fusion]], [[Fusion#Early|early]], [[Early fusion]] and [f](Concepts/Fusion.md#Early).',
  'Broken [[Nowhere]], ambiguous [[Dup]], heading [[Fusion#Erly]].',
].join('\n');

describe('lsp: editing', function () {
  let s: LspSession;
  const files: Record<string, string | Buffer> = {
    'Multimodal Machine Learning.md': SAMPLE,
    ...Object.fromEntries(IMAGES.filter((i) => i !== MISSING).map((i) => [`attachments/${i}`, PNG_1X1])),
    'Concepts/Fusion.md': FUSION,
    'Index.md': INDEX,
    'a/Dup.md': '# A',
    'b/Dup.md': '# B',
    'Bad YAML.md': '---\naliases: [unclosed\ntags: : :\n---\n# Still a note\n[[Nowhere either]]\n',
  };
  before(async () => {
    s = await LspSession.start(files);
  });
  after(async () => s?.close());

  const doc = (p: string) => ({ textDocument: { uri: s.uri(p) } });
  const diagnostics = async (p: string) => {
    const r = await s.request<DocumentDiagnosticReport>('textDocument/diagnostic', doc(p));
    assert.equal(r.kind, 'full');
    return (r as { items: Diagnostic[] }).items;
  };
  /** The vault's texts after a WorkspaceEdit, applied as an editor would. */
  function apply(edit: WorkspaceEdit, texts: Record<string, string>): Record<string, string> {
    const out = { ...texts };
    const pathOf = (uri: string) => Object.keys(files).find((p) => s.uri(p) === uri) ?? decodeURIComponent(uri.slice(s.uri('').length + 1));
    for (const c of edit.documentChanges ?? []) {
      if ('kind' in c && c.kind === 'rename') {
        const r = c as RenameFile;
        out[pathOf(r.newUri)] = out[pathOf(r.oldUri)];
        delete out[pathOf(r.oldUri)];
      } else if ('kind' in c && c.kind === 'create') out[pathOf((c as CreateFile).uri)] = '';
      else {
        const e = c as TextDocumentEdit;
        out[pathOf(e.textDocument.uri)] = applyTextEdits(out[pathOf(e.textDocument.uri)], e.edits as never);
      }
    }
    return out;
  }
  const texts = () => Object.fromEntries(Object.entries(files).filter(([p]) => p.endsWith('.md')) as [string, string][]);

  it('reports exactly one diagnostic for the lecture note: the one image that is missing', async () => {
    const items = await diagnostics('Multimodal Machine Learning.md');
    assert.equal(items.length, 1, JSON.stringify(items));
    assert.equal(items[0].code, 'missing-attachment');
    assert.equal(items[0].message, `The file '${MISSING}' is not in the vault.`);
    assert.equal(items[0].range.start.line, SAMPLE.split('\n').findIndex((l) => l.includes(MISSING)));
  });

  it('reports broken, ambiguous and heading links, and bad YAML beside the links below it', async () => {
    assert.deepEqual((await diagnostics('Index.md')).map((d) => d.code), ['broken-link', 'ambiguous-link', 'missing-heading']);
    const bad = await diagnostics('Bad YAML.md');
    assert.deepEqual(bad.map((d) => d.code).sort(), ['broken-link', 'frontmatter-yaml']);
    assert.equal(bad.find((d) => d.code === 'frontmatter-yaml')!.severity, 1);
  });

  it('answers workspace diagnostics, then only what changed', async () => {
    const first = await s.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
    const byUri = new Map(first.items.map((i) => [i.uri, i]));
    assert.equal((byUri.get(s.uri('Multimodal Machine Learning.md')) as { items: Diagnostic[] }).items.length, 1);
    const previousResultIds = first.items.map((i) => ({ uri: i.uri, value: i.resultId! }));
    const next = s.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds });
    s.writeFile('a/Other.md', '[[Gone]]');
    const changed = await next;
    assert.deepEqual(changed.items.map((i) => i.uri), [s.uri('a/Other.md')]);
  });

  it('completes notes, aliases and attachments after [[ and ![[', async () => {
    s.open('Draft.md', 'Start\n');
    s.change('Draft.md', 'Start\nSee [[Fus');
    const notes = await s.request<CompletionList>('textDocument/completion', { ...doc('Draft.md'), position: { line: 1, character: 9 } });
    const fusion = notes.items.find((i) => i.label === 'Fusion')!;
    assert.deepEqual(fusion.textEdit, { range: { start: { line: 1, character: 6 }, end: { line: 1, character: 9 } }, newText: 'Fusion]]' });
    assert.equal(notes.items.find((i) => i.label === 'Early fusion')?.textEdit?.newText, 'Fusion|Early fusion]]');
    const prefix = 'Pasted image 2024061214';
    s.change('Draft.md', `Start\n![[${prefix}]]`);
    const embeds = await s.request<CompletionList>('textDocument/completion', { ...doc('Draft.md'), position: { line: 1, character: 3 + prefix.length } });
    const expected = IMAGES.filter((i) => i.startsWith(prefix) && i !== MISSING).sort();
    assert.ok(expected.length >= 5);
    const top = embeds.items.slice(0, expected.length);
    assert.deepEqual(top.map((i) => i.label).sort(), expected);
    assert.ok(top.every((i) => i.textEdit!.newText === i.label), 'no second ]]');
    assert.ok(!embeds.items.some((i) => i.label === MISSING));
  });

  it('completes Markdown link destinations: files as encoded paths from the note, folders, headings', async () => {
    const trigger = (s.capabilities.completionProvider as { triggerCharacters: string[] }).triggerCharacters;
    assert.ok(['(', '/', '#'].every((c) => trigger.includes(c)), trigger.join(' '));
    const complete = async (line: string) => {
      s.change('Notes/Reading.md', `Start\n${line}`);
      const position = { line: 1, character: line.length };
      return (await s.request<CompletionList>('textDocument/completion', { ...doc('Notes/Reading.md'), position })).items;
    };
    s.open('Notes/Reading.md', 'Start\n');

    const images = await complete('![](Pasted');
    const onDisk = IMAGES.filter((i) => i !== MISSING).sort();
    assert.deepEqual(images.slice(0, onDisk.length).map((i) => i.label), onDisk);
    assert.deepEqual(images[0].textEdit, {
      range: { start: { line: 1, character: 4 }, end: { line: 1, character: 10 } },
      newText: `../attachments/${onDisk[0].replace(/ /g, '%20')}`,
    });
    assert.ok(!images.some((i) => i.label === MISSING));

    const up = await complete('[x](../');
    const folder = up.find((i) => i.label === 'Concepts/')!;
    assert.equal(folder.kind, CompletionItemKind.Folder);
    assert.equal(folder.command?.command, 'editor.action.triggerSuggest');
    assert.equal(up.find((i) => i.label === 'Multimodal Machine Learning.md')?.textEdit?.newText, 'Multimodal%20Machine%20Learning.md');

    const headings = await complete('[f](../Concepts/Fusion.md#Ea');
    assert.deepEqual(headings[0].textEdit, { range: { start: { line: 1, character: 26 }, end: { line: 1, character: 28 } }, newText: 'Early' });
    assert.equal((await complete('`[x](')).length, 0);
    assert.equal((await complete('[x](https://')).length, 0);
  });

  it('renames a note from a link, updating every link', async () => {
    const at = { ...doc('Index.md'), position: { line: 0, character: 8 } };
    const prep = await s.request<{ placeholder: string }>('textDocument/prepareRename', at);
    assert.equal(prep.placeholder, 'Fusion');
    const edit = await s.request<WorkspaceEdit>('textDocument/rename', { ...at, newName: 'Fusion Methods' });
    const after = apply(edit, texts());
    assert.ok('Concepts/Fusion Methods.md' in after && !('Concepts/Fusion.md' in after));
    assert.equal(
      after['Index.md'].split('\n')[0],
      'See [[Fusion Methods]], [[Fusion Methods#Early|early]], [[Early fusion]] and [f](Concepts/Fusion%20Methods.md#Early).',
    );
    // The client reports the rename back; the links are already updated.
    const echo = await s.request('workspace/willRenameFiles', {
      files: [{ oldUri: s.uri('Concepts/Fusion.md'), newUri: s.uri('Concepts/Fusion Methods.md') }],
    });
    assert.equal(echo, null);
  });

  it('renames a heading and refuses a bad name with a message', async () => {
    const at = { ...doc('Concepts/Fusion.md'), position: { line: 4, character: 4 } };
    const edit = await s.request<WorkspaceEdit>('textDocument/rename', { ...at, newName: 'Early fusion' });
    const after = apply(edit, texts());
    assert.match(after['Concepts/Fusion.md'], /^## Early fusion$/m);
    assert.match(after['Index.md'], /\[\[Fusion#Early fusion\|early\]\]/);
    assert.match(after['Index.md'], /\(Concepts\/Fusion\.md#Early%20fusion\)/);
    await assert.rejects(s.request('textDocument/rename', { ...at, newName: 'A|B' }), /cannot contain/);
  });

  it('updates links when files move in the explorer', async () => {
    const edit = await s.request<WorkspaceEdit>('workspace/willRenameFiles', {
      files: [{ oldUri: s.uri('Concepts'), newUri: s.uri('Archive/Concepts') }],
    });
    const after = apply(edit, texts());
    assert.match(after['Index.md'], /\[f\]\(Archive\/Concepts\/Fusion\.md#Early\)/);
    assert.match(after['Index.md'], /^See \[\[Fusion\]\]/);
  });

  it('offers quick fixes: create the note, pick a candidate, pick a heading', async () => {
    const line = INDEX.split('\n')[1];
    const range = { start: { line: 1, character: 0 }, end: { line: 1, character: line.length } };
    const actions = await s.request<CodeAction[]>('textDocument/codeAction', { ...doc('Index.md'), range, context: { diagnostics: [] } });
    const titles = actions.map((a) => a.title);
    assert.deepEqual(titles.slice(0, 3), ["Create note 'Nowhere'", 'Link to a/Dup.md', 'Link to b/Dup.md']);
    assert.ok(titles.includes("Change to heading 'Early'"));
    const create = actions[0].edit!.documentChanges!;
    assert.deepEqual(create[0], { kind: 'create', uri: s.uri('Nowhere.md'), options: { ignoreIfExists: true } });
    assert.match(apply(actions[1].edit!, texts())['Index.md'], /ambiguous \[\[a\/Dup\]\]/);
  });

  it('survives garbage: random text, unclosed and empty links', async () => {
    const random = Array.from({ length: 5000 }, (_, i) => String.fromCharCode(((i * 7919) % 0x2fff) + 9)).join('');
    const cases = { 'g1.md': random, 'g3.md': 'text [[\nmore [[Fus', 'g4.md': '![[|]] [[#]] [[^]] [[|]] ![[#^]] [](<>) [[' };
    for (const [p, text] of Object.entries(cases)) {
      s.open(p, text);
      const last = text.split('\n').length - 1;
      const position = { line: last, character: text.split('\n')[last].length };
      await s.request('textDocument/diagnostic', doc(p));
      await s.request('textDocument/completion', { ...doc(p), position });
      await s.request('textDocument/prepareRename', { ...doc(p), position: { line: 0, character: 3 } }).catch(() => undefined);
      await s.request('textDocument/codeAction', { ...doc(p), range: { start: { line: 0, character: 0 }, end: position }, context: { diagnostics: [] } });
    }
    assert.ok(s.alive);
    assert.equal((await diagnostics('Multimodal Machine Learning.md')).length, 1);
  });

  it('survives a 2 MB note', async function () {
    // Parsing 2 MB takes the Markdown parser many seconds on a loaded machine; the point is that the server lives and answers.
    this.timeout(240_000);
    const paragraph = 'A paragraph about [[Fusion]] with ==a mark== and `code`. ' + 'Plain words follow here. '.repeat(40) + '\n\n';
    const big = paragraph.repeat(Math.ceil((2 * 1024 * 1024) / paragraph.length));
    s.open('big.md', big);
    const r = (await s.conn.sendRequest('textDocument/diagnostic', doc('big.md'))) as { items: Diagnostic[] };
    assert.equal(r.items.length, 0);
    const completion = (await s.conn.sendRequest('textDocument/completion', { ...doc('big.md'), position: { line: 0, character: 20 } })) as CompletionList;
    assert.ok(completion.items.length > 0);
    assert.ok(s.alive);
  });
});
