import {
  DocumentDiagnosticReportKind,
  type CancellationToken,
  type Diagnostic,
  type ServerCapabilities,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { noteDiagnostics, type DiagnosticOptions } from '../../core/features/diagnostics';
import { isNotePath } from '../../core/vault/vaultPath';
import type { ServerContext } from '../serverContext';
import { toLspDiagnostic } from './diagnosticConvert';
import type { FeatureHandler } from './index';

export const diagnosticsCapability: Partial<ServerCapabilities> = {
  diagnosticProvider: { identifier: 'mmnotes', interFileDependencies: true, workspaceDiagnostics: true },
};

/** How long a workspace pull waits for a change before answering "nothing new" (the client asks again). */
const LONG_POLL_MS = 60_000;

/**
 * Pull diagnostics for one note and for the whole vault. Each note's
 * result id changes only when the index reports the note affected (or the
 * settings change), so repeated pulls of unchanged notes cost nothing; the
 * workspace pull is held open until something changes, instead of
 * re-sending the vault every two seconds as the client would otherwise ask.
 */
export function registerDiagnostics(ctx: ServerContext): void {
  const generation = new Map<string, number>();
  let counter = 0;
  let waiters: (() => void)[] = [];
  ctx.index.onDidChange((change) => {
    for (const p of change.affected) generation.set(p, ++counter);
    const wake = waiters;
    waiters = [];
    for (const w of wake) w();
  });

  const options = (): DiagnosticOptions & { enabled: boolean } => {
    const s = ctx.settings().diagnostics;
    return { enabled: s.enabled, brokenLinks: s.brokenLinks, skipped: ctx.skipped };
  };
  const resultId = (path: string): string => {
    const s = ctx.settings().diagnostics;
    return `${generation.get(path) ?? 0}:${s.enabled}:${s.brokenLinks}:${ctx.skipped(path)?.reason ?? ''}`;
  };
  const compute = (path: string, token: CancellationToken, provisional = false): Diagnostic[] => {
    const o = options();
    if (!o.enabled) return [];
    return noteDiagnostics(ctx.index, path, { ...o, provisional }, token).map((d) => toLspDiagnostic(ctx, d));
  };

  ctx.connection.languages.diagnostics.on(async (params, token) => {
    // An open note is answered as soon as every name is known, before the vault is read (provisionally:
    // what notes not yet read could change is held back); any other note once the vault is loaded.
    await (ctx.documents.get(params.textDocument.uri) ? ctx.preloaded : ctx.ready);
    const path = ctx.uris.toPath(params.textDocument.uri);
    if (!path || !isNotePath(path)) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    // A big note being re-parsed in a worker: answer for its newest text, not the one before.
    await ctx.settled(path);
    const provisional = !ctx.isReady();
    const id = resultId(path) + (provisional ? ':provisional' : '');
    if (params.previousResultId === id) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: id };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: id, items: compute(path, token, provisional) };
  });

  ctx.connection.languages.diagnostics.onWorkspace(async (params, token) => {
    await ctx.ready;
    const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    const collect = (): WorkspaceDocumentDiagnosticReport[] => {
      const items: WorkspaceDocumentDiagnosticReport[] = [];
      const current = new Set<string>();
      for (const path of ctx.index.allFiles()) {
        if (token.isCancellationRequested) break;
        if (!isNotePath(path)) continue;
        const uri = ctx.uris.toUri(path);
        current.add(uri);
        const id = resultId(path);
        if (previous.get(uri) === id) continue;
        const version = ctx.documents.get(uri)?.version ?? null;
        items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version, resultId: id, items: compute(path, token) });
      }
      // Notes that are gone: clear what the client still shows for them.
      for (const uri of previous.keys()) {
        if (!current.has(uri)) items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, items: [] });
      }
      return items;
    };
    let items = collect();
    if (items.length === 0 && previous.size > 0 && !token.isCancellationRequested) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, LONG_POLL_MS);
        const sub = token.onCancellationRequested(done);
        waiters.push(done);
        function done(): void {
          clearTimeout(timer);
          sub.dispose();
          resolve();
        }
      });
      // Let a burst of edits settle before answering.
      await new Promise((r) => setTimeout(r, 200));
      items = token.isCancellationRequested ? [] : collect();
    }
    return { items };
  });
}

export const diagnosticsHandler: FeatureHandler = { capabilities: diagnosticsCapability, register: registerDiagnostics };
