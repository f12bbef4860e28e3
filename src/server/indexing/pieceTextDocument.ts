import type { TextDocumentsConfiguration } from 'vscode-languageserver/node';
import { TextDocument, type Position, type Range, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { BIG_NOTE_CHARS } from './bigNoteParser';
import { SharedBase, type SharedNoteText } from './sharedText';
import { computeLineOffsets, PieceTable } from './pieceTable';

/**
 * An open document too big to copy on every keystroke. The library's
 * TextDocument applies an edit by concatenating the whole text and then
 * reading a character of the result, which flattens it: ~40 ms per keystroke
 * in a 10 MB note, during which no other request is answered. This one keeps
 * the text as pieces of the text it was opened with (see PieceTable) and its
 * line starts, so an edit costs the size of the edit plus a shift of the line
 * starts after it; the whole text is built only when asked for.
 * Same behaviour as the library's document (test/lsp/pieceTextDocument.test.ts).
 */
export class PieceTextDocument implements TextDocument {
  private table: PieceTable;
  private lineOffsets: number[];
  /** UTF-8 length, kept up to date per edit so the size limit needs no pass over the text. */
  private bytes: number;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private _version: number,
    content: string,
  ) {
    const base = new SharedBase(content);
    this.table = PieceTable.of(base);
    this.lineOffsets = computeLineOffsets(content, true, 0);
    this.bytes = base.utf8Bytes;
  }

  get version(): number {
    return this._version;
  }

  get length(): number {
    return this.table.length;
  }

  /** UTF-8 length of the text (a surrogate pair split by an edit is counted as its halves would be: off by a byte or two). */
  get utf8Bytes(): number {
    return this.bytes;
  }

  get lineCount(): number {
    return this.lineOffsets.length;
  }

  /** The current text, frozen: what a parse of this version needs, cheap to take on every keystroke. */
  snapshot(): NoteTextSnapshot {
    const table = this.table;
    return { length: table.length, forWorker: () => table.forWorker(), toString: () => table.text() };
  }

  getText(range?: Range): string {
    if (range) {
      // As String#substring, which the library uses: a reversed range reads the same characters.
      const a = this.offsetAt(range.start);
      const b = this.offsetAt(range.end);
      return this.table.slice(Math.min(a, b), Math.max(a, b));
    }
    return this.table.text();
  }

  update(changes: TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change) this.applyEdit(change.range, change.text);
      else this.replaceAll(change.text);
    }
    this._version = version;
  }

  private replaceAll(text: string): void {
    const base = new SharedBase(text);
    this.table = PieceTable.of(base);
    this.lineOffsets = computeLineOffsets(text, true, 0);
    this.bytes = base.utf8Bytes;
  }

  private applyEdit(range: Range, text: string): void {
    const [start, end] = wellFormed(range);
    const startOffset = this.offsetAt(start);
    const endOffset = this.offsetAt(end);
    // Lines of the offsets rather than of the range: a range past the last line (no editor sends one) cannot corrupt the line starts.
    const startLine = this.positionAt(startOffset).line;
    const endLine = this.positionAt(endOffset).line;
    const removed = this.table.slice(startOffset, endOffset);
    this.bytes += Buffer.byteLength(text) - Buffer.byteLength(removed);
    this.table = this.table.replace(startOffset, endOffset, text);
    if (this.table.shouldRebase()) {
      const base = new SharedBase(this.getText());
      this.table = PieceTable.of(base);
      this.bytes = base.utf8Bytes;
    }
    // As the library does: an edit that joins or splits a \r\n pair moves line starts it cannot patch locally.
    const insertedEnd = startOffset + text.length;
    const crlfAtStart = this.table.charCodeAt(startOffset - 1) === 13 && this.table.charCodeAt(startOffset) === 10;
    const crlfAtEnd = this.table.charCodeAt(insertedEnd - 1) === 13 && this.table.charCodeAt(insertedEnd) === 10;
    if (crlfAtStart || crlfAtEnd) {
      this.lineOffsets = computeLineOffsets(this.getText(), true, 0);
      return;
    }
    const added = computeLineOffsets(text, false, startOffset);
    const lines = this.lineOffsets;
    if (endLine - startLine === added.length) {
      for (let i = 0; i < added.length; i++) lines[i + startLine + 1] = added[i];
    } else if (added.length < 10000) {
      lines.splice(startLine + 1, endLine - startLine, ...added);
    } else {
      this.lineOffsets = lines.slice(0, startLine + 1).concat(added, lines.slice(endLine + 1));
    }
    const diff = text.length - (endOffset - startOffset);
    if (diff !== 0) {
      const all = this.lineOffsets;
      for (let i = startLine + 1 + added.length; i < all.length; i++) all[i] += diff;
    }
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.length), 0);
    const lines = this.lineOffsets;
    let low = 0;
    let high = lines.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (lines[mid] > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    offset = this.beforeEol(offset, lines[line]);
    return { line, character: offset - lines[line] };
  }

  offsetAt(position: Position): number {
    const lines = this.lineOffsets;
    if (position.line >= lines.length) return this.length;
    if (position.line < 0) return 0;
    const lineOffset = lines[position.line];
    if (position.character <= 0) return lineOffset;
    const next = position.line + 1 < lines.length ? lines[position.line + 1] : this.length;
    return this.beforeEol(Math.min(lineOffset + position.character, next), lineOffset);
  }

  getLineRange(line: number): Range {
    const lines = this.lineOffsets;
    if (line >= lines.length) {
      const last = lines.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.length - lines[last] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = lines[line];
    const next = line + 1 < lines.length ? lines[line + 1] : this.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeEol(next, start) - start } };
  }

  getEOLCharacters(line: number): string {
    const lines = this.lineOffsets;
    if (line >= lines.length || line < 0) return '';
    const next = line + 1 < lines.length ? lines[line + 1] : this.length;
    return this.table.slice(this.beforeEol(next, lines[line]), next);
  }

  private beforeEol(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isEol(this.table.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}

/** A document's text at one version, as BigNoteParser takes it. */
export interface NoteTextSnapshot {
  readonly length: number;
  /** For the parse worker: shared memory plus the edits since (no pass over the text here, but on a base's first use). */
  forWorker(): Promise<SharedNoteText>;
  /** The text as one string (built on first call: a pass over the text). */
  toString(): string;
}

/**
 * The server's documents: the library's for ordinary notes, a PieceTextDocument
 * for notes past BIG_NOTE_CHARS (a note that grows past it is converted once).
 */
export const noteDocuments: TextDocumentsConfiguration<TextDocument> = {
  create: (uri, languageId, version, content) =>
    content.length > BIG_NOTE_CHARS ? new PieceTextDocument(uri, languageId, version, content) : TextDocument.create(uri, languageId, version, content),
  update: (doc, changes, version) => {
    if (doc instanceof PieceTextDocument) {
      doc.update(changes, version);
      return doc;
    }
    const updated = TextDocument.update(doc, changes, version);
    const text = updated.getText();
    return text.length > BIG_NOTE_CHARS ? new PieceTextDocument(updated.uri, updated.languageId, version, text) : updated;
  },
};

function wellFormed(range: Range): [Position, Position] {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? [end, start] : [start, end];
}

function isEol(c: number): boolean {
  return c === 13 || c === 10;
}
