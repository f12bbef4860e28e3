// Entry point that VS Code loads in the extension host (`extensionTestsPath`), in the
// @vscode/test-electron style: runs mocha on every bundled `*.test.js` beside this file.
// test/e2e/run.mjs bundles these suites into dist/test/vscode/ and starts them in code-server;
// the same `run()` works under @vscode/test-electron where VS Code can be downloaded.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** Prefix of the line that reports the counts to the runner (parsed from the page console). */
export const RESULT_MARKER = '[mmnotes-vscode-result]';

export function run(): Promise<void> {
  // In code-server the extension host's console reaches the runner mixed with the workbench's own
  // log lines; a marker (set by the runner in the server's environment) tells mocha's apart.
  const marker = process.env['MMNOTES_TEST_OUTPUT_MARKER'];
  if (marker) {
    const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
    base.consoleLog = (...args: unknown[]) => {
      for (const line of format(...args).split('\n')) console.log(`${marker} ${line}`);
    };
  }
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 60_000 });
  const grep = process.env['MMNOTES_VSCODE_GREP'];
  if (grep) mocha.grep(grep);
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const stats = runner.stats;
        console.log(`${RESULT_MARKER} ${JSON.stringify({ passed: stats?.passes ?? 0, failed: failures, pending: stats?.pending ?? 0 })}`);
        if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed.`));
        else resolve();
      });
    } catch (err) {
      console.error(err);
      console.log(`${RESULT_MARKER} ${JSON.stringify({ passed: 0, failed: 1, pending: 0, error: String(err) })}`);
      reject(err);
    }
  });
}
