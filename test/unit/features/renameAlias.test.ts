import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { prepareRename, renameAt } from '../../../src/core/features/rename';
import { parseNote } from '../../../src/core/parse/parseNote';
import { scanNote } from '../../../src/core/scan/scanNote';
import { applyVaultEdit, posOf, unresolvedLinks, vault } from './editingFixture';

/** Renames at the `n`th `needle` (+delta) in `path` and returns the vault as the user sees it afterwards. */
function renamed(files: Record<string, string>, path: string, needle: string, newName: string, delta = 1, n = 0): Record<string, string> {
  const edit = renameAt(vault(files), path, posOf(files[path], needle, delta, n), newName);
  if ('error' in edit) throw new Error(edit.error);
  assert.equal(edit.fileOps, undefined, 'an alias rename moves no file');
  return applyVaultEdit(files, edit);
}

function renameError(files: Record<string, string>, path: string, needle: string, newName: string, delta = 1): string {
  const edit = renameAt(vault(files), path, posOf(files[path], needle, delta), newName);
  return 'error' in edit ? edit.error : 'no error';
}

function prepared(files: Record<string, string>, path: string, needle: string, delta = 1) {
  const t = prepareRename(vault(files), path, posOf(files[path], needle, delta));
  if ('error' in t) throw new Error(t.error);
  return { kind: t.kind, placeholder: t.placeholder, text: textAt(files[path], t.range) };
}

function textAt(text: string, r: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const lines = text.split('\n');
  return r.start.line === r.end.line ? lines[r.start.line].slice(r.start.character, r.end.character) : '(multi-line)';
}

/** The aliases of a note as both parsers read them. */
function aliasesOf(text: string): string[] {
  const a = parseNote(text).frontmatter?.aliases ?? [];
  assert.deepEqual(scanNote(text).frontmatter?.aliases ?? [], a, 'both parsers agree');
  return a;
}

const LINKS = ['[[Early fusion]] and [[Early fusion#Details|see details]] and [[early fusion#^def]]', 'By name: [[Fusion]], [[Fusion#Details]].', '[md](<Early fusion>)'].join('\n');

describe('editing: rename a frontmatter alias', () => {
  const forms: [string, string, string][] = [
    ['flow list', 'aliases: [Early fusion, EF]', 'aliases: [Late binding, EF]'],
    ['block list', 'aliases:\n  - Early fusion\n  - EF', 'aliases:\n  - Late binding\n  - EF'],
    ['single string', 'aliases: Early fusion', 'aliases: Late binding'],
    ['comma string', 'aliases: EF, Early fusion', 'aliases: EF, Late binding'],
    ['double quoted', 'aliases: ["Early fusion", EF]', 'aliases: ["Late binding", EF]'],
    ['single quoted', "aliases:\n  - 'Early fusion'", "aliases:\n  - 'Late binding'"],
    ['alias key', 'alias: "Early fusion"', 'alias: "Late binding"'],
  ];
  for (const [form, yaml, expected] of forms) {
    it(`renames from the frontmatter (${form}) and updates only the links through the alias`, () => {
      const files = { 'ML/Fusion.md': `---\n${yaml}\ntags: [ml]\n---\n# Fusion\n## Details\nText ^def`, 'index.md': LINKS };
      const p = prepared(files, 'ML/Fusion.md', 'Early fusion', 2);
      assert.deepEqual(p, { kind: 'alias', placeholder: 'Early fusion', text: 'Early fusion' });
      const after = renamed(files, 'ML/Fusion.md', 'Early fusion', 'Late binding', 2);
      assert.equal(after['ML/Fusion.md'], `---\n${expected}\ntags: [ml]\n---\n# Fusion\n## Details\nText ^def`);
      assert.equal(
        after['index.md'],
        ['[[Late binding]] and [[Late binding#Details|see details]] and [[Late binding#^def]]', 'By name: [[Fusion]], [[Fusion#Details]].', '[md](<Late binding>)'].join(
          '\n',
        ),
      );
      assert.deepEqual(unresolvedLinks(after), []);
    });
  }

  it('renames from a link that resolved through the alias (not the file), keeping heading and display text', () => {
    const files = { 'Fusion.md': '---\naliases: [Early fusion]\n---\n## Details', 'index.md': LINKS, 'self.md': 'x' };
    assert.deepEqual(prepared(files, 'index.md', '[[Early fusion#Details', 4), { kind: 'alias', placeholder: 'Early fusion', text: 'Early fusion' });
    assert.deepEqual(prepared(files, 'index.md', '[[early fusion', 4), { kind: 'alias', placeholder: 'Early fusion', text: 'early fusion' });
    const after = renamed(files, 'index.md', '[[Early fusion#Details', 'Fusion early', 4);
    assert.ok('Fusion.md' in after, 'the file keeps its name');
    assert.equal(after['Fusion.md'], '---\naliases: [Fusion early]\n---\n## Details');
    assert.match(after['index.md'], /^\[\[Fusion early\]\] and \[\[Fusion early#Details\|see details\]\] and \[\[Fusion early#\^def\]\]$/m);
    assert.match(after['index.md'], /By name: \[\[Fusion\]\], \[\[Fusion#Details\]\]\./);
    // A link by file name still renames the file.
    assert.equal(prepared(files, 'index.md', '[[Fusion]]', 3).kind, 'file');
    // The heading part of an alias link still renames the heading.
    assert.equal(prepared(files, 'index.md', '#Details', 2).kind, 'heading');
  });

  it('renames links in the note itself and in Markdown links, encoded as they were written', () => {
    const files = { 'Fusion.md': '---\naliases: [EF]\n---\nSee [[EF]].', 'n.md': '[a](EF) [b](<EF>)' };
    const after = renamed(files, 'Fusion.md', 'EF]', 'Early fusion', 0);
    assert.equal(after['Fusion.md'], '---\naliases: [Early fusion]\n---\nSee [[Early fusion]].');
    assert.equal(after['n.md'], '[a](Early%20fusion) [b](<Early fusion>)');
  });

  it('quotes a new name only when YAML needs it, and keeps the quoting it had', () => {
    const note = (yaml: string) => ({ 'Fusion.md': `---\n${yaml}\n---\n`, 'n.md': '[[Old]]' });
    const cases: [string, string, string][] = [
      ['aliases: [Old, B]', 'Fusion: early', 'aliases: ["Fusion: early", B]'],
      ['aliases: [Old, B]', 'A, B, C', 'aliases: ["A, B, C", B]'],
      ['aliases: [Old, B]', 'true', 'aliases: ["true", B]'],
      ['aliases: [Old, B]', '1e3', 'aliases: ["1e3", B]'],
      ['aliases: [Old, B]', '*star', 'aliases: ["*star", B]'],
      ['aliases: [Old, B]', '{x}', 'aliases: ["{x}", B]'],
      ['aliases:\n  - Old', 'A, B', 'aliases:\n  - A, B'],
      ['aliases:\n  - Old', '- item', 'aliases:\n  - "- item"'],
      ['aliases:\n  - Old', 'Say "hi"', 'aliases:\n  - Say "hi"'],
      ['aliases: Old', '@home', 'aliases: "@home"'],
      ['aliases: ["Old"]', 'Say "hi"', 'aliases: ["Say \\"hi\\""]'],
      ["aliases: ['Old']", "It's", "aliases: ['It''s']"],
      ['aliases: ["Old\\u0021"]', 'New', 'aliases: ["New"]'],
      ['aliases:\n  - "Old\n    one"\n  - B', 'New', 'aliases:\n  - "New"\n  - B'],
      ['aliases: "Old\\u0021, B"', 'New', 'aliases: "New, B"'],
    ];
    for (const [yaml, name, expected] of cases) {
      const files = note(yaml);
      const old = aliasesOf(files['Fusion.md'])[0];
      const n = { ...files, 'n.md': `[[${old}]]` };
      const after = renamed(n, 'n.md', '[[', name, 3);
      assert.equal(after['Fusion.md'], `---\n${expected}\n---\n`, `${yaml} → ${name}`);
      assert.equal(aliasesOf(after['Fusion.md'])[0], name);
      assert.equal(after['n.md'], `[[${name}]]`);
      assert.deepEqual(unresolvedLinks(after), []);
    }
  });

  it('renames a note linked both by name and by alias, and changes only the case when asked', () => {
    const files = { 'Fusion.md': '---\naliases: [fusion methods]\n---\n', 'a.md': '[[Fusion]] [[fusion methods]] [[Fusion Methods|x]]' };
    const after = renamed(files, 'a.md', '[[fusion', 'Fusion Methods', 3);
    assert.equal(after['Fusion.md'], '---\naliases: [Fusion Methods]\n---\n');
    assert.equal(after['a.md'], '[[Fusion]] [[Fusion Methods]] [[Fusion Methods|x]]');
  });

  it('refuses empty names, link syntax, names already taken, and aliases whose place is unknown', () => {
    const files = {
      'Fusion.md': '---\naliases: [Early fusion, EF]\n---\n',
      'Other.md': '---\naliases: [Late fusion]\n---\n',
      'img.png': '',
      'n.md': '[[Early fusion]] [[Other]]',
    };
    const at = (name: string) => renameError(files, 'n.md', '[[Early', name, 3);
    assert.equal(at('  '), 'The new alias is empty.');
    for (const bad of ['A[B', 'A]', 'A#B', 'A^B', 'A|B', 'A\\B']) assert.match(at(bad), /cannot be an alias: \[ \] # \^ \| and \\/, bad);
    assert.match(at('a/b'), /names a path/);
    assert.equal(at('other'), "'other' is already the name of 'Other.md': links to it would stop reaching 'Fusion'.");
    assert.equal(at('IMG.png'), "'IMG.png' is already the name of 'img.png': links to it would stop reaching 'Fusion'.");
    assert.equal(at('late FUSION'), "'late FUSION' is already an alias of 'Other': links to it would become ambiguous.");
    assert.equal(at('ef'), "The note 'Fusion' already has the alias 'EF'.");

    const comma = { 'Fusion.md': '---\naliases: Early fusion, EF\n---\n', 'n.md': '[[EF]]' };
    assert.match(renameError(comma, 'n.md', '[[EF', 'A, B', 2), /comma-separated string/);

    // A YAML *anchor reference leaves the alias's place unknown.
    const anchored = { 'Fusion.md': '---\nname: &n Early fusion\naliases: [*n]\n---\n', 'n.md': '[[Early fusion]]' };
    assert.match(renameError(anchored, 'n.md', '[[Early', 'X', 3), /is not known/);
    assert.match(renameError(anchored, 'Fusion.md', '[*n', 'X', 2), /is not known/);
  });

  it('refuses a rename at the display text, and explains what F2 works on elsewhere', () => {
    const files = { 'Fusion.md': '---\naliases: [EF]\ntags: [ml]\n---\n', 'n.md': '[[EF|shown]]' };
    assert.match(renameError(files, 'n.md', 'shown', 'X'), /text the link shows/);
    assert.match(renameError(files, 'Fusion.md', 'tags', 'X'), /or an alias in the frontmatter/);
  });

  it('renames the alias of the sample vault lecture note', () => {
    const path = 'Multimodal Machine Learning.md';
    const sample = readFileSync(`/work/shared/sample-vault/${path}`, 'utf8');
    const files = { [path]: sample, 'Reading.md': 'Notes on [[Multimodality]] and [[Multimodality#What is a modality?|modalities]]; [[Multimodal Machine Learning]].' };
    assert.deepEqual(prepared(files, path, '- Multimodality', 2), { kind: 'alias', placeholder: 'Multimodality', text: 'Multimodality' });
    const after = renamed(files, 'Reading.md', '[[Multimodality]]', 'MMML', 3);
    assert.equal(after[path], sample.replace('  - Multimodality\n', '  - MMML\n'));
    assert.deepEqual(aliasesOf(after[path]), ['MMML']);
    assert.equal(after['Reading.md'], 'Notes on [[MMML]] and [[MMML#What is a modality?|modalities]]; [[Multimodal Machine Learning]].');
  });
});
