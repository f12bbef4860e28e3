import { vaultDiagnostics } from '../core/features/diagnostics';
import type { NoteDiagnostic } from '../core/features/types';
import { openVault, UsageError } from './openVault';

/**
 * `mmnotes check [vault] [--json]`: every diagnostic the server would give,
 * one per line as `path:line:col: severity: message` (1-based, as compilers
 * print them), exit 1 when any is an error, so a vault can be checked in CI.
 */
export async function runCheck(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const rest = args.filter((a) => a !== '--json');
  const unknown = rest.find((a) => a.startsWith('-'));
  if (unknown) throw new UsageError(`unknown option '${unknown}' for check`);
  if (rest.length > 1) throw new UsageError('check takes at most one vault folder');

  const vault = await openVault(rest[0]);
  const skipped = new Map(vault.skipped.map((s) => [s.path, s]));
  const byNote = vaultDiagnostics(vault.index, { skipped: (p) => skipped.get(p) });
  const rows: { path: string; d: NoteDiagnostic }[] = [];
  for (const [path, list] of byNote) for (const d of list) rows.push({ path, d });

  if (json) {
    const out = rows.map(({ path, d }) => ({
      path,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      range: d.range,
      severity: d.severity,
      code: d.code,
      message: d.message,
    }));
    process.stdout.write(JSON.stringify({ vault: vault.root, notes: vault.index.noteCount, diagnostics: out }, null, 2) + '\n');
  } else {
    for (const { path, d } of rows) {
      process.stdout.write(`${path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity}: ${d.message}\n`);
    }
    const errors = rows.filter((r) => r.d.severity === 'error').length;
    process.stderr.write(`${vault.index.noteCount} notes checked: ${errors} errors, ${rows.length - errors} other problems\n`);
  }
  return rows.some((r) => r.d.severity === 'error') ? 1 : 0;
}
