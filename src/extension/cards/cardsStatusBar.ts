import * as vscode from 'vscode';
import type { CardScope, CardsStatus } from '../../protocol/cards';

/**
 * `$(mortar-board) 12 due`: what there is to review now across the vault;
 * a click starts the review. A refused or damaged review log shows here
 * too, so a problem with saved reviews is never only in a log.
 */
export class CardsStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('mmnotes.cards', vscode.StatusBarAlignment.Left, 9);

  constructor() {
    this.item.name = 'mmnotes flashcards';
  }

  show(s: CardsStatus): void {
    const { counts, health } = s;
    if (health.refused) {
      this.item.text = '$(warning) reviews';
      this.item.tooltip = health.refused;
      this.item.command = { title: 'Open the review log', command: 'vscode.open', arguments: [vscode.Uri.parse(health.logUri)] };
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      this.item.show();
      return;
    }
    if (counts.total === 0) return this.item.hide();
    const now = counts.due + counts.fresh;
    this.item.text = `$(mortar-board) ${now} due`;
    const lines = [
      `${counts.due} reviews and ${counts.fresh} new cards to study now`,
      `${counts.laterToday} more later today, ${counts.tomorrow} tomorrow`,
      `${counts.total} cards in the vault, ${counts.unseen} never reviewed`,
    ];
    if (health.problemCount) lines.push(`${health.problemCount} corrupt lines in .mmnotes/reviews.jsonl were skipped (see Problems)`);
    if (health.orphanCount) lines.push(`${health.orphanCount} reviewed cards no longer exist; their history is kept`);
    lines.push('', 'Click to review');
    this.item.tooltip = lines.join('\n');
    const scope: CardScope = { kind: 'vault' };
    this.item.command = { title: 'Review Flashcards', command: 'mmnotes.reviewCards', arguments: [scope] };
    this.item.backgroundColor = health.problemCount ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
