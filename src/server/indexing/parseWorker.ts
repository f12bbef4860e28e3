/**
 * Entry of a parse worker thread (bundled on its own as dist/parseWorker.js):
 * parses batches of note texts, or reads, hashes and parses batches of note
 * files, and sends the models back encoded as the parse cache stores them,
 * one transferable Int32Array and one string per batch, because
 * structured-cloning millions of small range objects costs more than the
 * parse (see ParsePool).
 */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { contentKey, keyNumber } from '../../core/cache/contentHash';
import { ModelWriter } from '../../core/cache/modelCodec';
import type { NoteModel } from '../../core/parse/noteModel';
import { decodeNote } from '../../core/vault/decodeNote';
import { indexParse as parse } from './indexParser';
import { READ_STATUS, type ParseReply, type ReadReply, type WorkerRequest } from './parseProtocol';
import { sharedTextString } from './sharedText';

/** One writer for every batch: its buffer, grown once, is reused (finish's result is copied before it is sent). */
const writer = new ModelWriter();

/** Content keys the parse cache holds (sent once): a file with one of them is not parsed again. */
let known = new Set<number>();

parentPort?.on('message', (request: WorkerRequest) => {
  if ('knownKeys' in request) {
    known = new Set(request.knownKeys);
    return;
  }
  writer.reset();
  const n = 'texts' in request ? request.texts.length : request.files.length;
  // Per note: start in the number stream, start in the strings; one more pair marks the end.
  const offsets = new Int32Array(2 * (n + 1));
  const unencodable: { index: number; model: NoteModel }[] = [];
  const encode = (i: number, text: string) => {
    const model = parse(text);
    if (!writer.writeModel(model)) unencodable.push({ index: i, model });
  };
  const mark = (i: number) => {
    offsets[2 * i] = writer.intLength;
    offsets[2 * i + 1] = writer.charLength;
  };
  if ('texts' in request) {
    request.texts.forEach((text, i) => {
      mark(i);
      encode(i, typeof text === 'string' ? text : sharedTextString(text));
    });
    mark(n);
    const { ints, strings } = writer.finish();
    const owned = ints.slice(); // its own buffer, so it can be transferred
    const reply: ParseReply = { id: request.id, ints: owned, strings, offsets, unencodable };
    parentPort!.postMessage(reply, [owned.buffer, offsets.buffer]);
    return;
  }
  // Files: read here, so that the texts never cross to the main thread (which reads a note again when a feature asks).
  const status = new Int32Array(n);
  const keys = new Float64Array(3 * n);
  const messages: (string | undefined)[] = new Array(n);
  request.files.forEach((file, i) => {
    mark(i);
    let decoded;
    try {
      decoded = decodeNote(readFileSync(file), request.maxBytes);
    } catch (e) {
      status[i] = READ_STATUS.unreadable;
      messages[i] = `could not be read (${(e as Error).message})`;
      return;
    }
    if (!decoded.ok) {
      status[i] = READ_STATUS[decoded.reason];
      messages[i] = decoded.message;
      return;
    }
    const key = contentKey(decoded.text);
    keys[3 * i] = key.h1;
    keys[3 * i + 1] = key.h2;
    keys[3 * i + 2] = key.length;
    if (known.has(keyNumber(key))) status[i] = READ_STATUS.known;
    else encode(i, decoded.text);
  });
  mark(n);
  const { ints, strings } = writer.finish();
  const owned = ints.slice();
  const reply: ReadReply = { id: request.id, ints: owned, strings, offsets, unencodable, status, keys, messages };
  parentPort!.postMessage(reply, [owned.buffer, offsets.buffer, status.buffer, keys.buffer]);
});
