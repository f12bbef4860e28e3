import type { LinkRef } from '../parse/noteModel';
import { comparePositions, type Range } from '../text/range';
import { normalizeHeading } from '../vault/headingMatch';
import { shortestLinkText } from '../vault/resolveLink';
import type { VaultIndex } from '../vault/vaultIndex';
import { isNotePath, normalizeVaultPath, noteName, resolveRelative } from '../vault/vaultPath';
import { looksLikeAttachment, noteDiagnostics } from './diagnostics';
import { editDistance, headingLinkText, markdownWriterFor, relativePath } from './linkText';
import { NEVER_CANCELLED, type Cancellation, type NoteDiagnostic, type VaultEdit } from './types';

/** A quick fix: a title the user picks and the edit it makes. */
export interface QuickFix {
  title: string;
  /** The diagnostic it fixes. */
  diagnostic: NoteDiagnostic;
  edit: VaultEdit;
  isPreferred?: boolean;
}

/** Quick fixes for the link problems that touch `range` in a note: create the note, pick one of several, pick a heading. */
export function quickFixes(index: VaultIndex, path: string, range: Range, cancel: Cancellation = NEVER_CANCELLED): QuickFix[] {
  const entry = index.getNote(path);
  if (!entry) return [];
  const out: QuickFix[] = [];
  let text: string | undefined; // read once, when a fix needs it: it may come from disk on each access
  const textOf = () => (text ??= entry.text);
  for (const d of noteDiagnostics(index, path, {}, cancel)) {
    if (!overlaps(d.range, range) || typeof d.data?.linkIndex !== 'number') continue;
    const link = entry.model.links[d.data.linkIndex];
    if (!link) continue;
    switch (d.code) {
      case 'broken-link':
        out.push(...createNoteFix(index, path, link, d));
        break;
      case 'ambiguous-link':
        out.push(...pickCandidateFixes(index, textOf(), path, link, d));
        break;
      case 'missing-heading':
        out.push(...closestHeadingFixes(index, textOf(), path, link, d));
        break;
    }
  }
  return out;
}

function overlaps(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

/** Where Obsidian puts a note a link asks for: the vault root, or the link's folder for `folder/Name`. */
export function newNotePath(path: string, link: LinkRef): string | undefined {
  const p = link.path.trim();
  if (!p || looksLikeAttachment(link) || /[*"<>:?|\\]/.test(p)) return undefined;
  const relative = link.kind === 'markdown' || p.startsWith('./') || p.startsWith('../');
  const target = relative ? resolveRelative(path, p) : normalizeVaultPath(p);
  if (!target) return undefined;
  return isNotePath(target) ? target : target + '.md';
}

function createNoteFix(index: VaultIndex, path: string, link: LinkRef, d: NoteDiagnostic): QuickFix[] {
  const target = newNotePath(path, link);
  if (!target || index.names.findPath(target)) return [];
  // The note gets the headings the link asks for, so the link resolves entirely.
  const lines = [`# ${noteName(target)}`, ...link.headings.map((h, i) => `${'#'.repeat(Math.min(6, i + 2))} ${h}`)];
  const text = lines.join('\n\n') + '\n';
  return [
    {
      title: `Create note '${noteName(target)}'${target.includes('/') ? ` in '${target.slice(0, target.lastIndexOf('/'))}'` : ''}`,
      diagnostic: d,
      edit: { changes: new Map(), fileOps: [{ kind: 'create', path: target, text }] },
      isPreferred: true,
    },
  ];
}

function pickCandidateFixes(index: VaultIndex, text: string, path: string, link: LinkRef, d: NoteDiagnostic): QuickFix[] {
  const candidates = Array.isArray(d.data?.candidates) ? (d.data.candidates as string[]) : [];
  return candidates.map((c) => {
    let newText: string;
    if (link.kind === 'markdown') {
      let rel = relativePath(path, c);
      if (isNotePath(c) && !/\.md$/i.test(link.path.trim())) rel = rel.slice(0, -3);
      newText = markdownWriterFor(text, link)(rel);
    } else {
      newText = shortestLinkText(index.names, c);
      if (isNotePath(c) && /\.md$/i.test(link.path.trim())) newText += '.md';
    }
    const edit: VaultEdit = { changes: new Map([[path, [{ range: link.pathRange, newText }]]]) };
    return { title: `Link to ${c}`, diagnostic: d, edit };
  });
}

function closestHeadingFixes(index: VaultIndex, text: string, path: string, link: LinkRef, d: NoteDiagnostic): QuickFix[] {
  const targetPath = typeof d.data?.target === 'string' && d.data.target ? d.data.target : path;
  const target = index.getNote(targetPath);
  if (!target || !link.subpathRange) return [];
  const want = normalizeHeading(link.headings[link.headings.length - 1] ?? '');
  const seen = new Set<string>();
  const ranked = target.model.headings
    .map((h) => ({ h, distance: editDistance(want, normalizeHeading(h.text)) }))
    .filter(({ h }) => !seen.has(normalizeHeading(h.text)) && seen.add(normalizeHeading(h.text)))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 3);
  const write = link.kind === 'markdown' ? markdownWriterFor(text, link) : (s: string) => s;
  return ranked.map(({ h }, i) => ({
    title: `Change to heading '${h.text}'`,
    diagnostic: d,
    edit: { changes: new Map([[path, [{ range: link.subpathRange!, newText: '#' + write(headingLinkText(h.text)) }]]]) },
    isPreferred: i === 0 && ranked.length === 1,
  }));
}
