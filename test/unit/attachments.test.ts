import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  attachmentConfig,
  attachmentFolderFor,
  extensionForMime,
  linkToVaultFile,
  pastedImageName,
  planAttachments,
  sanitizeAttachmentName,
  uniqueName,
  type AttachmentVault,
  type IncomingFile,
} from '../../src/core/attachments';
import { fixtureVault } from './features/vaultFixture';

/** A vault on disk, in a temporary folder, seen through the interface the extension implements with vscode.workspace.fs. */
class TempVault implements AttachmentVault {
  readonly root = mkdtempSync(join(tmpdir(), 'mmnotes-attach-'));

  constructor(files: Record<string, string> = {}) {
    for (const [p, text] of Object.entries(files)) this.write(p, text);
  }

  write(path: string, text = ''): void {
    const abs = join(this.root, ...path.split('/'));
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }

  /** Writes what a plan says, as the editor's WorkspaceEdit would. */
  apply(paths: string[]): void {
    for (const p of paths) this.write(p, 'png bytes');
  }

  async readText(path: string): Promise<string | undefined> {
    try {
      return readFileSync(join(this.root, ...path.split('/')), 'utf8');
    } catch {
      return undefined;
    }
  }

  async listFolder(path: string): Promise<string[]> {
    try {
      return readdirSync(join(this.root, ...path.split('/').filter(Boolean)));
    } catch {
      return [];
    }
  }

  async filesNamed(name: string): Promise<string[]> {
    const out: string[] = [];
    const walk = (rel: string) => {
      for (const e of readdirSync(join(this.root, rel), { withFileTypes: true })) {
        if (e.name.startsWith('.')) continue;
        const p = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) walk(p);
        else if (e.name.toLowerCase() === name.toLowerCase()) out.push(p);
      }
    };
    walk('');
    return out;
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

const NOW = new Date(2024, 5, 12, 14, 8, 0); // local time, as Obsidian stamps it
const SCREENSHOT: IncomingFile = { name: 'image.png', mime: 'image/png', clipboardImage: true };
const appJson = (o: object) => ({ '.obsidian/app.json': JSON.stringify(o) });

describe('attachments: paste and drop planning', () => {
  const vaults: TempVault[] = [];
  const vault = (files?: Record<string, string>) => {
    const v = new TempVault(files);
    vaults.push(v);
    return v;
  };
  after(() => vaults.forEach((v) => v.dispose()));

  describe('names', () => {
    it('names clipboard images as Obsidian does, in local time', () => {
      assert.equal(pastedImageName(NOW, 'png'), 'Pasted image 20240612140800.png');
      assert.equal(pastedImageName(new Date(2024, 0, 2, 3, 4, 5), 'jpg'), 'Pasted image 20240102030405.jpg');
    });

    it('takes the extension from the MIME type', () => {
      assert.equal(extensionForMime('image/png'), 'png');
      assert.equal(extensionForMime('image/jpeg'), 'jpg');
      assert.equal(extensionForMime('image/svg+xml'), 'svg');
      assert.equal(extensionForMime('image/x-icon'), 'bin');
      assert.equal(extensionForMime('image/heic'), 'heic');
      assert.equal(extensionForMime(undefined), 'bin');
    });

    it('makes names Obsidian can link to: no # | ^ [ ], no path, no leading dot', () => {
      assert.equal(sanitizeAttachmentName('a#b|c^[d].png'), 'a b c d.png');
      assert.equal(sanitizeAttachmentName('Figure #3 [draft].PNG'), 'Figure 3 draft.PNG');
      assert.equal(sanitizeAttachmentName('../../etc/passwd'), 'passwd');
      assert.equal(sanitizeAttachmentName('C:\\Users\\me\\shot.png'), 'shot.png');
      assert.equal(sanitizeAttachmentName('.hidden.png'), 'hidden.png');
      assert.equal(sanitizeAttachmentName('###.png'), 'attachment.png');
      assert.equal(sanitizeAttachmentName('a:b*c?"d"<e>.pdf'), 'a b c d e.pdf');
      assert.equal(sanitizeAttachmentName('tab\there\u0000.txt'), 'tab here.txt');
      const long = sanitizeAttachmentName(`${'x'.repeat(400)}.png`);
      assert.ok(long.length < 200 && long.endsWith('.png'), long);
    });

    it('never reuses a name: a suffix, case-insensitively, as Obsidian counts', () => {
      const taken = new Set(['pasted image 1.png', 'pasted image 1 1.png']);
      assert.equal(uniqueName('Pasted image 1.png', taken), 'Pasted image 1 2.png');
      assert.equal(uniqueName('Other.png', taken), 'Other.png');
      assert.equal(uniqueName('README', new Set(['readme'])), 'README 1');
    });
  });

  describe('attachment folder rules', () => {
    const rule = (r: string, note = 'notes/lecture/Note.md') => attachmentFolderFor(note, r);
    it('maps / ./ ./sub and folder like Obsidian', () => {
      assert.deepEqual(rule('/'), { folder: '' });
      assert.deepEqual(rule(''), { folder: '' });
      assert.deepEqual(rule('./'), { folder: 'notes/lecture' });
      assert.deepEqual(rule('.'), { folder: 'notes/lecture' });
      assert.deepEqual(rule('./assets'), { folder: 'notes/lecture/assets' });
      assert.deepEqual(rule('./assets/img/'), { folder: 'notes/lecture/assets/img' });
      assert.deepEqual(rule('attachments'), { folder: 'attachments' });
      assert.deepEqual(rule('/attachments/'), { folder: 'attachments' });
      assert.deepEqual(rule('./', 'Root.md'), { folder: '' });
    });

    it('refuses a folder outside the vault and says so', () => {
      const r = rule('./../../../x');
      assert.equal(r.folder, '');
      assert.match(r.problem ?? '', /outside the vault/);
      assert.equal(rule('../x').folder, '');
    });

    it('reads app.json, else the setting; a broken app.json is reported, not fatal', () => {
      assert.equal(attachmentConfig(undefined, 'media').folderRule, 'media');
      assert.equal(attachmentConfig(undefined, undefined).folderRule, '/');
      assert.equal(attachmentConfig('{}', 'media').folderRule, '/', 'an Obsidian vault without the key uses Obsidian’s default, not our setting');
      const c = attachmentConfig('{"attachmentFolderPath":"./img","useMarkdownLinks":true,"newLinkFormat":"relative"}', 'media');
      assert.deepEqual([c.folderRule, c.useMarkdownLinks, c.linkFormat, c.source], ['./img', true, 'relative', '.obsidian/app.json']);
      const bad = attachmentConfig('{ not json', 'media');
      assert.equal(bad.folderRule, 'media');
      assert.match(bad.problems[0], /not valid JSON/);
    });
  });

  describe('planAttachments on a vault folder', () => {
    it('saves a screenshot in the app.json folder and embeds it by name', async () => {
      const v = vault({ ...appJson({ attachmentFolderPath: 'attachments' }), 'notes/Note.md': '' });
      const plan = await planAttachments(v, 'notes/Note.md', [SCREENSHOT], { now: NOW });
      assert.deepEqual(plan.attachments, [{ path: 'attachments/Pasted image 20240612140800.png', link: '![[Pasted image 20240612140800.png]]' }]);
      assert.deepEqual(plan.problems, []);
    });

    it('appends 1, 2 … on collision, across pastes and within one', async () => {
      const v = vault({ ...appJson({ attachmentFolderPath: 'attachments' }), 'attachments/Pasted image 20240612140800.png': 'old' });
      const first = await planAttachments(v, 'Note.md', [SCREENSHOT, SCREENSHOT], { now: NOW });
      assert.deepEqual(first.attachments.map((a) => a.path), ['attachments/Pasted image 20240612140800 1.png', 'attachments/Pasted image 20240612140800 2.png']);
      v.apply(first.attachments.map((a) => a.path));
      const second = await planAttachments(v, 'Note.md', [SCREENSHOT], { now: NOW });
      assert.equal(second.attachments[0].path, 'attachments/Pasted image 20240612140800 3.png');
      assert.equal(readFileSync(join(v.root, 'attachments', 'Pasted image 20240612140800.png'), 'utf8'), 'old', 'nothing is overwritten');
    });

    it('keeps a dropped file’s own name, made safe', async () => {
      const v = vault(appJson({ attachmentFolderPath: './' }));
      const plan = await planAttachments(v, 'course/Week 1.md', [{ name: 'Fig #2 | fusion^.png', mime: 'image/png' }], { now: NOW });
      assert.deepEqual(plan.attachments, [{ path: 'course/Fig 2 fusion.png', link: '![[Fig 2 fusion.png]]' }]);
    });

    it('follows each folder rule: root, same folder, subfolder of the note', async () => {
      for (const [rule, expected] of [['/', 'a.png'], ['./', 'deep/dir/a.png'], ['./assets', 'deep/dir/assets/a.png'], ['media/img', 'media/img/a.png']]) {
        const v = vault(appJson({ attachmentFolderPath: rule }));
        const plan = await planAttachments(v, 'deep/dir/Note.md', [{ name: 'a.png' }], { now: NOW });
        assert.equal(plan.attachments[0].path, expected, `rule ${rule}`);
      }
    });

    it('uses the mmnotes.attachmentFolder setting only without app.json', async () => {
      const plain = vault({ 'Note.md': '' });
      assert.equal((await planAttachments(plain, 'Note.md', [SCREENSHOT], { now: NOW, folderSetting: 'assets' })).attachments[0].path, 'assets/Pasted image 20240612140800.png');
      const obsidian = vault(appJson({ attachmentFolderPath: 'attachments' }));
      assert.equal((await planAttachments(obsidian, 'Note.md', [SCREENSHOT], { now: NOW, folderSetting: 'assets' })).attachments[0].path, 'attachments/Pasted image 20240612140800.png');
    });

    it('links with the vault path when the name is taken elsewhere in the vault', async () => {
      const v = vault({ ...appJson({ attachmentFolderPath: 'attachments' }), 'old/DIAGRAM.png': '' });
      const plan = await planAttachments(v, 'Note.md', [{ name: 'diagram.png' }], { now: NOW });
      assert.deepEqual(plan.attachments[0], { path: 'attachments/diagram.png', link: '![[attachments/diagram.png]]' });
    });

    it('writes a relative, encoded Markdown link when the vault prefers them', async () => {
      const v = vault(appJson({ attachmentFolderPath: 'attachments', useMarkdownLinks: true }));
      const plan = await planAttachments(v, 'notes/sub/Note.md', [SCREENSHOT], { now: NOW });
      assert.equal(plan.attachments[0].link, '![](../../attachments/Pasted%20image%2020240612140800.png)');
      const same = await planAttachments(vault(appJson({ attachmentFolderPath: './', useMarkdownLinks: true })), 'n/Note.md', [{ name: 'a (1).png' }], { now: NOW });
      assert.equal(same.attachments[0].link, '![](a%20%281%29.png)');
    });

    it('honours newLinkFormat relative and absolute', async () => {
      const rel = vault(appJson({ attachmentFolderPath: 'attachments', newLinkFormat: 'relative' }));
      assert.equal((await planAttachments(rel, 'notes/Note.md', [SCREENSHOT], { now: NOW })).attachments[0].link, '![[../attachments/Pasted image 20240612140800.png]]');
      const abs = vault(appJson({ attachmentFolderPath: './img', newLinkFormat: 'absolute' }));
      assert.equal((await planAttachments(abs, 'notes/Note.md', [SCREENSHOT], { now: NOW })).attachments[0].link, '![[notes/img/Pasted image 20240612140800.png]]');
    });

    it('embeds what Obsidian shows inline and links the rest', async () => {
      const v = vault(appJson({ attachmentFolderPath: 'files' }));
      const plan = await planAttachments(v, 'Note.md', [{ name: 'paper.pdf' }, { name: 'clip.mp4' }, { name: 'data.zip' }, { name: 'Other note.md' }], { now: NOW });
      assert.deepEqual(plan.attachments.map((a) => a.link), ['![[paper.pdf]]', '![[clip.mp4]]', '[[data.zip]]', '[[Other note]]']);
    });

    it('falls back to a Markdown link when a folder name cannot stand in a wiki link', async () => {
      const v = vault({ ...appJson({ attachmentFolderPath: './' }), 'elsewhere/shot.png': '' });
      const plan = await planAttachments(v, 'C# notes/Note.md', [{ name: 'shot.png' }], { now: NOW });
      assert.deepEqual(plan.attachments[0], { path: 'C# notes/shot.png', link: '![](shot.png)' });
      const unique = await planAttachments(v, 'C# notes/Note.md', [{ name: 'fresh.png' }], { now: NOW });
      assert.equal(unique.attachments[0].link, '![[fresh.png]]');
    });

    it('reports a folder rule that leaves the vault and saves in the root', async () => {
      const v = vault(appJson({ attachmentFolderPath: '../outside' }));
      const plan = await planAttachments(v, 'Note.md', [SCREENSHOT], { now: NOW });
      assert.equal(plan.attachments[0].path, 'Pasted image 20240612140800.png');
      assert.match(plan.problems.join(), /outside the vault/);
    });

    it('writes links that the vault index resolves to the saved file, whatever the settings', async () => {
      const settings = [
        {},
        { attachmentFolderPath: './' },
        { attachmentFolderPath: './img', newLinkFormat: 'relative' },
        { attachmentFolderPath: 'attachments', newLinkFormat: 'absolute' },
        { attachmentFolderPath: 'attachments', useMarkdownLinks: true },
        { attachmentFolderPath: './', useMarkdownLinks: true, newLinkFormat: 'absolute' },
      ];
      for (const s of settings) {
        for (const note of ['Note.md', 'C# notes/deep/Note.md']) {
          const v = vault({ ...appJson(s), 'other/Pasted image 20240612140800.png': '', 'other/fig (1).png': '' });
          const plan = await planAttachments(v, note, [SCREENSHOT, { name: 'fig (1).png' }, { name: 'paper.pdf' }], { now: NOW });
          const files: Record<string, string> = { [note]: plan.attachments.map((a) => a.link).join('\n'), 'other/Pasted image 20240612140800.png': '', 'other/fig (1).png': '' };
          for (const a of plan.attachments) files[a.path] = '';
          const { index } = fixtureVault(files);
          const entry = index.getNote(note)!;
          assert.equal(entry.model.links.length, plan.attachments.length, `${JSON.stringify(s)} ${note}: ${files[note]}`);
          entry.resolutions.forEach((r, i) => assert.deepEqual(r.kind === 'file' ? r.path : r, plan.attachments[i].path, `${JSON.stringify(s)} ${note}: ${plan.attachments[i].link}`));
        }
      }
    });

    it('links a file already in the vault without copying it', async () => {
      const v = vault({ 'attachments/chart.png': '', 'x/chart.png': '', 'attachments/solo.png': '' });
      const config = attachmentConfig(undefined);
      assert.equal(await linkToVaultFile(v, 'Note.md', 'attachments/solo.png', config), '![[solo.png]]');
      assert.equal(await linkToVaultFile(v, 'Note.md', 'x/chart.png', config), '![[x/chart.png]]');
    });
  });
});
