/**
 * Splits a large note into runs of top-level blocks that can be parsed on
 * their own.
 *
 * Why: micromark rewrites its whole event list each time a container (list
 * item, quote) closes, so a note with many list items parses in quadratic
 * time (micromark/micromark#169, wooorm/markdown-rs#113): 1 MB of lecture
 * notes took 16 s of CPU, 2 MB 68 s. Pieces of ~4 KB keep the total linear;
 * that size was measured: bigger pieces pay the quadratic term on dense
 * nested lists, smaller ones pay micromark's ~1 ms set-up per parse.
 *
 * A split is made only before a line that starts a new top-level block
 * whatever came before it, i.e. a line at column 0 after a blank line, and
 * never inside a construct that may contain blank lines (fenced code, `$$`
 * math, HTML blocks of kinds 1–5, the frontmatter). Lines starting with `^`
 * (a lone block id labels the block before it) and `---` (would read as
 * frontmatter at the start of a piece) are never split before. Notes under
 * 8 KB are one piece. The only known difference from parsing in one go: a
 * `[ref]` whose definition sits in another piece stays text.
 *
 * If a piece grows far past the target without such a line (one huge list),
 * it may also split before a top-level bullet item with content, which starts
 * a list item after any line except inside an HTML block that runs to the
 * next blank line.
 */

const TARGET = 4 * 1024;
const DESPERATE_FACTOR = 2;

type Closer = (line: string) => boolean;

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const MATH = /^ {0,3}(\$\$+)([^$]*)$/;
const HTML_RAW = /^ {0,3}<(script|pre|style|textarea)(?=[\s>]|$)/i;
const HTML_UNTIL_BLANK = /^ {0,3}<\/?[A-Za-z]/;
const BULLET = /^[-*+][ \t]+\S/;
const THEMATIC_BREAK = /^([-*_])[ \t]*(?:\1[ \t]*){2,}$/;

/** If the line opens a construct that may span blank lines, what closes it. */
function opener(line: string): Closer | undefined {
  const fence = FENCE.exec(line);
  if (fence && !(fence[1][0] === '`' && fence[2].includes('`'))) {
    const [char, size] = [fence[1][0], fence[1].length];
    const close = new RegExp(`^ {0,3}\\${char}{${size},}[ \\t]*$`);
    return (l) => close.test(l);
  }
  const math = MATH.exec(line);
  if (math) {
    const close = new RegExp(`^ {0,3}\\\${${math[1].length},}[ \\t]*$`);
    return (l) => close.test(l);
  }
  const trimmed = line.replace(/^ {0,3}/, '');
  const raw = HTML_RAW.exec(line);
  // CommonMark HTML blocks 1–5 run to a line holding their end marker, blank lines or not.
  const html: [boolean, number, string][] = [
    [raw !== null, 1 + (raw?.[1].length ?? 0), `</${raw?.[1].toLowerCase()}>`],
    [trimmed.startsWith('<!--'), 4, '-->'],
    [trimmed.startsWith('<?'), 2, '?>'],
    [/^<![A-Za-z]/.test(trimmed), 2, '>'],
    [trimmed.startsWith('<![CDATA['), 9, ']]>'],
  ];
  for (const [match, skip, end] of html) {
    if (!match) continue;
    const closes: Closer = (l) => l.toLowerCase().includes(end);
    return closes(trimmed.slice(skip)) ? undefined : closes;
  }
  return undefined;
}

/** [start, end) offsets of pieces that together cover the text. */
export function splitIntoChunks(text: string, target = TARGET): [number, number][] {
  if (text.length <= 2 * target) return [[0, text.length]];
  const chunks: [number, number][] = [];
  let chunkStart = 0;
  let pos = 0;
  let open: Closer | undefined;
  let prevBlank = false;
  let htmlUntilBlank = false;

  // The frontmatter may hold blank lines and `---`: keep it whole in the first piece.
  if (/^---[ \t]*\r?\n/.test(text)) {
    const close = /\n---[ \t]*(\r?\n|$)/g;
    close.lastIndex = 3;
    const m = close.exec(text);
    if (m) pos = m.index + m[0].length;
  }

  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    const line = text.slice(pos, text[eol - 1] === '\r' ? eol - 1 : eol);
    if (open) {
      if (open(line)) open = undefined;
      prevBlank = false;
    } else {
      const blank = /^[ \t]*$/.test(line);
      const size = pos - chunkStart;
      if (!blank && size >= target && canStartPiece(line, prevBlank, size >= DESPERATE_FACTOR * target && !htmlUntilBlank)) {
        chunks.push([chunkStart, pos]);
        chunkStart = pos;
      }
      open = opener(line);
      if (blank) htmlUntilBlank = false;
      else if (!open && HTML_UNTIL_BLANK.test(line)) htmlUntilBlank = true;
      prevBlank = blank;
    }
    pos = eol + 1;
  }
  chunks.push([chunkStart, text.length]);
  return chunks;
}

function canStartPiece(line: string, prevBlank: boolean, desperate: boolean): boolean {
  const c = line[0];
  if (c === ' ' || c === '\t' || c === '^' || line.startsWith('---')) return false;
  if (prevBlank) return true;
  return desperate && BULLET.test(line) && !THEMATIC_BREAK.test(line);
}
