/**
 * Rename of a frontmatter alias: the alias in the YAML and every link that
 * reaches its note through it. Links that name the note by its file name
 * are left alone: they do not depend on the alias.
 */
import { readFrontmatter } from '../parse/frontmatter';
import { aliasRange, type Frontmatter } from '../parse/noteModel';
import { LineIndex } from '../text/lineIndex';
import { comparePositions, rangeContains, type Position, type Range } from '../text/range';
import { targetKey } from '../vault/resolveLink';
import type { VaultIndex } from '../vault/vaultIndex';
import { nameKey, noteName } from '../vault/vaultPath';
import { markdownWriterFor } from './linkText';
import { NEVER_CANCELLED, type Cancellation, type TextEdit, type VaultEdit } from './types';

export interface AliasRenameTarget {
  kind: 'alias';
  path: string;
  aliasIndex: number;
  range: Range;
  placeholder: string;
}

/** The alias of `fm` whose own text holds `position`, or an error when the cursor is on an alias whose place is unknown. */
export function aliasAtPosition(path: string, fm: Frontmatter, position: Position): AliasRenameTarget | { error: string } | undefined {
  if (!rangeContains(fm.range, position)) return undefined;
  const i = fm.aliases.findIndex((_, k) => knownRange(fm, k) && rangeContains(aliasRange(fm, k), position));
  if (i !== -1) return { kind: 'alias', path, aliasIndex: i, range: aliasRange(fm, i), placeholder: fm.aliases[i] };
  const unknown = fm.aliases.findIndex((_, k) => !knownRange(fm, k));
  if (unknown !== -1) {
    return { error: `Where the alias '${fm.aliases[unknown]}' is written in this frontmatter is not known (an *anchor?), so it cannot be renamed here; edit the YAML by hand.` };
  }
  return undefined;
}

/** The alias a link names its note by (the link resolved `via: 'alias'` to `path`). */
export function aliasOfLink(index: VaultIndex, path: string, linkPath: string, linkRange: Range): AliasRenameTarget | { error: string } {
  const fm = index.getNote(path)?.model.frontmatter;
  const key = targetKey(linkPath);
  const i = fm ? fm.aliases.findIndex((a) => nameKey(a) === key) : -1;
  if (!fm || i === -1) return { error: `The note '${noteName(path)}' has no alias '${linkPath.trim()}' to rename.` };
  if (!knownRange(fm, i)) return { error: `Where the alias '${fm.aliases[i]}' is written in '${noteName(path)}' is not known, so it cannot be renamed; edit its frontmatter by hand.` };
  return { kind: 'alias', path, aliasIndex: i, range: linkRange, placeholder: fm.aliases[i] };
}

/**
 * Renames alias `aliasIndex` of the note at `path` to `newName`: the YAML
 * keeps its shape and quoting (quotes are added only when the new name
 * needs them), checked by reading the edited frontmatter again; every link
 * that reached the note through the alias gets the new name as its path.
 */
export function renameAlias(
  index: VaultIndex,
  path: string,
  aliasIndex: number,
  newName: string,
  cancel: Cancellation = NEVER_CANCELLED,
): VaultEdit | { error: string } {
  const entry = index.getNote(path);
  const fm = entry?.model.frontmatter;
  const old = fm?.aliases[aliasIndex];
  if (!entry || !fm || old === undefined) return { error: 'That alias no longer exists.' };
  // Aliases are read trimmed, so surrounding spaces could never be part of one.
  const name = newName.trim();
  if (!name) return { error: 'The new alias is empty.' };
  if (/[[\]#^|\\\n\r]/.test(name)) return { error: `'${name}' cannot be an alias: [ ] # ^ | and \\ would break the links that use it.` };
  if (name.includes('/')) return { error: `'${name}' cannot be an alias: a link with a / names a path, never an alias.` };
  if (/\.md$/i.test(name)) return { error: `'${name}' cannot be an alias: a link ending in .md names a file, never an alias.` };
  const key = nameKey(name);
  const file = index.names.filesNamed(key).find((p) => p !== path);
  if (file) return { error: `'${name}' is already the name of '${file}': links to it would stop reaching '${noteName(path)}'.` };
  const other = index.names.notesAliased(key).find((p) => p !== path);
  if (other) return { error: `'${name}' is already an alias of '${noteName(other)}': links to it would become ambiguous.` };
  const twin = fm.aliases.findIndex((a, k) => k !== aliasIndex && nameKey(a) === key);
  if (twin !== -1) return { error: `The note '${noteName(path)}' already has the alias '${fm.aliases[twin]}'.` };
  if (!knownRange(fm, aliasIndex)) return { error: `Where the alias '${old}' is written in '${noteName(path)}' is not known, so it cannot be renamed; edit its frontmatter by hand.` };

  const yaml = yamlEdit(entry.text, fm, aliasIndex, name);
  if ('error' in yaml) return yaml;
  const changes = new Map<string, TextEdit[]>();
  const push = (p: string, e: TextEdit) => changes.set(p, [...(changes.get(p) ?? []), e]);
  push(path, yaml);

  const oldKey = nameKey(old);
  const texts = new Map<string, string | undefined>();
  for (const b of index.backlinks(path)) {
    if (cancel.isCancellationRequested) break;
    const source = index.getNote(b.source);
    const res = source?.resolutions[b.linkIndex];
    if (!source || res?.kind !== 'file' || res.via !== 'alias' || targetKey(b.link.path) !== oldKey) continue;
    const ext = /\.md\s*$/i.test(b.link.path) ? b.link.path.trim().slice(-3) : '';
    let newText = name + ext;
    if (b.link.kind === 'markdown') {
      if (!texts.has(b.source)) texts.set(b.source, source.text);
      const text = texts.get(b.source);
      if (text === undefined) continue;
      newText = markdownWriterFor(text, b.link)(newText);
    }
    push(b.source, { range: b.link.pathRange, newText });
  }
  return { changes };
}

/** False when the model could not tell where alias `i` is written (its range is then the whole frontmatter). */
function knownRange(fm: Frontmatter, i: number): boolean {
  const r = aliasRange(fm, i);
  return comparePositions(r.start, fm.range.start) !== 0 || comparePositions(r.end, fm.range.end) !== 0;
}

/**
 * The edit of the YAML that makes alias `i` read `name`. Candidates are
 * tried from the least change (the name as is, in the alias's own quoting)
 * to a freshly quoted scalar; the first whose frontmatter reads back as
 * exactly the same data with only that alias changed wins.
 */
function yamlEdit(text: string, fm: Frontmatter, i: number, name: string): TextEdit | { error: string } {
  const lines = new LineIndex(text);
  const contentStart = lines.offsetAt({ line: fm.range.start.line + 1, character: 0 });
  const contentEnd = Math.max(contentStart, lines.offsetAt({ line: fm.range.end.line, character: 0 }) - 1);
  const content = text.slice(contentStart, contentEnd);
  const before = readFrontmatter(content, 0, 0, content.length);
  if (before.problems.length || !before.data || nameKey(before.aliases[i] ?? '') !== nameKey(fm.aliases[i])) {
    return { error: 'The frontmatter changed or does not parse; save the note and try again.' };
  }
  const range = aliasRange(fm, i);
  const start = lines.offsetAt(range.start) - contentStart;
  const end = lines.offsetAt(range.end) - contentStart;
  if (start < 0 || end > content.length) return { error: 'The alias is not where the frontmatter says; save the note and try again.' };
  const expected = before.aliases.map((a, k) => (k === i ? name : a));
  const others = JSON.stringify(withoutAliases(before.data));

  let candidates: string[];
  if (content.slice(start, end) === fm.aliases[i]) {
    // The alias's own text, plain or inside its quotes.
    candidates = [name, name.replace(/"/g, '\\"'), name.replace(/'/g, "''"), JSON.stringify(name), `'${name.replace(/'/g, "''")}'`];
  } else {
    // The whole scalar (an escape or a folded line left no exact place): write it again, with the
    // other aliases a comma-separated string holds in the same scalar.
    const sharing = before.aliases.map((a, k) => (k === i ? name : a)).filter((_, k) => sameRange(aliasRange(fm, k), range));
    const value = sharing.join(', ');
    candidates = [JSON.stringify(value), `'${value.replace(/'/g, "''")}'`];
  }
  for (const c of candidates) {
    const after = readFrontmatter(content.slice(0, start) + c + content.slice(end), 0, 0, content.length);
    if (after.problems.length || !after.data) continue;
    if (JSON.stringify(after.aliases) !== JSON.stringify(expected)) continue;
    if (JSON.stringify(withoutAliases(after.data)) !== others) continue;
    return { range, newText: c };
  }
  const split = name.includes(',') && Object.entries(before.data).some(([k, v]) => /^alias(es)?$/i.test(k) && typeof v === 'string');
  return {
    error: split
      ? `'${name}' cannot be written here: these aliases are one comma-separated string, so a comma would split it. Write them as a list (aliases: [A, B]) first.`
      : `'${name}' cannot be written into this frontmatter without changing what it says; edit the YAML by hand.`,
  };
}

function withoutAliases(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([k]) => !/^alias(es)?$/i.test(k)));
}

function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}
