import { encodeMarkdownPath, relativePath } from '../features/linkText';
import { basename, mediaKind, nameKey, noteName } from '../vault/vaultPath';
import type { AttachmentConfig } from './attachmentConfig';

/** Characters a wiki link's target cannot hold (they end or split the link). */
const WIKI_UNSAFE = /[#|^[\]]/;

/**
 * The text that links `notePath` to the vault file `target`, the way
 * Obsidian writes a new link: an embed (`!`) for what Obsidian can show
 * inline (images, audio, video, PDF), a plain link for anything else.
 *
 * Wiki links follow "New link format": `shortest` is the bare name when no
 * other file in the vault has it (`sameName` lists every vault path with
 * the target's name, case-insensitively, the target included), else the
 * vault path; `relative` is the path from the note; `absolute` the vault
 * path. A folder whose name a wiki link cannot hold (`#`, `|`, …) makes a
 * Markdown link instead, which can encode it.
 *
 * Markdown links carry a path from the note (percent-encoded), or the
 * vault path for `absolute`: a bare name would be found by Obsidian but by
 * no other Markdown tool, VS Code's preview included.
 */
export function attachmentLink(notePath: string, target: string, config: Pick<AttachmentConfig, 'useMarkdownLinks' | 'linkFormat'>, sameName: readonly string[]): string {
  const kind = mediaKind(target);
  const embed = kind !== 'note' && kind !== 'other';
  const isNote = kind === 'note';
  const key = nameKey(basename(target));
  const unique = sameName.every((p) => p === target || nameKey(basename(p)) !== key);

  if (!config.useMarkdownLinks) {
    const path = config.linkFormat === 'absolute' ? target : config.linkFormat === 'relative' ? relativePath(notePath, target) : unique ? basename(target) : target;
    let written = isNote ? path.replace(/\.md$/i, '') : path;
    if (WIKI_UNSAFE.test(written) && unique && !WIKI_UNSAFE.test(basename(target))) written = isNote ? noteName(target) : basename(target);
    if (!WIKI_UNSAFE.test(written)) return `${embed ? '!' : ''}[[${written}]]`;
  }
  const dest = encodeMarkdownPath(config.linkFormat === 'absolute' ? target : relativePath(notePath, target));
  const text = embed ? '' : escapeLinkText(isNote ? noteName(target) : basename(target));
  return `${embed ? '!' : ''}[${text}](${dest})`;
}

function escapeLinkText(s: string): string {
  return s.replace(/([\\[\]])/g, '\\$1');
}
