import type { LinkRef, NoteModel, ParseProblem } from '../parse/noteModel';
import { range } from '../text/range';
import { findHeadingPath } from '../vault/headingMatch';
import type { SkippedNote } from '../vault/loadVault';
import type { Resolution } from '../vault/resolveLink';
import type { VaultIndex } from '../vault/vaultIndex';
import { basename, isNotePath, mediaKind, noteName } from '../vault/vaultPath';
import { isExternalTarget } from './linkText';
import { NEVER_CANCELLED, type Cancellation, type DiagnosticCode, type NoteDiagnostic, type Severity } from './types';

export interface DiagnosticOptions {
  /** Severity of links that lead nowhere (notes, attachments, headings, blocks); 'ignore' drops them. */
  brokenLinks?: Severity | 'ignore';
  /** Why a note is not indexed, for notes skipped as binary or too large. */
  skipped?: (path: string) => SkippedNote | undefined;
  /**
   * The vault's names are known but its notes are still being read: hold
   * back a link to no known note (an alias in a note not read yet may name
   * it). Headings and blocks of notes not read yet are not checked anyway.
   */
  provisional?: boolean;
}

/** Every problem of one note: its links, its frontmatter, or why it was not indexed. */
export function noteDiagnostics(
  index: VaultIndex,
  path: string,
  options: DiagnosticOptions = {},
  cancel: Cancellation = NEVER_CANCELLED,
): NoteDiagnostic[] {
  const entry = index.getNote(path);
  if (!entry) {
    const s = options.skipped?.(path);
    if (!s) return [];
    const code: DiagnosticCode = s.reason === 'binary' ? 'note-binary' : 'note-too-large';
    const message = s.reason === 'unreadable' ? `This note could not be read, so it is not indexed: ${s.message}` : s.message;
    return [{ range: range(0, 0, 0, 0), severity: 'information', code, message }];
  }
  const out: NoteDiagnostic[] = entry.model.problems.map(problemDiagnostic);
  const links = entry.model.links;
  for (let i = 0; i < links.length; i++) {
    if (cancel.isCancellationRequested) break;
    const d = linkDiagnostic(index, path, entry.model, links[i], entry.resolutions[i], options);
    if (d) out.push({ ...d, data: { ...d.data, linkIndex: i } });
  }
  return out;
}

/** Diagnostics of every note in the vault (and of skipped notes), for `mmnotes check`. */
export function vaultDiagnostics(
  index: VaultIndex,
  options: DiagnosticOptions = {},
  cancel: Cancellation = NEVER_CANCELLED,
): Map<string, NoteDiagnostic[]> {
  const out = new Map<string, NoteDiagnostic[]>();
  for (const path of index.allFiles()) {
    if (cancel.isCancellationRequested) break;
    if (!isNotePath(path)) continue;
    const list = noteDiagnostics(index, path, options, cancel);
    if (list.length) out.set(path, list);
  }
  return new Map([...out].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}

function problemDiagnostic(p: ParseProblem): NoteDiagnostic {
  switch (p.code) {
    case 'frontmatter-yaml':
      return { range: p.range, severity: 'error', code: 'frontmatter-yaml', message: p.message };
    case 'frontmatter-shape':
      return { range: p.range, severity: 'warning', code: 'frontmatter-shape', message: p.message };
    case 'too-large':
      return { range: p.range, severity: 'information', code: 'note-too-large', message: p.message };
    case 'binary':
      return { range: p.range, severity: 'information', code: 'note-binary', message: p.message };
    case 'parse-failed':
      return { range: p.range, severity: 'error', code: 'parse-failed', message: p.message };
  }
}

/**
 * True when a missing link target is a file rather than a note: a known
 * media extension, or any extension in an embed or a Markdown link (a note
 * name like `v1.2 notes` in a wiki link is still a note).
 */
export function looksLikeAttachment(link: LinkRef): boolean {
  const path = link.path.trim();
  const kind = mediaKind(path);
  if (kind === 'note') return false;
  if (kind !== 'other') return true;
  return (link.embed || link.kind === 'markdown') && /\.[a-z0-9]{1,5}$/i.test(path);
}

function linkDiagnostic(
  index: VaultIndex,
  path: string,
  model: NoteModel,
  link: LinkRef,
  resolution: Resolution | undefined,
  options: DiagnosticOptions,
): NoteDiagnostic | undefined {
  if (!resolution || isExternalTarget(link.path)) return undefined;
  const broken = options.brokenLinks ?? 'warning';
  const name = link.path.trim();
  const brokenDiag = (code: DiagnosticCode, message: string, data?: Record<string, unknown>): NoteDiagnostic | undefined =>
    broken === 'ignore' ? undefined : { range: link.range, severity: broken, code, message, data };

  switch (resolution.kind) {
    case 'unresolved':
      if (resolution.reason === 'outside-vault') {
        return {
          range: link.range,
          severity: 'warning',
          code: 'link-outside-vault',
          message: `This link points outside the vault ('${name}'), so it cannot be followed or kept up to date.`,
        };
      }
      if (looksLikeAttachment(link)) {
        return brokenDiag('missing-attachment', `The file '${basename(name)}' is not in the vault.`, { target: name });
      }
      if (options.provisional) return undefined;
      return brokenDiag(
        'broken-link',
        name.includes('/') ? `No note '${name}' exists in the vault.` : `No note named '${noteName(name)}' exists in the vault.`,
        { target: name },
      );
    case 'ambiguous': {
      const list = resolution.candidates.join(', ');
      return {
        range: link.range,
        severity: 'warning',
        code: 'ambiguous-link',
        message: `'${name}' could mean ${resolution.candidates.length} files: ${list}. Add a folder to the link to say which.`,
        data: { candidates: resolution.candidates },
      };
    }
    case 'self':
      return anchorDiagnostic(model, link, undefined, broken);
    case 'file': {
      const target = index.getNote(resolution.path);
      // Attachments and unindexed notes have no headings we know of.
      return target ? anchorDiagnostic(target.model, link, resolution.path, broken) : undefined;
    }
  }
}

/** A `#heading` or `#^block` the target note does not have. */
function anchorDiagnostic(
  target: NoteModel,
  link: LinkRef,
  targetPath: string | undefined,
  severity: Severity | 'ignore',
): NoteDiagnostic | undefined {
  if (severity === 'ignore') return undefined;
  const where = targetPath === undefined ? 'This note' : `The note '${noteName(targetPath)}'`;
  const range = link.subpathRange && link.subpathRange.start.character !== link.subpathRange.end.character ? link.subpathRange : link.range;
  if (link.blockId !== undefined) {
    const want = link.blockId.toLowerCase();
    if (target.blockIds.some((b) => b.id.toLowerCase() === want)) return undefined;
    return {
      range,
      severity,
      code: 'missing-block',
      message: `${where} has no block with the id '^${link.blockId}'.`,
      data: { target: targetPath ?? '', blockId: link.blockId },
    };
  }
  if (link.headings.length === 0) return undefined;
  if (findHeadingPath(target.headings, link.headings) !== -1) return undefined;
  // Markdown links often use GitHub-style slugs (`#my-heading`); accept those too.
  if (link.kind === 'markdown' && link.headings.length === 1 && target.headings.some((h) => slug(h.text) === slug(link.headings[0]))) {
    return undefined;
  }
  const heading = link.headings.join('#');
  return {
    range,
    severity,
    code: 'missing-heading',
    message: `${where} has no heading '${heading}'.`,
    data: { target: targetPath ?? '', heading },
  };
}

function slug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s+/g, '-');
}
