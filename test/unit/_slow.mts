import { parseNote } from '../../src/core/parse/parseNote';
import { fromMarkdown } from 'mdast-util-from-markdown';
const samples: Record<string, string> = {
  brackets: '[['.repeat(5000),
  embeds: '![['.repeat(3000) + ']]'.repeat(3000),
  quotes: '>'.repeat(3000) + ' deep',
  lists: '- '.repeat(2000) + 'deep list',
  eqs: '=='.repeat(5000),
  eqwords: '==a '.repeat(3000) + 'b== '.repeat(3000),
  yaml: '---\n' + ': : :\n'.repeat(100),
};
for (const [name, s] of Object.entries(samples)) {
  let t0 = performance.now(); parseNote(s); const a = performance.now() - t0;
  t0 = performance.now(); fromMarkdown(s); const b = performance.now() - t0;
  console.log(name, a.toFixed(0), 'plain', b.toFixed(0));
}
