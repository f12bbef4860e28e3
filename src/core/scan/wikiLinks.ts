/**
 * The scanner's wiki link reader: builds exactly the WikiLinkRef that
 * parse/linkRefs.ts wikiLinkRef builds (splitWikiTarget, then the ranges),
 * reading the parts in the source where they are instead of slicing the
 * content and splitting it up (one string per part it keeps, no
 * intermediate parts object, arrays or regexes but for an embed's size).
 */
import type { ToRange } from '../parse/linkRefs';
import type { WikiLinkRef } from '../parse/noteModel';
import { isJsWhitespace } from './chars';

const SIZE = /^(\d{1,5})(?:x(\d{1,5}))?$/;
/** As parseTarget.ts: a file extension other than `.md`, only attachments take a size. */
const ATTACHMENT_EXTENSION = /\.(?!md$)[A-Za-z0-9]{1,8}$/i;

/** `[[…]]` or `![[…]]` spanning src[start, end). */
export function scanWikiLink(src: string, start: number, end: number, embed: boolean, toRange: ToRange): WikiLinkRef {
  const from = start + (embed ? 3 : 2);
  const to = end - 2;
  let bar = from;
  while (bar < to && src.charCodeAt(bar) !== 124) bar++;
  const hasBar = bar < to;
  // `\|` also separates the alias (the table-cell form).
  const targetEnd = !hasBar ? to : bar > from && src.charCodeAt(bar - 1) === 92 ? bar - 1 : bar;
  let hash = from;
  while (hash < targetEnd && src.charCodeAt(hash) !== 35) hash++;
  let pathStart = from;
  let pathEnd = hash;
  while (pathStart < pathEnd && isJsWhitespace(src.charCodeAt(pathStart))) pathStart++;
  while (pathEnd > pathStart && isJsWhitespace(src.charCodeAt(pathEnd - 1))) pathEnd--;
  let subEnd = targetEnd;
  if (hash < targetEnd) while (subEnd > hash && isJsWhitespace(src.charCodeAt(subEnd - 1))) subEnd--;
  const headings: string[] = [];
  let blockId: string | undefined;
  // `#H1#H2#^id`: each part after a `#`, trimmed; `^` marks the block id (the last one wins).
  for (let p = hash; p < subEnd; ) {
    let q = p + 1;
    while (q < subEnd && src.charCodeAt(q) !== 35) q++;
    let a = p + 1;
    let b = q;
    while (a < b && isJsWhitespace(src.charCodeAt(a))) a++;
    while (b > a && isJsWhitespace(src.charCodeAt(b - 1))) b--;
    if (a < b && src.charCodeAt(a) === 94) {
      a++;
      while (a < b && isJsWhitespace(src.charCodeAt(a))) a++;
      blockId = src.slice(a, b);
    } else if (a < b) headings.push(src.slice(a, b));
    p = q;
  }
  const path = src.slice(pathStart, pathEnd);
  const link: WikiLinkRef = {
    kind: 'wiki',
    embed,
    range: toRange(start, end),
    path,
    pathRange: toRange(pathStart, pathEnd),
    headings,
    subpathRange: hash < targetEnd ? toRange(hash, subEnd) : toRange(targetEnd, targetEnd),
  };
  if (blockId !== undefined) link.blockId = blockId;
  if (hasBar) {
    let aliasStart = bar + 1;
    let aliasEnd = to;
    while (aliasStart < aliasEnd && isJsWhitespace(src.charCodeAt(aliasStart))) aliasStart++;
    while (aliasEnd > aliasStart && isJsWhitespace(src.charCodeAt(aliasEnd - 1))) aliasEnd--;
    const alias = src.slice(aliasStart, aliasEnd);
    link.alias = alias;
    link.aliasRange = toRange(aliasStart, aliasEnd);
    // `![[img.png|alt|300]]`: the size is the last `|` part.
    const size = embed && ATTACHMENT_EXTENSION.test(path) ? SIZE.exec(alias.slice(alias.lastIndexOf('|') + 1).trim()) : null;
    if (size) link.size = size[2] ? { width: Number(size[1]), height: Number(size[2]) } : { width: Number(size[1]) };
  }
  return link;
}
