import * as assert from 'node:assert/strict';
import { linkUpdatesForMoves } from '../../../src/core/features/moves';
import { prepareRename, renameAt } from '../../../src/core/features/rename';
import type { VaultEdit } from '../../../src/core/features/types';
import { applyMoves, applyVaultEdit, posOf, unresolvedLinks, vault } from './editingFixture';

const FUSION = ['---', 'aliases: [Early fusion]', '---', '# Fusion', '## Early', 'Combines early. ^early-def', '### Details', 'See [[#Early]].'].join('\n');

/** Renames at the `n`th `needle` (+delta) in `path` and returns the vault as the user sees it afterwards. */
function renamed(files: Record<string, string>, path: string, needle: string, newName: string, delta = 1): Record<string, string> {
  const index = vault(files);
  const edit = renameAt(index, path, posOf(files[path], needle, delta), newName);
  if ('error' in edit) throw new Error(edit.error);
  return applyVaultEdit(files, edit);
}

function renameError(files: Record<string, string>, path: string, needle: string, newName: string, delta = 1): string {
  const edit = renameAt(vault(files), path, posOf(files[path], needle, delta), newName);
  return 'error' in edit ? edit.error : 'no error';
}

describe('editing: rename', () => {
  const files = {
    'ML/Fusion.md': FUSION,
    'index.md': [
      'A [[Fusion]], [[Fusion#Early|early]], [[ML/Fusion#Early#Details]], [[Early fusion]], ![[Fusion#^early-def]]',
      'B [md](ML/Fusion.md#Early) and [enc](<ML/Fusion.md>)',
    ].join('\n'),
    'ML/other.md': '[rel](Fusion.md) [[Fusion.md|with ext]]',
  };

  it('renames a note from a link: the file moves and every link keeps its alias, heading, block and style', () => {
    const after = renamed(files, 'index.md', '[[Fusion]]', 'Fusion Methods', 3);
    assert.ok(!('ML/Fusion.md' in after) && after['ML/Fusion Methods.md'] === FUSION);
    assert.equal(
      after['index.md'],
      [
        'A [[Fusion Methods]], [[Fusion Methods#Early|early]], [[ML/Fusion Methods#Early#Details]], [[Early fusion]], ![[Fusion Methods#^early-def]]',
        'B [md](ML/Fusion%20Methods.md#Early) and [enc](<ML/Fusion Methods.md>)',
      ].join('\n'),
    );
    assert.equal(after['ML/other.md'], '[rel](Fusion%20Methods.md) [[Fusion Methods.md|with ext]]');
    assert.deepEqual(unresolvedLinks(after), []);
  });

  it('prepares a note rename with the link path and the current name', () => {
    const t = prepareRename(vault(files), 'index.md', posOf(files['index.md'], '[[ML/Fusion', 4));
    assert.ok(!('error' in t));
    assert.equal(t.kind, 'file');
    assert.equal(t.placeholder, 'Fusion');
  });

  it('writes a folder when the new name is taken elsewhere, so no link turns ambiguous', () => {
    const v = { 'a/Foo.md': '', 'b/Bar.md': '', 'n.md': '[[Foo]] [[Bar]]' };
    const after = renamed(v, 'n.md', '[[Foo', 'Bar', 3);
    assert.equal(after['n.md'], '[[a/Bar]] [[b/Bar]]');
    assert.deepEqual(unresolvedLinks(after), []);
  });

  it('refuses names that exist or would break links', () => {
    const v = { 'Foo.md': '', 'Bar.md': '', 'n.md': '[[Foo]]' };
    assert.equal(renameError(v, 'n.md', '[[Foo', 'Bar', 3), "A file named 'Bar.md' already exists at the top of the vault.");
    assert.match(renameError(v, 'n.md', '[[Foo', 'A#B', 3), /cannot be a file name here/);
    assert.match(renameError({ 'n.md': '[[Nowhere]]' }, 'n.md', '[[Now', 'X', 3), /leads to no file/);
    assert.match(renameError({ 'n.md': 'plain text' }, 'n.md', 'plain', 'X'), /Put the cursor on a link, a heading or a \^block-id/);
  });

  it('renames a heading from its line and updates every link to it, in this note and others', () => {
    const after = renamed(files, 'ML/Fusion.md', '## Early', 'Early fusion methods', 4);
    assert.match(after['ML/Fusion.md'], /^## Early fusion methods$/m);
    assert.match(after['ML/Fusion.md'], /See \[\[#Early fusion methods\]\]\./);
    assert.equal(
      after['index.md'],
      [
        'A [[Fusion]], [[Fusion#Early fusion methods|early]], [[ML/Fusion#Early fusion methods#Details]], [[Early fusion]], ![[Fusion#^early-def]]',
        'B [md](ML/Fusion.md#Early%20fusion%20methods) and [enc](<ML/Fusion.md>)',
      ].join('\n'),
    );
  });

  it('renames a heading from a link to it, and refuses a heading the note already has', () => {
    const after = renamed(files, 'index.md', '#Details', 'More', 2);
    assert.match(after['ML/Fusion.md'], /^### More$/m);
    assert.match(after['index.md'], /\[\[ML\/Fusion#Early#More\]\]/);
    assert.match(renameError(files, 'index.md', '#Details', 'early', 2), /already has a heading 'Early'/);
  });

  it('renames a block id from its marker or from a link, and checks the new id', () => {
    const fromMarker = renamed(files, 'ML/Fusion.md', '^early-def', 'early', 2);
    assert.match(fromMarker['ML/Fusion.md'], /Combines early\. \^early$/m);
    assert.match(fromMarker['index.md'], /!\[\[Fusion#\^early\]\]/);
    const fromLink = renamed(files, 'index.md', '^early-def', '^def-1', 2);
    assert.match(fromLink['ML/Fusion.md'], /\^def-1$/m);
    assert.match(renameError(files, 'index.md', '^early-def', 'has space', 2), /only letters, digits and dashes/);
  });
});

describe('editing: file moves', () => {
  function moved(files: Record<string, string>, moves: { from: string; to: string }[]): Record<string, string> {
    const edit: VaultEdit = linkUpdatesForMoves(vault(files), moves);
    return applyMoves(applyVaultEdit(files, edit, true), moves);
  }

  it('updates path links to a moved note and leaves name links that still resolve', () => {
    const files = { 'Fusion.md': '# F', 'index.md': '[[Fusion]] [[Fusion#F|f]] [md](Fusion.md) ![](<Fusion.md>)' };
    const after = moved(files, [{ from: 'Fusion.md', to: 'ML/Fusion.md' }]);
    assert.equal(after['index.md'], '[[Fusion]] [[Fusion#F|f]] [md](ML/Fusion.md) ![](<ML/Fusion.md>)');
    assert.deepEqual(unresolvedLinks(after), []);
  });

  it('rewrites relative Markdown links inside a moved note', () => {
    const files = { 'B.md': '', 'notes/img/p.png': '', 'notes/A.md': '[b](../B.md) ![p](img/p.png) [[B]] [self](A.md)' };
    const after = moved(files, [{ from: 'notes/A.md', to: 'notes/deep/A.md' }]);
    assert.equal(after['notes/deep/A.md'], '[b](../../B.md) ![p](../img/p.png) [[B]] [self](A.md)');
    assert.deepEqual(unresolvedLinks(after), []);
  });

  it('rewrites a link whose text the move makes ambiguous', () => {
    const files = { 'a/X.md': '', 'b/Y.md': '', 'n.md': '[[X]] and [[Y|why]]' };
    const after = moved(files, [{ from: 'b/Y.md', to: 'b/X.md' }]);
    assert.equal(after['n.md'], '[[a/X]] and [[b/X|why]]');
    assert.deepEqual(unresolvedLinks(after), []);
  });

  it('keeps full-path links full when a folder moves, and aliases as they are', () => {
    const files = {
      'ML/Fusion.md': '---\naliases: [Fu]\n---\n[[Other]] [up](../index.md)',
      'ML/Other.md': '',
      'index.md': '[[ML/Fusion]] [[Fu]] [[Other]] [x](ML/Other.md)',
    };
    const after = moved(files, [{ from: 'ML', to: 'Archive/ML2' }]);
    assert.equal(after['index.md'], '[[Archive/ML2/Fusion]] [[Fu]] [[Other]] [x](Archive/ML2/Other.md)');
    assert.equal(after['Archive/ML2/Fusion.md'], '---\naliases: [Fu]\n---\n[[Other]] [up](../../index.md)');
    assert.deepEqual(unresolvedLinks(after), []);
  });

  it('changes nothing when nothing links to the moved file', () => {
    const edit = linkUpdatesForMoves(vault({ 'a.md': 'text', 'b.png': '' }), [{ from: 'b.png', to: 'img/b.png' }]);
    assert.equal(edit.changes.size, 0);
  });
});
