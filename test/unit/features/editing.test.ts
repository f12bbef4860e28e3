import * as assert from 'node:assert/strict';
import { quickFixes } from '../../../src/core/features/codeActions';
import { completeLink } from '../../../src/core/features/completion';
import { noteDiagnostics, vaultDiagnostics } from '../../../src/core/features/diagnostics';
import { range } from '../../../src/core/text/range';
import { applyTextEdits, applyVaultEdit, posOf, unresolvedLinks, vault } from './editingFixture';

const FUSION = ['---', 'aliases: [Early fusion]', '---', '# Fusion', '## Introduction', 'Text. ^intro-para', '## Early', '### Details', '- item ^item-1'].join(
  '\n',
);

describe('editing: diagnostics', () => {
  const files = {
    'ML/Fusion.md': FUSION,
    'a/Dup.md': '# A',
    'b/Dup.md': '# B',
    'img/pic.png': '',
    'index.md': [
      'Good: [[Fusion]] [[Fusion#Early]] [[Fusion#Early#Details]] [[Fusion#^intro-para]] [[Early fusion]] ![[pic.png|300]]',
      'Good: [md](ML/Fusion.md#Introduction) [web](https://example.com/x.png) `[[Nowhere]]` [[#Local]]',
      'Bad: [[Missing]] ![[gone.png]] [[Fusion#Nope]] [[#Nope]] [[Fusion#^nope]] [[Dup]] [up](../../out.md)',
      '## Local',
    ].join('\n'),
  };

  it('reports each kind of broken link with a readable message, and nothing for good links', () => {
    const index = vault(files);
    const ds = noteDiagnostics(index, 'index.md');
    assert.deepEqual(
      ds.map((d) => [d.code, d.range.start.line, d.message]),
      [
        ['broken-link', 2, "No note named 'Missing' exists in the vault."],
        ['missing-attachment', 2, "The file 'gone.png' is not in the vault."],
        ['missing-heading', 2, "The note 'Fusion' has no heading 'Nope'."],
        ['missing-heading', 2, "This note has no heading 'Nope'."],
        ['missing-block', 2, "The note 'Fusion' has no block with the id '^nope'."],
        ['ambiguous-link', 2, "'Dup' could mean 2 files: a/Dup.md, b/Dup.md. Add a folder to the link to say which."],
        ['link-outside-vault', 2, "This link points outside the vault ('../../out.md'), so it cannot be followed or kept up to date."],
      ],
    );
    assert.ok(ds.every((d) => d.severity === 'warning'));
  });

  it('while the vault is still being read, holds back only what notes not yet read could change', () => {
    // As the server's preload leaves it: every name known, only the open note read.
    const index = vault({ 'index.md': files['index.md'] });
    index.bulkLoad(Object.keys(files).filter((p) => p !== 'index.md').map((path) => ({ path })));
    const ds = noteDiagnostics(index, 'index.md', { provisional: true });
    assert.deepEqual(
      ds.map((d) => d.code),
      ['missing-attachment', 'missing-heading', 'ambiguous-link', 'link-outside-vault'],
      // [[Missing]] could be an alias of a note not read yet; Fusion's headings and blocks are not known yet.
    );
  });

  it('honours the broken-link severity setting', () => {
    const index = vault(files);
    const ignored = noteDiagnostics(index, 'index.md', { brokenLinks: 'ignore' });
    assert.deepEqual(ignored.map((d) => d.code), ['ambiguous-link', 'link-outside-vault']);
    const errors = noteDiagnostics(index, 'index.md', { brokenLinks: 'error' }).filter((d) => d.code === 'broken-link');
    assert.equal(errors[0].severity, 'error');
  });

  it('reports malformed YAML and still checks the links below it', () => {
    const index = vault({ 'n.md': '---\naliases: [unclosed\n---\n[[Missing]]\n' });
    const codes = noteDiagnostics(index, 'n.md').map((d) => d.code);
    assert.deepEqual(codes.sort(), ['broken-link', 'frontmatter-yaml']);
  });

  it('explains notes that were skipped, and lists the whole vault for `mmnotes check`', () => {
    const index = vault({ 'big.md': '', 'ok.md': '[[big]]', 'bad.md': '[[nope]]' });
    index.deleteFile('big.md');
    index.addAttachment('big.md');
    const skipped = () => ({ path: 'big.md', reason: 'too-large' as const, message: 'This note is 9.0 MB, over the 5.0 MB limit.' });
    assert.deepEqual(
      noteDiagnostics(index, 'big.md', { skipped }).map((d) => [d.code, d.message]),
      [['note-too-large', 'This note is 9.0 MB, over the 5.0 MB limit.']],
    );
    const all = vaultDiagnostics(index, { skipped });
    assert.deepEqual([...all.keys()], ['bad.md', 'big.md']);
  });
});

describe('editing: quick fixes', () => {
  it('offers to create a missing note at the root, or in the folder the link names', () => {
    const text = '[[New Idea]] and [[projects/Plan#Goals]]';
    const index = vault({ 'notes/index.md': text });
    const fixes = quickFixes(index, 'notes/index.md', range(0, 0, 0, 40));
    assert.deepEqual(
      fixes.map((f) => [f.title, f.edit.fileOps]),
      [
        ["Create note 'New Idea'", [{ kind: 'create', path: 'New Idea.md', text: '# New Idea\n' }]],
        ["Create note 'Plan' in 'projects'", [{ kind: 'create', path: 'projects/Plan.md', text: '# Plan\n\n## Goals\n' }]],
      ],
    );
    const after = applyVaultEdit({ 'notes/index.md': text }, fixes[1].edit);
    after['New Idea.md'] = '';
    assert.deepEqual(unresolvedLinks(after), []);
  });

  it('offers one "Link to" per candidate of an ambiguous link, each naming its file uniquely', () => {
    const files = { 'a/Dup.md': '', 'b/Dup.md': '', 'index.md': 'See [[Dup|the dup]].' };
    const index = vault(files);
    const fixes = quickFixes(index, 'index.md', range(0, 6, 0, 6));
    assert.deepEqual(fixes.map((f) => f.title), ['Link to a/Dup.md', 'Link to b/Dup.md']);
    const after = applyVaultEdit(files, fixes[1].edit);
    assert.equal(after['index.md'], 'See [[b/Dup|the dup]].');
    assert.deepEqual(unresolvedLinks(after), []);
  });

  it('suggests the closest headings for a missing one', () => {
    const files = { 'ML/Fusion.md': FUSION, 'index.md': 'See [[Fusion#Introductoin|intro]] and [x](ML/Fusion.md#Erly).' };
    const index = vault(files);
    const fixes = quickFixes(index, 'index.md', range(0, 0, 0, 80));
    const first = fixes.filter((f) => f.diagnostic.range.start.character < 30);
    assert.equal(first.length, 3);
    assert.equal(first[0].title, "Change to heading 'Introduction'");
    const md = fixes.find((f) => f.title === "Change to heading 'Early'" && f.diagnostic.range.start.character > 30)!;
    const after = applyVaultEdit(applyVaultEdit(files, fixes[0].edit), md.edit);
    assert.equal(after['index.md'], 'See [[Fusion#Introduction|intro]] and [x](ML/Fusion.md#Early).');
  });
});

describe('editing: completion', () => {
  const files = {
    'ML/Fusion.md': FUSION,
    'ML/Fission.md': '# Fission',
    'a/Dup.md': '',
    'b/Dup.md': '',
    'img/fusion diagram.png': '',
    'docs/fusion.pdf': '',
  };

  /** Completes at `$0` in a note `here.md` holding `line`, plus `extra` files and a heading of its own. */
  function complete(extra: Record<string, string>, line: string) {
    const pos = posOf(line, '$0');
    const text = line.replace('$0', '');
    const index = vault({ ...files, ...extra, 'here.md': text + '\n\n## Own heading\n' });
    return completeLink(index, 'here.md', text.split('\n')[pos.line], pos);
  }
  const at = (line: string) => complete({}, line);

  it('swallows the single ] an editor auto-closed after [[, so accepting gives [[Note]] and not [[Note]]]', () => {
    const line = 'See [[Fus$0]';
    const fusion = at(line).items.find((i) => i.label === 'Fusion')!;
    const pos = posOf(line, '$0');
    const text = line.replace('$0', '');
    assert.equal(applyTextEdits(text, [{ range: fusion.range, newText: fusion.insertText }]), 'See [[Fusion]]');
    assert.equal(pos.character, 9);
  });

  it('lists notes and aliases after [[, with the shortest unique link text and the closing ]]', () => {
    const r = at('See [[$0');
    const labels = r.items.map((i) => i.label);
    assert.ok(['Fusion', 'Fission', 'Dup', 'here', 'Early fusion'].every((l) => labels.includes(l)), labels.join());
    assert.ok(!labels.includes('fusion diagram.png'));
    const fusion = r.items.find((i) => i.label === 'Fusion')!;
    assert.equal(fusion.detail, 'ML');
    assert.equal(fusion.insertText, 'Fusion]]');
    assert.deepEqual(fusion.range, range(0, 6, 0, 6));
    assert.deepEqual(r.items.filter((i) => i.label === 'Dup').map((i) => i.insertText).sort(), ['a/Dup]]', 'b/Dup]]']);
    assert.equal(r.items.find((i) => i.label === 'Early fusion')!.insertText, 'Fusion|Early fusion]]');
  });

  it('filters by a case-insensitive subsequence, replaces the typed part, and keeps an existing ]]', () => {
    const r = at('See [[fsn$0]] here');
    assert.deepEqual(r.items.map((i) => i.label).slice(0, 2).sort(), ['Fission', 'Fusion']);
    assert.equal(r.items[0].insertText.endsWith(']]'), false);
    assert.deepEqual(r.items[0].range, range(0, 6, 0, 9));
  });

  it('puts images first in an embed', () => {
    const r = at('![[fus$0');
    assert.equal(r.items[0].label, 'fusion diagram.png');
    assert.equal(r.items[0].insertText, 'fusion diagram.png]]');
    assert.ok(r.items.some((i) => i.label === 'fusion.pdf') && r.items.some((i) => i.label === 'Fusion'));
  });

  it('lists headings after #, block ids after #^, own headings after [[#, aliases after |', () => {
    assert.deepEqual(at('[[Fusion#$0').items.map((i) => i.label), ['Fusion', 'Introduction', 'Early', 'Details']);
    assert.deepEqual(at('[[Fusion#ear$0]]').items.map((i) => [i.label, i.insertText]), [['Early', 'Early']]);
    const blocks = at('[[Fusion#^$0').items;
    assert.deepEqual(blocks.map((i) => [i.label, i.detail]), [['intro-para', 'Text.'], ['item-1', 'item']]);
    assert.deepEqual(at('[[#$0').items.map((i) => i.label), ['Own heading']);
    assert.deepEqual(at('[[Fusion|$0]]').items.map((i) => i.insertText), ['Early fusion']);
  });

  it('stays quiet inside code and outside links', () => {
    assert.equal(at('`[[$0').items.length, 0);
    assert.equal(at('[[Fusion]] then $0').items.length, 0);
    assert.equal(at('```\n[[$0\n```').items.length, 0);
    assert.equal(at('[$0').items.length, 0);
  });

  it('caps long lists and says so', () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 300; i++) many[`n/Note ${i}.md`] = '';
    const r = complete(many, '[[$0');
    assert.equal(r.items.length, 200);
    assert.equal(r.isIncomplete, true);
    assert.equal(complete(many, '[[Note 29$0').isIncomplete, false);
  });
});
