import { dirname, joinPath, normalizeVaultPath } from '../vault/vaultPath';

/**
 * The vault folder a new attachment of `notePath` goes to, by Obsidian's
 * rule syntax: `/` (or empty) is the vault root, `./` the note's folder,
 * `./sub` a folder below the note's, anything else a vault folder. A rule
 * that climbs out of the vault falls back to the root, with a problem to
 * show rather than a file written outside the vault.
 */
export function attachmentFolderFor(notePath: string, rule: string): { folder: string; problem?: string } {
  const r = rule.trim().replace(/\\/g, '/');
  const relative = r === '.' || r.startsWith('./');
  const folder = normalizeVaultPath(relative ? joinPath(dirname(notePath), r) : r);
  if (folder === undefined) return { folder: '', problem: `The attachment folder '${rule}' is outside the vault; the file is saved in the vault root instead.` };
  return { folder };
}
