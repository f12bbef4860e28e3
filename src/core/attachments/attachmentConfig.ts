/**
 * Where attachments go and how they are linked: Obsidian's own settings
 * from `.obsidian/app.json` when the vault has that file (they are what the
 * user chose in Obsidian, and Obsidian must find what we write), otherwise
 * the `mmnotes.attachmentFolder` setting with Obsidian's defaults.
 */

export type LinkFormat = 'shortest' | 'relative' | 'absolute';

export interface AttachmentConfig {
  /** Obsidian's `attachmentFolderPath` syntax: `/`, `./`, `./sub` or `folder`. */
  folderRule: string;
  /** Write `![](path)` instead of `![[name]]`. */
  useMarkdownLinks: boolean;
  /** How much of the path a link carries (Obsidian's "New link format"). */
  linkFormat: LinkFormat;
  /** Where the rule came from, for messages. */
  source: '.obsidian/app.json' | 'setting';
  /** Problems with the vault's settings, shown to the user (the defaults are used instead). */
  problems: string[];
}

/** The path of Obsidian's settings file, relative to the vault root. */
export const OBSIDIAN_APP_JSON = '.obsidian/app.json';

/** Obsidian's default: attachments go to the vault root. */
const OBSIDIAN_DEFAULT_FOLDER = '/';

/**
 * Reads the attachment settings. `appJson` is the text of
 * `.obsidian/app.json` (undefined when the vault has none); `setting` is
 * `mmnotes.attachmentFolder`, used only when there is no app.json.
 */
export function attachmentConfig(appJson: string | undefined, setting?: string): AttachmentConfig {
  const fallback: AttachmentConfig = {
    folderRule: typeof setting === 'string' && setting.trim() ? setting.trim() : OBSIDIAN_DEFAULT_FOLDER,
    useMarkdownLinks: false,
    linkFormat: 'shortest',
    source: 'setting',
    problems: [],
  };
  if (appJson === undefined) return fallback;
  let data: unknown;
  try {
    data = JSON.parse(appJson);
  } catch (e) {
    return { ...fallback, problems: [`${OBSIDIAN_APP_JSON} is not valid JSON (${(e as Error).message}); using the mmnotes.attachmentFolder setting instead.`] };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return { ...fallback, problems: [`${OBSIDIAN_APP_JSON} does not hold an object; using the mmnotes.attachmentFolder setting instead.`] };
  }
  const o = data as Record<string, unknown>;
  const folder = typeof o.attachmentFolderPath === 'string' && o.attachmentFolderPath.trim() ? o.attachmentFolderPath.trim() : OBSIDIAN_DEFAULT_FOLDER;
  const format = o.newLinkFormat === 'relative' || o.newLinkFormat === 'absolute' ? o.newLinkFormat : 'shortest';
  return { folderRule: folder, useMarkdownLinks: o.useMarkdownLinks === true, linkFormat: format, source: OBSIDIAN_APP_JSON, problems: [] };
}
