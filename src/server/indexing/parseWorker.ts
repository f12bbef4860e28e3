/**
 * Entry of a parse worker thread (bundled on its own as dist/parseWorker.js):
 * parses batches of note texts and sends the models back encoded as the
 * parse cache stores them, one transferable Int32Array and one string per
 * batch, because structured-cloning millions of small range objects costs
 * more than the parse (see ParsePool).
 */
import { parentPort } from 'node:worker_threads';
import { ModelWriter } from '../../core/cache/modelCodec';
import type { NoteModel } from '../../core/parse/noteModel';
import { indexParse as parse } from './indexParser';
import type { ParseReply, ParseRequest } from './parsePool';
import { sharedTextString } from './sharedText';

parentPort?.on('message', (request: ParseRequest) => {
  const writer = new ModelWriter();
  const n = request.texts.length;
  // Per note: start in the number stream, start in the strings; one more pair marks the end.
  const offsets = new Int32Array(2 * (n + 1));
  const unencodable: { index: number; model: NoteModel }[] = [];
  request.texts.forEach((text, i) => {
    offsets[2 * i] = writer.intLength;
    offsets[2 * i + 1] = writer.charLength;
    const model = parse(typeof text === 'string' ? text : sharedTextString(text));
    if (!writer.writeModel(model)) unencodable.push({ index: i, model });
  });
  offsets[2 * n] = writer.intLength;
  offsets[2 * n + 1] = writer.charLength;
  const { ints, strings } = writer.finish();
  const owned = ints.slice(); // its own buffer, so it can be transferred
  const reply: ParseReply = { id: request.id, ints: owned, strings, offsets, unencodable };
  parentPort!.postMessage(reply, [owned.buffer, offsets.buffer]);
});
