import { extname } from '../vault/vaultPath';

/**
 * `#`, `|`, `^`, `[` and `]` end or split a wiki link, so Obsidian refuses
 * them in names; `\ / : * ? " < >` and control characters are refused by
 * some file system the vault may be synced to.
 */
const FORBIDDEN = /[#|^[\]\\/:*?"<>\u0000-\u001f\u007f]/g;

/** Longest stem kept: file systems allow 255 bytes, and a suffix ` 99` must still fit. */
const MAX_STEM = 180;

/** `Pasted image 20240612140800.png`: Obsidian's name for an image pasted from the clipboard (local time). */
export function pastedImageName(now: Date, extension: string): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return `Pasted image ${stamp}.${extension}`;
}

const MIME_EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
  'image/bmp': 'bmp',
  'image/avif': 'avif',
  'image/tiff': 'tiff',
  'application/pdf': 'pdf',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/ogg': 'ogg',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
};

/** The extension a clipboard payload of this MIME type is saved with. */
export function extensionForMime(mime: string | undefined): string {
  const m = (mime ?? '').toLowerCase().split(';')[0].trim();
  if (MIME_EXTENSIONS[m]) return MIME_EXTENSIONS[m];
  const sub = /^[a-z]+\/([a-z0-9]+)$/.exec(m)?.[1];
  return sub ?? 'bin';
}

/**
 * A file name Obsidian can link to: forbidden characters become spaces,
 * runs of spaces collapse, no leading dot (Obsidian hides dot files), and
 * an over-long stem is cut. Returns `fallbackStem` + extension when nothing is left.
 */
export function sanitizeAttachmentName(name: string, fallbackStem = 'attachment'): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const clean = (s: string) => s.replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').trim();
  const ext = extname(base);
  let stem = clean(ext ? base.slice(0, -(ext.length + 1)) : base).replace(/^[.\s]+/, '');
  const extension = clean(ext ? base.slice(-ext.length) : '').replace(/\s/g, '');
  if (stem.length > MAX_STEM) stem = cutAt(stem, MAX_STEM).trimEnd();
  if (!stem) stem = fallbackStem;
  return extension ? `${stem}.${extension}` : stem;
}

/** Cuts without splitting a surrogate pair. */
function cutAt(s: string, n: number): string {
  const cut = /[\uD800-\uDBFF]/.test(s[n - 1] ?? '') ? n - 1 : n;
  return s.slice(0, cut);
}

/**
 * `name`, or `name 1`, `name 2`, … (Obsidian's suffix) — the first not in
 * `taken`, which holds the lower-cased names already in the folder: Obsidian
 * resolves names without regard to case, so `Image.png` and `image.png`
 * would be one ambiguous name even where the file system tells them apart.
 */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name.toLowerCase())) return name;
  const ext = extname(name);
  const stem = ext ? name.slice(0, -(ext.length + 1)) : name;
  const dot = ext ? name.slice(stem.length) : '';
  for (let i = 1; ; i++) {
    const candidate = `${stem} ${i}${dot}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
