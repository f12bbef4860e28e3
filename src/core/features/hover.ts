import type { LinkRef } from '../parse/noteModel';
import { LineIndex } from '../text/lineIndex';
import type { Position, Range } from '../text/range';
import type { NoteEntry, VaultIndex } from '../vault/vaultIndex';
import { mediaKind, noteName } from '../vault/vaultPath';
import { linkAt } from './linkAt';
import { linkDestinations, type LinkDestination } from './linkTarget';
import { escapeAttribute, escapeMarkdownText, escapeNoteMarkdown } from './markdownEscape';
import type { Cancellation } from './types';

export interface HoverOptions {
  /** The absolute URI an image can be loaded from (the host knows where the vault is). */
  fileUri(path: string): string;
  maxLines?: number;
  maxChars?: number;
}

/** Hover contents as Markdown; the only HTML in it is our own `<img>`. */
export interface NoteHover {
  range: Range;
  markdown: string;
}

/**
 * What the link under the cursor leads to: a preview of the note, section
 * or block; a thumbnail of an image (sized as the embed says); the
 * candidates of an ambiguous name; or why it leads nowhere.
 */
export function hover(index: VaultIndex, path: string, position: Position, token: Cancellation, options: HoverOptions): NoteHover | undefined {
  const entry = index.getNote(path);
  if (!entry || token.isCancellationRequested) return undefined;
  const at = linkAt(entry, position);
  if (!at) return undefined;
  const { link, resolution } = at;
  let markdown: string;
  if (resolution.kind === 'unresolved') {
    markdown =
      resolution.reason === 'outside-vault'
        ? `**Outside the vault:** ${code(link.path)}`
        : `**Not found:** no note or file is named ${code(link.path)}`;
  } else if (resolution.kind === 'ambiguous') {
    markdown = `**Ambiguous:** ${code(link.path)} names ${resolution.candidates.length} files\n\n${resolution.candidates.map((c) => `- ${code(c)}`).join('\n')}`;
  } else {
    const [d] = linkDestinations(index, path, link, resolution);
    markdown = d ? destinationHover(index, d, link, options) : '';
  }
  return markdown ? { range: link.range, markdown } : undefined;
}

function destinationHover(index: VaultIndex, d: LinkDestination, link: LinkRef, options: HoverOptions): string {
  const target = index.getNote(d.path);
  if (!target) {
    const kind = mediaKind(d.path);
    if (kind === 'image') return imageMarkdown(options.fileUri(d.path), d.path, imageSize(link)) + `\n\n${code(d.path)}`;
    if (kind === 'note') return `${code(d.path)} is not indexed (binary or too large)`;
    return `**${kind === 'other' ? 'File' : kind[0].toUpperCase() + kind.slice(1)}:** ${code(d.path)}`;
  }
  const title = [`**${escapeMarkdownText(noteName(d.path))}**`];
  if (d.kind === 'heading') title.push(escapeMarkdownText(target.model.headings[d.anchorIndex!].text));
  if (d.kind === 'block') title.push(escapeMarkdownText('^' + target.model.blockIds[d.anchorIndex!].id));
  // Say which alias the link used and where it is written: the note's name alone would not explain the match.
  if (d.kind === 'alias') title.push(`alias *${escapeMarkdownText(target.model.frontmatter!.aliases[d.anchorIndex!])}* (line ${d.range.start.line + 1})`);
  const parts = [`${title.join(' › ')} — ${code(d.path)}`];
  if (d.missing === 'heading') parts.push(`*Heading ${code(link.headings.join('#'))} not found*`);
  if (d.missing === 'block') parts.push(`*Block ${code('^' + link.blockId)} not found*`);
  const images: string[] = [];
  const excerpt = excerptOf(target, d, options.maxLines ?? 15, options.maxChars ?? 1500, embedPlaceholders(target, options, images));
  // Placeholders pass through escaping untouched; only then do our own <img> tags go in.
  if (excerpt) parts.push('---', escapeNoteMarkdown(excerpt).replace(/\0(\d+)\0/g, (_, i: string) => images[Number(i)] ?? ''));
  return parts.join('\n\n');
}

/** The lines a hover previews: the block, the section, or the note's start after its frontmatter. */
function excerptOf(note: NoteEntry, d: LinkDestination, maxLines: number, maxChars: number, substitute: (line: number, text: string) => string): string {
  const lines = new LineIndex(note.text);
  let first: number;
  let last: number;
  if (d.kind === 'heading' || d.kind === 'block') {
    first = d.range.start.line;
    last = d.range.end.line;
  } else {
    first = note.model.frontmatter ? note.model.frontmatter.range.end.line + 1 : 0;
    // A frontmatter range may end at column 0 of the next line.
    if (note.model.frontmatter && note.model.frontmatter.range.end.character === 0) first--;
    last = lines.lineCount - 1;
  }
  while (first <= last && lines.lineText(first).trim() === '') first++;
  const out: string[] = [];
  let chars = 0;
  let cut = false;
  for (let l = first; l <= last; l++) {
    const text = lines.lineText(l);
    if (out.length >= maxLines || chars + text.length > maxChars) {
      cut = true;
      break;
    }
    out.push(substitute(l, text));
    chars += text.length + 1;
  }
  if (out.length === 0 && first <= last) out.push(lines.lineText(first).slice(0, maxChars) + ' …');
  const body = dedent(out).join('\n').trimEnd();
  return cut ? body + '\n\n…' : body;
}

/** Removes the indentation all lines share, so a nested list item does not render as a code block. */
function dedent(lines: string[]): string[] {
  let common: string | undefined;
  for (const l of lines) {
    if (l.trim() === '') continue;
    const indent = /^[ \t]*/.exec(l)![0];
    if (common === undefined || !indent.startsWith(common)) {
      let n = 0;
      while (common !== undefined && n < common.length && n < indent.length && common[n] === indent[n]) n++;
      common = common === undefined ? indent : common.slice(0, n);
    }
  }
  return common ? lines.map((l) => l.slice(Math.min(common.length, /^[ \t]*/.exec(l)![0].length))) : lines;
}

/** Widest a thumbnail inside a note preview gets, so a preview of an image-heavy note stays readable. */
const PREVIEW_IMAGE_WIDTH = 240;

/**
 * Replaces each image embed on a line by a NUL-delimited placeholder and
 * records the `<img>` it stands for. Only embeds the parser found are
 * replaced, so `![[x.png]]` inside code stays text.
 */
function embedPlaceholders(note: NoteEntry, options: HoverOptions, images: string[]): (line: number, text: string) => string {
  const byLine = new Map<number, { start: number; end: number; path: string; link: LinkRef }[]>();
  note.model.links.forEach((link, i) => {
    const r = note.resolutions[i];
    if (!link.embed || r?.kind !== 'file' || mediaKind(r.path) !== 'image' || link.range.start.line !== link.range.end.line) return;
    const list = byLine.get(link.range.start.line) ?? [];
    list.push({ start: link.range.start.character, end: link.range.end.character, path: r.path, link });
    byLine.set(link.range.start.line, list);
  });
  return (line, text) => {
    const embeds = byLine.get(line);
    if (!embeds) return text;
    for (const e of [...embeds].sort((a, b) => b.start - a.start)) {
      const size = imageSize(e.link);
      const width = Math.min(size?.width ?? PREVIEW_IMAGE_WIDTH, PREVIEW_IMAGE_WIDTH);
      const height = size?.height !== undefined && width === size.width ? size.height : undefined;
      images.push(imageMarkdown(options.fileUri(e.path), e.path, { width, ...(height !== undefined ? { height } : {}) }));
      text = text.slice(0, e.start) + `\0${images.length - 1}\0` + text.slice(e.end);
    }
    return text;
  };
}

/** `![[img|300]]`, `![[img|100x145]]`, and Obsidian's `![alt|300](img)`. */
function imageSize(link: LinkRef): { width: number; height?: number } | undefined {
  if (link.kind === 'wiki') return link.size;
  const m = /(?:^|\|)\s*(\d+)(?:x(\d+))?\s*$/.exec(link.text);
  return m ? { width: Number(m[1]), ...(m[2] ? { height: Number(m[2]) } : {}) } : undefined;
}

function imageMarkdown(uri: string, path: string, size: { width: number; height?: number } | undefined): string {
  if (!size) return `![${escapeMarkdownText(noteName(path))}](<${uri}>)`;
  const height = size.height !== undefined ? ` height="${size.height}"` : '';
  return `<img src="${escapeAttribute(uri)}" width="${size.width}"${height} alt="${escapeAttribute(noteName(path))}">`;
}

/** Inline code that survives backticks in the text. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((s) => s.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
