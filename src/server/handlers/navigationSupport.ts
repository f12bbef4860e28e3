import type { ServerContext } from '../serverContext';

/**
 * The vault path of a request's document once the index is ready, or
 * undefined for documents outside the vault (then handlers answer null).
 */
export async function notePathOf(ctx: ServerContext, uri: string): Promise<string | undefined> {
  await ctx.ready;
  return ctx.uris.toPath(uri);
}
