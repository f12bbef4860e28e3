/**
 * `^block-id` markers. Obsidian accepts one at the end of a block's last
 * line after a space, or alone on a line (after a blank line it labels the
 * block before it: the only way to label a list, quote or table).
 */

const TRAILING_ID = /\^([A-Za-z0-9-]+)[ \t]*$/;
const LONE_ID = /^\^([A-Za-z0-9-]+)[ \t]*$/;

/**
 * The `^id` that ends src[start, end) (the last text of a block that begins
 * at blockStart), if any. The caret must follow whitespace or open the block.
 */
export function trailingBlockId(
  src: string,
  start: number,
  end: number,
  blockStart: number,
): { id: string; start: number; end: number } | undefined {
  const slice = src.slice(start, end);
  if (!slice.includes('^')) return undefined;
  const m = TRAILING_ID.exec(slice);
  if (!m) return undefined;
  const at = start + m.index;
  if (at !== blockStart && !/\s/.test(src[at - 1] ?? '')) return undefined;
  return { id: m[1], start: at, end: at + 1 + m[1].length };
}

/** The id when src[start, end) (a whole paragraph) is nothing but `^id`. */
export function loneBlockId(src: string, start: number, end: number): string | undefined {
  if (end - start > 200 || src[start] !== '^') return undefined;
  return LONE_ID.exec(src.slice(start, end))?.[1];
}
