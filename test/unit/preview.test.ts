import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import MarkdownIt from 'markdown-it';
import { parse as parseYaml } from 'yaml';
import { obsidianMarkdownIt } from '../../src/extension/preview/obsidianMarkdownIt';
import { headingSlug } from '../../src/extension/preview/previewHtml';
import { resolverFromNameTable, type PreviewNameTable } from '../../src/extension/preview/resolverFromNameTable';

const URI = 'https://file+.vscode-resource.vscode-cdn.net/vault/';

const table: PreviewNameTable = {
  notes: [
    { path: 'Home.md', names: [] },
    { path: 'notes/Note.md', names: ['Alias "quoted"'] },
    { path: 'notes/Deep.md', names: [] },
    { path: 'dup/Same.md', names: [] },
    { path: 'other/Same.md', names: [] },
  ],
  attachments: ['assets/pic.png', 'assets/sound.mp3', 'assets/clip.mp4', 'docs/paper.pdf'],
};

function render(src: string, from = 'Home.md'): string {
  const resolver = resolverFromNameTable(table, {
    currentPath: (env) => (env as { path: string }).path,
    noteText: () => undefined,
    attachmentUri: (p) => URI + encodeURI(p),
  });
  const md = new MarkdownIt({ html: true }).use((m) => obsidianMarkdownIt(m, resolver));
  return md.render(src, { path: from }).trim();
}

const inline = (src: string, from?: string) => render(src, from).replace(/^<p>|<\/p>$/g, '');

describe('preview: wiki links', () => {
  it('links a note by name, relative to the previewed note', () => {
    assert.equal(inline('[[Note]]'), '<a class="mmnotes-link" href="notes/Note.md" data-href="notes/Note.md">Note</a>');
    assert.match(inline('[[Home]]', 'notes/Deep.md'), /href="\.\.\/Home\.md"/);
    assert.match(inline('[[Note.md]]'), /href="notes\/Note\.md"/);
    assert.match(inline('[[notes/note]]'), /href="notes\/Note\.md"/, 'folder/Note suffix, any case');
  });

  it('shows the alias, or Obsidian\'s "Note > Heading" text', () => {
    assert.match(inline('[[Note|shown text]]'), />shown text<\/a>$/);
    assert.match(inline('[[Note#Sub Heading]]'), /href="notes\/Note\.md#sub-heading"[^>]*>Note &gt; Sub Heading</);
    assert.match(inline('[[Note#Top#Sub Heading|x]]'), /href="notes\/Note\.md#sub-heading"/, 'last heading of a #H1#H2 path');
  });

  it('links headings and blocks of the same note with a fragment only', () => {
    assert.equal(inline('[[#What is a modality?]]'), '<a class="mmnotes-link" href="#what-is-a-modality" data-href="#what-is-a-modality">What is a modality?</a>');
    assert.match(inline('[[Home#Intro]]'), /href="#intro"/);
    assert.match(inline('[[#^abc-1]]'), /href="#\^abc-1"/);
    assert.match(inline('[[Note#^blk1]]'), /href="notes\/Note\.md#\^blk1"[^>]*>Note &gt; \^blk1</);
  });

  it('marks unresolved and ambiguous links, without an href', () => {
    const missing = inline('[[Nowhere]]');
    assert.match(missing, /class="mmnotes-link mmnotes-unresolved"/);
    assert.doesNotMatch(missing, /href=/);
    const ambiguous = inline('[[Same]]');
    assert.match(ambiguous, /mmnotes-ambiguous/);
    assert.match(ambiguous, /title="Ambiguous link: dup\/Same\.md, other\/Same\.md"/);
    assert.doesNotMatch(ambiguous, /href=/);
    assert.match(inline('[[dup/Same]]'), /href="dup\/Same\.md"/, 'a folder disambiguates');
  });

  it('resolves aliases and reads `|` and `#` the way Obsidian does', () => {
    assert.match(inline('[[Alias "quoted"]]'), /href="notes\/Note\.md"[^>]*>Alias &quot;quoted&quot;</);
    assert.match(inline('[[Note|a | b]]'), />a \| b<\/a>/, 'only the first | splits');
    assert.match(inline('[[C# notes]]'), /mmnotes-unresolved[^>]*>C &gt; notes</, '# starts a heading, never part of a name');
    const table = render('| a |\n|---|\n| [[Note\\|alias]] |');
    assert.match(table, /<td><a class="mmnotes-link" href="notes\/Note\.md"[^>]*>alias<\/a><\/td>/);
  });

  it('links non-embedded attachments to the file', () => {
    assert.match(inline('[[paper.pdf]]'), /href="docs\/paper\.pdf"/);
  });

  it('leaves code spans, fences, indented code and maths alone', () => {
    assert.equal(inline('`[[Note]] ==x== %%c%%`'), '<code>[[Note]] ==x== %%c%%</code>');
    assert.equal(render('```\n[[Note]] ==x== ^id\n```'), '<pre><code>[[Note]] ==x== ^id\n</code></pre>');
    assert.equal(render('    [[Note]]'), '<pre><code>[[Note]]\n</code></pre>');
    assert.equal(inline('$a==b==c$ and $$[[x]]$$'), '$a==b==c$ and $$[[x]]$$');
    assert.match(inline('costs $5 and ==$6=='), /costs \$5 and <mark>\$6<\/mark>/);
    assert.equal(inline('[$x==y$](u) ==z=='), '<a href="u">$x==y$</a> <mark>z</mark>');
  });

  it('never nests a link in a link (markdown-it lets the inner one win)', () => {
    assert.equal(inline('[see [[Note]]](https://example.com)').match(/<a /g)?.length, 1);
  });
});

describe('preview: media embeds', () => {
  it('renders images with the resolver URI and the Obsidian size', () => {
    assert.equal(inline('![[pic.png]]'), `<img class="mmnotes-embed-image" src="${URI}assets/pic.png" alt="pic.png">`);
    assert.match(inline('![[pic.png|300]]'), /src="[^"]+pic\.png" alt="pic\.png" width="300">$/);
    assert.match(inline('![[pic.png|100x145]]'), / width="100" height="145">$/);
    assert.match(inline('![[pic.png|a caption|200]]'), /alt="a caption" width="200"/);
  });

  it('renders audio and video players and a link for PDFs', () => {
    assert.match(inline('![[sound.mp3]]'), /^<audio class="mmnotes-embed-audio" controls src="[^"]+assets\/sound\.mp3"/);
    assert.match(inline('![[clip.mp4|320]]'), /^<video class="mmnotes-embed-video" controls src="[^"]+clip\.mp4"[^>]* width="320"><\/video>$/);
    assert.match(inline('![[paper.pdf]]'), /^<a class="mmnotes-link mmnotes-embed-file" href="docs\/paper\.pdf"[^>]*>paper\.pdf<\/a>$/);
  });

  it('shows a placeholder for a missing attachment, never a raw path', () => {
    const out = inline('![[nothere.png]] ![[../../etc/passwd.png]] ![[/etc/x.png]]');
    assert.equal(out.match(/<span class="mmnotes-missing"/g)?.length, 3);
    assert.doesNotMatch(out, /<img|src=/);
  });
});

describe('preview: highlights, callouts, comments, block ids', () => {
  it('turns ==text== into <mark>, rendering what is inside', () => {
    assert.equal(inline('==a **b** [[Note]]=='), '<mark>a <strong>b</strong> <a class="mmnotes-link" href="notes/Note.md" data-href="notes/Note.md">Note</a></mark>');
    assert.equal(inline('"==quoted==," and ==end.=='), '&quot;<mark>quoted</mark>,&quot; and <mark>end.</mark>');
    assert.equal(inline('a == b'), 'a == b');
  });

  it('renders callouts with their type, title and content', () => {
    const out = render('> [!warning] Careful **now**\n> body ==x==');
    assert.match(out, /^<div class="callout" data-callout="warning">\n<div class="callout-title">\n<div class="callout-title-inner">Careful <strong>now<\/strong><\/div>/);
    assert.match(out, /<div class="callout-content">\n<p>body <mark>x<\/mark><\/p>\n<\/div>\n<\/div>$/);
    assert.match(render('> [!TIP]\n> t'), /data-callout="tip">[\s\S]*callout-title-inner">Tip</);
    assert.match(render('> [!note]'), /callout-title-inner">Note<\/div>[\s\S]*<div class="callout-content"><\/div>/);
    assert.match(render('> plain quote'), /^<blockquote>/);
  });

  it('folds callouts marked + (open) or - (closed) with <details>', () => {
    assert.match(render('> [!faq]- Why?\n> Because.'), /^<details class="callout" data-callout="faq" data-callout-fold="-">\n<summary class="callout-title">[\s\S]*Why\?[\s\S]*<\/summary>[\s\S]*<\/details>$/);
    assert.match(render('> [!example]+\n> e'), /^<details class="callout" data-callout="example" data-callout-fold="\+" open="">/);
  });

  it('nests callouts and keeps lists inside them', () => {
    const out = render('> [!info] Outer\n> - item\n> > [!bug] Inner\n> > text');
    assert.match(out, /data-callout="info"[\s\S]*<li>item<\/li>[\s\S]*data-callout="bug"[\s\S]*<p>text<\/p>\n<\/div>\n<\/div>\n<\/div>\n<\/div>$/);
  });

  it('hides %%comments%%, inline and as blocks', () => {
    assert.equal(inline('a %%hidden%% b'), 'a  b');
    assert.equal(render('%%\nhidden\n\n- also hidden\n%%\nshown'), '<p>shown</p>');
    assert.equal(render('para\n%% one line %%\nnext'), '<p>para</p>\n<p>next</p>');
    assert.equal(inline('100%% unclosed'), '100%% unclosed');
  });

  it('hides ^block-ids and puts the id on their block', () => {
    assert.equal(render('Some text ^abc-1'), '<p id="^abc-1">Some text</p>');
    assert.equal(render('- one ^li\n- two'), '<ul>\n<li id="^li">one</li>\n<li>two</li>\n</ul>');
    assert.equal(render('- a\n- b\n\n^list'), '<ul id="^list">\n<li>a</li>\n<li>b</li>\n</ul>');
    assert.equal(render('## Title ^h'), '<h2><span class="mmnotes-block-anchor" id="^h"></span>Title</h2>');
    assert.equal(inline('`code ^x`'), '<code>code ^x</code>');
    assert.equal(inline('2^10 is x^y'), '2^10 is x^y');
  });
});

describe('preview: heading slugs', () => {
  it('match the ids VS Code gives headings', () => {
    assert.equal(headingSlug('What is a modality?'), 'what-is-a-modality');
    assert.equal(headingSlug('  Co-learning: via (generation) '), 'co-learning-via-generation');
    assert.equal(headingSlug('Ünïcode Überschrift'), 'ünïcode-überschrift');
    assert.equal(headingSlug('a_b  c'), 'a_b--c');
  });
});

describe('preview: the sample note', () => {
  const candidates = [join(__dirname, '../../sample-vault'), '/work/shared/sample-vault'];
  const dir = candidates.find((d) => existsSync(join(d, 'Multimodal Machine Learning.md')));

  it('renders every image embed as <img> with its width, and every highlight as <mark>', function () {
    if (!dir) this.skip();
    const text = readFileSync(join(dir!, 'Multimodal Machine Learning.md'), 'utf8');
    const images = [...text.matchAll(/!\[\[(Pasted image \d+\.png)(?:\|(\d+))?\]\]/g)];
    assert.equal(images.length, 16, 'the note embeds 16 images');
    const highlights = [...text.matchAll(/==[^=\n]+==/g)].length;

    const names = images.map((m) => `attachments/${m[1]}`);
    const sample = resolverFromNameTable(
      { notes: [{ path: 'Multimodal Machine Learning.md', names: ['Multimodality'] }], attachments: names },
      { currentPath: () => 'Multimodal Machine Learning.md', noteText: () => text, attachmentUri: (p) => URI + encodeURI(p) },
    );
    const md = new MarkdownIt({ html: true }).use((m) => obsidianMarkdownIt(m, sample));
    // VS Code strips the frontmatter before rendering; so does this test.
    const html = md.render(text.replace(/^---\n[\s\S]*?\n---\n/, ''), {});

    const imgs = [...html.matchAll(/<img class="mmnotes-embed-image" src="([^"]+)" alt="([^"]+)"(?: width="(\d+)")?>/g)];
    assert.deepEqual(
      imgs.map((m) => [m[2], m[3]]),
      images.map((m) => [m[1], m[2]]),
    );
    for (const m of imgs) assert.ok(m[1].startsWith(URI + 'attachments/Pasted%20image%20'));
    assert.deepEqual(imgs.filter((m) => m[3]).map((m) => m[3]), ['300', '300', '200', '400', '300', '300']);
    assert.equal(html.match(/<mark>/g)?.length, highlights);
    assert.match(html, /<mark>having multiple modalities<\/mark>/);
    assert.match(html, /<mark>perceived\.<\/mark>/);
    assert.doesNotMatch(html, /==|mmnotes-missing|mmnotes-unresolved/);
  });
});

describe('preview: the sample vault', () => {
  const root = join(__dirname, '../../sample-vault');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.name.startsWith('.') ? [] : e.isDirectory() ? walk(join(dir, e.name)) : [relative(root, join(dir, e.name)).split('\\').join('/')],
    );
  const FRONTMATTER = /^---\n([\s\S]*?)\n---\n/;

  it('resolves every link and embeds all 17 images, with a placeholder for the one not on disk', function () {
    if (!existsSync(root)) this.skip();
    const files = walk(root);
    const text = (p: string) => readFileSync(join(root, p), 'utf8');
    const notes = files.filter((f) => f.endsWith('.md')).map((path) => {
      const aliases = (parseYaml(FRONTMATTER.exec(text(path))?.[1] ?? '') as { aliases?: string | string[] } | null)?.aliases ?? [];
      return { path, names: ([] as string[]).concat(aliases) };
    });
    const resolver = resolverFromNameTable(
      { notes, attachments: files.filter((f) => !f.endsWith('.md')) },
      { currentPath: (env) => (env as { path: string }).path, noteText: text, attachmentUri: (p) => URI + encodeURI(p) },
    );
    const md = new MarkdownIt({ html: true }).use((m) => obsidianMarkdownIt(m, resolver));
    const html = notes.map((n) => md.render(text(n.path).replace(FRONTMATTER, ''), { path: n.path })).join('\n');

    const embeds = notes.flatMap((n) => [...text(n.path).matchAll(/!\[\[([^\]|]+\.png)/g)].map((m) => m[1]));
    assert.equal(embeds.length, 17);
    const onDisk = embeds.filter((name) => files.includes(`attachments/${name}`));
    assert.equal(html.match(/<img class="mmnotes-embed-image"/g)?.length, onDisk.length);
    assert.equal(html.match(/<span class="mmnotes-missing"/g)?.length ?? 0, embeds.length - onDisk.length);
    assert.doesNotMatch(html, /mmnotes-unresolved/);
    assert.match(html, /href="Modalities\.md#properties-of-a-modality"[^>]*>properties of a modality</);
    assert.match(html, /href="Modalities\.md#\^raw-abstract"/);
    assert.match(html, /href="Multimodal%20Machine%20Learning\.md"[^>]*>Multimodality</);
    assert.match(html, /<div class="callout" data-callout="note">[\s\S]*Why it matters/);
    assert.match(html, /<p id="\^representation"><mark>Representation<\/mark>: learning/);
  });
});
