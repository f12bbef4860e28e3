// Extension-host tests: the real extension in a real VS Code, on a copy of sample-vault/.
// They ask VS Code's own command API, so they check what the editor gets from the server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'mmnotes.mmnotes';
const NOTE = 'Multimodal Machine Learning.md';
const IMAGE = 'Pasted image 20240608095521.png';

/** Retries `check` until it stops throwing or `ms` pass; then throws its last error. */
async function eventually<T>(what: string, check: () => Promise<T> | T, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? last.message : String(last);
      throw new Error(`${what} (still failing after ${ms / 1000} s): ${detail}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open: the runner must open a copy of sample-vault/ (?folder=...)');
  return folder.uri;
}

function text(c: vscode.MarkdownString | vscode.MarkedString): string {
  if (typeof c === 'string') return c;
  return 'value' in c ? c.value : '';
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Every file of the vault, by lower-cased file name. */
async function vaultFiles(): Promise<Map<string, vscode.Uri>> {
  const uris = await vscode.workspace.findFiles('**/*', '**/{.obsidian,.git,node_modules}/**');
  assert.ok(uris.length > 0, 'workspace.findFiles found no file: is ripgrep working in this VS Code?');
  return new Map(uris.map((u) => [u.path.slice(u.path.lastIndexOf('/') + 1).toLowerCase(), u]));
}

interface Link { line: number; character: number; target: string; embed: boolean }

/** `[[...]]` links of a document (target without `#...` and `|...`), skipping fenced code. */
function linksOf(doc: vscode.TextDocument): Link[] {
  const out: Link[] = [];
  let fenced = false;
  for (let line = 0; line < doc.lineCount; line++) {
    const t = doc.lineAt(line).text;
    if (/^\s*(```|~~~)/.test(t)) fenced = !fenced;
    if (fenced) continue;
    for (const m of t.matchAll(/(!?)\[\[([^\]|#^]+)[^\]]*\]\]/g)) {
      out.push({ line, character: m.index! + m[1]!.length + 2, target: m[2]!.trim(), embed: m[1] === '!' });
    }
  }
  return out;
}

describe('mmnotes in a real VS Code (extension host)', function () {
  this.timeout(120_000);
  let note: vscode.TextDocument;

  before(async () => {
    const uri = vscode.Uri.joinPath(workspaceRoot(), NOTE);
    note = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(note);
  });

  afterEach(async () => {
    // Tests edit the note in memory only; put it back so that the next test sees the file.
    if (note?.isDirty) {
      await vscode.window.showTextDocument(note);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it(`activates ${EXTENSION_ID} when a Markdown note is opened`, async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded: check package.json publisher/name and the extensionDevelopmentPath`);
    await eventually(`${EXTENSION_ID} did not activate after opening ${NOTE}`, () => assert.ok(ext.isActive, 'not active yet'), 30_000);
  });

  it(`hover on ![[${IMAGE}]] shows the image`, async () => {
    const files = await vaultFiles();
    assert.ok(files.has(IMAGE.toLowerCase()), `the vault has no ${IMAGE}; the hover test needs it`);
    const link = linksOf(note).find((l) => l.embed && l.target === IMAGE);
    assert.ok(link, `${NOTE} has no ![[${IMAGE}]] embed`);
    const pos = new vscode.Position(link.line, link.character + 3);
    await eventually(`hover at ${NOTE}:${link.line + 1}:${pos.character + 1} should contain the image (![](...png) or <img>)`, async () => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', note.uri, pos)) ?? [];
      const contents = hovers.flatMap((h) => h.contents.map(text));
      const hasImage = contents.some((c) => /!\[[^\]]*\]\([^)]*\.png[^)]*\)|<img\s[^>]*src=/i.test(c));
      assert.ok(hasImage, `got ${hovers.length} hover(s): ${JSON.stringify(contents).slice(0, 400)}`);
    });
  });

  it('completion after [[ lists the notes of the vault', async () => {
    const files = await vaultFiles();
    const notes = [...files.keys()].filter((n) => n.endsWith('.md') && n !== NOTE.toLowerCase()).map((n) => n.slice(0, -3));
    assert.ok(notes.length > 0, 'the vault has no other note to complete');
    const editor = await vscode.window.showTextDocument(note);
    const end = note.lineAt(note.lineCount - 1).range.end;
    assert.ok(await editor.edit((e) => e.insert(end, '\n\n[[')), 'could not type [[ into the note');
    const pos = note.lineAt(note.lineCount - 1).range.end;
    await eventually(`completion at the end of "[[" should list one of: ${notes.join(', ')}`, async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', note.uri, pos, '[');
      const items = list?.items ?? [];
      const texts = items.map((i) => [labelOf(i), typeof i.insertText === 'string' ? i.insertText : i.insertText?.value ?? '', i.filterText ?? ''].join(' ').toLowerCase());
      const hit = notes.find((n) => texts.some((t) => t.includes(n)));
      assert.ok(hit, `got ${items.length} item(s): ${items.slice(0, 15).map(labelOf).join(', ')}`);
    });
  });

  it('go to definition of a [[note]] link opens that note', async () => {
    const files = await vaultFiles();
    // Prefer a link in the sample note; else the first link to a note anywhere in the vault.
    const mdFiles = [...files.values()].filter((u) => u.path.endsWith('.md'));
    const docs = [note, ...(await Promise.all(mdFiles.filter((u) => u.toString() !== note.uri.toString()).map((u) => vscode.workspace.openTextDocument(u))))];
    let found: { doc: vscode.TextDocument; link: Link; target: vscode.Uri } | undefined;
    for (const doc of docs) {
      for (const link of linksOf(doc)) {
        const target = link.embed ? undefined : files.get(`${link.target.split('/').pop()!.toLowerCase()}.md`);
        if (target) { found = { doc, link, target }; break; }
      }
      if (found) break;
    }
    assert.ok(found, 'no [[note]] link to an existing note in the vault');
    const { doc, link, target } = found;
    const pos = new vscode.Position(link.line, link.character + 1);
    const where = `${vscode.workspace.asRelativePath(doc.uri)}:${link.line + 1}:${pos.character + 1} [[${link.target}]]`;
    await eventually(`definition of ${where} should point to ${vscode.workspace.asRelativePath(target)}`, async () => {
      const defs = (await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, pos)) ?? [];
      const uris = defs.map((d) => ('targetUri' in d ? d.targetUri : d.uri));
      assert.ok(uris.some((u) => u.path === target.path), `got ${JSON.stringify(uris.map((u) => vscode.workspace.asRelativePath(u)))}`);
    });
  });

  it('reports a diagnostic for an embedded image that is not in the vault', async () => {
    const files = await vaultFiles();
    const missing = linksOf(note).filter((l) => l.embed && /\.(png|jpe?g|gif|svg|webp)$/i.test(l.target) && !files.has(l.target.split('/').pop()!.toLowerCase()));
    assert.ok(missing.length > 0, `every image embedded in ${NOTE} exists; the test needs a missing one`);
    const first = missing[0]!;
    await eventually(`a diagnostic on ${NOTE}:${first.line + 1} for the missing ![[${first.target}]]`, () => {
      const diags = vscode.languages.getDiagnostics(note.uri);
      const hit = diags.find((d) => d.range.start.line === first.line);
      assert.ok(hit, `got ${diags.length} diagnostic(s): ${diags.slice(0, 10).map((d) => `${d.range.start.line + 1}: ${d.message}`).join(' | ')}`);
    });
  });
});
