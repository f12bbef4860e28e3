/**
 * A big note's text as it travels to a parse worker. Posting a 10 MB string
 * copies it on the main thread (~40 ms on a slow machine, ~100 ms when the
 * string is an unflattened concatenation), and so does encoding it into a
 * transferable buffer. Instead the text a note was opened with is written
 * once into shared memory, and each parse sends only how the current text is
 * pieced together from it: ranges of that shared base and the (small) typed
 * strings between them. The worker, not the main thread, copies the 10 MB.
 */

/** What a worker receives for a big note: rebuilt by `sharedTextString`. */
export interface SharedNoteText {
  /** The base text's UTF-16 code units, or its bytes when it is pure ASCII (half the memory, a faster decode). */
  base: SharedArrayBuffer;
  encoding: 'latin1' | 'utf16le';
  /** In order: a string typed since, or [from, to) in code units of the base. */
  pieces: (string | [number, number])[];
}

/** A text the parse worker accepts. */
export type WorkerText = string | SharedNoteText;

/** Characters copied per turn of the event loop: a few milliseconds, so that other requests get in between. */
const SLICE_CHARS = 1 << 20;

type SharedCopy = { buffer: SharedArrayBuffer; encoding: SharedNoteText['encoding'] };

/** The base a document's pieces point into, with its shared copy made on first use (once per base, not per parse). */
export class SharedBase {
  private shared?: Promise<SharedCopy>;

  constructor(
    readonly text: string,
    /** Its UTF-8 length: equal to its length exactly when it is pure ASCII. */
    readonly utf8Bytes: number = Buffer.byteLength(text),
  ) {}

  /**
   * The shared copy: written once per base, then only referenced. Written a slice per turn of the
   * event loop: in one go, 10 MB take ~40 ms (more on a busy machine) during which nothing is answered.
   */
  buffer(): Promise<SharedCopy> {
    return (this.shared ??= this.write());
  }

  private async write(): Promise<SharedCopy> {
    const text = this.text;
    const encoding = this.utf8Bytes === text.length ? 'latin1' : 'utf16le';
    const unit = encoding === 'latin1' ? 1 : 2;
    const buffer = new SharedArrayBuffer(text.length * unit);
    const bytes = Buffer.from(buffer);
    for (let at = 0; at < text.length; at += SLICE_CHARS) {
      if (at > 0) await new Promise((resolve) => setImmediate(resolve));
      // A slice may end inside a surrogate pair: utf16le copies code units as they are, so the pair is whole again.
      const slice = text.slice(at, at + SLICE_CHARS);
      const written = bytes.write(slice, at * unit, encoding);
      if (written !== slice.length * unit) throw new Error(`shared text: wrote ${written} of ${slice.length * unit} bytes`);
    }
    return { buffer, encoding };
  }
}

/** Rebuilds the note's text in the worker. */
export function sharedTextString(t: SharedNoteText): string {
  const bytes = Buffer.from(t.base);
  const unit = t.encoding === 'latin1' ? 1 : 2;
  let out = '';
  for (const p of t.pieces) out += typeof p === 'string' ? p : bytes.toString(t.encoding, p[0] * unit, p[1] * unit);
  return out;
}
