/**
 * The review panel's page (bundled to media/dist/review.js, run inside the
 * webview). It shows what the extension sends and turns keys into messages:
 * Space or Enter reveals (and, once revealed, rates Good, as in Anki), 1–4
 * rate, U or Ctrl/Cmd+Z undoes, O opens the source line, R checks again on
 * the end screen. After a rating or undo, keys are ignored until the next
 * card arrives, so a key held or pressed twice rates one card once.
 * The state the extension sends is kept with setState: VS Code hands it
 * back to the extension when it restores the panel after a reload.
 */
import type { HostToReview, Rating, ReviewToHost } from '../../protocol/cards';
import { cardScreen, el, endScreen } from './render';
import './review.css';

declare function acquireVsCodeApi(): { postMessage(message: ReviewToHost): void; setState(state: unknown): void };

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;

let screen: HostToReview | undefined;
let revealed = false;
/** A rating or undo was sent and its answer has not come back yet. */
let waiting = false;
let notice: HTMLElement | undefined;

function post(message: ReviewToHost): void {
  vscode.postMessage(message);
}

function render(): void {
  if (!screen) return;
  let view: HTMLElement;
  if (screen.type === 'card') view = cardScreen(screen, revealed);
  else if (screen.type === 'end') view = endScreen(screen);
  else if (screen.type === 'loading') view = el('div', 'screen loading', [el('p', undefined, [`Loading the cards of ${screen.scopeLabel}…`])]);
  else return;
  app.replaceChildren(view, ...(notice ? [notice] : []));
  // Keys go to the focused element: keep focus in the page, not on a removed button.
  (view.querySelector('button.primary, button.rate.r3') as HTMLElement | null)?.focus({ preventScroll: true });
}

function showNotice(level: 'info' | 'error', text: string): void {
  notice = el('div', `notice ${level}`, [text], { role: level === 'error' ? 'alert' : 'status' });
  app.append(notice);
  const shown = notice;
  setTimeout(() => {
    if (notice === shown) {
      notice.remove();
      notice = undefined;
    }
  }, level === 'error' ? 8000 : 3000);
}

window.addEventListener('message', (event: MessageEvent<HostToReview>) => {
  const m = event.data;
  if (!m || typeof m !== 'object') return;
  if (m.type === 'state') {
    vscode.setState(m.state);
    return;
  }
  if (m.type === 'notice') {
    waiting = false;
    showNotice(m.level, m.text);
    return;
  }
  // A new card (or the same card after an undo) starts hidden.
  if (m.type !== 'card' || screen?.type !== 'card' || screen.card.id !== m.card.id || waiting) revealed = false;
  waiting = false;
  screen = m;
  render();
});

function reveal(): void {
  if (screen?.type !== 'card' || revealed) return;
  revealed = true;
  render();
}

function rate(rating: Rating): void {
  if (screen?.type !== 'card' || !revealed || waiting) return;
  waiting = true;
  post({ type: 'rate', cardId: screen.card.id, rating });
}

function undo(): void {
  if (waiting || !screen || (screen.type !== 'card' && screen.type !== 'end') || !screen.canUndo) return;
  waiting = true;
  post({ type: 'undo' });
}

function act(action: string | undefined): void {
  if (action === 'reveal') reveal();
  else if (action === 'undo') undo();
  else if (action === 'restart' && screen?.type === 'end') post({ type: 'restart' });
  else if (action === 'open' && screen?.type === 'card') post({ type: 'open', cardId: screen.card.id });
}

window.addEventListener('keydown', (e) => {
  if (e.repeat || e.isComposing || e.altKey) return;
  const key = e.key.toLowerCase();
  const mod = e.ctrlKey || e.metaKey;
  if (mod) {
    if (key === 'z' && !e.shiftKey) {
      e.preventDefault();
      undo();
    }
    return;
  }
  let handled = true;
  if (key === ' ' || key === 'enter') {
    if (screen?.type === 'card' && !revealed) reveal();
    else if (screen?.type === 'card') rate(3);
    else handled = false;
  } else if (key >= '1' && key <= '4' && key.length === 1) rate(Number(key) as Rating);
  else if (key === 'u') undo();
  else if (key === 'o') act('open');
  else if (key === 'r') act('restart');
  else handled = false;
  // Space would scroll, Enter would press the focused button a second time.
  if (handled) e.preventDefault();
});

app.addEventListener('click', (e) => {
  const target = (e.target as HTMLElement).closest<HTMLElement>('[data-action], [data-rating]');
  if (!target) return;
  e.preventDefault();
  if (target.dataset.rating) rate(Number(target.dataset.rating) as Rating);
  else act(target.dataset.action);
});

window.addEventListener('error', (e) => post({ type: 'error', message: String(e.message) }));
post({ type: 'ready' });
