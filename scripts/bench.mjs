// `npm run bench [-- --quick | --sizes 1000,10000 | --engines mmnotes | --profile | --json]`:
// runs bench/run.ts under tsx. The engines themselves run bundled, in child processes.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
