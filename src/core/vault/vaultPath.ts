/**
 * Vault-relative paths: '/'-separated, no leading slash, no '.' or '..'
 * segments. Everything in core speaks these; hosts convert to URIs.
 */

/** Normalizes separators and dot segments; returns undefined when the path leaves the vault. */
export function normalizeVaultPath(path: string): string | undefined {
  const out: string[] = [];
  for (const seg of path.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(seg);
  }
  return out.join('/');
}

/** Resolves a relative reference against the folder of `fromPath`. */
export function resolveRelative(fromPath: string, ref: string): string | undefined {
  return normalizeVaultPath(`${dirname(fromPath)}/${ref}`);
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? '' : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Lower-cased extension without the dot ('' when none). */
export function extname(path: string): string {
  const base = basename(path);
  const i = base.lastIndexOf('.');
  return i <= 0 ? '' : base.slice(i + 1).toLowerCase();
}

/** True for Markdown notes (the only files parsed as notes). */
export function isNotePath(path: string): boolean {
  return extname(path) === 'md';
}

/** File name without a `.md` extension: how Obsidian names a note. */
export function noteName(path: string): string {
  const base = basename(path);
  return isNotePath(base) ? base.slice(0, -3) : base;
}

/** The key a name is looked up by: Obsidian compares names case-insensitively. */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

export function joinPath(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

const IMAGE = new Set(['png', 'jpg', 'jpeg', 'gif', 'bmp', 'svg', 'webp', 'avif']);
const AUDIO = new Set(['mp3', 'webm', 'wav', 'm4a', 'ogg', '3gp', 'flac']);
const VIDEO = new Set(['mp4', 'ogv', 'mov', 'mkv']);

/** What kind of embed a file makes, by its extension. */
export function mediaKind(path: string): 'note' | 'image' | 'audio' | 'video' | 'pdf' | 'other' {
  const ext = extname(path);
  if (ext === 'md') return 'note';
  if (IMAGE.has(ext)) return 'image';
  if (AUDIO.has(ext)) return 'audio';
  if (VIDEO.has(ext)) return 'video';
  if (ext === 'pdf') return 'pdf';
  return 'other';
}
