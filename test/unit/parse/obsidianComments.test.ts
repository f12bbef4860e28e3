/**
 * Obsidian `%%comments%%` in the note model, read by both parsers (the
 * reference parseNote and the index's scanNote): what is hidden, where a
 * comment starts and ends, and where `%%` is no comment at all. The
 * fixtures here are also compared range for range by differential.test.ts.
 */
import * as assert from 'node:assert/strict';
import type { NoteModel } from '../../../src/core/parse/noteModel';
import { parseNote } from '../../../src/core/parse/parseNote';
import { scanNote } from '../../../src/core/scan/scanNote';
import { LineIndex } from '../../../src/core/text/lineIndex';
import type { Range } from '../../../src/core/text/range';

/** What a user would check: the names of what counts, and the text of each literal range. */
function view(text: string, model: NoteModel) {
  const lines = new LineIndex(text);
  const src = (r: Range) => text.slice(lines.offsetAt(r.start), lines.offsetAt(r.end));
  return {
    links: model.links.map((l) => l.path),
    highlights: model.highlights.map((h) => h.text),
    tags: model.tags.map((t) => t.name),
    blockIds: model.blockIds.map((b) => b.id),
    headings: model.headings.map((h) => h.text),
    callouts: model.callouts.map((c) => c.type),
    literal: model.literalRanges.map(src),
  };
}

const PARSERS = [
  ['parseNote', parseNote],
  ['scanNote', scanNote],
] as const;

/** Runs the check on the model of each parser. */
function both(text: string, check: (v: ReturnType<typeof view>, model: NoteModel) => void): void {
  for (const [name, parse] of PARSERS) {
    const model = parse(text);
    try {
      check(view(text, model), model);
    } catch (e) {
      if (e instanceof Error) e.message = `${name}: ${e.message}`;
      throw e;
    }
  }
}

describe('Obsidian %%comments%% in the note model', () => {
  it('hides links, embeds, highlights, tags and block ids of an inline comment', () => {
    const text = 'A %%hidden [[X]] ![[e.png]] #t ==h== ^no%% then [[Y]] #u ==shown==';
    both(text, (v) => {
      assert.deepEqual(v.links, ['Y']);
      assert.deepEqual(v.tags, ['u']);
      assert.deepEqual(v.highlights, ['shown']);
      assert.deepEqual(v.blockIds, []);
      assert.deepEqual(v.literal, ['%%hidden [[X]] ![[e.png]] #t ==h== ^no%%']);
    });
  });

  it('hides a block comment across blank lines, headings, lists and callouts', () => {
    const text = ['Intro [[A]]', '', '%%', '# Draft', '[[Z]] ==hl==', '', '- [[W]] ^blk', '', '> [!note] hidden', '%%', 'After [[V]] ^kept'].join('\n');
    both(text, (v, model) => {
      assert.deepEqual(v.links, ['A', 'V']);
      assert.deepEqual(v.headings, []);
      assert.deepEqual(v.highlights, []);
      assert.deepEqual(v.callouts, []);
      assert.deepEqual(v.blockIds, ['kept']);
      assert.deepEqual(v.literal, ['%%\n# Draft\n[[Z]] ==hl==\n\n- [[W]] ^blk\n\n> [!note] hidden\n%%']);
      // The structure stays: blocks only say where blocks are.
      assert.ok(model.blocks.some((b) => b.kind === 'listItem'));
    });
  });

  it('runs an unclosed %% to the end of the note', () => {
    const text = 'Text [[A]] %% from here [[B]]\n\n# Later\n\nmore [[C]] #t';
    both(text, (v) => {
      assert.deepEqual(v.links, ['A']);
      assert.deepEqual(v.headings, []);
      assert.deepEqual(v.tags, []);
      assert.deepEqual(v.literal, ['%% from here [[B]]\n\n# Later\n\nmore [[C]] #t']);
    });
  });

  it('opens no comment inside code spans, fenced or indented code, math or HTML', () => {
    const text = [
      'Code `%%` [[A]] and ``a %% b`` [[B]] and $x %% y$ [[C]] <!-- %% --> [[D]]',
      '',
      '```',
      '%% in a fence',
      '```',
      '',
      '    %% indented',
      '',
      '$$',
      '%%',
      '$$',
      '',
      'Last [[E]]',
    ].join('\n');
    both(text, (v) => {
      assert.deepEqual(v.links, ['A', 'B', 'C', 'D', 'E']);
      assert.ok(v.literal.every((l) => !l.startsWith('%%')), JSON.stringify(v.literal));
    });
  });

  it('opens no comment in the frontmatter', () => {
    const text = '---\ntitle: "50%% off"\naliases: [a %% b]\n---\n[[A]] %%x%% [[B]]';
    both(text, (v, model) => {
      assert.deepEqual(v.links, ['A', 'B']);
      assert.deepEqual(model.frontmatter?.aliases, ['a %% b']);
      assert.deepEqual(v.literal, ['---\ntitle: "50%% off"\naliases: [a %% b]\n---', '%%x%%']);
    });
  });

  it('closes at the next %%, even between backticks: a comment holds no code', () => {
    const text = 'Before %%a `b%% after` [[A]]';
    both(text, (v) => {
      assert.deepEqual(v.links, ['A']);
      // The code span micromark saw starts inside the comment: it is no code.
      assert.deepEqual(v.literal, ['%%a `b%%']);
    });
  });

  it('reads a link whole: a %% inside [[…]] opens nothing', () => {
    const text = 'See [[Note %% x]] and [[B]]';
    both(text, (v) => {
      assert.deepEqual(v.links, ['Note %% x', 'B']);
      assert.deepEqual(v.literal, []);
    });
  });

  it('lets a comment that opened before a link close inside it, hiding the link', () => {
    const text = 'A %% note [[B %%]] [[C]]';
    both(text, (v) => {
      assert.deepEqual(v.links, ['C']);
      assert.deepEqual(v.literal, ['%% note [[B %%']);
    });
  });

  it('takes a backslash-escaped % as text', () => {
    both('Not \\%% a comment [[A]]', (v) => {
      assert.deepEqual(v.links, ['A']);
      assert.deepEqual(v.literal, []);
    });
    both('x \\%%% y %% [[B]]', (v) => {
      assert.deepEqual(v.links, ['B']);
      assert.deepEqual(v.literal, ['%% y %%']);
    });
  });

  it('keeps what starts before a comment: a highlight or heading holding one', () => {
    const text = '## Title %%draft%%\n\n==Term %%aside%%==: a definition #tag';
    both(text, (v) => {
      assert.deepEqual(v.headings, ['Title %%draft%%']);
      assert.deepEqual(v.highlights, ['Term %%aside%%']);
      assert.deepEqual(v.tags, ['tag']);
      assert.deepEqual(v.literal, ['%%draft%%', '%%aside%%']);
    });
  });

  it('works in list items, quotes and tables, and on CRLF text', () => {
    both('- item %%c [[X]]%% [[Y]]\n- two [[Z]]', (v) => assert.deepEqual(v.links, ['Y', 'Z']));
    both('> quote %%[[X]]\n> still%% [[Y]]', (v) => assert.deepEqual(v.links, ['Y']));
    both('| a | b |\n| - | - |\n| %%[[X]]%% | [[Y]] |', (v) => assert.deepEqual(v.links, ['Y']));
    const crlf = 'a %%x [[X]]\r\n\r\ny%% [[A]]';
    both(crlf, (v) => {
      assert.deepEqual(v.links, ['A']);
      assert.deepEqual(v.literal, ['%%x [[X]]\r\n\r\ny%%']);
    });
  });

  it('pairs %%%% as an empty comment and reads several comments in a row', () => {
    both('a %%%% [[A]] %%b%% [[B]] %%c', (v) => {
      assert.deepEqual(v.links, ['A', 'B']);
      assert.deepEqual(v.literal, ['%%%%', '%%b%%', '%%c']);
    });
  });

  it('counts a comment across the pieces a long note is parsed in', () => {
    const filler = 'Some words about [[Fusion]] and models.\n\n'.repeat(300);
    const text = `Start %% long comment\n\n${filler}end of comment %% [[After]]`;
    both(text, (v) => {
      assert.deepEqual(v.links, ['After']);
      assert.equal(v.literal.length, 1);
    });
  });
});
