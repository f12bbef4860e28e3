/**
 * Callouts: a blockquote whose first line is `[!type]`, optionally folded
 * with `+`/`-`, optionally followed by a title (`> [!warning]- Folded`).
 */

const HEADER = /^\[!([^\]\s]+)\]([+-])?(?:[ \t]+(.*?))?[ \t]*$/;

/** The callout header starting at offset start (the quote's first paragraph), if that line is one. */
export function readCalloutHeader(
  src: string,
  start: number,
): { type: string; title: string; fold?: '+' | '-'; end: number } | undefined {
  if (src[start] !== '[' || src[start + 1] !== '!') return undefined;
  let end = src.indexOf('\n', start);
  if (end < 0) end = src.length;
  if (src[end - 1] === '\r') end--;
  const m = HEADER.exec(src.slice(start, end));
  if (!m) return undefined;
  const header: { type: string; title: string; fold?: '+' | '-'; end: number } = {
    type: m[1].toLowerCase(),
    title: m[3] ?? '',
    end,
  };
  if (m[2]) header.fold = m[2] as '+' | '-';
  return header;
}
