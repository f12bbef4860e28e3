import type { TextEdit, VaultEdit } from '../../../src/core/features/types';
import { parseNote } from '../../../src/core/parse/parseNote';
import { LineIndex } from '../../../src/core/text/lineIndex';
import type { Position } from '../../../src/core/text/range';
import { VaultIndex } from '../../../src/core/vault/vaultIndex';
import { isNotePath } from '../../../src/core/vault/vaultPath';

/** An index over inline files (attachments given as ''). */
export function vault(files: Record<string, string>): VaultIndex {
  const index = new VaultIndex(parseNote);
  index.bulkLoad(Object.entries(files).map(([path, text]) => (isNotePath(path) ? { path, text } : { path })));
  return index;
}

/** Position of the `n`th `needle` in `text`, plus `delta` characters. */
export function posOf(text: string, needle: string, delta = 0, n = 0): Position {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`'${needle}' not found`);
  }
  return new LineIndex(text).positionAt(at + delta);
}

/** Applies text edits to one text (edits must not overlap). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].end > sorted[i - 1].start) throw new Error('overlapping edits');
  }
  for (const e of sorted) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  return text;
}

/**
 * Applies a VaultEdit as an editor would. `textFirst` is for edits keyed
 * by paths before the file operations (willRenameFiles); otherwise the
 * file operations come first, as the VaultEdit contract says.
 */
export function applyVaultEdit(files: Record<string, string>, edit: VaultEdit, textFirst = false): Record<string, string> {
  const out = { ...files };
  const text = () => {
    for (const [path, edits] of edit.changes) {
      if (!(path in out)) throw new Error(`edit for missing file ${path}`);
      out[path] = applyTextEdits(out[path], edits);
    }
  };
  const ops = () => {
    for (const op of edit.fileOps ?? []) {
      if (op.kind === 'create') {
        if (op.path in out) throw new Error(`create over existing ${op.path}`);
        out[op.path] = op.text;
      } else {
        if (op.to in out) throw new Error(`rename over existing ${op.to}`);
        out[op.to] = out[op.from];
        delete out[op.from];
      }
    }
  };
  if (textFirst) text(), ops();
  else ops(), text();
  return out;
}

/** Applies file moves (old → new) to a file map, folders included. */
export function applyMoves(files: Record<string, string>, moves: { from: string; to: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) {
    const m = moves.find((mv) => path === mv.from || path.startsWith(mv.from + '/'));
    out[m ? m.to + path.slice(m.from.length) : path] = text;
  }
  return out;
}

/** Every link of every note in a vault built from `files` resolves to one file (or to the note itself). */
export function unresolvedLinks(files: Record<string, string>): string[] {
  const index = vault(files);
  const bad: string[] = [];
  for (const note of index.allNotes()) {
    note.resolutions.forEach((r, i) => {
      if (r.kind === 'ambiguous' || r.kind === 'unresolved') bad.push(`${note.path}: ${note.model.links[i].path} (${r.kind})`);
    });
  }
  return bad;
}
