import { normalizeHeading } from '../../core/vault/headingMatch';

/**
 * The Markdown a transclusion shows: the whole note (without frontmatter),
 * a heading's section (`#H1#H2`: each nested in the previous), or the block
 * labelled `^id`. Line based, because the preview only has the note's text;
 * fenced code is skipped so a `#` line inside it is never a heading.
 * Returns undefined when the heading or block does not exist.
 */
export function noteSection(text: string, headings: readonly string[], blockId?: string): string | undefined {
  const lines = stripFrontmatter(text).split(/\r?\n/);
  const code = fencedLines(lines);
  if (headings.length) return headingSection(lines, code, headings);
  if (blockId) return blockSection(lines, code, blockId);
  return lines.join('\n');
}

function stripFrontmatter(text: string): string {
  const m = /^---[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  return m ? text.slice(m[0].length) : text;
}

function fencedLines(lines: readonly string[]): boolean[] {
  const inCode: boolean[] = [];
  let fence: string | undefined;
  for (const line of lines) {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence === undefined && m) {
      fence = m[1];
      inCode.push(true);
    } else if (fence !== undefined) {
      inCode.push(true);
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && line.trim() === m[1]) fence = undefined;
    } else inCode.push(false);
  }
  return inCode;
}

interface Heading {
  line: number;
  level: number;
  text: string;
}

function headingSection(lines: readonly string[], code: readonly boolean[], path: readonly string[]): string | undefined {
  const all: Heading[] = [];
  lines.forEach((line, i) => {
    const m = !code[i] && /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (m) all.push({ line: i, level: m[1].length, text: (m[2] ?? '').replace(/\s\^[\w-]+$/, '') });
  });
  let from = 0;
  let end = all.length;
  let parentLevel = 0;
  let found = -1;
  for (const part of path) {
    const want = normalizeHeading(part);
    found = -1;
    for (let i = from; i < end; i++) {
      if (all[i].level > parentLevel && normalizeHeading(all[i].text) === want) {
        found = i;
        break;
      }
    }
    if (found === -1) return undefined;
    parentLevel = all[found].level;
    from = found + 1;
    end = from;
    while (end < all.length && all[end].level > parentLevel) end++;
  }
  const lastLine = end < all.length ? all[end].line : lines.length;
  return lines.slice(all[found].line, lastLine).join('\n');
}

const LIST_ITEM = /^(\s*)(?:[-*+]|\d{1,9}[.)])(?:\s|$)/;

function blockSection(lines: readonly string[], code: readonly boolean[], id: string): string | undefined {
  const marker = new RegExp(`(?:^|\\s)\\^${id.replace(/[^\w-]/g, '')}\\s*$`, 'i');
  const at = lines.findIndex((line, i) => !code[i] && marker.test(line));
  if (at === -1) return undefined;
  const blank = (i: number) => lines[i].trim() === '';

  // `^id` alone on a line labels the block above it (lists, tables, quotes).
  let end = at;
  if (lines[at].trim().startsWith('^')) {
    end = at - 1;
    while (end >= 0 && blank(end)) end--;
    if (end < 0) return undefined;
  }

  const item = LIST_ITEM.exec(lines[end]);
  if (item && end === at) {
    // A list item with its nested lines; de-indented so it still parses as a list.
    const indent = item[1].length;
    let last = at;
    while (last + 1 < lines.length && !blank(last + 1) && indentOf(lines[last + 1]) > indent) last++;
    return lines.slice(at, last + 1).map((l) => l.slice(Math.min(indent, indentOf(l)))).join('\n');
  }

  let start = end;
  while (start > 0 && !blank(start - 1) && !/^ {0,3}#{1,6}(\s|$)/.test(lines[start - 1])) start--;
  return lines.slice(start, end + 1).join('\n');
}

function indentOf(line: string): number {
  return /^\s*/.exec(line)![0].length;
}
