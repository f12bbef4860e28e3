import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitIntoChunks } from '../../src/core/parse/chunks';
import { looksBinary, parseNote } from '../../src/core/parse/parseNote';
import type { LinkRef, NoteModel, WikiLinkRef } from '../../src/core/parse/noteModel';
import { LineIndex } from '../../src/core/text/lineIndex';
import type { Range } from '../../src/core/text/range';

/** The source text a range covers: what the user sees there. */
let lastIndex: { text: string; lines: LineIndex } | undefined;
function at(text: string, range: Range | undefined): string {
  assert.ok(range, 'range expected');
  if (lastIndex?.text !== text) lastIndex = { text, lines: new LineIndex(text) };
  const { lines } = lastIndex;
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

function wikiLinks(model: NoteModel): WikiLinkRef[] {
  return model.links.filter((l): l is WikiLinkRef => l.kind === 'wiki');
}

function only<T>(items: T[]): T {
  assert.equal(items.length, 1, `expected exactly one, got ${JSON.stringify(items)}`);
  return items[0];
}

describe('parseNote', () => {
  describe('wiki links and embeds', () => {
    // source → what a link is; undefined fields are absent.
    const table: [string, Partial<WikiLinkRef>][] = [
      ['[[Note]]', { path: 'Note', headings: [], embed: false }],
      ['[[Note|shown text]]', { path: 'Note', alias: 'shown text', embed: false }],
      ['[[Note#Heading]]', { path: 'Note', headings: ['Heading'] }],
      ['[[Note#H1#H2]]', { path: 'Note', headings: ['H1', 'H2'] }],
      ['[[Note#^block-id]]', { path: 'Note', headings: [], blockId: 'block-id' }],
      ['[[folder/Note]]', { path: 'folder/Note' }],
      ['[[Note.md]]', { path: 'Note.md' }],
      ['[[#Heading in this note]]', { path: '', headings: ['Heading in this note'] }],
      ['[[#^blk]]', { path: '', blockId: 'blk' }],
      ['![[image.png]]', { path: 'image.png', embed: true, size: undefined }],
      ['![[image.png|300]]', { path: 'image.png', embed: true, alias: '300', size: { width: 300 } }],
      ['![[image.png|100x145]]', { path: 'image.png', embed: true, size: { width: 100, height: 145 } }],
      ['![[Note]]', { path: 'Note', embed: true }],
      ['![[Note#Heading]]', { path: 'Note', headings: ['Heading'], embed: true }],
      ['![[Note#^block]]', { path: 'Note', blockId: 'block', embed: true }],
      ['![[Pasted image 20240612135341.png|300]]', { path: 'Pasted image 20240612135341.png', embed: true, size: { width: 300 } }],
      ['![[Note|300]]', { path: 'Note', alias: '300', size: undefined }],
      ['[[Note#H1|alias]]', { path: 'Note', headings: ['H1'], alias: 'alias' }],
    ];
    for (const [source, expected] of table) {
      it(`reads ${source}`, () => {
        const text = `Before ${source} after`;
        const link = only(wikiLinks(parseNote(text)));
        for (const [key, value] of Object.entries(expected)) {
          assert.deepEqual(link[key as keyof WikiLinkRef], value, `${key} of ${source}`);
        }
        assert.equal(at(text, link.range), source);
        assert.equal(at(text, link.pathRange), link.path);
      });
    }

    it('gives every part its exact range', () => {
      const text = 'See [[folder/Note#H1#H2|shown text]] and ![[img.png|100x145]].';
      const [link, embed] = wikiLinks(parseNote(text));
      assert.equal(at(text, link.range), '[[folder/Note#H1#H2|shown text]]');
      assert.equal(at(text, link.pathRange), 'folder/Note');
      assert.equal(at(text, link.subpathRange), '#H1#H2');
      assert.equal(at(text, link.aliasRange), 'shown text');
      assert.equal(at(text, embed.range), '![[img.png|100x145]]');
      assert.equal(at(text, embed.pathRange), 'img.png');
      assert.equal(at(text, embed.subpathRange), '');
      assert.equal(at(text, embed.aliasRange), '100x145');
    });

    it('reads `\\|` as the alias separator inside a table cell', () => {
      const text = '| Link | Note |\n| --- | --- |\n| [[Note\\|alias]] | x |\n';
      const link = only(wikiLinks(parseNote(text)));
      assert.equal(link.path, 'Note');
      assert.equal(link.alias, 'alias');
      assert.equal(at(text, link.pathRange), 'Note');
      assert.equal(at(text, link.aliasRange), 'alias');
    });

    it('wins over CommonMark labels and rejects what is not a link', () => {
      const text = '[[Note]]\n\n[Note]: http://example.com\n\n[[]] [[ ]] [[a\nb]] [[x]y]] [Note]';
      assert.deepEqual(wikiLinks(parseNote(text)).map((l) => l.path), ['Note']);
    });

    it('finds several links on one line and a link next to an embed', () => {
      const text = '![[a.png|300]]![[b.png|300]] [[C]][[D]]';
      assert.deepEqual(wikiLinks(parseNote(text)).map((l) => [l.path, l.embed]), [['a.png', true], ['b.png', true], ['C', false], ['D', false]]);
    });
  });

  describe('markdown links', () => {
    it('keeps local links and images, decoded, with ranges', () => {
      const text = 'A [text](other%20note.md#Heading%20two) and ![alt](img.png) and [x](#Heading) [y](<my note.md>)';
      const links = parseNote(text).links;
      assert.deepEqual(
        links.map((l: LinkRef) => [l.kind, l.path, l.headings, l.embed, l.kind === 'markdown' ? l.text : '']),
        [
          ['markdown', 'other note.md', ['Heading two'], false, 'text'],
          ['markdown', 'img.png', [], true, 'alt'],
          ['markdown', '', ['Heading'], false, 'x'],
          ['markdown', 'my note.md', [], false, 'y'],
        ],
      );
      assert.equal(at(text, links[0].pathRange), 'other%20note.md');
      assert.equal(at(text, links[0].subpathRange), '#Heading%20two');
      assert.equal(at(text, links[0].range), '[text](other%20note.md#Heading%20two)');
      assert.equal(at(text, links[2].subpathRange), '#Heading');
    });

    it('skips URLs with a scheme', () => {
      const text = '[a](https://x.org/a.md) [b](mailto:me@x.org) <https://x.org> www.x.org [c](obsidian://open) ![d](//cdn/x.png)';
      assert.deepEqual(parseNote(text).links, []);
    });
  });

  describe('highlights', () => {
    it('parses inline content inside and reports the raw text', () => {
      const text = 'A ==[[Note]]== and ==**bold** text== and ==x.==';
      const model = parseNote(text);
      assert.deepEqual(model.highlights.map((h) => h.text), ['[[Note]]', '**bold** text', 'x.']);
      assert.equal(only(wikiLinks(model)).path, 'Note');
      const [first] = model.highlights;
      assert.equal(at(text, first.range), '==[[Note]]==');
      assert.equal(at(text, first.innerRange), '[[Note]]');
    });

    it('only pairs exactly two `=`', () => {
      assert.deepEqual(parseNote('a ===x=== b =x= c ==y').highlights, []);
      assert.deepEqual(parseNote('a == b == c').highlights, []);
    });

    it('does not cross a link label and survives unmatched markers', () => {
      const text = 'x [a ==b](c.md) d== e' + ' f=='.repeat(2000);
      const model = parseNote(text);
      assert.deepEqual(model.highlights, []);
      assert.equal(model.links.length, 1);
    });
  });

  describe('headings', () => {
    it('reads ATX and setext headings without a trailing block id', () => {
      const text = '# One ^h1\n\n## Two ##\n\nThree\n=====\n\n#\n\n#nottitle';
      const { headings, blockIds } = parseNote(text);
      assert.deepEqual(headings.map((h) => [h.level, h.text]), [[1, 'One'], [2, 'Two'], [1, 'Three'], [1, '']]);
      assert.deepEqual(headings.map((h) => at(text, h.textRange)), ['One', 'Two', 'Three', '']);
      assert.equal(at(text, headings[0].range), '# One ^h1');
      assert.equal(at(text, headings[2].range), 'Three\n=====');
      const id = only(blockIds);
      assert.equal(id.id, 'h1');
      assert.equal(at(text, id.range), '^h1');
      assert.equal(at(text, id.blockRange), '# One ^h1');
    });
  });

  describe('block ids', () => {
    it('labels the paragraph, list item or heading it ends', () => {
      const text = 'A paragraph ^para\n\n- item text ^item\n\t- child\n- other\n\nLine one\n^own-line';
      const ids = parseNote(text).blockIds;
      assert.deepEqual(ids.map((b) => [b.id, at(text, b.range), at(text, b.blockRange)]), [
        ['para', '^para', 'A paragraph ^para'],
        ['item', '^item', '- item text ^item\n\t- child'],
        ['own-line', '^own-line', 'Line one\n^own-line'],
      ]);
    });

    it('labels the block before a lone `^id` after a blank line', () => {
      const text = '> quote\n> more\n\n^quote-id\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n^table-id\n\n- x\n- y\n\n^list-id\n';
      const model = parseNote(text);
      assert.deepEqual(model.blockIds.map((b) => [b.id, at(text, b.blockRange)]), [
        ['quote-id', '> quote\n> more'],
        ['table-id', '| a | b |\n| - | - |\n| 1 | 2 |'],
        ['list-id', '- x\n- y'],
      ]);
      assert.ok(model.blocks.every((b) => !at(text, b.range).startsWith('^')), 'a lone ^id is no block of its own');
    });

    it('needs a space before the caret', () => {
      assert.deepEqual(parseNote('x^2 and a^b').blockIds, []);
      assert.deepEqual(parseNote('`code ^x`').blockIds, []);
    });
  });

  describe('tags', () => {
    it('follows Obsidian rules', () => {
      const text = [
        '#tag at start, #nested/sub-tag_1 and #y2024.',
        'not: a#b, #2024, http://x.org/#frag, `#code`, [#inlink](x.md)',
        '# Heading #in-heading',
        '\\#escaped #über',
      ].join('\n');
      const tags = parseNote(text).tags;
      assert.deepEqual(tags.map((t) => t.name), ['tag', 'nested/sub-tag_1', 'y2024', 'in-heading', 'über']);
      assert.deepEqual(tags.map((t) => at(text, t.range)), ['#tag', '#nested/sub-tag_1', '#y2024', '#in-heading', '#über']);
    });

    it('puts frontmatter tags on the frontmatter, not in TagRef', () => {
      const model = parseNote('---\ntags: [ml, "#multimodal"]\n---\nBody #inline');
      assert.deepEqual(model.frontmatter?.tags, ['ml', 'multimodal']);
      assert.deepEqual(model.tags.map((t) => t.name), ['inline']);
    });
  });

  describe('callouts', () => {
    it('reads type, fold and title', () => {
      const text = '> [!note] Title here\n> body\n\n> [!WARNING]- Folded\n> x\n\n> [!tip]+\n\n> plain quote';
      const callouts = parseNote(text).callouts;
      assert.deepEqual(callouts.map((c) => [c.type, c.title, c.fold]), [['note', 'Title here', undefined], ['warning', 'Folded', '-'], ['tip', '', '+']]);
      assert.equal(at(text, callouts[0].headerRange), '[!note] Title here');
      assert.equal(at(text, callouts[0].range), '> [!note] Title here\n> body');
    });
  });

  describe('frontmatter', () => {
    it('reads aliases and tags in list and string forms', () => {
      assert.deepEqual(parseNote('---\naliases:\n  - One\n  - " Two "\n---\n').frontmatter?.aliases, ['One', 'Two']);
      assert.deepEqual(parseNote('---\nalias: Single\ntags: a, b c\n---\n').frontmatter?.aliases, ['Single']);
      assert.deepEqual(parseNote('---\nalias: Single\ntags: a, b c\n---\n').frontmatter?.tags, ['a', 'b', 'c']);
      const model = parseNote('---\ntitle: x\n---\n# H');
      assert.deepEqual(model.frontmatter?.data, { title: 'x' });
      assert.equal(at('---\ntitle: x\n---\n# H', model.frontmatter?.range), '---\ntitle: x\n---');
    });

    it('reports malformed YAML on its line and still parses the note', () => {
      const text = '---\ntitle: ok\ntags: [a, b\n---\n\nSee [[Note]] #tag';
      const model = parseNote(text);
      const problem = only(model.problems);
      assert.equal(problem.code, 'frontmatter-yaml');
      assert.match(problem.message, /Frontmatter YAML/);
      assert.ok(problem.range.start.line >= 1 && problem.range.end.line <= 3, JSON.stringify(problem.range));
      assert.equal(model.frontmatter?.data, undefined);
      assert.equal(only(wikiLinks(model)).path, 'Note');
      assert.deepEqual(model.tags.map((t) => t.name), ['tag']);
    });

    it('reports duplicate keys on the duplicate line', () => {
      const text = '---\na: 1\na: 2\n---\n';
      const problem = only(parseNote(text).problems);
      assert.equal(at(text, problem.range), 'a: 2');
    });

    it('reports a frontmatter that is not a mapping', () => {
      const model = parseNote('---\n- a\n- b\n---\ntext');
      assert.equal(only(model.problems).code, 'frontmatter-shape');
      assert.equal(model.frontmatter?.data, undefined);
    });

    it('treats unresolved aliases as a YAML problem, not a crash', () => {
      assert.equal(only(parseNote('---\na: *nope\n---\n').problems).code, 'frontmatter-yaml');
    });
  });

  describe('literal ranges', () => {
    const text = [
      'Code `[[A]] ==b== #c ^d` and $[[E]] ==f==$ and <!-- [[G]] #h -->',
      '',
      '```',
      '[[I]] ==j== #k',
      '```',
      '',
      '    [[L]] indented ^m',
      '',
      '$$',
      '[[N]] ==o==',
      '$$',
      '',
      '<!--',
      '[[P]] #q',
      '-->',
      '',
      'Real [[Z]]',
    ].join('\n');
    const model = parseNote(text);

    it('reports nothing inside code, math and comments', () => {
      assert.deepEqual(model.links.map((l) => l.path), ['Z']);
      assert.deepEqual(model.highlights, []);
      assert.deepEqual(model.tags, []);
      assert.deepEqual(model.blockIds, []);
    });

    it('lists those regions', () => {
      assert.deepEqual(model.literalRanges.map((r) => at(text, r)), [
        '`[[A]] ==b== #c ^d`',
        '$[[E]] ==f==$',
        '<!-- [[G]] #h -->',
        '```\n[[I]] ==j== #k\n```',
        '    [[L]] indented ^m',
        '$$\n[[N]] ==o==\n$$',
        '<!--\n[[P]] #q\n-->',
      ]);
    });
  });

  describe('inline math', () => {
    it('follows Obsidian: dollar amounts are not math', () => {
      const text = 'It costs $5 and [[Note]] costs $10, while $x^2$ and $$ \\sum $$ are math.';
      const model = parseNote(text);
      assert.deepEqual(model.links.map((l) => l.path), ['Note']);
      assert.deepEqual(model.literalRanges.map((r) => at(text, r)), ['$x^2$', '$$ \\sum $$']);
    });
  });

  describe('blocks', () => {
    it('nests list items under tab-indented parents, with ordinals', () => {
      const text = '1. ==Term==\n\t- Definition: a thing.\n\t- Sub\n\t\t- ==Leaf==: x\n2. Next\n\n> quote\n\n# H';
      const model = parseNote(text);
      const view = model.blocks.map((b) => [b.kind, at(text, b.range).split('\n')[0], b.parent, b.ordinal]);
      assert.deepEqual(view, [
        ['listItem', '1. ==Term==', -1, 1],
        ['paragraph', '==Term==', 0, undefined],
        ['listItem', '- Definition: a thing.', 0, undefined],
        ['paragraph', 'Definition: a thing.', 2, undefined],
        ['listItem', '- Sub', 0, undefined],
        ['paragraph', 'Sub', 4, undefined],
        ['listItem', '- ==Leaf==: x', 4, undefined],
        ['paragraph', '==Leaf==: x', 6, undefined],
        ['listItem', '2. Next', -1, 2],
        ['paragraph', 'Next', 8, undefined],
        ['blockquote', '> quote', -1, undefined],
        ['paragraph', 'quote', 10, undefined],
        ['heading', '# H', -1, undefined],
      ]);
      const leaf = model.highlights.find((h) => h.text === 'Leaf');
      assert.equal(at(text, leaf?.range), '==Leaf==');
    });
  });

  describe('line endings and odd input', () => {
    it('gives exact ranges on CRLF text', () => {
      const text = '---\r\naliases: [A]\r\n---\r\n# Title ^t\r\n\r\nSee [[Note|shown]] ==hi== #tag\r\n';
      const model = parseNote(text);
      assert.deepEqual(model.frontmatter?.aliases, ['A']);
      assert.equal(model.headings[0].text, 'Title');
      assert.equal(at(text, model.headings[0].range), '# Title ^t');
      const link = only(wikiLinks(model));
      assert.equal(at(text, link.aliasRange), 'shown');
      assert.equal(link.range.start.line, 5);
      assert.equal(at(text, model.highlights[0].range), '==hi==');
      assert.equal(at(text, model.tags[0].range), '#tag');
    });

    it('counts a byte order mark', () => {
      const text = '\uFEFF---\naliases: [A]\n---\n[[Note]]';
      const model = parseNote(text);
      assert.deepEqual(model.frontmatter?.aliases, ['A']);
      assert.equal(at(text, only(wikiLinks(model)).range), '[[Note]]');
    });

    it('never throws', function () {
      this.timeout(120_000);
      const samples = [
        '',
        '\0\0\0',
        '[['.repeat(2000),
        '![['.repeat(1000) + ']]'.repeat(1000),
        '>'.repeat(1000) + ' deep',
        '- '.repeat(500) + 'deep list',
        '=='.repeat(2000),
        '==a '.repeat(1000) + 'b== '.repeat(1000),
        '---\n' + ': : :\n'.repeat(100),
        '---\n---\n',
        '\r\r\r[[x]]\r',
        '\uD800 [[\uDFFF]] #\uD83D',
      ];
      let seed = 42;
      const random = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
      const alphabet = '[]!=#^|\\`$<>-*_ \t\n\r>1.:aZ%';
      for (let i = 0; i < 200; i++) {
        let s = '';
        for (let j = 0; j < 200; j++) s += alphabet[Math.floor(random() * alphabet.length)];
        samples.push(s);
      }
      for (const text of samples) {
        const model = parseNote(text);
        assert.ok(!model.problems.some((p) => p.code === 'parse-failed'), JSON.stringify(model.problems));
      }
    });

    it('recognises binary files', () => {
      assert.equal(looksBinary(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1])), true);
      assert.equal(looksBinary(new TextEncoder().encode('# plain text\n')), false);
      const late = new Uint8Array(9000).fill(65);
      late[8500] = 0;
      assert.equal(looksBinary(late), false);
    });
  });

  describe('the sample note', () => {
    const text = readFileSync(join(__dirname, '..', 'fixtures', 'sample-note.md'), 'utf8');
    const model = parseNote(text);

    it('reads the alias and the embeds with their sizes', () => {
      assert.deepEqual(model.frontmatter?.aliases, ['Multimodality']);
      assert.deepEqual(model.problems, []);
      const embeds = wikiLinks(model).filter((l) => l.embed);
      // Counted with grep -o '!\[\[' on the file: 16.
      assert.equal(embeds.length, 16);
      assert.ok(embeds.every((e) => e.path.startsWith('Pasted image ') && e.path.endsWith('.png')));
      assert.deepEqual(embeds.filter((e) => e.size).map((e) => e.size?.width), [300, 300, 200, 400, 300, 300]);
      const sized = embeds.find((e) => e.path === 'Pasted image 20240612135341.png');
      assert.equal(at(text, sized?.range), '![[Pasted image 20240612135341.png|300]]');
      assert.equal(at(text, sized?.pathRange), 'Pasted image 20240612135341.png');
    });

    it('reads the highlights', () => {
      const texts = model.highlights.map((h) => h.text);
      for (const t of ['Connection', 'Interaction:', 'expressed', 'perceived.', 'Fusion', 'Coordination', 'Fission']) assert.ok(texts.includes(t), t);
      const challenges = ['Representation', 'Alignment', 'Reasoning', 'Generation', 'Transference', 'Quantification'];
      assert.deepEqual(texts.filter((t) => challenges.includes(t)), challenges);
      for (const h of model.highlights) assert.equal(at(text, h.range), `==${h.text}==`);
    });

    it('nests Definition and Sub-challenges under `1. ==Representation==`', () => {
      const blocks = model.blocks.map((b) => ({ ...b, source: at(text, b.range) }));
      const representation = blocks.findIndex((b) => b.kind === 'listItem' && b.source.startsWith('1. ==Representation=='));
      assert.ok(representation >= 0);
      assert.equal(blocks[representation].ordinal, 1);
      const children = blocks.filter((b) => b.kind === 'listItem' && b.parent === representation);
      const definition = children.find((b) => b.source.startsWith('- Definition: Learning representations'));
      assert.ok(definition, 'Definition item');
      const subIndex = blocks.findIndex((b) => b.kind === 'listItem' && b.parent === representation && b.source.startsWith('- Sub-challenges'));
      assert.ok(subIndex >= 0, 'Sub-challenges item');
      const fusion = blocks.find((b) => b.kind === 'listItem' && b.parent === subIndex && b.source.startsWith('- ==Fusion=='));
      assert.ok(fusion, 'Fusion item under Sub-challenges');
      assert.ok(!model.tags.length, 'the sample has no tags');
    });
  });

  describe('large notes', () => {
    // One unit holds every construct that may contain a blank line followed by
    // a line at column 0, which a careless split would cut.
    const unit = [
      '# Section ^sec',
      '',
      'Text with [[Link]] and ==mark== #tag.',
      '',
      '```',
      'code',
      '',
      '[[InsideFence]] ==no== #no',
      '```',
      '',
      '$$',
      'x',
      '',
      '[[InsideMath]]',
      '$$',
      '',
      '<!--',
      '',
      '[[InsideComment]]',
      '-->',
      '',
      '- item one',
      '- item two',
      '',
      '^list',
      '',
      '1. ==Term==',
      '\t- Definition: meaning',
      '',
    ].join('\n');
    const copies = 300; // ~65 KB: many pieces
    const big = unit.repeat(copies);
    const pieces = splitIntoChunks(big);
    const started = performance.now();
    const model = parseNote(big);
    const elapsed = performance.now() - started;

    it('splits into pieces without cutting code, math or comments', function () {
      this.timeout(120_000);
      assert.ok(pieces.length > 5, `${pieces.length} pieces`);
      // Each piece starts with a top-level block of the unit, never inside code, math or a comment.
      assert.ok(pieces.every(([start]) => start === 0 || /^(# Section|Text with|- item one|1\. ==Term==)/.test(big.slice(start, start + 20))));
      assert.deepEqual(new Set(model.links.map((l) => l.path)), new Set(['Link']));
      assert.equal(model.links.length, copies);
      assert.equal(model.highlights.length, 2 * copies);
      assert.equal(model.tags.length, copies);
      assert.equal(model.literalRanges.length, 3 * copies);
      assert.equal(model.headings.length, copies);
      assert.deepEqual(new Set(model.blockIds.map((b) => b.id)), new Set(['sec', 'list']));
      assert.equal(model.blockIds.length, 2 * copies);
      const last = model.blockIds[model.blockIds.length - 1];
      assert.equal(at(big, last.blockRange), '- item one\n- item two');
      const definition = model.blocks.filter((b) => b.kind === 'listItem' && at(big, b.range).startsWith('- Definition'));
      assert.equal(definition.length, copies);
      assert.ok(definition.every((b) => at(big, model.blocks[b.parent].range).startsWith('1. ==Term==')));
      console.log(`      (${(big.length / 1e3).toFixed(0)} KB parsed in ${elapsed.toFixed(0)} ms)`);
    });

    it('splits one huge list between top-level items', function () {
      this.timeout(120_000);
      const n = 1500;
      const list = Array.from({ length: n }, (_, i) => `- item ${i} [[N${i}]]\n\t- child ${i}`).join('\n');
      assert.ok(splitIntoChunks(list).length > 3);
      const parsed = parseNote(list);
      assert.equal(parsed.links.length, n);
      const items = parsed.blocks.filter((b) => b.kind === 'listItem');
      assert.equal(items.filter((b) => b.parent === -1).length, n);
      const children = items.filter((b) => b.parent !== -1);
      assert.equal(children.length, n);
      assert.ok(children.every((b) => parsed.blocks[b.parent].parent === -1 && at(list, parsed.blocks[b.parent].range).startsWith('- item')));
      assert.equal(at(list, parsed.links[n - 1].range), `[[N${n - 1}]]`);
    });

    it('reads only the first maxLength characters when asked', () => {
      const text = '[[A]]\n'.repeat(100);
      const parsed = parseNote(text, { maxLength: 40 });
      assert.equal(parsed.links.length, 6);
      const problem = only(parsed.problems);
      assert.equal(problem.code, 'too-large');
      assert.equal(problem.range.start.line, 6);
    });
  });
});
