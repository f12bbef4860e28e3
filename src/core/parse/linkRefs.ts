/**
 * Turns split link targets (offsets) into the LinkRef shapes of NoteModel
 * (ranges), for wiki links and for Markdown links to local files.
 */
import type { Range } from '../text/range';
import type { LinkTarget, MarkdownLinkRef, WikiLinkRef } from './noteModel';
import { isExternalDestination, splitMarkdownDestination, splitWikiTarget, type TargetParts } from './parseTarget';

/** Converts offsets of the parsed text into a Range. */
export type ToRange = (start: number, end: number) => Range;

function linkTarget(parts: TargetParts, toRange: ToRange): LinkTarget {
  const target: LinkTarget = {
    path: parts.path,
    pathRange: toRange(parts.pathStart, parts.pathEnd),
    headings: parts.headings,
    subpathRange: toRange(parts.subpathStart, parts.subpathEnd),
  };
  if (parts.blockId !== undefined) target.blockId = parts.blockId;
  return target;
}

/** `[[value]]` or `![[value]]` spanning [start, end). */
export function wikiLinkRef(value: string, embed: boolean, start: number, end: number, toRange: ToRange): WikiLinkRef {
  const parts = splitWikiTarget(value, start + (embed ? 3 : 2), embed);
  const link: WikiLinkRef = { kind: 'wiki', embed, range: toRange(start, end), ...linkTarget(parts, toRange) };
  if (parts.alias !== undefined) {
    link.alias = parts.alias;
    link.aliasRange = toRange(parts.aliasStart!, parts.aliasEnd!);
  }
  if (parts.size) link.size = parts.size;
  return link;
}

/**
 * A Markdown link or image spanning [start, end) whose destination, as
 * written, is src[destinationStart, destinationEnd); undefined when that
 * points outside the vault.
 */
export function markdownLinkRef(
  src: string,
  destination: { start: number; end: number },
  link: { start: number; end: number; embed: boolean; text: string },
  toRange: ToRange,
): MarkdownLinkRef | undefined {
  if (destination.end <= destination.start) return undefined;
  const raw = src.slice(destination.start, destination.end);
  if (isExternalDestination(raw)) return undefined;
  const parts = splitMarkdownDestination(raw, destination.start);
  return { kind: 'markdown', embed: link.embed, range: toRange(link.start, link.end), text: link.text, ...linkTarget(parts, toRange) };
}
