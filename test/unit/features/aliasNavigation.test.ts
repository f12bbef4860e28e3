/**
 * Frontmatter aliases of the sample vault, read the way the server reads
 * the vault (from disk, with the index's parser): outline, workspace
 * symbols, go to definition, references and hover land on the alias text.
 */
import * as assert from 'node:assert/strict';
import { definition } from '../../../src/core/features/definition';
import { documentSymbols } from '../../../src/core/features/documentSymbols';
import { hover } from '../../../src/core/features/hover';
import { references } from '../../../src/core/features/references';
import { NEVER_CANCELLED } from '../../../src/core/features/types';
import { workspaceSymbols } from '../../../src/core/features/workspaceSymbols';
import type { Range } from '../../../src/core/text/range';
import { loadVault } from '../../../src/core/vault/loadVault';
import { VaultIndex } from '../../../src/core/vault/vaultIndex';
import { indexParse } from '../../../src/server/indexing/indexParser';
import { NodeVaultFs } from '../../../src/server/nodeVaultFs';
import { SAMPLE_VAULT } from '../graph/graphFixtures';
import { find } from './vaultFixture';

const ML = 'Multimodal Machine Learning.md';

describe('frontmatter aliases in the sample vault', () => {
  let index: VaultIndex;
  before(async () => {
    index = new VaultIndex(indexParse);
    await loadVault(new NodeVaultFs(SAMPLE_VAULT, () => []), index);
  });

  /** `path:line:character text` of a range, the text it covers on its line. */
  const where = (path: string, r: Range) => {
    const line = index.getNote(path)!.text.split('\n')[r.start.line];
    return `${path}:${r.start.line}:${r.start.character} ${line.slice(r.start.character, r.end.line === r.start.line ? r.end.character : undefined)}`;
  };

  it('lists each alias in the outline on its own text (block list and flow list)', () => {
    const core = documentSymbols(index, 'Core Challenges.md', NEVER_CANCELLED);
    assert.equal(core[0].kind, 'alias');
    assert.equal(where('Core Challenges.md', core[0].selectionRange), 'Core Challenges.md:2:4 Six challenges');
    assert.equal(core[1].name, 'Core Challenges');
    const modalities = documentSymbols(index, 'Modalities.md', NEVER_CANCELLED).filter((s) => s.kind === 'alias');
    assert.deepEqual(
      modalities.map((s) => where('Modalities.md', s.range)),
      ['Modalities.md:1:10 Modality', 'Modalities.md:1:20 Sensing modalities'],
    );
  });

  it('finds an alias as a workspace symbol at its text', () => {
    const [s] = workspaceSymbols(index, 'Multimodality', NEVER_CANCELLED).filter((x) => x.kind === 'alias');
    assert.equal(where(s.path, s.range), `${ML}:2:4 Multimodality`);
    assert.equal(s.containerName, 'Multimodal Machine Learning');
  });

  it('goes from [[Multimodality]] to the alias in the note it names', () => {
    const [d] = definition(index, 'Modalities.md', find(index, 'Modalities.md', '[[Multimodality]]', 4), NEVER_CANCELLED);
    assert.equal(where(d.path, d.selectionRange), `${ML}:2:4 Multimodality`);
  });

  it('finds the links that use an alias from the alias, declared there', () => {
    const refs = references(index, ML, find(index, ML, 'Multimodality', 3), true, NEVER_CANCELLED).map((l) => where(l.path, l.range));
    assert.deepEqual(refs, [`${ML}:2:4 Multimodality`, 'Modalities.md:8:11 [[Multimodality]]']);
  });

  it('names the alias a link used in its hover', () => {
    const h = hover(index, 'Modalities.md', find(index, 'Modalities.md', '[[Multimodality]]', 4), NEVER_CANCELLED, { fileUri: (p) => `file:///v/${p}` });
    assert.match(h!.markdown, /alias \*Multimodality\* \(line 3\)/);
  });
});
