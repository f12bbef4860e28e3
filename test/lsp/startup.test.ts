/**
 * Two things a user of a big vault meets right after opening it or while
 * typing in a huge note: the open note's diagnostics come before the whole
 * vault is read, and a 10 MB note being re-parsed does not hold up hover
 * or completion elsewhere, nor leave diagnostics or colours of a text already
 * typed over.
 */
import * as assert from 'node:assert/strict';
import type { CompletionList, Diagnostic, DocumentDiagnosticReport, Hover, SemanticTokens } from 'vscode-languageserver/node';
import { renderNote } from '../../bench/noteText';
import { Prng } from '../../bench/prng';
import { planVault } from '../../bench/vaultPlan';
import { LspSession } from './support/lspSession';

const OPEN = ['![[missing.png]] and [[Deep Learning]] (an alias) and [[Nowhere]] and [[n1]].', ''].join('\n');

/** Filler notes, enough that reading the vault takes a while. */
function filler(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  const body = 'Some words about [[n2]] and [[n3#Heading]], ==a highlight== and #tags.\n'.repeat(30);
  for (let i = 0; i < count; i++) files[`Notes/n${i}.md`] = `# Heading\n${body}`;
  files['Notes/z/Alias Holder.md'] = '---\naliases: [Deep Learning]\n---\n# Holder\n';
  return files;
}

/** `patient`: without the session's 15 s cap (mocha's timeout still applies), for a 10 MB note's answers on a loaded machine. */
async function diagnostics(s: LspSession, p: string, patient = false): Promise<string[]> {
  const [method, params] = ['textDocument/diagnostic', { textDocument: { uri: s.uri(p) } }] as const;
  const r = patient ? await s.conn.sendRequest<DocumentDiagnosticReport>(method, params) : await s.request<DocumentDiagnosticReport>(method, params);
  return ((r as { items: Diagnostic[] }).items ?? []).map((d) => d.message);
}

const indexReady = (s: LspSession) => (s.notifications('mmnotes/indexStatus') as { state: string }[]).some((st) => st.state === 'ready');

describe('lsp: startup and big notes', function () {
  this.timeout(120_000);

  it("answers the open note's diagnostics before the vault is read, holding back what unread notes could change", async () => {
    const s = await LspSession.start({ ...filler(4000), 'Open.md': OPEN }, {}, { waitForIndex: false });
    try {
      s.open('Open.md', OPEN);
      const early = await diagnostics(s, 'Open.md');
      assert.ok(!indexReady(s), 'the answer came after the whole vault was indexed');
      assert.deepEqual(early, ["The file 'missing.png' is not in the vault."]);
      await s.indexed;
      const late = await diagnostics(s, 'Open.md');
      assert.deepEqual(late.sort(), ["No note named 'Nowhere' exists in the vault.", "The file 'missing.png' is not in the vault."]);
    } finally {
      await s.close();
    }
  });

  it('keeps answering other notes while a 10 MB note is re-parsed, and ends on the newest text', async () => {
    const rng = new Prng(7);
    const plans = planVault(1000, rng);
    const ctx = { plans, imageCount: 100, rng };
    const chunk = Array.from({ length: 60 }, (_, i) => renderNote(i, ctx).text).join('\n\n');
    const big = '[[Burst-0]]\n' + chunk.repeat(Math.ceil(10e6 / chunk.length));
    const s = await LspSession.start({ 'Big.md': big, 'Open.md': OPEN, 'Notes/n1.md': '# One\nThe first note.\n' }, { maxNoteSizeMB: 20 });
    try {
      s.open('Big.md', big);
      s.open('Open.md', OPEN);
      // Once the server is idle (the first reading of the big note's cards and concepts is done):
      await s.request('textDocument/hover', { textDocument: { uri: s.uri('Open.md') }, position: { line: 0, character: 76 } });
      // A burst of keystrokes in the big note, each replacing its first line (and moving its link to the right).
      const firstLine = (k: number) => `${'a'.repeat(k)}[[Burst-${k}]]`;
      for (let k = 1; k <= 5; k++) {
        s.edit('Big.md', { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine(k - 1).length } }, firstLine(k));
      }
      const t0 = performance.now();
      let bigDone = 0;
      let tokensDone = 0;
      // What the editor asks about the big note as it changes: its diagnostics, the colours of the visible lines.
      const bigDiagnostics = diagnostics(s, 'Big.md', true).then((d) => ((bigDone = performance.now() - t0), d));
      const bigTokens = s.conn
        .sendRequest<SemanticTokens>('textDocument/semanticTokens/range', {
          textDocument: { uri: s.uri('Big.md') },
          range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } },
        })
        .then((t) => ((tokensDone = performance.now() - t0), t));
      const hover = await s.request<Hover>('textDocument/hover', { textDocument: { uri: s.uri('Open.md') }, position: { line: 0, character: 76 } });
      const hoverMs = performance.now() - t0;
      const line = '[[';
      s.change('Open.md', OPEN + line);
      const completion = await s.request<CompletionList>('textDocument/completion', {
        textDocument: { uri: s.uri('Open.md') },
        position: { line: 1, character: line.length },
      });
      const completionMs = performance.now() - t0;
      assert.ok(hover && JSON.stringify(hover.contents).includes('The first note'), JSON.stringify(hover));
      assert.ok(completion.items.some((i) => i.label === 'n1'), 'completion offers n1');
      const messages = await bigDiagnostics;
      const tokens = await bigTokens;
      console.log(
        `      (hover ${hoverMs.toFixed(0)} ms, completion ${completionMs.toFixed(0)} ms after the burst; ` +
          `the big note's diagnostics ${bigDone.toFixed(0)} ms, its tokens ${tokensDone.toFixed(0)} ms)`,
      );
      assert.ok(bigDone > completionMs, 'hover and completion answered before the big note was parsed');
      assert.ok(tokensDone > completionMs, "hover and completion did not wait for the big note's tokens");
      const missing = messages.filter((m) => /Burst-\d/.test(m));
      assert.deepEqual(missing, ["No note named 'Burst-5' exists in the vault."]);
      // The first token (line 0, its start character) colours the link where it is now, not where it was.
      assert.deepEqual(tokens.data.slice(0, 3), [0, firstLine(5).indexOf('Burst-5'), 'Burst-5'.length]);
      assert.ok(s.alive);
    } finally {
      await s.close();
    }
  });
});
