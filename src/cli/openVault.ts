import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { indexParse } from '../server/indexing/indexParser';
import { loadVault, type SkippedNote } from '../core/vault/loadVault';
import { VaultIndex } from '../core/vault/vaultIndex';
import { NodeVaultFs } from '../server/nodeVaultFs';

export interface OpenedVault {
  root: string;
  fs: NodeVaultFs;
  index: VaultIndex;
  skipped: SkippedNote[];
}

/** Loads the vault at `dir` (default: the current folder) the way the server does. */
export async function openVault(dir: string | undefined, exclude: string[] = []): Promise<OpenedVault> {
  const root = path.resolve(dir ?? '.');
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`not a folder: ${root}`);
  const fs = new NodeVaultFs(root, () => exclude);
  const index = new VaultIndex(indexParse);
  const skipped = await loadVault(fs, index);
  return { root, fs, index, skipped };
}

/** A mistake in how the command was called: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}
