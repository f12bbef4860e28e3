import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { CardsChangedNotification, CardsStatusRequest } from '../../protocol/cards';
import { onTyped, sendTyped } from '../typedClient';
import { exportAnkiCommand, describeScope, listNoteCardsCommand, pickScope } from './cardCommands';
import { CardsStatusBar } from './cardsStatusBar';
import { ReviewPanel } from './reviewPanel';
import { isCardScope, parseReviewPanelState } from './reviewState';

/**
 * The flashcards in VS Code: the review panel, the status bar count, and
 * the list and export commands. Everything asks the server; nothing here
 * parses a note. Call before `client.start()` or after: the status bar
 * fills in once the client runs. The review panel comes back after a
 * window reload through its serializer (package.json declares
 * `onWebviewPanel:mmnotes.review`, so a window holding only the panel
 * activates the extension); its requests wait for the client to start.
 */
export function registerCards(context: vscode.ExtensionContext, client: LanguageClient): void {
  const statusBar = new CardsStatusBar();
  const refresh = () => {
    if (!client.isRunning()) return;
    sendTyped(client, CardsStatusRequest, {}).then(
      (s) => statusBar.show(s),
      () => undefined, // a server without cards (or restarting): the notification will come
    );
  };
  const guard = (what: string, fn: () => Promise<unknown>) => async () => {
    try {
      await fn();
    } catch (e) {
      void vscode.window.showErrorMessage(`mmnotes: ${what} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  context.subscriptions.push(
    statusBar,
    onTyped(client, CardsChangedNotification, (s) => statusBar.show(s)),
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) refresh();
    }),
    vscode.commands.registerCommand('mmnotes.reviewCards', (arg?: unknown) =>
      guard('review', async () => {
        const choice = isCardScope(arg) ? { scope: arg, label: describeScope(arg) } : await pickScope();
        if (choice) ReviewPanel.show(context, client, choice.scope, choice.label);
      })(),
    ),
    vscode.window.registerWebviewPanelSerializer(ReviewPanel.viewType, {
      deserializeWebviewPanel: async (panel, state) => ReviewPanel.revive(context, client, panel, parseReviewPanelState(state, Date.now()), describeScope),
    }),
    vscode.commands.registerCommand('mmnotes.listNoteCards', guard('listing the cards', () => listNoteCardsCommand(client))),
    vscode.commands.registerCommand('mmnotes.exportAnki', guard('export', () => exportAnkiCommand(client))),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The server re-reads card settings on its next request; ask for one once the new settings reached it.
      if (e.affectsConfiguration('mmnotes.cards')) setTimeout(refresh, 500);
    }),
    { dispose: () => ReviewPanel.closeAll() },
  );
  refresh();
}
