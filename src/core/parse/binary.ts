/** How much of a file looksBinary inspects: enough for any real text header. */
const SNIFF_BYTES = 8192;

/** True when the bytes look like a binary file (a NUL in the first 8 KB), which is never a note. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}
