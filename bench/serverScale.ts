/**
 * The language server on a big vault, as an editor sees it: the built
 * server (`dist/server.js`, run `npm run build` first) over LSP on a
 * generated vault (the bench generator), measuring
 *   - how long until the index is ready, and until the vault's cards are
 *     counted (the status bar);
 *   - how long a small request (document symbols) waits meanwhile;
 *   - the server's memory once the cards are built;
 *   - how long that request waits while a definition is typed into a note
 *     with cards (each pause makes the server re-count the vault's cards).
 * Never asserted anywhere: it prints. The vault and the parse cache stay
 * in the folder given (generated on the first run), so the second run is
 * a warm start.
 *
 *   npx tsx bench/serverScale.ts [notes=10000] [folder=<tmp>/mmnotes-server-scale] [orphans=0]
 *
 * `orphans` writes a review log with that many reviews of cards that no
 * longer exist (a long-used vault has them: reviewed cards deleted since),
 * which makes the server reconcile the log with the cards on every edit.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { LspSession } from '../test/lsp/support/lspSession';
import { generateVault } from './generateVault';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Asks for a note's symbols again and again for `ms`: the latencies' median and maximum. */
async function latencies(s: LspSession, uri: string, ms: number): Promise<string> {
  const l: number[] = [];
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const t = performance.now();
    await s.request('textDocument/documentSymbol', { textDocument: { uri } });
    l.push(performance.now() - t);
    await sleep(20);
  }
  l.sort((a, b) => a - b);
  return `median ${l[l.length >> 1].toFixed(0)} ms, max ${l[l.length - 1].toFixed(0)} ms (${l.length} requests)`;
}

/** The server process's resident memory now and at its peak, from /proc (Linux). */
function memory(pid: number | undefined): string {
  try {
    const st = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(st.match(new RegExp(`${k}:\\s+(\\d+)`))?.[1] ?? NaN) / 1024;
    return `RSS ${kb('VmRSS').toFixed(0)} MB (peak ${kb('VmHWM').toFixed(0)} MB)`;
  } catch {
    return 'RSS unknown (no /proc)';
  }
}

async function main(): Promise<void> {
  const notes = Number(process.argv[2] ?? 10_000);
  const folder = nodePath.resolve(process.argv[3] ?? nodePath.join(tmpdir(), 'mmnotes-server-scale'));
  const root = nodePath.join(folder, `vault-${notes}`);
  if (!existsSync(root)) generateVault(root, notes);
  const orphans = Number(process.argv[4] ?? 0);
  const log = nodePath.join(root, '.mmnotes', 'reviews.jsonl');
  rmSync(log, { force: true });
  if (orphans > 0) {
    mkdirSync(nodePath.dirname(log), { recursive: true });
    const events = Array.from({ length: orphans }, (_, i) =>
      JSON.stringify({ v: 1, type: 'review', id: `orphan-${i}`, card: `d-gone${i}`, t: '2026-01-01T00:00:00.000Z', rating: 3, snap: { kind: 'definition', path: `gone/Gone ${i}.md`, bodyHash: 'x', term: `Gone term ${i}` } }),
    );
    writeFileSync(log, ['{"mmnotes":"reviews","v":1}', ...events, ''].join('\n'));
  }
  const t0 = performance.now();
  const s = await LspSession.start({}, {}, { root, cacheDir: nodePath.join(folder, `cache-${notes}`), waitForIndex: false });
  try {
    let countedAt = NaN;
    s.conn.onNotification('mmnotes/cards/changed', () => {
      if (Number.isNaN(countedAt)) countedAt = performance.now() - t0;
    });
    await s.indexed;
    const readyAt = performance.now() - t0;
    const files = readdirSync(root).filter((f) => f.endsWith('.md'));
    const uri = s.uri(files[0]);
    const meanwhile = await latencies(s, uri, 12_000);
    console.log(`${notes} notes${orphans ? `, ${orphans} orphaned reviews in the log` : ''}: index ready ${readyAt.toFixed(0)} ms after start, cards counted ${countedAt.toFixed(0)} ms after start`);
    console.log(`  document symbols in the 12 s after ready: ${meanwhile}`);
    const { counts } = await s.request<{ counts: { total: number } }>('mmnotes/cards/due', { scope: { kind: 'vault' }, countsOnly: true });
    console.log(`  ${counts.total} cards; server ${memory((s as unknown as { proc: { pid?: number } }).proc.pid)}`);
    // A definition typed at the top of a note with cards: a keystroke every 150 ms.
    const edited = files[1];
    s.open(edited, readFileSync(nodePath.join(root, edited), 'utf8'));
    await sleep(1000);
    const typing = (async () => {
      for (let i = 0; i < 10; i++) {
        s.edit(edited, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, i === 0 ? '==Term X==: a new definition ' : 'x');
        await sleep(150);
      }
    })();
    console.log(`  document symbols while a definition is typed and after: ${await latencies(s, uri, 4000)}`);
    await typing;
  } finally {
    await s.close({ keepFiles: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
