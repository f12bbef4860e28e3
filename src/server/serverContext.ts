import type { ClientCapabilities, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Card } from '../core/cards/card';
import type { SkippedNote } from '../core/vault/loadVault';
import type { VaultIndex } from '../core/vault/vaultIndex';

/** Settings the server reads from the client (`mmnotes.*`). */
export interface ServerSettings {
  exclude: string[];
  maxNoteSizeMB: number;
  diagnostics: { enabled: boolean; brokenLinks: 'error' | 'warning' | 'information' | 'ignore' };
  /** `mmnotes.cards.*`, validated by the card service (cardRulesFrom). */
  cards: unknown;
}

/** Maps between the client's URIs and vault-relative paths. */
export interface VaultUris {
  /** undefined when the URI is not inside the vault. */
  toPath(uri: string): string | undefined;
  toUri(path: string): string;
  /** Absolute file-system path of a vault path (for image thumbnails in hovers). */
  toFsPath(path: string): string;
}

/**
 * What every handler gets (constructor injection from startServer): the
 * connection, open documents, the one index, URI mapping and settings.
 * Handlers stay thin: convert URIs to paths, call core, convert back.
 */
export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly index: VaultIndex;
  readonly uris: VaultUris;
  settings(): ServerSettings;
  /** What the client said it supports in `initialize` (empty before it). */
  clientCapabilities(): ClientCapabilities;
  /** Resolves once the initial vault load finished. */
  readonly ready: Promise<void>;
  /** Resolves once every name is known and the open notes are indexed, before the rest of the vault is read. */
  readonly preloaded: Promise<void>;
  /** True once the initial vault load finished. */
  isReady(): boolean;
  /** Resolves once a note being edited has no parse pending (big notes are parsed in a worker). */
  settled(path: string): Promise<void>;
  log(message: string): void;
  /** Why a note was not indexed (binary, too large, unreadable), if it was not. */
  skipped(path: string): SkippedNote | undefined;
  /** Runs `hook` when the client asks the server to shut down (the connection keeps one handler; this keeps many). */
  onShutdown(hook: () => unknown): void;
  /**
   * What one handler offers the others, set when it registers: the cards
   * handler's cards of a note (undefined until the vault's cards are
   * built), so that colouring a note's card sources does not extract its
   * cards a second time (seconds for a 10 MB note).
   */
  readonly shared: { noteCards?: (path: string) => readonly Card[] | undefined };
}
