/** Saving pasted and dropped files as vault attachments, by Obsidian's rules (no file access: see AttachmentVault). */
export { attachmentConfig, OBSIDIAN_APP_JSON } from './attachmentConfig';
export type { AttachmentConfig, LinkFormat } from './attachmentConfig';
export { attachmentFolderFor } from './attachmentFolder';
export { attachmentLink } from './attachmentLink';
export { extensionForMime, pastedImageName, sanitizeAttachmentName, uniqueName } from './attachmentName';
export { linkToVaultFile, planAttachments, readAttachmentConfig } from './planAttachments';
export type { AttachmentPlan, AttachmentVault, IncomingFile, PlannedAttachment, PlanOptions } from './planAttachments';
