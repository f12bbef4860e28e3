import type { EngineResult } from './engineTypes';
import { BASELINE_ENGINE } from './engines';
import type { VaultManifest } from './generateVault';

export interface SizeReport {
  size: number;
  manifest: VaultManifest;
  results: (EngineResult & { error?: string })[];
}

export interface BenchReport {
  date: string;
  machine: string;
  /** The temporary folder the run used; deleted before runBench returns. */
  workDir: string;
  sizes: SizeReport[];
}

const COLUMNS = ['notes', 'engine', 'cold ms', 'cold ×foam', 'cold CPU ms', 'warm ms', 'peak RSS MB', 'RSS ×foam', 'edit p50 ms', 'edit p95 ms', 'completion p95 ms', 'references ms', 'rename ms', 'resolved links'];

/** A row `<engine>-warm` (its load time in coldMs) is shown as the warm column of `<engine>`'s row. */
const WARM_SUFFIX = '-warm';

/** The report as a Markdown table; ratios are our number divided by foam-core's (lower is better). */
export function formatTable(report: BenchReport): string {
  const rows = [COLUMNS, COLUMNS.map(() => '---')];
  for (const s of report.sizes) {
    const base = s.results.find((r) => r.engine === BASELINE_ENGINE && !r.error);
    for (const r of s.results) {
      if (r.engine.endsWith(WARM_SUFFIX) && s.results.some((x) => x.engine === r.engine.slice(0, -WARM_SUFFIX.length))) continue;
      if (r.error) {
        rows.push([s.size.toLocaleString('en'), r.engine, `failed: ${r.error.split('\n')[0]}`, ...COLUMNS.slice(3).map(() => '')]);
        continue;
      }
      const warm = s.results.find((x) => x.engine === r.engine + WARM_SUFFIX && !x.error);
      const ratio = (a: number, b: number | undefined) => (r.engine === BASELINE_ENGINE || b === undefined ? '' : `${(a / b).toFixed(3)}`);
      rows.push([
        s.size.toLocaleString('en'), r.engine, ms(r.coldMs), ratio(r.coldMs, base?.coldMs), ms(r.coldCpuMs), ms(warm?.coldMs ?? r.warmMs), mb(r.rssMb), ratio(r.rssMb, base?.rssMb),
        ms(r.editP50Ms), ms(r.editP95Ms), ms(r.completionP95Ms), ms(r.referencesMs), ms(r.renameMs), `${r.resolvedLinks.toLocaleString('en')}`,
      ]);
    }
  }
  return rows.map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** One line per vault: what was measured, so the table can be judged. */
export function formatVaults(report: BenchReport): string {
  return report.sizes
    .map(({ manifest: m }) =>
      `- ${m.notes.toLocaleString('en')} notes: ${(m.bytes / 1e6).toFixed(1)} MB, ${m.links.toLocaleString('en')} links (${m.brokenLinks.toLocaleString('en')} broken on purpose), ` +
      `${m.images} images (+${m.missingImages} embedded but missing), hub note with ${m.hubBacklinks} backlinking notes, edit note ${(m.editBytes / 1024).toFixed(1)} KB`,
    )
    .join('\n');
}

/** Where each engine's cold time went, and what it could not measure. */
export function formatDetails(report: BenchReport): string {
  const out: string[] = [];
  for (const s of report.sizes) {
    for (const r of s.results) {
      if (r.error) continue;
      const phases = Object.entries(r.phases ?? {}).map(([k, v]) => `${k} ${ms(v)}`).join(', ');
      const extra = [phases && `cold phases: ${phases}`, `base RSS ${mb(r.baseRssMb)} MB`, `${r.indexedNotes} notes indexed`, r.referenceCount !== undefined && `${r.referenceCount} references`, r.renameEdits !== undefined && `${r.renameEdits} rename edits`, r.editCount !== undefined && `${r.editCount} edits timed`, ...(r.remarks ?? [])];
      out.push(`- ${s.size.toLocaleString('en')} ${r.engine}: ${extra.filter(Boolean).join('; ')}`);
    }
  }
  return out.join('\n');
}

function ms(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

function mb(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(0);
}
