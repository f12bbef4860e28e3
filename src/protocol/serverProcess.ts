/**
 * Node options the language server runs with, shared by the client that
 * starts it, the LSP tests and the bench (so that they measure the server
 * as it ships).
 *
 * A young generation of at most 4 MB per semi-space (V8's default grows to
 * 16 MB): the server's garbage is short-lived (parse trees, request
 * results), and a smaller nursery is collected as often but touches far
 * less fresh memory. At 10,000 notes (`npm run bench`, 2-core machine) it
 * took the cold start's peak RSS from 186 to 150 MB, its CPU from 3.26 to
 * 2.98 s and the warm start from 488 to ~430 ms. V8 options are
 * process-wide, so the parse workers run with it too.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=4'];
