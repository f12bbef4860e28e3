import { UsageError } from './openVault';
import { runCards } from './cardsCommand';
import { runCheck } from './checkCommand';
import { runGraph } from './graphCommand';

const USAGE = `mmnotes — Obsidian-style Markdown vault tools

Usage:
  mmnotes check [vault] [--json]   print every diagnostic (broken links, missing embeds, …);
                                   exit 1 when there is an error
  mmnotes cards [vault] [--json] [--due] [--anki FILE]
                                   list flashcards (id, kind, front, back, path:line, due),
                                   or write the Anki import file
  mmnotes graph [vault] --json     print the concept graph (nodes with type, label, path:line;
                                   typed edges)
  mmnotes lsp --stdio              start the language server (also --node-ipc, --socket=N)
  mmnotes help                     this text
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return runCheck(rest);
    case 'cards':
      return runCards(rest);
    case 'graph':
      return runGraph(rest);
    case 'lsp': {
      // The server reads its transport (--stdio, …) from process.argv itself.
      const { startServer } = await import('../server/startServer');
      const { createConnection, ProposedFeatures } = await import('vscode-languageserver/node');
      startServer(createConnection(ProposedFeatures.all));
      return -1; // keep running
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    default:
      throw new UsageError(`unknown command '${command}'\n\n${USAGE}`);
  }
}

// `mmnotes cards | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`mmnotes: ${e.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`mmnotes: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 1;
    }
  },
);
