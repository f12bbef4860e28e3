// Paste and drop of files, through the provider itself in the real extension host: real
// vscode.DataTransfer, real WorkspaceEdit, real workspace.fs, on a copy of sample-vault/ (whose
// .obsidian/app.json puts attachments in attachments/). The browser clipboard path (Control+V of
// a screenshot) is covered end to end by test/e2e/paste.e2e.mjs; dropping from the OS cannot be
// driven there, so drops are covered here.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { AttachmentEditProvider, DEFAULT_KIND } from '../../src/extension/paste/attachmentEditProvider';

const NOTE = 'Modalities.md';
const IN_VAULT = 'attachments/Pasted image 20240608095521.png';
const NOW = new Date(2031, 0, 2, 3, 4, 5);
const never = new vscode.CancellationTokenSource().token;

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder: the runner opens a copy of sample-vault/');
  return folder.uri;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** A file as a browser or the OS hands it over: a name, maybe a URI, bytes on demand. */
class FileItem extends vscode.DataTransferItem {
  constructor(private readonly file: vscode.DataTransferFile) {
    super('');
  }
  override asFile(): vscode.DataTransferFile {
    return this.file;
  }
}

describe('paste and drop of files into a note (extension host)', function () {
  this.timeout(60_000);
  const provider = new AttachmentEditProvider(() => NOW);
  let note: vscode.TextDocument;
  let outside: string;
  const created: vscode.Uri[] = [];

  before(async () => {
    note = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), NOTE));
    outside = mkdtempSync(join(tmpdir(), 'mmnotes-drop-'));
  });

  after(async () => {
    for (const u of created) await vscode.workspace.fs.delete(u).then(undefined, () => undefined);
    rmSync(outside, { recursive: true, force: true });
  });

  it('a file dropped from outside the vault is copied to attachments/ under a safe name and embedded', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const src = join(outside, 'Fig #1 | draft.png');
    writeFileSync(src, bytes);
    const dt = new vscode.DataTransfer();
    dt.set('text/uri-list', new vscode.DataTransferItem(vscode.Uri.file(src).toString()));
    const edit = await provider.provideDocumentDropEdits(note, new vscode.Position(0, 0), dt, never);
    assert.ok(edit, 'an edit is offered');
    assert.equal(edit.insertText, '![[Fig 1 draft.png]]');
    assert.equal(edit.kind?.value, DEFAULT_KIND.value);
    assert.ok(edit.yieldTo?.some((k) => k.value === 'text'), 'plain text still wins when there is some');
    assert.match(edit.title ?? '', /attachments\//);

    const target = vscode.Uri.joinPath(root(), 'attachments', 'Fig 1 draft.png');
    created.push(target);
    assert.ok(await vscode.workspace.applyEdit(edit.additionalEdit!), 'the WorkspaceEdit applies');
    assert.deepEqual([...(await vscode.workspace.fs.readFile(target))], [...bytes]);

    // The same drop again never overwrites: Obsidian's suffix.
    const again = await provider.provideDocumentDropEdits(note, new vscode.Position(0, 0), dt, never);
    assert.equal(again?.insertText, '![[Fig 1 draft 1.png]]');
  });

  it('a file already in the vault is linked, not copied', async () => {
    const dt = new vscode.DataTransfer();
    dt.set('text/uri-list', new vscode.DataTransferItem(vscode.Uri.joinPath(root(), ...IN_VAULT.split('/')).toString()));
    const edit = await provider.provideDocumentDropEdits(note, new vscode.Position(0, 0), dt, never);
    assert.equal(edit?.insertText, '![[Pasted image 20240608095521.png]]');
    assert.equal(edit?.additionalEdit, undefined, 'no file to write');
  });

  it('a clipboard image is named Pasted image YYYYMMDDHHmmss.png; a copied file keeps its name', async () => {
    const data = async () => new Uint8Array([1, 2, 3]);
    const shot = new vscode.DataTransfer();
    shot.set('image/png', new FileItem({ name: 'image.png', data }));
    const context = { only: undefined, triggerKind: vscode.DocumentPasteTriggerKind.Automatic };
    const [edit] = (await provider.provideDocumentPasteEdits(note, [new vscode.Range(0, 0, 0, 0)], shot, context, never)) ?? [];
    assert.equal(edit?.insertText, '![[Pasted image 20310102030405.png]]');
    // Not applied: a hand-made DataTransferFile cannot travel to the workbench (the e2e test pastes a real one).
    assert.ok(!(await exists(vscode.Uri.joinPath(root(), 'attachments', 'Pasted image 20310102030405.png'))), 'nothing is written before the edit is applied');

    const copied = new vscode.DataTransfer();
    copied.set('image/png', new FileItem({ name: 'Diagram.png', data }));
    const [named] = (await provider.provideDocumentPasteEdits(note, [new vscode.Range(0, 0, 0, 0)], copied, context, never)) ?? [];
    assert.equal(named?.insertText, '![[Diagram.png]]');
  });

  it('offers nothing for plain text or web links', async () => {
    const dt = new vscode.DataTransfer();
    dt.set('text/plain', new vscode.DataTransferItem('hello'));
    dt.set('text/uri-list', new vscode.DataTransferItem('https://example.com/a.png'));
    assert.equal(await provider.provideDocumentDropEdits(note, new vscode.Position(0, 0), dt, never), undefined);
  });
});
