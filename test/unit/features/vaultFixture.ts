import { parseNote } from '../../../src/core/parse/parseNote';
import type { Position } from '../../../src/core/text/range';
import { VaultIndex } from '../../../src/core/vault/vaultIndex';
import { isNotePath } from '../../../src/core/vault/vaultPath';

export const CURSOR = '$0';

/** An index over inline files; a note may hold one `$0` cursor marker, removed from its text. */
export function fixtureVault(files: Record<string, string>): { index: VaultIndex; cursor: { path: string; position: Position } | undefined } {
  const index = new VaultIndex(parseNote);
  let cursor: { path: string; position: Position } | undefined;
  const list = Object.entries(files).map(([path, text]) => {
    if (!isNotePath(path)) return { path };
    const at = text.indexOf(CURSOR);
    if (at !== -1) {
      cursor = { path, position: positionAt(text, at) };
      text = text.slice(0, at) + text.slice(at + CURSOR.length);
    }
    return { path, text };
  });
  index.bulkLoad(list);
  return { index, cursor };
}

/** The position of the `n`th occurrence of `needle` in a note, plus `delta` characters. */
export function find(index: VaultIndex, path: string, needle: string, delta = 0, n = 0): Position {
  const text = index.getNote(path)!.text;
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`${needle} not in ${path}`);
  }
  return positionAt(text, at + delta);
}

function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}
