// The grammar tests load the mmnotes grammars through grammars.json; this
// checks that package.json contributes exactly those grammars, so that the
// tests exercise what the extension ships.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

const ours = (grammars, base) =>
  new Map(
    (grammars ?? [])
      .filter((g) => g.scopeName?.startsWith('mmnotes.'))
      .map((g) => [g.scopeName, { path: path.resolve(base, g.path), injectTo: [...(g.injectTo ?? [])].sort() }]),
  );

const tested = ours(readJson(path.join(here, 'grammars.json')).contributes.grammars, here);
const shipped = ours(readJson(path.join(root, 'package.json')).contributes?.grammars, root);

const problems = [];
for (const [scope, t] of tested) {
  const s = shipped.get(scope);
  if (!s) problems.push(`package.json does not contribute the grammar ${scope}`);
  else if (s.path !== t.path) problems.push(`${scope}: package.json has ${path.relative(root, s.path)}, the tests use ${path.relative(root, t.path)}`);
  else if (JSON.stringify(s.injectTo) !== JSON.stringify(t.injectTo)) problems.push(`${scope}: injectTo differs (${s.injectTo} vs ${t.injectTo})`);
  if (!fs.existsSync(t.path)) problems.push(`${scope}: ${path.relative(root, t.path)} is missing`);
}
for (const scope of shipped.keys()) if (!tested.has(scope)) problems.push(`${scope} is contributed but not in test/grammar/grammars.json`);

if (problems.length) {
  console.error('Grammar contributions out of step with test/grammar/grammars.json:\n  ' + problems.join('\n  '));
  process.exit(1);
}
console.log(`grammar contributions match the tests (${[...tested.keys()].join(', ')})`);
