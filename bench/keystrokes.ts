/**
 * What the user types into the edit note, one character per keystroke:
 * prose, then a link that only becomes one when its `]]` is typed, so the
 * edit path sees both "nothing changed but text" and "links changed".
 */
const PHRASE = ' and the fusion layer, see [[Hub Note]] and [[Missing Concept]] for the details of alignment';

/**
 * `base` with the first `count` typed characters inserted mid-line in line
 * `line` (not at its end, where a `^block-id` may sit: typing after it would
 * change the note's anchors, which is not what a keystroke usually does).
 */
export function typedText(base: string, line: number, count: number): string {
  let at = 0;
  for (let l = 0; l < line; l++) at = base.indexOf('\n', at) + 1;
  const end = base.indexOf('\n', at);
  const lineEnd = end === -1 ? base.length : end;
  const space = base.indexOf(' ', at + Math.floor((lineEnd - at) / 2));
  const insertAt = space === -1 || space > lineEnd ? lineEnd : space;
  let typed = '';
  while (typed.length < count) typed += PHRASE;
  return base.slice(0, insertAt) + typed.slice(0, count) + base.slice(insertAt);
}
