import { promises as fs, unwatchFile, watchFile } from 'node:fs';
import * as nodePath from 'node:path';
import { CodeLensRefreshRequest, LSPErrorCodes, ResponseError, type CancellationToken, type CodeLens, type CodeLensParams } from 'vscode-languageserver/node';
import { ankiExport, noteTags, REVIEW_LOG_PATH } from '../../core/cards';
import {
  CardsChangedNotification,
  CardsDueRequest,
  CardsExportAnkiRequest,
  CardsListRequest,
  CardsRateRequest,
  CardsStatusRequest,
  CardsUndoRequest,
  type CardsDueParams,
  type CardsDueResult,
  type CardsExportParams,
  type CardsExportResult,
  type CardsListParams,
  type CardsListResult,
  type CardsRateParams,
  type CardsStatus,
} from '../../protocol/cards';
import type { FeatureHandler } from '../handlers';
import { settledNotePathOf } from '../handlers/navigationSupport';
import type { ServerContext } from '../serverContext';
import { cardLenses } from './cardLenses';
import { CardService } from './cardService';
import { LogReporter } from './logReport';

/** Index edits are batched for this long before counts and log health are sent again. */
const CHANGE_DELAY_MS = 400;

/**
 * Flashcards over LSP: the `mmnotes/cards/*` requests, a code lens on each
 * card's source line, a `mmnotes/cards/changed` notification for the status
 * bar, and the log's health as diagnostics on `.mmnotes/reviews.jsonl`.
 */
export const cardsHandler: FeatureHandler = {
  capabilities: { codeLensProvider: { resolveProvider: false } },
  register(ctx) {
    registerCards(ctx);
  },
};

function registerCards(ctx: ServerContext): void {
  const { connection } = ctx;
  const service = new CardService(ctx);
  // Never the one to build the vault's cards (before that, or after the rules changed, a caller extracts the note's cards itself).
  ctx.shared.noteCards = (path) => service.cards.ofNoteIfCheap(path);
  const reporter = new LogReporter(connection);
  let timer: NodeJS.Timeout | undefined;
  /** Counts sent before the log is read would show every reviewed card as new. */
  let logRead = false;

  const status = (): CardsStatus => ({ counts: service.due({ kind: 'vault' }, new Date(), false).counts, health: service.health() });
  const sendChanged = (refreshLenses: boolean) => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!logRead) return;
    try {
      const s = status();
      reporter.report(s.health, service.files.knownText(REVIEW_LOG_PATH));
      void connection.sendNotification(CardsChangedNotification.method, s);
      if (refreshLenses) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    } catch (e) {
      ctx.log(`mmnotes: cards: ${(e as Error).stack ?? e}`);
    }
  };
  const schedule = () => {
    timer ??= setTimeout(() => sendChanged(false), CHANGE_DELAY_MS);
  };

  ctx.index.onDidChange((change) => {
    service.cards.noteChange(change);
    schedule();
  });

  void service.opened.then(() => {
    logRead = true;
    sendChanged(false);
    // `.mmnotes/` is outside the index: poll the log's stat (cheap, and it survives delete-and-recreate) for a git pull or a sync.
    const fsPath = ctx.uris.toFsPath(REVIEW_LOG_PATH);
    const onStat = async () => {
      if (await service.files.unchanged(REVIEW_LOG_PATH)) return;
      await service.reload();
      sendChanged(true);
    };
    watchFile(fsPath, { interval: 1000, persistent: false }, onStat);
    ctx.onShutdown(() => unwatchFile(fsPath, onStat));
  });

  /** Every request waits for the vault and the log, and gives up quietly when cancelled. */
  const on = <P, R>(method: string, fn: (params: P) => R | Promise<R>) =>
    connection.onRequest(method, async (params: P, token: CancellationToken) => {
      await service.opened;
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      return fn(params);
    });

  on(CardsListRequest.method, ({ scope, now }: CardsListParams): CardsListResult => {
    const at = parseNow(now);
    return { cards: service.inScope(scope ?? { kind: 'vault' }).map((c) => service.view(c, at)), health: service.health() };
  });

  on(CardsDueRequest.method, ({ scope, now, countsOnly }: CardsDueParams): CardsDueResult => ({
    ...service.due(scope ?? { kind: 'vault' }, parseNow(now), !countsOnly),
    health: service.health(),
  }));

  on(CardsRateRequest.method, async ({ cardId, rating }: CardsRateParams) => {
    const result = await service.rate(cardId, rating);
    sendChanged(true);
    return result;
  });

  on(CardsUndoRequest.method, async () => {
    const result = await service.undo();
    sendChanged(true);
    return result;
  });

  on(CardsStatusRequest.method, () => status());

  on(CardsExportAnkiRequest.method, async ({ scope, file }: CardsExportParams): Promise<CardsExportResult> => {
    if (!file || !nodePath.isAbsolute(file)) throw new ResponseError(LSPErrorCodes.RequestFailed, `Export needs an absolute file path, not "${file}".`);
    const cards = service.inScope(scope ?? { kind: 'vault' });
    const text = ankiExport(cards, {
      vaultName: nodePath.basename(ctx.uris.toFsPath('')) || 'mmnotes',
      tagsOf: (path) => {
        const note = ctx.index.getNote(path);
        return note ? noteTags(note.model) : [];
      },
    });
    try {
      await fs.writeFile(file, text, 'utf8');
    } catch (e) {
      throw new ResponseError(LSPErrorCodes.RequestFailed, `Could not write ${file}: ${(e as Error).message}`);
    }
    const cloze = cards.filter((c) => c.kind === 'cloze' && c.clozeText !== undefined).length;
    return { file, cards: cards.length, basic: cards.length - cloze, cloze };
  });

  connection.onCodeLens(async (params: CodeLensParams, token: CancellationToken): Promise<CodeLens[]> => {
    await service.opened;
    // A big note being re-parsed: lenses for its newest text, not for lines already typed over.
    const path = await settledNotePathOf(ctx, params.textDocument.uri, token);
    if (!path || !service.settings().codeLens) return [];
    const now = new Date();
    return cardLenses(
      service.cards.ofNote(path).map((card) => ({ card, state: service.stateOf(card, now) })),
      params.textDocument.uri,
      now,
    );
  });
}

function parseNow(now: string | undefined): Date {
  const t = now ? Date.parse(now) : NaN;
  return Number.isNaN(t) ? new Date() : new Date(t);
}
