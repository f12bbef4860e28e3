import { LineIndex } from '../text/lineIndex';
import { rangeContains, type Position, type Range } from '../text/range';
import { findHeadingPath, normalizeHeading } from '../vault/headingMatch';
import type { VaultIndex } from '../vault/vaultIndex';
import { basename, dirname, extname, isNotePath, joinPath, nameKey, noteName } from '../vault/vaultPath';
import { linkAt } from './linkAt';
import { findBlock } from './linkTarget';
import { headingLinkText, markdownWriterFor, subpathParts } from './linkText';
import { linkUpdatesForMoves } from './moves';
import { aliasAtPosition, aliasOfLink, renameAlias, type AliasRenameTarget } from './renameAlias';
import { NEVER_CANCELLED, type Cancellation, type TextEdit, type VaultEdit } from './types';

/** What a rename at a position renames; `range` is what the editor highlights, `placeholder` the current name. */
export type RenameTarget =
  | { kind: 'file'; path: string; range: Range; placeholder: string }
  | { kind: 'heading'; path: string; headingIndex: number; range: Range; placeholder: string }
  | { kind: 'block'; path: string; blockIndex: number; range: Range; placeholder: string }
  | AliasRenameTarget;

export type RenameError = { error: string };

/** Finds what F2 at `position` would rename: the note a link leads to, an alias, a heading, or a block id. */
export function prepareRename(index: VaultIndex, path: string, position: Position): RenameTarget | RenameError {
  const entry = index.getNote(path);
  if (!entry) return { error: 'This note is not indexed, so nothing in it can be renamed.' };
  const at = linkAt(entry, position);
  if (at) {
    const { link, resolution: res } = at;
    if (at.part === 'alias') return { error: 'This is the text the link shows; put the cursor on the note name to rename the note.' };
    if (res.kind === 'ambiguous') return { error: `This link could mean ${res.candidates.join(' or ')}; make it name one file first.` };
    if (res.kind === 'unresolved') return { error: 'This link leads to no file in the vault, so there is nothing to rename.' };
    const target = res.kind === 'self' ? path : res.path;
    const parts = subpathParts(entry.text, link);
    if (at.part === 'heading') {
      const model = index.getNote(target)?.model;
      const k = parts.findIndex((p) => rangeContains(p.range, position));
      const i = model && k !== -1 ? findHeadingPath(model.headings, link.headings.slice(0, k + 1)) : -1;
      if (!model || i === -1) return { error: `The note '${noteName(target)}' has no such heading to rename.` };
      return { kind: 'heading', path: target, headingIndex: i, range: parts[k].range, placeholder: model.headings[i].text };
    }
    if (at.part === 'block' && link.blockId !== undefined) {
      const model = index.getNote(target)?.model;
      const i = model ? findBlock(model, link.blockId) : -1;
      if (!model || i === -1) return { error: `The note '${noteName(target)}' has no block '^${link.blockId}' to rename.` };
      return { kind: 'block', path: target, blockIndex: i, range: parts[parts.length - 1].range, placeholder: model.blockIds[i].id };
    }
    if (res.kind === 'self') return { error: 'Put the cursor on a heading or block part of this link to rename it.' };
    // A link that reached its note through an alias renames the alias, not the file: the alias is
    // what the user sees and typed there, and renaming the file would leave the link's text as it
    // was. The file is still renamed from a link by its file name, or from the Explorer.
    if (res.via === 'alias') return aliasOfLink(index, target, link.path, link.pathRange);
    const name = isNotePath(target) ? noteName(target) : basename(target);
    return { kind: 'file', path: target, range: link.pathRange, placeholder: name };
  }
  const fm = entry.model.frontmatter;
  const alias = fm && aliasAtPosition(path, fm, position);
  if (alias) return alias;
  const headingIndex = entry.model.headings.findIndex((h) => rangeContains(h.range, position));
  if (headingIndex !== -1) {
    const h = entry.model.headings[headingIndex];
    return { kind: 'heading', path, headingIndex, range: h.textRange, placeholder: h.text };
  }
  const blockIndex = entry.model.blockIds.findIndex((b) => rangeContains(b.range, position));
  if (blockIndex !== -1) {
    const b = entry.model.blockIds[blockIndex];
    const range = { start: { ...b.range.start, character: b.range.start.character + 1 }, end: b.range.end };
    return { kind: 'block', path, blockIndex, range, placeholder: b.id };
  }
  return {
    error:
      'Put the cursor on a link, a heading or a ^block-id (or an alias in the frontmatter) to rename it. To rename this note, rename its file: links to it are updated.',
  };
}

/** The edit that renames what is at `position` to `newName`, with every link to it updated. */
export function renameAt(
  index: VaultIndex,
  path: string,
  position: Position,
  newName: string,
  cancel: Cancellation = NEVER_CANCELLED,
): VaultEdit | RenameError {
  const target = prepareRename(index, path, position);
  if ('error' in target) return target;
  switch (target.kind) {
    case 'file':
      return renameFile(index, target.path, newName, cancel);
    case 'heading':
      return renameHeading(index, target.path, target.headingIndex, newName, cancel);
    case 'block':
      return renameBlock(index, target.path, target.blockIndex, newName, cancel);
    case 'alias':
      return renameAlias(index, target.path, target.aliasIndex, newName, cancel);
  }
}

/** Renames a note or attachment in its folder and updates every link to it (and links it holds that the move would break). */
export function renameFile(index: VaultIndex, from: string, newName: string, cancel: Cancellation = NEVER_CANCELLED): VaultEdit | RenameError {
  let name = newName.trim();
  if (isNotePath(from) && /\.md$/i.test(name)) name = name.slice(0, -3).trim();
  if (!name) return { error: 'The new name is empty.' };
  if (/[[\]#^|\\/:]/.test(name)) return { error: `'${name}' cannot be a file name here: [ ] # ^ | : / and \\ would break links to it.` };
  if (!isNotePath(from) && extname(name) !== extname(from)) name += '.' + extname(from);
  const to = joinPath(dirname(from), isNotePath(from) ? name + '.md' : name);
  if (to === from) return { changes: new Map() };
  const existing = index.names.findPath(to);
  if (existing && nameKey(existing) !== nameKey(from)) {
    return { error: `A file named '${basename(to)}' already exists${dirname(to) ? ` in '${dirname(to)}'` : ' at the top of the vault'}.` };
  }
  const updates = linkUpdatesForMoves(index, [{ from, to }], cancel);
  // The rename happens first, so the note's own edits go to its new path.
  const changes = new Map<string, TextEdit[]>();
  for (const [p, edits] of updates.changes) changes.set(p === from ? to : p, edits);
  return { changes, fileOps: [{ kind: 'rename', from, to }] };
}

/** Renames a heading and every `#Heading` link to it, keeping the rest of each link. */
export function renameHeading(
  index: VaultIndex,
  path: string,
  headingIndex: number,
  newName: string,
  cancel: Cancellation = NEVER_CANCELLED,
): VaultEdit | RenameError {
  const entry = index.getNote(path);
  const heading = entry?.model.headings[headingIndex];
  if (!entry || !heading) return { error: 'That heading no longer exists.' };
  const name = newName.trim();
  if (!name) return { error: 'The new heading is empty.' };
  if (/[[\]#^|]/.test(name)) return { error: `A heading that links can name cannot contain [ ] # ^ or |.` };
  const clash = entry.model.headings.findIndex((h, i) => i !== headingIndex && normalizeHeading(h.text) === normalizeHeading(name));
  if (clash !== -1) return { error: `The note '${noteName(path)}' already has a heading '${entry.model.headings[clash].text}'.` };

  const changes = new Map<string, TextEdit[]>();
  const push = (p: string, e: TextEdit) => changes.set(p, [...(changes.get(p) ?? []), e]);
  push(path, { range: heading.textRange, newText: name });
  const linkName = headingLinkText(name);
  const textOf = textsOnce(index);
  for (const b of index.backlinks(path)) {
    if (cancel.isCancellationRequested) break;
    if (b.link.headings.length === 0) continue;
    const text = textOf(b.source);
    if (text === undefined) continue;
    const parts = subpathParts(text, b.link);
    b.link.headings.forEach((_, k) => {
      if (!parts[k] || findHeadingPath(entry.model.headings, b.link.headings.slice(0, k + 1)) !== headingIndex) return;
      const write = b.link.kind === 'markdown' ? markdownWriterFor(text, b.link) : (s: string) => s;
      push(b.source, { range: parts[k].range, newText: write(linkName) });
    });
  }
  return { changes };
}

/** Renames a `^block-id` and every `#^block-id` link to it. */
export function renameBlock(
  index: VaultIndex,
  path: string,
  blockIndex: number,
  newName: string,
  cancel: Cancellation = NEVER_CANCELLED,
): VaultEdit | RenameError {
  const entry = index.getNote(path);
  const block = entry?.model.blockIds[blockIndex];
  if (!entry || !block) return { error: 'That block id no longer exists.' };
  const id = newName.trim().replace(/^\^/, '');
  if (!/^[A-Za-z0-9-]+$/.test(id)) return { error: `'${id}' cannot be a block id: use only letters, digits and dashes.` };
  const clash = findBlock(entry.model, id);
  if (clash !== -1 && clash !== blockIndex) return { error: `The note '${noteName(path)}' already has a block '^${id}'.` };

  const changes = new Map<string, TextEdit[]>();
  const push = (p: string, e: TextEdit) => changes.set(p, [...(changes.get(p) ?? []), e]);
  push(path, { range: block.range, newText: '^' + id });
  const old = block.id.toLowerCase();
  const textOf = textsOnce(index);
  for (const b of index.backlinks(path)) {
    if (cancel.isCancellationRequested) break;
    if (b.link.blockId?.toLowerCase() !== old) continue;
    const text = textOf(b.source);
    const parts = text !== undefined ? subpathParts(text, b.link, new LineIndex(text)) : [];
    const last = parts[parts.length - 1];
    if (last) push(b.source, { range: last.range, newText: id });
  }
  return { changes };
}

/**
 * Notes' texts by path, each read once: a note's text may be read from
 * disk on every access (VaultIndex texts on demand), and a note can hold
 * many of the links a rename rewrites.
 */
function textsOnce(index: VaultIndex): (path: string) => string | undefined {
  const texts = new Map<string, string>();
  return (path) => {
    let text = texts.get(path);
    if (text === undefined) {
      text = index.getNote(path)?.text;
      if (text !== undefined) texts.set(path, text);
    }
    return text;
  };
}
