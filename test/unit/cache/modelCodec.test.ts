/**
 * The model codec and what this version added: alias ranges in the
 * frontmatter (present or not, kept exactly) and `%%comment%%` literal
 * ranges; a frontmatter state it has no meaning for is refused.
 */
import * as assert from 'node:assert/strict';
import { CacheFormatError, MODEL_CODEC_VERSION, ModelReader, ModelWriter } from '../../../src/core/cache/modelCodec';
import type { NoteModel } from '../../../src/core/parse/noteModel';
import { emptyModel } from '../../../src/core/parse/noteParser';
import { scanNote } from '../../../src/core/scan/scanNote';
import { range } from '../../../src/core/text/range';

function roundTrip(model: NoteModel): NoteModel {
  const encoded = new ModelWriter().encodeOne(model);
  assert.ok(encoded, 'encodable');
  return new ModelReader(encoded.ints, 0, encoded.ints.length, encoded.strings, 0, encoded.strings.length).readModel();
}

describe('model codec: alias ranges and comments', () => {
  it('is a version that knows alias ranges', () => {
    assert.ok(MODEL_CODEC_VERSION >= 2);
  });

  it('gives back alias ranges and comment ranges exactly', () => {
    const model = scanNote('---\naliases: [One, "Two"]\nalias: Three, Four\n---\nText %%hidden [[X]]%% and [[Y]]\n');
    assert.equal(model.frontmatter?.aliasRanges?.length, 4);
    assert.equal(model.literalRanges.length, 2);
    assert.deepStrictEqual(roundTrip(model), model);
    const lazy = (() => {
      const e = new ModelWriter().encodeOne(model)!;
      return new ModelReader(e.ints, 0, e.ints.length, e.strings, 0, e.strings.length).readLazy();
    })();
    assert.deepStrictEqual(lazy.frontmatter, model.frontmatter);
  });

  it('keeps a frontmatter without alias ranges (a model built by hand) as it is', () => {
    const model = emptyModel();
    model.frontmatter = { range: range(0, 0, 2, 3), data: { aliases: ['A'] }, aliases: ['A'], tags: [] };
    const back = roundTrip(model);
    assert.deepStrictEqual(back, model);
    assert.ok(!('aliasRanges' in back.frontmatter!));
  });

  it('refuses alias ranges that are not parallel to the aliases, and unknown frontmatter states', () => {
    const model = emptyModel();
    model.frontmatter = { range: range(0, 0, 2, 3), data: {}, aliases: ['A', 'B'], aliasRanges: [range(1, 0, 1, 1)], tags: [] };
    assert.equal(new ModelWriter().encodeOne(model), undefined);

    const good = scanNote('---\naliases: [A]\n---\n');
    const e = new ModelWriter().encodeOne(good)!;
    for (const state of [3, 4, 7, -1]) {
      const ints = e.ints.slice();
      ints[0] = state;
      assert.throws(() => new ModelReader(ints, 0, ints.length, e.strings, 0, e.strings.length).readModel(), CacheFormatError, `state ${state}`);
    }
  });

  it('gives each model of a reused writer its own numbers (encodeOne copies into shared slabs)', () => {
    const writer = new ModelWriter();
    const texts = Array.from({ length: 300 }, (_, i) => `# Note ${i}\n\n${'A paragraph with [[Link ' + i + ']] and ==a highlight==.\n\n'.repeat(1 + (i % 7))}`);
    const encoded = texts.map((t) => ({ model: scanNote(t), e: writer.encodeOne(scanNote(t))! }));
    const refused = emptyModel();
    refused.frontmatter = { range: range(0, 0, 2, 3), data: {}, aliases: ['A', 'B'], aliasRanges: [range(1, 0, 1, 1)], tags: [] };
    assert.equal(writer.encodeOne(refused), undefined);
    for (const { model, e } of encoded) {
      assert.deepStrictEqual(new ModelReader(e.ints, 0, e.ints.length, e.strings, 0, e.strings.length).readModel(), model);
      assert.deepStrictEqual(e.ints, new ModelWriter().encodeOne(model)!.ints);
    }
  });
});
