/**
 * Makes note text safe to show as Markdown in a hover: `<` and `&` outside
 * code are written as entities so no tag or entity in a note becomes HTML;
 * code spans and fences are left alone because entities show literally
 * there and HTML is inert there anyway. An unclosed fence is closed so a cut
 * excerpt does not swallow what follows.
 */
export function escapeNoteMarkdown(text: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      out.push(line);
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && line.trim() === m[1]) fence = undefined;
      continue;
    }
    if (m) {
      fence = m[1];
      out.push(line);
      continue;
    }
    out.push(escapeInline(line));
  }
  if (fence) out.push(fence);
  return out.join('\n');
}

/** Escapes `<` and `&` outside backtick code spans. */
function escapeInline(line: string): string {
  let result = '';
  let i = 0;
  while (i < line.length) {
    const tick = line.indexOf('`', i);
    if (tick === -1) break;
    let run = tick;
    while (line[run] === '`') run++;
    const marker = line.slice(tick, run);
    const close = findClosing(line, run, marker);
    if (close === -1) {
      result += escapeHtml(line.slice(i, run));
      i = run;
      continue;
    }
    result += escapeHtml(line.slice(i, tick)) + line.slice(tick, close + marker.length);
    i = close + marker.length;
  }
  return result + escapeHtml(line.slice(i));
}

/** Index of a backtick run of exactly `marker`'s length at or after `from`, or -1. */
function findClosing(line: string, from: number, marker: string): number {
  for (let j = line.indexOf(marker, from); j !== -1; j = line.indexOf(marker, j + 1)) {
    let end = j + marker.length;
    if (line[j - 1] === '`') continue;
    if (line[end] === '`') {
      while (line[end] === '`') end++;
      j = end - 1;
      continue;
    }
    return j;
  }
  return -1;
}

/** Escapes the two characters that start HTML in Markdown. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** Escapes text for a double-quoted HTML attribute. */
export function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;').replace(/>/g, '&gt;');
}

/** Escapes Markdown punctuation so a name shows as plain text (bold, links and HTML in it stay inert). */
export function escapeMarkdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>&~=]/g, (c) => (c === '<' ? '&lt;' : c === '&' ? '&amp;' : '\\' + c));
}
