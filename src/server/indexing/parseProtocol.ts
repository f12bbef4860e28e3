/** The messages between the parse pool and its workers (see ParsePool and parseWorker.ts). */
import type { NoteModel } from '../../core/parse/noteModel';
import type { WorkerText } from './sharedText';

/** A batch of texts for a worker. */
export interface ParseRequest {
  id: number;
  /** Strings, or a big note's text in shared memory (see sharedText.ts). */
  texts: WorkerText[];
}

/** A batch of note files for a worker to read, hash and parse (a cold start's notes). */
export interface ReadRequest {
  id: number;
  /** File system paths. */
  files: string[];
  /** Files over this many bytes are not read. */
  maxBytes: number;
}

/** The content keys the parse cache holds, sent once per worker before its first ReadRequest. */
export interface KnownKeysMessage {
  knownKeys: Float64Array;
}

export type WorkerRequest = ParseRequest | ReadRequest | KnownKeysMessage;

/** A worker's answer: the models encoded (see modelCodec.ts), `offsets` = [intStart, charStart] per note plus an end pair. */
export interface ParseReply {
  id: number;
  ints: Int32Array;
  strings: string;
  offsets: Int32Array;
  /** Models the codec could not carry, structured-cloned instead (rare: odd frontmatter values). */
  unencodable: { index: number; model: NoteModel }[];
}

/** What became of each file of a ReadRequest. */
export const READ_STATUS = { parsed: 0, known: 1, binary: 2, 'too-large': 3, unreadable: 4 } as const;

/** A ParseReply for files: per file its READ_STATUS, its text's content key (h1, h2, length) and, when skipped, why. */
export interface ReadReply extends ParseReply {
  status: Int32Array;
  keys: Float64Array;
  messages: (string | undefined)[];
}
