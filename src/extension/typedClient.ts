import type { LanguageClient } from 'vscode-languageclient/node';
import type { NotificationDef, RequestDef } from '../protocol/requests';

/** Sends a custom request with the types its definition carries. */
export function sendTyped<P, R>(client: LanguageClient, def: RequestDef<P, R>, params: P): Promise<R> {
  return client.sendRequest(def.method, params) as Promise<R>;
}

/** Listens to a custom notification with the types its definition carries. */
export function onTyped<P>(client: LanguageClient, def: NotificationDef<P>, handler: (params: P) => void): { dispose(): void } {
  return client.onNotification(def.method, handler);
}
