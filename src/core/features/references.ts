import { aliasRange } from '../parse/noteModel';
import { comparePositions, rangeContains, range, type Position, type Range } from '../text/range';
import { findHeadingPath } from '../vault/headingMatch';
import { targetKey } from '../vault/resolveLink';
import type { Backlink, VaultIndex } from '../vault/vaultIndex';
import { nameKey } from '../vault/vaultPath';
import { linkAt } from './linkAt';
import { findBlock, linkDestinations } from './linkTarget';
import type { Cancellation, Location } from './types';

/**
 * What references are asked for: a whole note (`aliasIndex` when asked from
 * a link naming it by that alias: the alias is then its declaration), one
 * of its frontmatter aliases, one of its headings, or one of its blocks.
 */
export type ReferenceTarget =
  | { kind: 'note'; path: string; aliasIndex?: number }
  | { kind: 'alias'; path: string; aliasIndex: number }
  | { kind: 'heading'; path: string; headingIndex: number }
  | { kind: 'block'; path: string; blockIndex: number };

/**
 * Links to what is under the cursor: on a heading line, links to that
 * heading; on a `^block-id`, links to that block; on an alias in the
 * frontmatter, links that name the note by that alias; on a link's heading
 * or block part, links to that heading or block; on the rest of a link,
 * every backlink of its target; elsewhere, every backlink of this note.
 */
export function references(index: VaultIndex, path: string, position: Position, includeDeclaration: boolean, token: Cancellation): Location[] {
  const out: Location[] = [];
  for (const target of referenceTargets(index, path, position)) {
    if (token.isCancellationRequested) return [];
    if (includeDeclaration) {
      const d = declaration(index, target);
      if (d) out.push(d);
    }
    out.push(...linksTo(index, target, token));
  }
  return dedupe(out);
}

/** Resolves the cursor to what references are wanted for (several when a link is ambiguous). */
export function referenceTargets(index: VaultIndex, path: string, position: Position): ReferenceTarget[] {
  const entry = index.getNote(path);
  if (!entry) return [{ kind: 'note', path }];
  const at = linkAt(entry, position);
  if (at) {
    const r = at.resolution;
    const paths = r.kind === 'self' ? [path] : r.kind === 'file' ? [r.path] : r.kind === 'ambiguous' ? r.candidates : [];
    // Where the link leads tells which candidates it names by an alias.
    const viaAlias = new Map<string, number>();
    for (const d of linkDestinations(index, path, at.link, r)) if (d.kind === 'alias') viaAlias.set(d.path, d.anchorIndex!);
    return paths.map((p) => anchorTarget(index, p, at.part, at.link.headings, at.link.blockId, viaAlias.get(p)));
  }
  const model = entry.model;
  const fm = model.frontmatter;
  // (An alias whose place is unknown has the whole frontmatter as its range: that points at no alias.)
  const a = fm ? fm.aliases.findIndex((_, i) => !sameRange(aliasRange(fm, i), fm.range) && rangeContains(aliasRange(fm, i), position)) : -1;
  if (a !== -1) return [{ kind: 'alias', path, aliasIndex: a }];
  const h = model.headings.findIndex((x) => x.range.start.line === position.line);
  if (h !== -1) return [{ kind: 'heading', path, headingIndex: h }];
  const b = model.blockIds.findIndex((x) => rangeContains(x.range, position));
  if (b !== -1) return [{ kind: 'block', path, blockIndex: b }];
  return [{ kind: 'note', path }];
}

function anchorTarget(
  index: VaultIndex,
  path: string,
  part: string,
  headings: string[],
  blockId: string | undefined,
  aliasIndex: number | undefined,
): ReferenceTarget {
  const model = index.getNote(path)?.model;
  if (model && part === 'block' && blockId !== undefined) {
    const b = findBlock(model, blockId);
    if (b !== -1) return { kind: 'block', path, blockIndex: b };
  }
  if (model && part === 'heading' && headings.length) {
    const h = findHeadingPath(model.headings, headings);
    if (h !== -1) return { kind: 'heading', path, headingIndex: h };
  }
  return aliasIndex === undefined ? { kind: 'note', path } : { kind: 'note', path, aliasIndex };
}

/** Every link in the vault that leads to the target (for a heading: by normalized heading path). */
export function linksTo(index: VaultIndex, target: ReferenceTarget, token: Cancellation): Location[] {
  const backlinks = index.backlinks(target.path);
  const model = index.getNote(target.path)?.model;
  let keep: (b: Backlink) => boolean = () => true;
  if (target.kind === 'heading' && model) {
    keep = (b) => b.link.blockId === undefined && b.link.headings.length > 0 && findHeadingPath(model.headings, b.link.headings) === target.headingIndex;
  } else if (target.kind === 'block' && model) {
    const id = model.blockIds[target.blockIndex].id.toLowerCase();
    keep = (b) => b.link.blockId?.toLowerCase() === id;
  } else if (target.kind === 'alias' && model?.frontmatter) {
    const key = nameKey(model.frontmatter.aliases[target.aliasIndex]);
    keep = (b) => b.link.path !== '' && targetKey(b.link.path) === key;
  }
  const out: Location[] = [];
  for (const b of backlinks) {
    if (token.isCancellationRequested) break;
    if (keep(b)) out.push({ path: b.source, range: b.link.range });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function declaration(index: VaultIndex, target: ReferenceTarget): Location | undefined {
  const model = index.getNote(target.path)?.model;
  if (target.kind === 'heading' && model) return { path: target.path, range: model.headings[target.headingIndex].range };
  if (target.kind === 'block' && model) return { path: target.path, range: model.blockIds[target.blockIndex].range };
  const fm = model?.frontmatter;
  const alias = target.kind === 'alias' || target.kind === 'note' ? target.aliasIndex : undefined;
  if (alias !== undefined && fm && alias < fm.aliases.length) return { path: target.path, range: aliasRange(fm, alias) };
  return { path: target.path, range: range(0, 0, 0, 0) };
}

function dedupe(locations: Location[]): Location[] {
  const seen = new Set<string>();
  return locations.filter((l) => {
    const key = `${l.path}\0${l.range.start.line}:${l.range.start.character}:${l.range.end.line}:${l.range.end.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}
