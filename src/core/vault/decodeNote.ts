/** Notes larger than this are indexed by name only (see DESIGN: a 10 MB note must not stall the server). */
export const DEFAULT_MAX_NOTE_BYTES = 20 * 1024 * 1024;

export type DecodedNote =
  | { ok: true; text: string }
  | { ok: false; reason: 'binary' | 'too-large'; message: string };

/** One decoder for every note: decode() without `stream` keeps no state between calls. */
const UTF8 = new TextDecoder('utf-8');

/** Turns a file's bytes into note text, refusing binary files and huge ones with a reason a user can read. */
export function decodeNote(bytes: Uint8Array, maxBytes = DEFAULT_MAX_NOTE_BYTES): DecodedNote {
  if (bytes.length > maxBytes) return { ok: false, reason: 'too-large', message: tooLargeMessage(bytes.length, maxBytes) };
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) {
    return { ok: false, reason: 'binary', message: 'This file looks binary (it holds NUL bytes), so it is not indexed as a note.' };
  }
  let text = UTF8.decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

/** What a user is told about a note over the size limit. */
export function tooLargeMessage(size: number, maxBytes: number): string {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return `This note is ${mb(size)} MB, over the ${mb(maxBytes)} MB limit (setting mmnotes.maxNoteSizeMB): its links and headings are not indexed.`;
}
