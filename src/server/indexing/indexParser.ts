import { parseNote } from '../../core/parse/parseNote';
import type { ParseFn } from '../../core/vault/vaultIndex';

/**
 * The parser behind the index, the parse workers and the cache's parser
 * version: one place to switch to the fast scanner (src/core/scan) once it
 * gives the same NoteModel.
 */
export const indexParse: ParseFn = parseNote;
