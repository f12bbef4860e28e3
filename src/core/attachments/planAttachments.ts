import { joinPath } from '../vault/vaultPath';
import { attachmentConfig, OBSIDIAN_APP_JSON, type AttachmentConfig } from './attachmentConfig';
import { attachmentFolderFor } from './attachmentFolder';
import { attachmentLink } from './attachmentLink';
import { extensionForMime, pastedImageName, sanitizeAttachmentName, uniqueName } from './attachmentName';

/** What planning needs to know of the vault; paths are vault-relative. */
export interface AttachmentVault {
  /** Text of a vault file, undefined when it does not exist or cannot be read. */
  readText(path: string): Promise<string | undefined>;
  /** Names of the entries of a vault folder, [] when the folder does not exist yet. */
  listFolder(path: string): Promise<string[]>;
  /** Vault paths of the files named `name`, compared without regard to case. */
  filesNamed(name: string): Promise<string[]>;
}

/** A file being pasted or dropped. */
export interface IncomingFile {
  /** Its own name, for a dropped or copied file. */
  name?: string;
  mime?: string;
  /** Raw image data from the clipboard (a screenshot), which Obsidian names `Pasted image …`. */
  clipboardImage?: boolean;
}

export interface PlannedAttachment {
  /** Vault path to write the file to: never an existing file. */
  path: string;
  /** What to insert in the note. */
  link: string;
}

export interface AttachmentPlan {
  attachments: PlannedAttachment[];
  config: AttachmentConfig;
  /** Settings that could not be honoured, for the user to see. */
  problems: string[];
}

export interface PlanOptions {
  /** `mmnotes.attachmentFolder`, used when the vault has no `.obsidian/app.json`. */
  folderSetting?: string;
  now?: Date;
}

/** Reads the vault's attachment settings (see attachmentConfig). */
export async function readAttachmentConfig(vault: AttachmentVault, folderSetting?: string): Promise<AttachmentConfig> {
  return attachmentConfig(await vault.readText(OBSIDIAN_APP_JSON), folderSetting);
}

/**
 * Where each incoming file is saved and the link that embeds it in
 * `notePath`: the attachment folder by the vault's rule, Obsidian's name,
 * a suffix instead of ever overwriting, the shortest unambiguous link.
 */
export async function planAttachments(vault: AttachmentVault, notePath: string, files: readonly IncomingFile[], options: PlanOptions = {}): Promise<AttachmentPlan> {
  const config = await readAttachmentConfig(vault, options.folderSetting);
  const problems = [...config.problems];
  const { folder, problem } = attachmentFolderFor(notePath, config.folderRule);
  if (problem) problems.push(problem);
  const taken = new Set((await vault.listFolder(folder)).map((n) => n.toLowerCase()));
  const now = options.now ?? new Date();
  const attachments: PlannedAttachment[] = [];
  for (const f of files) {
    const wanted = f.clipboardImage || !f.name
      ? pastedImageName(now, extensionOf(f))
      : sanitizeAttachmentName(f.name, 'Pasted file');
    const name = uniqueName(wanted, taken);
    taken.add(name.toLowerCase());
    const path = joinPath(folder, name);
    attachments.push({ path, link: attachmentLink(notePath, path, config, await vault.filesNamed(name)) });
  }
  return { attachments, config, problems };
}

/** The link to a file already in the vault (dragged from the explorer): nothing is copied. */
export async function linkToVaultFile(vault: AttachmentVault, notePath: string, target: string, config: AttachmentConfig): Promise<string> {
  return attachmentLink(notePath, target, config, await vault.filesNamed(target.slice(target.lastIndexOf('/') + 1)));
}

function extensionOf(f: IncomingFile): string {
  const fromName = f.name ? /\.([A-Za-z0-9]{1,8})$/.exec(f.name)?.[1] : undefined;
  return f.mime ? extensionForMime(f.mime) : (fromName ?? 'png');
}
