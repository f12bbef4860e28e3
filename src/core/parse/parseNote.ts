/**
 * parseNote: one note's text → NoteModel (links, headings, blocks, …).
 * The work is in noteParser.ts; this is the entry point that never throws.
 */
import { LineIndex } from '../text/lineIndex';
import type { NoteModel } from './noteModel';
import { emptyModel, NoteParser } from './noteParser';

export { looksBinary } from './binary';

export interface ParseOptions {
  /**
   * Read at most this many characters (cut at a line end) and report the rest
   * as a 'too-large' problem. Unlimited by default. Parsing is linear but
   * micromark is not fast: on a loaded 2-core box about 2 s of CPU per MB of
   * lecture notes and 12 s per MB of dense nested lists.
   */
  maxLength?: number;
}

/** Parses one note. Pure and synchronous; never throws, whatever the text. */
export function parseNote(text: string, options: ParseOptions = {}): NoteModel {
  try {
    const max = options.maxLength ?? Infinity;
    if (text.length <= max) return new NoteParser(text).parse();
    const cut = text.lastIndexOf('\n', max - 1) + 1 || max;
    const model = new NoteParser(text.slice(0, cut)).parse();
    const at = new LineIndex(text).positionAt(cut);
    model.problems.push({
      code: 'too-large',
      message: `This note is ${megabytes(text.length)}; only its first ${megabytes(cut)} are read for links, headings and tags.`,
      range: { start: at, end: at },
    });
    return model;
  } catch (e) {
    // Last resort for a parser bug: the note stays usable, the user is told.
    const model = emptyModel();
    const lines = new LineIndex(text);
    model.problems.push({
      code: 'parse-failed',
      message: `This note could not be parsed: ${e instanceof Error ? e.message : String(e)}`,
      range: lines.rangeOf(0, lines.lineEnd(0)),
    });
    return model;
  }
}

function megabytes(chars: number): string {
  return `${(chars / 1e6).toFixed(1)} MB`;
}

