import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CodeLens, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import type { CardsDueResult, CardsExportResult, CardsListResult, CardsRateResult, CardsStatus, CardsUndoResult, CardView } from '../../src/protocol/cards';
import { LspSession } from './support/lspSession';

const VAULT = path.resolve(__dirname, '../../sample-vault');
const SAMPLE = 'Multimodal Machine Learning.md';
const SAMPLE_TEXT = readFileSync(path.join(VAULT, SAMPLE), 'utf8');
const EXTRA = 'topics/Extra.md';
const LOG = '.mmnotes/reviews.jsonl';

async function until<T>(what: string, probe: () => T | undefined, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const byFront = (cards: CardView[], front: string) => {
  const c = cards.find((x) => x.front === front);
  assert.ok(c, `no card "${front}" in ${cards.map((x) => x.front.slice(0, 30)).join(' | ')}`);
  return c;
};

/** Lines of the log that are events (not the header). */
const events = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((e) => e.type);

describe('lsp: flashcards', function () {
  this.timeout(30000);
  let s: LspSession;
  const note = () => ({ kind: 'note' as const, uri: s.uri(SAMPLE) });
  const list = (scope: unknown = note()) => s.request<CardsListResult>('mmnotes/cards/list', { scope });
  const due = (scope: unknown = { kind: 'vault' }) => s.request<CardsDueResult>('mmnotes/cards/due', { scope });

  before(async () => {
    s = await LspSession.start({ [SAMPLE]: SAMPLE_TEXT, [EXTRA]: '# Extra\n\n==Contrastive learning==: Pulling matching pairs together.\n' });
  });
  after(async () => s?.close());

  it('lists the 17 cards of the sample note, of a folder and of the vault, all new', async () => {
    const { cards, health } = await list();
    assert.equal(cards.length, 17);
    const fusion = byFront(cards, 'Representation › Sub-challenges › Fusion');
    assert.equal(SAMPLE_TEXT.split('\n')[fusion.line].includes('==Fusion=='), true, 'line points at the term');
    assert.equal(fusion.uri, s.uri(SAMPLE));
    assert.ok(cards.every((c) => c.schedule.state === 'new'));
    const cloze = cards.find((c) => c.kind === 'cloze')!;
    assert.deepEqual(cloze.cloze, { before: 'A modality refers to the way in which something is ', answer: 'expressed', after: ' or perceived.' });
    assert.equal(health.problemCount, 0);
    assert.equal((await list({ kind: 'folder', uri: s.uri('topics') })).cards.length, 1);
    assert.equal((await list({ kind: 'vault' })).cards.length, 18);
    assert.equal(existsSync(path.join(s.root, LOG)), false, 'reading never creates the log');
  });

  it('queues every new card and counts them', async () => {
    const d = await due();
    assert.deepEqual(d.counts, { due: 0, fresh: 18, laterToday: 0, tomorrow: 0, unseen: 18, total: 18 });
    assert.equal(d.queue.length, 18);
  });

  it('a rating appends one line to .mmnotes/reviews.jsonl and changes the counts', async () => {
    const connection = byFront((await list()).cards, 'Connection');
    const r = await s.request<CardsRateResult>('mmnotes/cards/rate', { cardId: connection.id, rating: 3 });
    assert.equal(r.card.id, connection.id);
    assert.equal(r.card.schedule.state, 'learning');
    assert.equal(r.card.schedule.reviews, 1);
    const log = s.read(LOG);
    assert.equal(log.split('\n')[0], '{"mmnotes":"reviews","v":1}');
    const [event] = events(log);
    assert.deepEqual({ type: event.type, card: event.card, rating: event.rating, id: event.id }, { type: 'review', card: connection.id, rating: 3, id: r.eventId });
    assert.match(s.read('.mmnotes/.gitattributes'), /^reviews\.jsonl merge=union$/m);
    const d = await due();
    assert.equal(d.counts.fresh, 17);
    assert.equal(d.counts.laterToday + d.counts.tomorrow, 1, 'Good on a new card: due again in minutes');
    const changed = await until('a cards/changed notification', () => (s.notifications('mmnotes/cards/changed') as CardsStatus[]).find((n) => n.counts.fresh === 17));
    assert.equal(changed.counts.total, 18);
  });

  it('shows a code lens with the due time on each card line', async () => {
    const lenses = await s.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: s.uri(SAMPLE) } });
    const at = (needle: string) => lenses.find((l) => SAMPLE_TEXT.split('\n')[l.range.start.line].includes(needle))?.command?.title;
    assert.match(at('==Connection==') ?? '', /^card · due in \d+m$/);
    assert.equal(at('==Correspondence=='), 'card · new');
    assert.equal(at('==expressed=='), 'cloze ×2 · new');
    assert.equal(lenses[0].command?.command, 'mmnotes.reviewCards');
  });

  it('undo appends an undo line and the card is new again', async () => {
    const before = s.read(LOG);
    const u = await s.request<CardsUndoResult>('mmnotes/cards/undo', {});
    assert.equal(u.card?.front, 'Connection');
    assert.equal(u.card?.schedule.state, 'new');
    const log = s.read(LOG);
    assert.ok(log.startsWith(before), 'nothing is rewritten');
    const last = events(log).pop()!;
    assert.equal(last.type, 'undo');
    assert.equal((await due()).counts.fresh, 18);
    // Rate again for the edit tests below.
    await s.request('mmnotes/cards/rate', { cardId: u.card!.id, rating: 4 });
  });

  it('a card keeps its id and history when lines are inserted above it, and follows a renamed term', async () => {
    const old = byFront((await list()).cards, 'Connection');
    s.open(SAMPLE, SAMPLE_TEXT);
    // Below the frontmatter, which must stay the first thing in the file.
    const lines = SAMPLE_TEXT.split('\n');
    s.change(SAMPLE, [...lines.slice(0, 4), 'New intro line.', '', 'Another one.', '', ...lines.slice(4)].join('\n'));
    // didChange is handled before the next request: the list already sees the edit.
    let cards = (await list()).cards;
    let c = byFront(cards, 'Connection');
    assert.equal(c.id, old.id);
    assert.equal(c.line, old.line + 4);
    assert.equal(c.schedule.reviews, 1);
    assert.equal(c.schedule.state, 'review');

    s.change(SAMPLE, SAMPLE_TEXT.replace('==Connection==:', '==Connections==:'));
    cards = (await list()).cards;
    c = byFront(cards, 'Connections');
    assert.notEqual(c.id, old.id, 'a new term is a new id');
    assert.equal(c.schedule.reviews, 1, 'but the history follows it');
    const status = await s.request<CardsStatus>('mmnotes/cards/status', {});
    assert.equal(status.health.orphanCount, 0);
    assert.equal(events(s.read(LOG)).filter((e) => e.type === 'relink').length, 0, 'a relink is written only when the card is rated');
    await s.request('mmnotes/cards/rate', { cardId: c.id, rating: 3 });
    const tail = events(s.read(LOG)).slice(-2);
    assert.deepEqual(
      tail.map((e) => [e.type, e.from ?? e.card, e.to]),
      [
        ['relink', old.id, c.id],
        ['review', c.id, undefined],
      ],
    );
    assert.equal(byFront((await list()).cards, 'Connections').schedule.reviews, 2);
  });

  it('exports the vault for Anki with a GUID per card', async () => {
    const file = path.join(tmpdir(), `mmnotes-anki-${process.pid}.txt`);
    const r = await s.request<CardsExportResult>('mmnotes/cards/exportAnki', { scope: { kind: 'vault' }, file });
    assert.deepEqual({ cards: r.cards, basic: r.basic, cloze: r.cloze }, { cards: 18, basic: 14, cloze: 4 });
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    assert.deepEqual(lines.slice(0, 6), ['#separator:tab', '#html:true', '#guid column:1', '#notetype column:2', '#deck column:3', '#tags column:6']);
    assert.equal(lines.length, 6 + 18);
    const extra = lines.find((l) => l.includes('Contrastive learning'))!.split('\t');
    const id = (await list({ kind: 'folder', uri: s.uri('topics') })).cards[0].id;
    assert.deepEqual(extra.slice(0, 5), [`mmnotes-${id}`, 'Basic', `${path.basename(s.root)}::topics`, 'Extra › Contrastive learning', 'Pulling matching pairs together.']);
    assert.ok(lines.some((l) => /\tCloze\t.*\{\{c1::expressed\}\}/.test(l)));
  });
});

describe('lsp: flashcards with a damaged review log', function () {
  this.timeout(30000);
  const NOTE = 'Note.md';
  const TEXT = '# Note\n\n==Alpha==: The first letter.\n\n==Beta==: The second letter.\n';

  it('reports a corrupt line with its number, skips it, and a torn last line is not fatal', async () => {
    // Ids are what the server gives the cards; rate once to learn Alpha's, then write a log around it.
    const probe = await LspSession.start({ [NOTE]: TEXT });
    const alpha = (await probe.request<CardsListResult>('mmnotes/cards/list', { scope: { kind: 'vault' } })).cards.find((c) => c.term === 'Alpha')!;
    await probe.close();
    const good = (id: string, t: string) => JSON.stringify({ v: 1, type: 'review', id, card: alpha.id, t, rating: 3 });
    const log = ['{"mmnotes":"reviews","v":1}', good('e1', '2024-06-01T10:00:00.000Z'), '{"v":1,"type":"review",,,}', good('e2', '2024-06-02T10:00:00.000Z'), '{"v":1,"type":"rev'].join('\n');
    const s = await LspSession.start({ [NOTE]: TEXT, [LOG]: log });
    try {
      const { cards, health } = await s.request<CardsListResult>('mmnotes/cards/list', { scope: { kind: 'vault' } });
      assert.equal(cards.find((c) => c.term === 'Alpha')!.schedule.reviews, 2, 'the good lines count');
      assert.deepEqual(health.problems, [{ line: 3, message: 'not valid JSON (a write cut short?)' }]);
      assert.equal(health.tornLastLine, true);
      const diags = await until('diagnostics on the log', () =>
        (s.notifications('textDocument/publishDiagnostics') as PublishDiagnosticsParams[]).find((p) => p.uri === s.uri(LOG) && p.diagnostics.length),
      );
      assert.deepEqual(
        diags.diagnostics.map((d) => [d.range.start.line, d.code]),
        [
          [2, 'reviews-corrupt-line'],
          [4, 'reviews-torn-line'],
        ],
      );
      const shown = await until('a warning message', () => (s.notifications('window/showMessage') as { type: number; message: string }[]).find((m) => m.type === 2));
      assert.match(shown.message, /line 3 is corrupt .* skipped\. The file was not changed/);
      await s.request('mmnotes/cards/rate', { cardId: cards.find((c) => c.term === 'Beta')!.id, rating: 1 });
      const after = s.read(LOG);
      assert.ok(after.startsWith(`${log}\n`), 'the old text is kept; the torn line is ended before the new one');
      assert.equal(JSON.parse(after.trimEnd().split('\n').pop()!).rating, 1);
    } finally {
      await s.close();
    }
  });

  it('turns reviewing off, with the reason, when the log cannot be read', async () => {
    // A folder where the file should be: reading fails with EISDIR.
    const s = await LspSession.start({ [NOTE]: TEXT, [`${LOG}/oops.txt`]: 'x' });
    try {
      const d = await s.request<CardsDueResult>('mmnotes/cards/due', { scope: { kind: 'vault' } });
      assert.equal(d.queue.length, 2, 'the cards are still listed');
      assert.match(d.health.refused ?? '', /Could not read \.mmnotes\/reviews\.jsonl: .*EISDIR/);
      await assert.rejects(s.request('mmnotes/cards/rate', { cardId: d.queue[0].id, rating: 3 }), /Could not read/);
      assert.ok(s.alive);
    } finally {
      await s.close();
    }
  });

  it('refuses a log written by a newer version and never modifies it', async () => {
    const log = '{"mmnotes":"reviews","v":2}\n{"v":2,"type":"review","id":"x","card":"d-1","t":"2030-01-01T00:00:00.000Z","rating":3,"extra":true}\n';
    const s = await LspSession.start({ [NOTE]: TEXT, [LOG]: log });
    try {
      const d = await s.request<CardsDueResult>('mmnotes/cards/due', { scope: { kind: 'vault' } });
      assert.match(d.health.refused ?? '', /newer version of mmnotes \(format 2, line 1.*left unchanged/);
      await assert.rejects(s.request('mmnotes/cards/rate', { cardId: d.queue[0].id, rating: 3 }), /newer version/);
      await assert.rejects(s.request('mmnotes/cards/undo', {}), /newer version/);
      const shown = await until('an error message', () => (s.notifications('window/showMessage') as { type: number; message: string }[]).find((m) => m.type === 1));
      assert.match(shown.message, /newer version/);
      assert.equal(s.read(LOG), log, 'byte for byte');
      assert.equal(existsSync(path.join(s.root, '.mmnotes/.gitattributes')), false);
    } finally {
      await s.close();
    }
  });

  it('colours the highlights that make cards as card sources, and follows an edit that turns them off', async () => {
    const note = 'Colour.md';
    const text = '# Colour\n\n==Fusion==: Joining two modalities into one representation.\n';
    const s = await LspSession.start({ [note]: text });
    try {
      const legend = (s.capabilities.semanticTokensProvider as { legend: { tokenTypes: string[]; tokenModifiers: string[] } }).legend;
      /** The highlights' lines and whether each is a card source, from the encoded tokens. */
      const highlights = async () => {
        const { data } = await s.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: s.uri(note) } });
        const out: [number, boolean][] = [];
        for (let k = 0, line = 0; k < data.length; k += 5) {
          line += data[k];
          if (legend.tokenTypes[data[k + 3]] !== 'highlight') continue;
          out.push([line, (data[k + 4] & (1 << legend.tokenModifiers.indexOf('cardSource'))) !== 0]);
        }
        return out;
      };
      s.open(note, text);
      // Once the vault's cards are built the tokens take the card service's cards: the same answer.
      await s.request<CardsDueResult>('mmnotes/cards/due', { scope: { kind: 'vault' } });
      assert.deepEqual(await highlights(), [[2, true]]);
      s.change(note, '---\nmmnotes-cards: false\n---\n' + text);
      assert.deepEqual(await highlights(), [[5, false]]);
    } finally {
      await s.close();
    }
  });
});
