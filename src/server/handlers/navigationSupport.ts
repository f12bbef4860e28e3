import type { CancellationToken } from 'vscode-languageserver/node';
import type { ServerContext } from '../serverContext';

/**
 * The vault path of a request's document once the index is ready, or
 * undefined for documents outside the vault (then handlers answer null).
 */
export async function notePathOf(ctx: ServerContext, uri: string): Promise<string | undefined> {
  await ctx.ready;
  return ctx.uris.toPath(uri);
}

/**
 * Like notePathOf, for requests about a whole document (tokens, outline,
 * folding, lenses): while a big note is re-parsed in a worker, waits for its
 * newest text instead of answering from the model of a text already typed
 * over (seconds of work on the main thread for a 10 MB note, during which
 * nothing else is answered, for positions that no longer fit). Waiting does
 * not hold up other requests. undefined when the request is cancelled
 * meanwhile, as the editor does with such requests while the user types on.
 */
export async function settledNotePathOf(ctx: ServerContext, uri: string, token: CancellationToken): Promise<string | undefined> {
  const path = await notePathOf(ctx, uri);
  if (!path) return undefined;
  let stop: (() => void) | undefined;
  const cancelled = new Promise<void>((resolve) => (stop = resolve));
  const sub = token.onCancellationRequested(() => stop?.());
  try {
    await Promise.race([ctx.settled(path), cancelled]);
  } finally {
    sub.dispose();
  }
  // A turn of the event loop before the work: a parse that just settled wakes every request waiting
  // for it at once; the cheap ones (diagnostics) should have their replies written, and messages that
  // came in meanwhile (a hover elsewhere) be handled, before seconds of tokens for a 10 MB note begin.
  // A timer, not setImmediate: the connection writes replies and handles messages in setImmediate
  // callbacks, and a timer runs after those already queued. (A reply of megabytes may still finish
  // reaching the client only once the thread is free again.)
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  return token.isCancellationRequested ? undefined : path;
}
