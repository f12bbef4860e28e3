import { parseNote } from '../src/core/parse/parseNote';
import { loadVault } from '../src/core/vault/loadVault';
import { VaultIndex, type ParseFn } from '../src/core/vault/vaultIndex';
import { NodeVaultFs } from '../src/server/nodeVaultFs';
import { peakRssMb, percentile, stopwatch, timeRepeated, type EngineFn, type EngineInput, type EngineResult } from './engineTypes';
import { typedText } from './keystrokes';
import { optionalFeature } from './optionalFeature';

const NOT_CANCELLED = { isCancellationRequested: false };
type Measured = Omit<EngineResult, 'engine'>;

/**
 * Our cold start: the real file system and `loadVault`, exactly what the
 * server runs, with the parse function wrapped in a timer so the report can
 * say how much of the cold time is reading, parsing and indexing.
 */
export const runMmnotesCold: EngineFn = async (input) => {
  const baseRssMb = peakRssMb();
  let parseMs = 0;
  const parse: ParseFn = (text) => {
    const t = performance.now();
    const model = parseNote(text);
    parseMs += performance.now() - t;
    return model;
  };
  const index = new VaultIndex(parse);
  let bulkStart = NaN;
  const bulkLoad = index.bulkLoad.bind(index);
  index.bulkLoad = (files) => {
    bulkStart = performance.now();
    bulkLoad(files);
  };
  const t0 = performance.now();
  const watch = stopwatch();
  await loadVault(new NodeVaultFs(input.vaultDir, () => []), index);
  const { wallMs: coldMs, cpuMs: coldCpuMs } = watch();
  const rssMb = peakRssMb();
  const phases = { listAndReadMs: bulkStart - t0, parseMs, indexAndResolveMs: coldMs - (bulkStart - t0) - parseMs };
  let resolvedLinks = 0;
  for (const e of index.allNotes()) for (const r of e.resolutions) if (r.kind === 'file' || r.kind === 'self') resolvedLinks++;
  const result: Measured = { coldMs, coldCpuMs, rssMb, baseRssMb, indexedNotes: index.noteCount, resolvedLinks, phases, remarks: [] };
  await measureFeatures(index, input, result);
  return result;
};

/** Edit, completion, references and rename in the loaded index; each is skipped while its feature does not exist. */
async function measureFeatures(index: VaultIndex, input: EngineInput, out: Measured): Promise<void> {
  const { editPath, editLine, hubPath } = input.manifest;
  const base = index.getNote(editPath)?.text;
  if (base === undefined) throw new Error(`edit note ${editPath} was not indexed`);
  const remark = (s: string) => out.remarks?.push(s);

  // One keystroke = re-parse + re-resolve + diagnostics of every note the change affected.
  const diagnostics = await optionalFeature('diagnostics', 'noteDiagnostics');
  if (!diagnostics) remark('edit latency without diagnostics (src/core/features/diagnostics.ts missing)');
  const edits = timeRepeated(input.edits, input.budgetMs, (i) => {
    const change = index.setNote(editPath, typedText(base, editLine, i + 1));
    if (diagnostics) for (const p of change.affected) diagnostics(index, p);
  });
  index.setNote(editPath, base);
  Object.assign(out, { editP50Ms: percentile(edits, 50), editP95Ms: percentile(edits, 95), editCount: edits.length });

  const complete = await optionalFeature('completion', 'completeLink');
  if (complete) {
    const lines = base.split('\n');
    const prefixes = ['', 'h', 'hu', 'hub', 'c', 'cr', 'cro', 'a', 'al', 'ali'];
    let items = 0;
    const samples: number[] = [];
    const start = performance.now();
    for (let i = 0; i < 50 && performance.now() - start < input.budgetMs; i++) {
      const line = `See [[${prefixes[i % prefixes.length]}`;
      index.setNote(editPath, [...lines.slice(0, editLine + 1), line, ...lines.slice(editLine + 1)].join('\n'));
      const t = performance.now(); // only the completion is timed, not the setNote that typed the prefix
      items = complete(index, editPath, line, { line: editLine + 1, character: line.length }, NOT_CANCELLED)?.items?.length ?? 0;
      samples.push(performance.now() - t);
    }
    index.setNote(editPath, base);
    Object.assign(out, { completionP95Ms: percentile(samples, 95), completionItems: items });
  } else remark('no completion (src/core/features/completion.ts missing)');

  const references = await optionalFeature('references', 'references');
  if (references) {
    let count = 0;
    const samples = timeRepeated(5, input.budgetMs, () => (count = references(index, hubPath, { line: 0, character: 0 }, false, NOT_CANCELLED).length));
    Object.assign(out, { referencesMs: percentile(samples, 50), referenceCount: count });
  } else remark('no references feature');

  const rename = await optionalFeature('rename', 'renameFile');
  if (rename) {
    let editCount = 0;
    const samples = timeRepeated(3, input.budgetMs, () => {
      const edit = rename(index, hubPath, 'Hub Note Renamed', NOT_CANCELLED);
      editCount = 0;
      for (const list of edit?.changes?.values?.() ?? []) editCount += list.length;
    });
    Object.assign(out, { renameMs: percentile(samples, 50), renameEdits: editCount });
  } else remark('no rename (src/core/features/rename.ts missing)');
}
