import { scanNote } from '../../core/scan/scanNote';
import type { ParseFn } from '../../core/vault/vaultIndex';

/**
 * The parser behind the index, the parse workers and the cache's parser
 * version: the fast scanner (src/core/scan), which builds the same NoteModel
 * as parseNote (remark, kept as the reference; test/unit/scan/differential.test.ts
 * holds the two together) about fifty times faster.
 */
export const indexParse: ParseFn = scanNote;
