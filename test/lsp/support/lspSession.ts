import { spawn, type ChildProcess } from 'node:child_process';
import { SERVER_EXEC_ARGV } from '../../../src/protocol/serverProcess';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { URI } from 'vscode-uri';

const SERVER = path.resolve(__dirname, '../../../dist/server.js');

/**
 * A real LSP session for tests: writes a vault to a temp folder, spawns the
 * built server over stdio, speaks JSON-RPC to it as an editor would.
 */
export class LspSession {
  private readonly received = new Map<string, unknown[]>();
  private readonly versions = new Map<string, number>();
  readonly stderr: string[] = [];
  /** Resolves when the server reports its index ready (start waits for it unless told not to). */
  indexed: Promise<void> = Promise.resolve();
  /** What the server answered to `initialize`. */
  capabilities: Record<string, unknown> = {};

  private constructor(
    readonly root: string,
    private readonly proc: ChildProcess,
    readonly conn: MessageConnection,
  ) {}

  /** Starts a server on a fresh vault holding `files` and waits until its index is ready. */
  static async start(
    files: Record<string, string | Buffer>,
    settings: Record<string, unknown> = {},
    options: { cacheDir?: string; root?: string; waitForIndex?: boolean; definitionLinkSupport?: boolean } = {},
  ): Promise<LspSession> {
    // `root` restarts on a vault a closed session kept (see close), as a reopened window does.
    const root = options.root ?? mkdtempSync(path.join(tmpdir(), 'mmnotes-lsp-'));
    // The parse cache goes where the editor's workspace storage would be: outside the vault, removed on close.
    const cacheDir = options.cacheDir ?? `${root}-cache`;
    for (const [p, content] of Object.entries(files)) {
      const abs = path.join(root, p);
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, content);
    }
    // MMNOTES_LSP_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the server (written when it exits: close({ keepFiles: true })).
    const proc = spawn(process.execPath, [...SERVER_EXEC_ARGV, ...(process.env.MMNOTES_LSP_NODE_ARGS?.split(' ') ?? []), SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const s = new LspSession(root, proc, conn);
    proc.stderr!.on('data', (d) => s.stderr.push(String(d)));
    conn.onNotification((method, params) => s.record(method, params));
    conn.onRequest((method, params) => {
      s.record(method, params);
      if (method === 'workspace/configuration') return [settings];
      return null;
    });
    conn.listen();
    const ready = new Promise<void>((resolve) => {
      conn.onNotification('mmnotes/indexStatus', (st: { state: string }) => {
        s.record('mmnotes/indexStatus', st);
        if (st.state === 'ready') resolve();
      });
    });
    const init = await conn.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: URI.file(root).toString(),
      workspaceFolders: [{ uri: URI.file(root).toString(), name: 'vault' }],
      initializationOptions: { settings, cacheDir },
      capabilities: {
        workspace: {
          diagnostics: { refreshSupport: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
          fileOperations: { willRename: true },
        },
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          definition: { linkSupport: options.definitionLinkSupport ?? true },
          completion: { completionItem: { snippetSupport: true } },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          diagnostic: { dynamicRegistration: false },
          rename: { prepareSupport: true },
        },
      },
    });
    s.capabilities = init.capabilities;
    conn.sendNotification('initialized', {});
    s.indexed = withTimeout(ready, 60000, 'index never became ready');
    if (options.waitForIndex !== false) await s.indexed;
    return s;
  }

  private record(method: string, params: unknown): void {
    let list = this.received.get(method);
    if (!list) this.received.set(method, (list = []));
    list.push(params);
  }

  /** Everything the server sent with this method so far. */
  notifications(method: string): unknown[] {
    return this.received.get(method) ?? [];
  }

  uri(p: string): string {
    return URI.file(path.join(this.root, p)).toString();
  }

  /** Reads a vault file as it is on disk now. */
  read(p: string): string {
    return readFileSync(path.join(this.root, p), 'utf8');
  }

  /** Writes a vault file on disk and tells the server as a file watcher would. */
  writeFile(p: string, content: string | Buffer): void {
    const abs = path.join(this.root, p);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    this.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: this.uri(p), type: 1 }] });
  }

  open(p: string, text = this.read(p)): void {
    this.versions.set(p, 1);
    this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri(p), languageId: 'markdown', version: 1, text } });
  }

  change(p: string, text: string): void {
    const v = (this.versions.get(p) ?? 1) + 1;
    this.versions.set(p, v);
    this.conn.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri(p), version: v }, contentChanges: [{ text }] });
  }

  /** An incremental edit, as an editor sends a keystroke: replaces `range` with `text`. */
  edit(p: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): void {
    const v = (this.versions.get(p) ?? 1) + 1;
    this.versions.set(p, v);
    this.conn.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri(p), version: v }, contentChanges: [{ range, text }] });
  }

  request<R = unknown>(method: string, params: unknown): Promise<R> {
    return withTimeout(this.conn.sendRequest(method, params) as Promise<R>, 15000, `${method} timed out`);
  }

  /** True while the server process is alive. */
  get alive(): boolean {
    return this.proc.exitCode === null && !this.proc.killed;
  }

  /** Shuts the server down; `keepFiles` leaves the vault and its cache for a restart on `root`. */
  async close(options: { keepFiles?: boolean } = {}): Promise<void> {
    try {
      await withTimeout(this.conn.sendRequest('shutdown'), 3000, 'shutdown');
      this.conn.sendNotification('exit');
    } catch {
      /* killed below */
    }
    this.conn.dispose();
    // The server saves its cache on shutdown; give it the moment it needs before it is killed.
    if (options.keepFiles) {
      const exited = new Promise<void>((resolve) => (this.proc.exitCode !== null ? resolve() : this.proc.once('exit', () => resolve())));
      await withTimeout(exited, 5000, 'server did not exit').catch(() => undefined);
    }
    this.proc.kill();
    if (options.keepFiles) return;
    rmSync(this.root, { recursive: true, force: true });
    rmSync(`${this.root}-cache`, { recursive: true, force: true });
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(what)), ms))),
  ]);
}

/** A valid 1×1 PNG, for attachments in fixture vaults. */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);
