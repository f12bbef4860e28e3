import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { obsidianMarkdownIt } from '../../src/extension/preview/obsidianMarkdownIt';
import { headingSlug } from '../../src/extension/preview/previewHtml';
import type { PreviewResolver } from '../../src/extension/preview/previewResolver';
import { resolverFromNameTable } from '../../src/extension/preview/resolverFromNameTable';

const URI = 'https://file+.vscode-resource.vscode-cdn.net/vault/';
const XSS = '<img src=x onerror=alert(1)>';

const texts: Record<string, string> = {
  'Home.md': '# Home\n\n## Intro\nhome text',
  'notes/Note.md': '---\naliases: [x]\n---\n# Top\nintro\n\n## Sub Heading\nsub text ^blk1\n\n```\n# not a heading\n```\n\n# Other\nother text\n\n- item one ^li1\n  - nested\n- item two',
  'A.md': 'A says\n\n![[B]]',
  'B.md': 'B says\n\n![[A]]',
  'D1.md': 'one ![[D2]]',
  'D2.md': 'two ![[D3]]',
  'D3.md': 'three ![[D4]]',
  'D4.md': 'four ![[D5]]',
  'D5.md': 'five',
  'Self.md': '# First\nfirst\n\n# Second\n![[#First]]',
  // The body is Markdown like any note (raw HTML follows the md instance's `html` option); the name is the test.
  [`${XSS}.md`]: '# Heading\nbody',
};

interface Calls {
  noteText: string[];
  attachmentUri: string[];
}

function setup(uri: (p: string) => string | undefined = (p) => URI + encodeURI(p)) {
  const calls: Calls = { noteText: [], attachmentUri: [] };
  const resolver: PreviewResolver = resolverFromNameTable(
    {
      notes: Object.keys(texts).map((path) => ({ path, names: path === 'notes/Note.md' ? [`Alias "q" ${XSS}`] : [] })),
      attachments: ['assets/pic.png', 'assets/huge-50MB.png'],
    },
    {
      currentPath: (env) => (env as { path?: string }).path ?? '',
      noteText: (p) => (calls.noteText.push(p), texts[p]),
      attachmentUri: (p) => (calls.attachmentUri.push(p), uri(p)),
    },
  );
  const md = new MarkdownIt({ html: true }).use((m) => obsidianMarkdownIt(m, resolver));
  return { md, calls, render: (src: string, from = 'Home.md') => md.render(src, { path: from }).trim() };
}

describe('preview: note embeds', () => {
  it('transcludes a whole note without its frontmatter, in a box titled with a link', () => {
    const out = setup().render('![[Note]]');
    assert.match(out, /^<div class="mmnotes-embed" data-embed-path="notes\/Note\.md"><div class="mmnotes-embed-title"><a class="mmnotes-link" href="notes\/Note\.md"[^>]*>Note<\/a><\/div>/);
    assert.match(out, /<h1>Top<\/h1>[\s\S]*<h1>Other<\/h1>/);
    assert.doesNotMatch(out, /aliases|<p>.*!\[\[/);
    assert.doesNotMatch(out, /^<p>/, 'not wrapped in a paragraph');
  });

  it('transcludes a heading section, down to the next heading of its level', () => {
    const out = setup().render('![[Note#Sub Heading]]');
    assert.match(out, /<h2>Sub Heading<\/h2>\n<p id="\^blk1">sub text<\/p>\n<pre><code># not a heading\n<\/code><\/pre>\n<\/div><\/div>$/);
    assert.doesNotMatch(out, /Other|intro/);
    assert.match(setup().render('![[Note#Top#Sub Heading]]'), /<h2>Sub Heading<\/h2>/);
  });

  it('transcludes a block: a paragraph or a list item with its children', () => {
    assert.match(setup().render('![[Note#^blk1]]'), /<div class="mmnotes-embed-content"><p id="\^blk1">sub text<\/p>\n<\/div>/);
    const li = setup().render('![[Note#^li1]]');
    assert.match(li, /<li id="\^li1">item one\n<ul>\n<li>nested<\/li>/);
    assert.doesNotMatch(li, /item two/);
  });

  it('shows a placeholder when the heading or block does not exist', () => {
    assert.match(setup().render('![[Note#Nope]]'), /^<span class="mmnotes-missing" title="Not found in the note">Note &gt; Nope<\/span>$/);
    assert.match(setup().render('![[Note#^nope]]'), /mmnotes-missing/);
    assert.equal(setup().render('![[Ghost]]'), '<span class="mmnotes-missing" title="Not found in the vault: Ghost">Ghost</span>');
  });

  it('stops a cycle A → B → A with a notice', () => {
    const out = setup().render('![[B]]', 'A.md');
    assert.match(out, /B says[\s\S]*mmnotes-embed-cycle" role="note">Embed cycle: A\.md → B\.md → A\.md</);
    assert.equal(out.match(/class="mmnotes-embed"/g)?.length, 1);
    assert.match(setup().render('![[Self]]', 'Self.md'), /mmnotes-embed-cycle/, 'a note embedding itself');
  });

  it('embeds another section of the same note, which is not a cycle', () => {
    const out = setup().render(texts['Self.md'], 'Self.md');
    assert.match(out, /<h1>Second<\/h1>\n<div class="mmnotes-embed"[^>]*>.*<h1>First<\/h1>\n<p>first<\/p>/s);
  });

  it('nests at most three levels deep', () => {
    const out = setup().render('![[D1]]', 'Home.md');
    assert.match(out, /one[\s\S]*two[\s\S]*three/);
    assert.doesNotMatch(out, /four/);
    assert.match(out, /mmnotes-embed-depth" role="note">Embeds nest deeper than 3 levels: D4 is not shown/);
  });

  it('links inside an embed resolve from the embedded note, relative to the previewed one', () => {
    texts['notes/Linker.md'] = 'see [[#Local]] and [[Home]]';
    try {
      const { render } = setup();
      assert.match(render('![[notes/Linker]]', 'Home.md'), /href="notes\/Linker\.md#local"[\s\S]*href="Home\.md"/);
    } finally {
      delete texts['notes/Linker.md'];
    }
  });

  it('gives embedded headings their own slugifier, so host heading ids do not shift', () => {
    const { md } = setup();
    const seen: string[] = [];
    // Stand-in for VS Code's heading rule, which numbers duplicates through env.slugifier.
    md.renderer.rules.heading_open = (tokens, idx, options, env, self) => {
      const title = tokens[idx + 1].children!.map((t) => t.content).join('');
      tokens[idx].attrSet('id', (env as { slugifier: { add(t: string): { value: string } } }).slugifier.add(title).value);
      return self.renderToken(tokens, idx, options);
    };
    const counts = new Map<string, number>();
    const slugifier = {
      add(t: string) {
        seen.push(t);
        const s = headingSlug(t);
        const n = counts.get(s) ?? 0;
        counts.set(s, n + 1);
        return { value: n ? `${s}-${n}` : s };
      },
    };
    const html = md.render('# Top\n\n![[Note#Top]]\n\n# Top', { path: 'Home.md', slugifier });
    assert.deepEqual(seen, ['Top', 'Top']);
    assert.match(html, /<h1 id="top">Top<\/h1>[\s\S]*<h1 id="top">Top<\/h1>[\s\S]*<h1 id="top-1">Top<\/h1>\s*$/);
  });
});

describe('preview: safety', () => {
  it('renders a note titled like HTML as text, in links and embeds', () => {
    const { render } = setup();
    const link = render(`[[${XSS}]]`);
    assert.doesNotMatch(link, /<img/);
    assert.match(link, /href="%3Cimg%20src%3Dx%20onerror%3Dalert\(1\)%3E\.md"[^>]*>&lt;img src=x onerror=alert\(1\)&gt;<\/a>/);
    const embed = render(`![[${XSS}]]`);
    assert.doesNotMatch(embed, /<img/);
    assert.match(embed, /data-embed-path="&lt;img src=x onerror=alert\(1\)&gt;\.md"/);
    assert.match(embed, /mmnotes-embed-title"><a [^>]*>&lt;img src=x onerror=alert\(1\)&gt;<\/a>/);
  });

  it('renders aliases, link text and titles with quotes as text', () => {
    const { render } = setup();
    const out = render(`[[Alias "q" ${XSS}]] [[Nowhere"><script>alert(1)</script>|"><b>x</b>]]`);
    assert.doesNotMatch(out, /<img|<script|<b>/);
    assert.match(out, /href="notes\/Note\.md"[^>]*>Alias &quot;q&quot; &lt;img/);
    assert.match(out, /title="Unresolved link: Nowhere&quot;&gt;&lt;script&gt;/);
    assert.match(out, />&quot;&gt;&lt;b&gt;x&lt;\/b&gt;<\/a>/);
  });

  it('never makes a link or a source out of a URL scheme', () => {
    const { render } = setup();
    const out = render('[[javascript:alert(1)]] [[JavaScript:alert(1)|click]] [[data:text/html,<x>]] ![[javascript:alert(1).png]]');
    assert.doesNotMatch(out, /href="\s*(javascript|data):/i);
    assert.doesNotMatch(out, /src=/);
    assert.equal(out.match(/mmnotes-not-a-link/g)?.length, 3);
  });

  it('refuses a script URI even from the host', () => {
    const { render } = setup(() => 'javascript:alert(1)');
    assert.match(render('![[pic.png]]'), /^<p><span class="mmnotes-missing"/);
  });

  it('turns a 50 MB image into an <img> without reading it', () => {
    const { render, calls } = setup();
    assert.equal(render('![[huge-50MB.png|640]]'), `<p><img class="mmnotes-embed-image" src="${URI}assets/huge-50MB.png" alt="huge-50MB.png" width="640"></p>`);
    assert.deepEqual(calls, { noteText: [], attachmentUri: ['assets/huge-50MB.png'] });
  });
});
