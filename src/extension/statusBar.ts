import * as vscode from 'vscode';
import type { IndexStatus } from '../protocol/requests';

/** The status bar item that tells whether the vault is indexed and how big it is. */
export class IndexStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('mmnotes.index', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'mmnotes index';
    this.item.command = 'mmnotes.showOutput';
    this.show({ state: 'indexing', notes: 0, files: 0, skipped: 0 });
    this.item.show();
  }

  show(s: IndexStatus): void {
    if (s.state === 'indexing') {
      this.item.text = '$(sync~spin) mmnotes: indexing…';
      this.item.tooltip = 'mmnotes is reading the vault';
    } else {
      this.item.text = `$(notebook) ${s.notes} notes`;
      const skipped = s.skipped ? `, ${s.skipped} skipped (see the output)` : '';
      this.item.tooltip = `mmnotes: ${s.notes} notes, ${s.files - s.notes} attachments indexed${skipped}`;
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}
