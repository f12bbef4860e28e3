import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CardsDueRequest,
  CardsListRequest,
  CardsRateRequest,
  CardsUndoRequest,
  type CardScope,
  type DueCounts,
  type HostToReview,
  type Rating,
  type ReviewPanelState,
  type ReviewToHost,
  type SavedRating,
} from '../../protocol/cards';
import { sendTyped } from '../typedClient';
import { reviewHtml } from './reviewHtml';
import { requeuedIds, ReviewSession } from './reviewSession';

/**
 * The review panel: one webview, driven by the keyboard in the page. The
 * page only shows what it is sent and reports keys; the session (queue,
 * progress, undo) lives here, and every rating and undo goes to the server,
 * which writes the log. A page re-created after being hidden says `ready`
 * and is sent the current card again.
 *
 * After a window reload VS Code hands the panel back to `revive` with the
 * state the page kept (`ReviewPanelState`, sent to it after every change):
 * the same scope, the sitting's ratings, and the next due card.
 */
export class ReviewPanel implements vscode.Disposable {
  static readonly viewType = 'mmnotes.review';
  private static current: ReviewPanel | undefined;
  private session: ReviewSession | undefined;
  private counts: DueCounts | undefined;
  private busy = false;
  private scope: CardScope = { kind: 'vault' };
  private label = 'vault';
  private loading: Promise<void> | undefined;
  /** Ratings of a sitting being resumed, kept in the saved state until its session is loaded. */
  private resuming: SavedRating[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  /** Opens the panel (or brings it forward) on a scope; starts a new sitting. */
  static show(context: vscode.ExtensionContext, client: LanguageClient, scope: CardScope, label: string): ReviewPanel {
    const existing = ReviewPanel.current;
    if (existing) {
      existing.panel.reveal();
      existing.start(scope, label);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(ReviewPanel.viewType, 'Review Flashcards', vscode.ViewColumn.Active, ReviewPanel.options(context));
    ReviewPanel.current = new ReviewPanel(panel, client, context);
    ReviewPanel.current.start(scope, label);
    return ReviewPanel.current;
  }

  /**
   * Adopts a panel VS Code restored after a reload or restart, and resumes
   * its sitting (`saved` undefined: no usable state, so the whole vault).
   */
  static revive(context: vscode.ExtensionContext, client: LanguageClient, panel: vscode.WebviewPanel, saved: ReviewPanelState | undefined, label: (scope: CardScope) => string): void {
    if (ReviewPanel.current) {
      // Opened by a command before VS Code got round to restoring: one review panel at a time.
      panel.dispose();
      return;
    }
    panel.webview.options = ReviewPanel.options(context);
    ReviewPanel.current = new ReviewPanel(panel, client, context);
    const scope = saved?.scope ?? { kind: 'vault' };
    ReviewPanel.current.start(scope, saved?.scopeLabel || label(scope), saved?.ratings ?? []);
  }

  private static options(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    // Scripts and styles from media/dist only; the vault for images a card may show.
    const roots = [vscode.Uri.joinPath(context.extensionUri, 'media', 'dist'), ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri)];
    return { enableScripts: true, localResourceRoots: roots };
  }

  /** Closes the panel (extension deactivation). */
  static closeAll(): void {
    ReviewPanel.current?.dispose();
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly client: LanguageClient,
    context: vscode.ExtensionContext,
  ) {
    const script = vscode.Uri.joinPath(context.extensionUri, 'media', 'dist', 'review.js');
    const style = vscode.Uri.joinPath(context.extensionUri, 'media', 'dist', 'review.css');
    panel.webview.html = reviewHtml(panel.webview, script, style);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: ReviewToHost) => void this.onMessage(m).catch((e) => this.fail(e))),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** A new sitting on `scope`, or the continuation of one whose `ratings` were saved before a reload. */
  private start(scope: CardScope, label: string, ratings: SavedRating[] = []): void {
    this.scope = scope;
    this.label = label;
    this.panel.title = `Review: ${label}`;
    this.session = undefined;
    this.resuming = ratings;
    this.loading = this.load(ratings).catch((e) => this.fail(e));
  }

  private async load(ratings: SavedRating[]): Promise<void> {
    this.saveState();
    this.post({ type: 'loading', scopeLabel: this.label });
    const due = await sendTyped(this.client, CardsDueRequest, { scope: this.scope });
    if (due.health.refused) void vscode.window.showErrorMessage(`mmnotes: ${due.health.refused}`);
    if (ratings.length) {
      // Cards this sitting put back (due again within the learn-ahead window) are not due yet: fetch them too.
      const listed = requeuedIds(ratings).length ? (await sendTyped(this.client, CardsListRequest, { scope: this.scope })).cards : [];
      this.session = ReviewSession.resume(due.queue, listed, ratings, new Date());
    } else {
      this.session = new ReviewSession(due.queue);
    }
    this.resuming = [];
    this.counts = due.counts;
    this.render();
  }

  private async onMessage(m: ReviewToHost): Promise<void> {
    switch (m.type) {
      case 'ready':
        await this.loading;
        this.render();
        return;
      case 'rate':
        return this.exclusive(async (session) => {
          if (session.current()?.id !== m.cardId) return; // a key pressed twice: the first one counted
          const { card } = await sendTyped(this.client, CardsRateRequest, { cardId: m.cardId, rating: m.rating as Rating });
          session.rated(card, m.rating, new Date());
          await this.refreshCounts();
        });
      case 'undo':
        return this.exclusive(async (session) => {
          if (!session.canUndo) return this.post({ type: 'notice', level: 'info', text: 'Nothing to undo in this session.' });
          const { card, cardId } = await sendTyped(this.client, CardsUndoRequest, {});
          if (!cardId) return this.post({ type: 'notice', level: 'info', text: 'The review log has no rating to undo.' });
          session.undone(card, cardId);
          await this.refreshCounts();
        });
      case 'open': {
        const card = this.session?.find(m.cardId);
        if (!card) return;
        const pos = new vscode.Position(card.line, 0);
        await vscode.window.showTextDocument(vscode.Uri.parse(card.uri), { viewColumn: vscode.ViewColumn.Beside, selection: new vscode.Range(pos, pos) });
        return;
      }
      case 'restart':
        this.start(this.scope, this.label);
        return;
      case 'error':
        void vscode.window.showErrorMessage(`mmnotes review panel: ${m.message}`);
        return;
    }
  }

  /** One rating or undo at a time; the page is re-rendered after each, whatever happened. */
  private async exclusive(fn: (session: ReviewSession) => Promise<void>): Promise<void> {
    if (this.busy || !this.session) return;
    this.busy = true;
    try {
      await fn(this.session);
    } finally {
      this.busy = false;
      this.render();
    }
  }

  private async refreshCounts(): Promise<void> {
    // Counts only (tomorrow's load for the footer); the queue of this sitting stays as it is.
    this.counts = (await sendTyped(this.client, CardsDueRequest, { scope: this.scope, countsOnly: true })).counts;
  }

  /** What a reloaded window restores the panel from (the page keeps it with setState). */
  private saveState(): void {
    const state: ReviewPanelState = { v: 1, scope: this.scope, scopeLabel: this.label, savedAt: Date.now(), ratings: this.session?.saved() ?? this.resuming };
    this.post({ type: 'state', state });
  }

  private render(): void {
    this.saveState();
    const session = this.session;
    if (!session || !this.counts) return this.post({ type: 'loading', scopeLabel: this.label });
    const card = session.current();
    if (card) {
      this.post({ type: 'card', card, progress: session.progress(), counts: this.counts, scopeLabel: this.label, canUndo: session.canUndo });
    } else {
      this.post({ type: 'end', summary: session.summary(), counts: this.counts, scopeLabel: this.label, canUndo: session.canUndo });
    }
  }

  private fail(e: unknown): void {
    const text = e instanceof Error ? e.message : String(e);
    this.post({ type: 'notice', level: 'error', text });
    void vscode.window.showErrorMessage(`mmnotes: ${text}`);
  }

  private post(message: HostToReview): void {
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (ReviewPanel.current === this) ReviewPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
