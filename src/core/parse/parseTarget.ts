/**
 * Splits what is inside `[[…]]` or a Markdown link destination into path,
 * `#H1#H2` / `#^block` subpath, `|alias` and embed size, keeping the source
 * offset of every part so rename and diagnostics can point at it exactly.
 */

/** A target split into parts; offsets index the parsed text. */
export interface TargetParts {
  path: string;
  pathStart: number;
  pathEnd: number;
  headings: string[];
  blockId?: string;
  /** From the first `#` to the end of the target (empty at the path's end when none). */
  subpathStart: number;
  subpathEnd: number;
  alias?: string;
  aliasStart?: number;
  aliasEnd?: number;
  size?: { width: number; height?: number };
}

const SIZE = /^(\d{1,5})(?:x(\d{1,5}))?$/;
/** A file extension other than `.md`: only attachments (images, video, pdf) take a size. */
const ATTACHMENT_EXTENSION = /\.(?!md$)[A-Za-z0-9]{1,8}$/i;
/** URL schemes (`http:`, `mailto:`, `obsidian:`, also `C:` drive letters) and `//host`. */
const EXTERNAL = /^(?:[A-Za-z][A-Za-z0-9+.-]*:|\/\/)/;

/** Leading and trailing blanks of s[from, to), as [start, end] offsets within s. */
function trimSpan(s: string, from: number, to: number): [number, number] {
  while (from < to && /\s/.test(s[from])) from++;
  while (to > from && /\s/.test(s[to - 1])) to--;
  return [from, to];
}

/** `#H1#H2` or `#^id` (the text from the first `#` on) into headings and block id. */
function splitSubpath(subpath: string, decode: (s: string) => string): { headings: string[]; blockId?: string } {
  const headings: string[] = [];
  let blockId: string | undefined;
  for (const raw of subpath.split('#').slice(1)) {
    const segment = decode(raw).trim();
    if (segment.startsWith('^')) blockId = segment.slice(1).trim();
    else if (segment) headings.push(segment);
  }
  return { headings, blockId };
}

function decodePercent(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s; // A stray `%` is kept as written rather than failing the link.
  }
}

/**
 * Splits the raw content of a wiki link, which starts at `offset`.
 * `\|` also separates the alias: that is how Obsidian writes an alias inside
 * a table cell, and `\` cannot occur in an Obsidian note name anyway.
 */
export function splitWikiTarget(raw: string, offset: number, embed: boolean): TargetParts {
  const bar = raw.indexOf('|');
  const targetEnd = bar < 0 ? raw.length : bar > 0 && raw[bar - 1] === '\\' ? bar - 1 : bar;
  const hash = raw.slice(0, targetEnd).indexOf('#');
  const [pathStart, pathEnd] = trimSpan(raw, 0, hash < 0 ? targetEnd : hash);
  const [subStart, subEnd] = hash < 0 ? [targetEnd, targetEnd] : trimSpan(raw, hash, targetEnd);
  const parts: TargetParts = {
    path: raw.slice(pathStart, pathEnd),
    pathStart: offset + pathStart,
    pathEnd: offset + pathEnd,
    ...splitSubpath(raw.slice(subStart, subEnd), (s) => s),
    subpathStart: offset + subStart,
    subpathEnd: offset + subEnd,
  };
  if (bar >= 0) {
    const [aliasStart, aliasEnd] = trimSpan(raw, bar + 1, raw.length);
    parts.alias = raw.slice(aliasStart, aliasEnd);
    parts.aliasStart = offset + aliasStart;
    parts.aliasEnd = offset + aliasEnd;
    // `![[img.png|alt|300]]`: the size is the last `|` part.
    const size = embed && ATTACHMENT_EXTENSION.test(parts.path) ? SIZE.exec(parts.alias.split('|').pop()!.trim()) : null;
    if (size) parts.size = size[2] ? { width: Number(size[1]), height: Number(size[2]) } : { width: Number(size[1]) };
  }
  return parts;
}

/** True for destinations that point outside the vault (a URL scheme or `//host`). */
export function isExternalDestination(destination: string): boolean {
  return EXTERNAL.test(destination);
}

/**
 * Splits a Markdown link destination as written (`other%20note.md#Heading`),
 * which starts at `offset`; path and headings are percent-decoded.
 */
export function splitMarkdownDestination(raw: string, offset: number): TargetParts {
  const hash = raw.indexOf('#');
  const pathEnd = hash < 0 ? raw.length : hash;
  return {
    path: decodePercent(raw.slice(0, pathEnd)),
    pathStart: offset,
    pathEnd: offset + pathEnd,
    ...splitSubpath(raw.slice(pathEnd), decodePercent),
    subpathStart: offset + pathEnd,
    subpathEnd: offset + raw.length,
  };
}
