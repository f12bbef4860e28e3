import { parseNote } from '../../src/core/parse/parseNote';
import { readFileSync } from 'node:fs';
const sample = readFileSync('test/fixtures/sample-note.md', 'utf8');
const body = sample.replace(/^---[\s\S]*?---\n/, '');
const cpu = (f: () => void) => { const c0 = process.cpuUsage(); const t0 = performance.now(); f(); const c = process.cpuUsage(c0); return `wall ${(performance.now() - t0).toFixed(0)} ms, cpu ${((c.user + c.system) / 1000).toFixed(0)} ms`; };
for (let i = 0; i < 30; i++) parseNote(sample);
console.log('sample', cpu(() => { for (let i = 0; i < 20; i++) parseNote(sample); }), '(x20)');
for (const mb of (process.argv[2] ?? '1').split(',').map(Number)) {
  const big = sample + body.repeat(Math.ceil((mb * 1e6) / body.length));
  let m: any;
  console.log(`${mb} MB`, big.length, cpu(() => { m = parseNote(big); }), 'links', m.links.length, 'blocks', m.blocks.length, 'rss MB', (process.memoryUsage().rss / 1e6).toFixed(0));
}
