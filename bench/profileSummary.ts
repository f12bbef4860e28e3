import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Self time of a child's CPU profile grouped by source module. The child
 * runs a bundle, so a sample's line is mapped back to the module through
 * the `// path/to/module.ts` comments esbuild writes before each module.
 */
export function summarizeProfiles(dir: string, bundle: string, top = Number(process.env.MMNOTES_PROFILE_TOP ?? 15)): string {
  if (!existsSync(dir)) return '(no profile written)';
  const starts = moduleStarts(readFileSync(bundle, 'utf8'));
  const self = new Map<string, number>();
  const fnSelf = new Map<string, number>();
  let total = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(nodePath.join(dir, file), 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const n = byId.get(id);
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      total += ms;
      const key = n ? moduleOf(n, bundle, starts) : '(unknown)';
      self.set(key, (self.get(key) ?? 0) + ms);
      const fn = `${n?.callFrame.functionName || '(anonymous)'} in ${key}`;
      fnSelf.set(fn, (fnSelf.get(fn) ?? 0) + ms);
    });
  }
  const rows = (m: Map<string, number>) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, ms]) => `  ${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${k}`);
  return ['self time by module:', ...rows(self), 'self time by function:', ...rows(fnSelf)].join('\n');
}

function moduleStarts(bundleText: string): { line: number; module: string }[] {
  const out: { line: number; module: string }[] = [];
  bundleText.split('\n').forEach((l, line) => {
    const m = /^\/\/ ((?:\.\.\/)*(?:node_modules|src|bench)\/\S+)$/.exec(l);
    if (m) out.push({ line, module: m[1].replace(/^(\.\.\/)+/, '') });
  });
  return out;
}

function moduleOf(n: ProfileNode, bundle: string, starts: { line: number; module: string }[]): string {
  const { url, lineNumber, functionName } = n.callFrame;
  if (!url) return functionName ? `(${functionName})` : '(native)';
  if (!url.endsWith(nodePath.basename(bundle))) return url.startsWith('node:') ? url : `node internals (${url.split('/').pop()})`;
  let lo = 0;
  let hi = starts.length - 1;
  let found = '(bundle prelude)';
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid].line <= lineNumber) (found = starts[mid].module), (lo = mid + 1);
    else hi = mid - 1;
  }
  // Group a package's files together; keep our own files apart.
  const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(found);
  return pkg ? pkg[1] : found;
}
