import { LineIndex } from '../core/text/lineIndex';
import { isNotePath, noteName } from '../core/vault/vaultPath';
import { BacklinksRequest, ListNotesRequest, NameTableRequest, type BacklinkItem, type NameTableSnapshot, type NoteListItem } from '../protocol/requests';
import type { ServerContext } from './serverContext';

/** The custom requests the extension's views use (Backlinks, Open Note…). */
export function registerVaultRequests(ctx: ServerContext): void {
  ctx.connection.onRequest(BacklinksRequest.method, async ({ uri }: { uri: string }): Promise<BacklinkItem[]> => {
    await ctx.ready;
    const path = ctx.uris.toPath(uri);
    if (!path) return [];
    const lines = new Map<string, LineIndex>();
    return ctx.index
      .backlinks(path)
      .filter((b) => b.source !== path)
      .map((b) => {
        // One text per source note, not per link: it may be read from disk on each access.
        let li = lines.get(b.source);
        if (!li) lines.set(b.source, (li = new LineIndex(ctx.index.getNote(b.source)?.text ?? '')));
        return { uri: ctx.uris.toUri(b.source), path: b.source, range: b.link.range, lineText: li.lineText(b.link.range.start.line).trim().slice(0, 200) };
      })
      .sort((a, b) => a.path.localeCompare(b.path) || a.range.start.line - b.range.start.line);
  });

  ctx.connection.onRequest(ListNotesRequest.method, async (): Promise<NoteListItem[]> => {
    await ctx.ready;
    const out: NoteListItem[] = [];
    for (const n of ctx.index.allNotes()) {
      out.push({ uri: ctx.uris.toUri(n.path), path: n.path, name: noteName(n.path), aliases: n.model.frontmatter?.aliases ?? [] });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  });

  ctx.connection.onRequest(NameTableRequest.method, async (): Promise<NameTableSnapshot> => {
    await ctx.ready;
    const notes: NameTableSnapshot['notes'] = [];
    const attachments: string[] = [];
    for (const path of ctx.index.allFiles()) {
      if (isNotePath(path)) notes.push({ path, names: ctx.index.getNote(path)?.model.frontmatter?.aliases ?? [] });
      else attachments.push(path);
    }
    return { root: ctx.uris.toFsPath(''), notes, attachments };
  });
}
