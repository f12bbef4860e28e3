/**
 * Which highlights become cards, as explicit switches (obsidian-spaced-
 * repetition's "every highlight is a card" is the failure to avoid).
 *
 * Precedence, most specific wins: line marker > note frontmatter > folder
 * globs > these settings.
 *   - note:   frontmatter `mmnotes-cards: false` (or off/no) turns a note off,
 *             `true` (on/yes) turns it on even in an excluded folder,
 *             `reverse` turns it on with reverse cards.
 *   - folder: `excludeFolders` / `includeFolders` globs on vault paths; a bare
 *             folder (`Templates`) means everything below it.
 *   - line:   `%% no-card %%` on a line drops the cards of that line;
 *             `%% card %%` keeps them even when the note or folder is off and
 *             bypasses the cloze usefulness limits. Obsidian hides `%%…%%` in
 *             reading view, so the marker is visible only while editing.
 */
import { minimatch } from 'minimatch';

export interface CardRules {
  /** `==Term==: text`, `==Term:== text`, `==Term== ("Alias"/"Other"): text` */
  definitionColon: boolean;
  /** A `==Term==` list item with a nested `- Definition: …` item. */
  definitionItem: boolean;
  /** `==Term:==` alone on its line, defined by the following lines or the next paragraph or list. */
  definitionNext: boolean;
  /** Other highlights in a sentence: one cloze card per highlight. */
  cloze: boolean;
  /** Also ask each definition the other way round (definition → term). */
  reverse: boolean;
  /** Honour `mmnotes-cards:` in frontmatter. */
  noteSwitch: boolean;
  /** Honour `includeFolders` / `excludeFolders`. */
  folderRules: boolean;
  /** Honour `%% no-card %%` and `%% card %%`. */
  lineMarkers: boolean;
  /** When non-empty, only notes under these globs make cards. */
  includeFolders: string[];
  excludeFolders: string[];
  /** A longer highlight is not a term (it is a cloze candidate). */
  maxTermChars: number;
  /** A highlight of more words is too long to recall as a cloze. */
  maxClozeWords: number;
  /** A cloze needs this many words of its sentence left visible, or there is nothing to cue recall. */
  minClozeContextWords: number;
  /** Card text past this is cut at a word (the note keeps the whole text). */
  maxFieldChars: number;
}

export const DEFAULT_CARD_RULES: Readonly<CardRules> = Object.freeze({
  definitionColon: true,
  definitionItem: true,
  definitionNext: true,
  cloze: true,
  reverse: false,
  noteSwitch: true,
  folderRules: true,
  lineMarkers: true,
  includeFolders: [],
  excludeFolders: [],
  maxTermChars: 80,
  maxClozeWords: 30,
  minClozeContextWords: 3,
  maxFieldChars: 2000,
});

/** The frontmatter key that switches one note. */
export const NOTE_SWITCH_KEY = 'mmnotes-cards';

/** Builds rules from untrusted settings (e.g. `mmnotes.cards.*`): wrong types fall back to defaults. */
export function cardRulesFrom(settings: unknown): CardRules {
  const s = (settings && typeof settings === 'object' ? settings : {}) as Record<string, unknown>;
  const out: CardRules = { ...DEFAULT_CARD_RULES, includeFolders: [], excludeFolders: [] };
  for (const key of Object.keys(DEFAULT_CARD_RULES) as (keyof CardRules)[]) {
    const value = s[key];
    const def = DEFAULT_CARD_RULES[key];
    if (typeof def === 'boolean' && typeof value === 'boolean') (out[key] as boolean) = value;
    else if (typeof def === 'number' && typeof value === 'number' && Number.isFinite(value) && value >= 0) (out[key] as number) = value;
    else if (Array.isArray(def) && Array.isArray(value)) (out[key] as string[]) = value.filter((v): v is string => typeof v === 'string' && v !== '');
  }
  return out;
}

/** Whether a note makes cards, and why: the reason is shown to the user so the rule is never a mystery. */
export interface NoteCardSwitch {
  enabled: boolean;
  reverse: boolean;
  reason: 'default' | 'frontmatter-on' | 'frontmatter-off' | 'folder-excluded' | 'folder-not-included';
}

/** Decides note- and folder-level rules for one note. */
export function noteCardSwitch(path: string, frontmatter: Record<string, unknown> | undefined, rules: CardRules): NoteCardSwitch {
  const value = rules.noteSwitch ? frontmatterSwitch(frontmatter?.[NOTE_SWITCH_KEY]) : undefined;
  if (value === 'off') return { enabled: false, reverse: false, reason: 'frontmatter-off' };
  if (value) return { enabled: true, reverse: rules.reverse || value === 'reverse', reason: 'frontmatter-on' };
  if (rules.folderRules) {
    if (rules.excludeFolders.some((g) => matchesFolderGlob(path, g))) return { enabled: false, reverse: false, reason: 'folder-excluded' };
    if (rules.includeFolders.length && !rules.includeFolders.some((g) => matchesFolderGlob(path, g))) {
      return { enabled: false, reverse: false, reason: 'folder-not-included' };
    }
  }
  return { enabled: true, reverse: rules.reverse, reason: 'default' };
}

function frontmatterSwitch(value: unknown): 'on' | 'off' | 'reverse' | undefined {
  if (value === true) return 'on';
  if (value === false) return 'off';
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  if (['false', 'off', 'no', 'none'].includes(v)) return 'off';
  if (['true', 'on', 'yes'].includes(v)) return 'on';
  if (v === 'reverse') return 'reverse';
  return undefined;
}

/** True when a vault path is matched by a glob, or lies under a folder the glob names. */
export function matchesFolderGlob(path: string, glob: string): boolean {
  const g = glob.trim().replace(/^\/+/, '');
  if (!g) return false;
  return minimatch(path, g, { dot: true }) || minimatch(path, `${g.replace(/\/+$/, '')}/**`, { dot: true });
}

export type LineMarker = 'no-card' | 'card';

const MARKER = /%%\s*(no-card|card)\s*%%/i;

/** The card marker written on a line, if any. */
export function lineMarker(lineText: string): LineMarker | undefined {
  const m = MARKER.exec(lineText);
  return m ? (m[1].toLowerCase() as LineMarker) : undefined;
}
