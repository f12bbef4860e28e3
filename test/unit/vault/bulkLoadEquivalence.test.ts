import * as assert from 'node:assert/strict';
import type { LinkRef, NoteModel } from '../../../src/core/parse/noteModel';
import { range } from '../../../src/core/text/range';
import type { Resolution } from '../../../src/core/vault/resolveLink';
import { VaultIndex, type BulkFile } from '../../../src/core/vault/vaultIndex';
import { isNotePath } from '../../../src/core/vault/vaultPath';
import { rng } from '../../support/rng';

/**
 * bulkLoad builds its reverse indexes and resolutions its own way (a memo
 * of targets, pairs of numbers grouped at the end); setNote, deleteFile
 * and renameFile keep them up to date link by link, re-resolving only the
 * links under changed names. On random vaults, both must give the same
 * index: resolutions, backlinks and links by name key.
 *
 * Models are generated, not parsed, so that the links can be anything the
 * index must cope with (names in any case, folders, `.md`, relative and
 * Markdown paths, trailing slashes, Σ, decomposed accents, empty paths),
 * and a note's text is only its identity for setNote.
 */


const FOLDERS = ['', 'a/', 'A/', 'b/', 'a/deep/', 'ΑΣ/'];
const NAMES = ['Note', 'note', 'NOTE', 'Topic', 'Other', 'ΑΣ', 'ας', 'café', 'cafe\u0301', 'x.y', 'Hub'];
const ATTACHMENTS = ['pic.png', 'PIC.png', 'doc.pdf', 'Note'];
const ALIASES = ['Alias', 'alias', 'Topic', 'Hub', 'ΑΣ', 'Other'];

type R = ReturnType<typeof rng>;

function randomTarget(r: R, from: string): { kind: 'wiki' | 'markdown'; path: string } {
  const name = r.pick([...NAMES, ...ALIASES, ...ATTACHMENTS, 'Missing']);
  const shapes = [
    () => name,
    () => name + '.md',
    () => r.pick(FOLDERS) + name,
    () => r.pick(FOLDERS) + name + '/',
    () => ' ' + name + ' ',
    () => './' + name,
    () => '../' + r.pick(FOLDERS) + name,
    () => '/' + r.pick(FOLDERS) + name,
    () => r.pick(FOLDERS).replace(/\//g, '\\') + name,
    () => '',
    () => from.replace(/\.md$/, ''),
  ];
  return { kind: r.chance(0.2) ? 'markdown' : 'wiki', path: r.pick(shapes)() };
}

function link(kind: 'wiki' | 'markdown', path: string): LinkRef {
  const at = range(0, 0, 0, 0);
  return kind === 'wiki'
    ? { kind, path, pathRange: at, headings: [], embed: false, range: at }
    : { kind, path, pathRange: at, headings: [], embed: false, range: at, text: '' };
}

function model(links: LinkRef[], aliases: string[], headings: string[]): NoteModel {
  const at = range(0, 0, 0, 0);
  return {
    frontmatter: aliases.length ? { range: at, data: { aliases }, aliases, tags: [] } : undefined,
    headings: headings.map((text) => ({ level: 1, text, range: at, textRange: at })),
    blockIds: [],
    links,
    highlights: [],
    tags: [],
    callouts: [],
    blocks: [],
    literalRanges: [],
    problems: [],
  };
}

interface Note {
  path: string;
  text: string;
  model: NoteModel;
}

let version = 0;
function randomNote(r: R, path: string): Note {
  const links = Array.from({ length: r.int(7) }, () => {
    const t = randomTarget(r, path);
    return link(t.kind, t.path);
  });
  const aliases = r.chance(0.3) ? Array.from({ length: 1 + r.int(2) }, () => r.pick(ALIASES)) : [];
  const headings = r.chance(0.5) ? [r.pick(['H', 'Intro', 'Σ'])] : [];
  // The text only identifies the version: setNote compares texts.
  return { path, text: `v${version++}`, model: model(links, aliases, headings) };
}

function randomVault(r: R): { notes: Note[]; attachments: string[] } {
  const paths = new Set<string>();
  const count = 2 + r.int(14);
  for (let i = 0; i < count; i++) paths.add(r.pick(FOLDERS) + r.pick(NAMES) + '.md');
  const attachments = new Set<string>();
  for (let i = r.int(4); i > 0; i--) attachments.add(r.pick(FOLDERS) + r.pick(ATTACHMENTS));
  return { notes: [...paths].map((p) => randomNote(r, p)), attachments: [...attachments] };
}

const parseUnused = (): NoteModel => {
  throw new Error('every note comes with its model');
};

function bulkIndex(notes: readonly Note[], attachments: readonly string[]): VaultIndex {
  const index = new VaultIndex(parseUnused);
  const files: BulkFile[] = [...attachments.map((path) => ({ path })), ...notes.map((n) => ({ path: n.path, text: n.text, model: n.model }))];
  index.bulkLoad(files);
  return index;
}

function shuffled<T>(r: R, xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Everything the index answers, as plain data: resolutions per note, backlinks per file, both reverse indexes. */
function state(index: VaultIndex): unknown {
  const resolutions: Record<string, Resolution[]> = {};
  for (const e of [...index.allNotes()].sort((a, b) => (a.path < b.path ? -1 : 1))) resolutions[e.path] = e.resolutions.map((r) => ({ ...r }));
  const backlinks: Record<string, string[]> = {};
  for (const f of [...index.allFiles()].sort()) {
    const b = index.backlinks(f).map((x) => `${x.source}#${x.linkIndex}`).sort();
    if (b.length) backlinks[f] = b;
  }
  return { files: [...index.allFiles()].sort(), resolutions, backlinks, reverse: index.reverseIndexSnapshot() };
}

function describeVault(notes: readonly Note[], attachments: readonly string[]): string {
  return JSON.stringify({ attachments, notes: notes.map((n) => ({ path: n.path, aliases: n.model.frontmatter?.aliases, links: n.model.links.map((l) => `${l.kind}:${l.path}`) })) });
}

describe('vault index: bulkLoad equals incremental updates', () => {
  it('gives the same resolutions, backlinks and reverse indexes as setNote note by note (random vaults)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = rng(seed);
      const { notes, attachments } = randomVault(r);
      const bulk = bulkIndex(notes, attachments);
      const stepwise = new VaultIndex(parseUnused);
      for (const item of shuffled(r, [...notes.map((n) => ({ note: n })), ...attachments.map((a) => ({ attachment: a }))])) {
        if ('note' in item) stepwise.setNote(item.note.path, item.note.text, item.note.model);
        else stepwise.addAttachment(item.attachment);
      }
      assert.deepEqual(state(stepwise), state(bulk), `seed ${seed}: ${describeVault(notes, attachments)}`);
    }
  });

  it('stays equal to a fresh bulkLoad through random edits, deletes and renames', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const r = rng(1000 + seed);
      const vault = randomVault(r);
      const notes = new Map(vault.notes.map((n) => [n.path, n]));
      const attachments = new Set(vault.attachments);
      const index = bulkIndex(vault.notes, vault.attachments);
      const log: string[] = [];
      for (let step = 0; step < 12; step++) {
        const op = r.int(5);
        const allPaths = [...notes.keys(), ...attachments];
        if (op === 0 || allPaths.length === 0) {
          const path = r.pick(FOLDERS) + r.pick(NAMES) + '.md';
          const note = randomNote(r, path);
          notes.set(path, note);
          attachments.delete(path);
          index.setNote(path, note.text, note.model);
          log.push(`set ${path}`);
        } else if (op === 1) {
          const path = r.pick(allPaths);
          notes.delete(path);
          attachments.delete(path);
          index.deleteFile(path);
          log.push(`delete ${path}`);
        } else if (op === 2) {
          const from = r.pick(allPaths);
          const to = r.pick(FOLDERS) + (isNotePath(from) ? r.pick(NAMES) + '.md' : r.pick(ATTACHMENTS));
          if (from === to || notes.has(to) || attachments.has(to)) continue;
          const note = notes.get(from);
          notes.delete(from);
          attachments.delete(from);
          if (note) notes.set(to, { ...note, path: to });
          else attachments.add(to);
          index.renameFile(from, to);
          log.push(`rename ${from} → ${to}`);
        } else if (op === 3) {
          const path = r.pick(FOLDERS) + r.pick(ATTACHMENTS);
          if (notes.has(path) || attachments.has(path)) continue;
          attachments.add(path);
          index.addAttachment(path);
          log.push(`attach ${path}`);
        } else {
          // Same links, other aliases: only names change.
          const path = r.pick([...notes.keys()].length ? [...notes.keys()] : allPaths);
          const old = notes.get(path);
          if (!old) continue;
          const aliases = r.chance(0.5) ? [r.pick(ALIASES)] : [];
          const note = { path, text: `v${version++}`, model: model(old.model.links, aliases, []) };
          notes.set(path, note);
          index.setNote(path, note.text, note.model);
          log.push(`aliases ${path} ${JSON.stringify(aliases)}`);
        }
      }
      const fresh = bulkIndex([...notes.values()], [...attachments]);
      assert.deepEqual(state(index), state(fresh), `seed ${seed}: ${describeVault(vault.notes, vault.attachments)} then ${log.join('; ')}`);
    }
  });

  it('re-resolves notes already indexed when a bulk load brings names they link to (the server preloads open notes)', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const r = rng(5000 + seed);
      const { notes, attachments } = randomVault(r);
      const preloaded = notes.filter(() => r.chance(0.3));
      const index = new VaultIndex(parseUnused);
      // First the names and a few notes (the open ones), then the vault; some open notes are not on disk.
      index.bulkLoad([...notes.map((n) => ({ path: n.path })), ...preloaded.map((n) => ({ path: n.path, text: n.text, model: n.model }))]);
      const onDisk = notes.filter((n) => !preloaded.includes(n) || r.chance(0.5));
      index.bulkLoad([...attachments.map((path) => ({ path })), ...onDisk.map((n) => ({ path: n.path, text: n.text, model: n.model }))]);
      assert.deepEqual(state(index), state(bulkIndex(notes, attachments)), `seed ${seed}: ${describeVault(notes, attachments)}`);
    }
  });

  it('loads a path listed twice once, the last one winning', () => {
    const a = randomNote(rng(1), 'x.md');
    const b = randomNote(rng(2), 'x.md');
    const index = new VaultIndex(parseUnused);
    index.bulkLoad([
      { path: 'x.md', text: a.text, model: a.model },
      { path: 'x.md', text: b.text, model: b.model },
    ]);
    assert.equal(index.getNote('x.md')?.text, b.text);
    assert.deepEqual(state(index), state(bulkIndex([b], [])));
  });
});
