import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { completeLink, type LinkCompletion } from '../../../src/core/features/completion';
import { noteDiagnostics } from '../../../src/core/features/diagnostics';
import { range } from '../../../src/core/text/range';
import { applyTextEdits, posOf, vault } from './editingFixture';

const SAMPLE = readFileSync('/work/shared/sample-vault/Multimodal Machine Learning.md', 'utf8');
const SAMPLE_IMAGES = [...new Set([...SAMPLE.matchAll(/!\[\[([^|\]]+)/g)].map((m) => m[1]))];

const FUSION = ['# Fusion', '## Early Fusion: ideas', 'Combine first. ^early-def', '### Details'].join('\n');
const FILES: Record<string, string> = {
  'ML/Fusion.md': FUSION,
  'ML/Fission.md': '# Fission',
  'ML/My Note.md': '# Mine',
  'img/fusion diagram.png': '',
  'img/raw/fusion sketch.jpg': '',
  'docs/fusion.pdf': '',
};

/**
 * Completes at `$0` in `note` (default `notes/here.md`) holding `text` plus a heading of its own, and
 * accepts an item as an editor would: its insertText replaces its range.
 */
function complete(text: string, note = 'notes/here.md', files = FILES) {
  const pos = posOf(text, '$0');
  const clean = text.replace('$0', '');
  const own = '\n\n## Own heading\n';
  const all = { ...files, [note]: clean + own };
  const index = vault(all);
  const result = completeLink(index, note, clean.split('\n')[pos.line], pos);
  const accept = (item: LinkCompletion) => applyTextEdits(clean, [{ range: item.range, newText: item.insertText }]);
  /**
   * Once the item is accepted: the file the index resolves the Markdown link on the cursor's line to,
   * and the note's diagnostics (none means the heading or block it names exists too).
   */
  const follow = (item: LinkCompletion) => {
    const after = vault({ ...all, [note]: accept(item) + own });
    const entry = after.getNote(note)!;
    const i = entry.model.links.findIndex((l) => l.kind === 'markdown' && l.range.start.line === pos.line);
    assert.ok(i !== -1, `no Markdown link on line ${pos.line} after accepting '${item.label}'`);
    const r = entry.resolutions[i];
    return { target: r.kind === 'file' ? r.path : r.kind, problems: noteDiagnostics(after, note).map((d) => d.message) };
  };
  const item = (label: string) => {
    const found = result.items.find((i) => i.label === label);
    assert.ok(found, `no item '${label}' among ${result.items.map((i) => i.label).join(', ')}`);
    return found;
  };
  return { result, items: result.items, labels: result.items.map((i) => i.label), item, accept, follow, pos };
}

describe('completion: Markdown link destinations', () => {
  it('after ]( lists notes, then attachments, as paths from the note', () => {
    const c = complete('See [x]($0)');
    // Ranked as [[ ranks names: kind group, then shorter names first.
    assert.deepEqual(c.labels, ['here.md', 'Fusion.md', 'Fission.md', 'My Note.md', 'fusion.pdf', 'fusion sketch.jpg', 'fusion diagram.png']);
    assert.deepEqual(
      c.items.map((i) => i.insertText),
      ['here.md', '../ML/Fusion.md', '../ML/Fission.md', '../ML/My%20Note.md', '../docs/fusion.pdf', '../img/raw/fusion%20sketch.jpg', '../img/fusion%20diagram.png'],
    );
    assert.equal(c.item('My Note.md').detail, '../ML/My Note.md');
    assert.ok(c.items.every((i) => i.range.start.character === 8 && i.range.end.character === 8));
    assert.equal(c.accept(c.item('My Note.md')), 'See [x](../ML/My%20Note.md)');
    assert.deepEqual(c.follow(c.item('My Note.md')), { target: 'ML/My Note.md', problems: [] });
  });

  it('replaces exactly the typed partial name, and puts images first after ![', () => {
    const c = complete('![alt](fus$0)');
    assert.deepEqual(c.labels, ['fusion sketch.jpg', 'fusion diagram.png', 'Fusion.md', 'fusion.pdf']);
    const diagram = c.item('fusion diagram.png');
    assert.deepEqual(diagram.range, range(0, 7, 0, 10));
    assert.equal(diagram.filterText, 'fusion diagram.png');
    assert.equal(c.accept(diagram), '![alt](../img/fusion%20diagram.png)');
    assert.deepEqual(
      c.items.map((i) => c.follow(i).target),
      ['img/raw/fusion sketch.jpg', 'img/fusion diagram.png', 'ML/Fusion.md', 'docs/fusion.pdf'],
    );
  });

  it('keeps ./, ../ and a leading / as typed, offering what is beneath that folder and its subfolders', () => {
    const up = complete('[x](../img/$0');
    assert.deepEqual(
      up.items.map((i) => [i.label, i.insertText, i.kind]),
      [
        ['fusion sketch.jpg', 'raw/fusion%20sketch.jpg', 'image'],
        ['fusion diagram.png', 'fusion%20diagram.png', 'image'],
        ['raw/', 'raw/', 'folder'],
      ],
    );
    assert.deepEqual(up.items[0].range, range(0, 11, 0, 11), 'only the part after the last / is replaced');
    assert.equal(up.item('raw/').retrigger, true);
    assert.equal(up.accept(up.items[0]), '[x](../img/raw/fusion%20sketch.jpg');
    // A folder's subfolders beside the note come after the files: `](` in a note of the root.
    const root = complete('[x]($0', 'top.md');
    assert.deepEqual(root.items.filter((i) => i.kind === 'folder').map((i) => i.insertText), ['ML/', 'docs/', 'img/']);

    const abs = complete('[x](/ML/fis$0)');
    assert.deepEqual(abs.items.map((i) => [i.insertText, i.detail]), [['Fission.md', '/ML/Fission.md']]);
    assert.deepEqual(abs.items[0].range, range(0, 8, 0, 11));
    assert.deepEqual(abs.follow(abs.items[0]), { target: 'ML/Fission.md', problems: [] });

    const here = complete('[x](./$0)', 'ML/index.md');
    assert.deepEqual(here.items.map((i) => i.insertText), ['index.md', 'Fusion.md', 'Fission.md', 'My%20Note.md']);
    assert.deepEqual(here.follow(here.item('My Note.md')).target, 'ML/My Note.md');
  });

  it('reads a folder typed without ./ from the note first, then from the vault root, as the resolver does', () => {
    const c = complete('[x](ML/$0)', 'notes/here.md');
    assert.deepEqual(c.items.map((i) => i.insertText), ['Fusion.md', 'Fission.md', 'My%20Note.md']);
    assert.equal(c.follow(c.item('Fusion.md')).target, 'ML/Fusion.md');
    // A folder of that name beside the note wins, as it does when the link resolves.
    const local = complete('[x](ML/$0)', 'notes/here.md', { ...FILES, 'notes/ML/Local.md': '' });
    assert.deepEqual(local.items.map((i) => i.insertText), ['Local.md']);
    assert.equal(local.follow(local.items[0]).target, 'notes/ML/Local.md');
    // Folder names compare without regard to case, as paths resolve.
    assert.deepEqual(complete('[x](/ml/fu$0').items.map((i) => i.insertText), ['Fusion.md']);
  });

  it('offers nothing for a folder that is not there or outside the vault', () => {
    assert.equal(complete('[x](../nowhere/$0').items.length, 0);
    assert.equal(complete('[x](../../$0').items.length, 0);
  });

  it('writes paths as they are inside <…>, closing it unless it is closed already', () => {
    const open = complete('[x](<../ML/My$0)');
    assert.deepEqual(open.items.map((i) => i.insertText), ['My Note.md>']);
    assert.equal(open.accept(open.items[0]), '[x](<../ML/My Note.md>)');
    assert.deepEqual(open.follow(open.items[0]), { target: 'ML/My Note.md', problems: [] });
    const closed = complete('[x](<My$0>)');
    assert.deepEqual(closed.items.map((i) => i.insertText), ['../ML/My Note.md']);
  });

  it('matches what was typed percent-encoded, and filters by it as written', () => {
    const c = complete('[x](My%20N$0)');
    assert.deepEqual(c.items.map((i) => [i.label, i.insertText, i.filterText]), [['My Note.md', '../ML/My%20Note.md', 'My%20Note.md']]);
  });

  it('lists headings after #, encoded as a link writes them, own headings after ](#, block ids after #^', () => {
    const headings = complete('[x](../ML/Fusion.md#$0)');
    assert.deepEqual(
      headings.items.map((i) => [i.label, i.insertText]),
      [
        ['Fusion', 'Fusion'],
        ['Early Fusion: ideas', 'Early%20Fusion%20ideas'],
        ['Details', 'Details'],
      ],
    );
    assert.deepEqual(headings.items[1].range, range(0, 20, 0, 20));
    assert.equal(headings.accept(headings.items[1]), '[x](../ML/Fusion.md#Early%20Fusion%20ideas)');
    assert.deepEqual(headings.follow(headings.items[1]), { target: 'ML/Fusion.md', problems: [] });

    assert.deepEqual(complete('[x](../ML/Fusion.md#Fusion#ear$0)').items.map((i) => i.insertText), ['Early%20Fusion%20ideas']);
    assert.equal(complete('[x](<../ML/Fusion.md#Ea$0>)').items[0].insertText, 'Early Fusion ideas');
    const own = complete('[x](#$0)');
    assert.deepEqual(own.items.map((i) => i.insertText), ['Own%20heading']);
    assert.deepEqual(own.follow(own.items[0]), { target: 'self', problems: [] });

    const blocks = complete('[x](../ML/Fusion.md#^$0)');
    assert.deepEqual(blocks.items.map((i) => [i.label, i.insertText, i.detail]), [['early-def', 'early-def', 'Combine first.']]);
    assert.deepEqual(blocks.follow(blocks.items[0]), { target: 'ML/Fusion.md', problems: [] });
    assert.equal(complete('[x](../ML/Nowhere.md#$0)').items.length, 0);
  });

  it('stays quiet in code, for URLs, and where no link destination is being typed', () => {
    for (const text of [
      '`[x]($0`',
      '```\n[x]($0\n```',
      '[x](http$0',
      '[x](https://exa$0',
      '[x](mailto:$0',
      '[x](//host/$0',
      'call f($0',
      'x](fus$0',
      '[x\\](fus$0',
      '[x](a.md) then $0',
      '[x](fus ion$0',
    ]) {
      assert.deepEqual(complete(text).labels, [], text);
    }
  });

  it("completes the sample lecture note's images in a Markdown embed, as links that resolve", () => {
    const files: Record<string, string> = { 'Multimodal Machine Learning.md': SAMPLE };
    for (const image of SAMPLE_IMAGES) files[`attachments/${image}`] = '';
    // The lecture's first embed, rewritten as a Markdown image being typed.
    const first = SAMPLE_IMAGES[0];
    const typed = SAMPLE.replace(`![[${first}]]`, '![](Pasted%20image%2020240608$0)');
    const c = complete(typed, 'Multimodal Machine Learning.md', files);
    const expected = SAMPLE_IMAGES.filter((i) => i.startsWith('Pasted image 20240608')).sort();
    assert.deepEqual(c.labels.slice(0, expected.length), expected, 'the names that start so come first');
    assert.deepEqual(c.items[0].range, range(c.pos.line, 4, c.pos.line, 4 + 'Pasted%20image%2020240608'.length));
    assert.equal(c.items[0].insertText, 'attachments/Pasted%20image%2020240608095521.png');
    assert.equal(c.accept(c.items[0]).split('\n')[c.pos.line], '![](attachments/Pasted%20image%2020240608095521.png)');
    assert.deepEqual(c.follow(c.items[0]), { target: `attachments/${first}`, problems: [] });

    // Every image of the lecture, offered after ![](, leads to its file.
    const all = complete(SAMPLE + '\n![]($0)', 'Multimodal Machine Learning.md', files);
    const images = all.items.slice(0, SAMPLE_IMAGES.length);
    assert.deepEqual(images.map((i) => i.label).sort(), [...SAMPLE_IMAGES].sort());
    for (const i of images) {
      assert.equal(i.insertText, `attachments/${i.label.replace(/ /g, '%20')}`);
      assert.equal(all.follow(i).target, `attachments/${i.label}`);
    }
    assert.deepEqual(all.item('attachments/').kind, 'folder');

    // And a note that links to the lecture gets its name encoded.
    const other = complete('[lecture](../Multi$0)', 'notes/other.md', files);
    assert.deepEqual(other.items.map((i) => i.insertText), ['Multimodal%20Machine%20Learning.md']);
    assert.deepEqual(other.follow(other.items[0]), { target: 'Multimodal Machine Learning.md', problems: [] });
  });

  it('caps long lists and says so', () => {
    const many: Record<string, string> = { ...FILES };
    for (let i = 0; i < 300; i++) many[`n/Note ${i}.md`] = '';
    const c = complete('[x]($0', 'notes/here.md', many);
    assert.equal(c.items.filter((i) => i.kind !== 'folder').length, 200);
    assert.equal(c.result.isIncomplete, true);
    assert.equal(complete('[x](../n/Note%2029$0', 'notes/here.md', many).result.isIncomplete, false);
  });
});
