/** The flashcard engine: extraction, identity, review log, FSRS scheduling and Anki export. */
export type { Card, CardRuleName, CardSnapshot } from './card';
export { extractCards } from './extractCards';
export { vaultCards } from './vaultCards';
export { cardRulesFrom, DEFAULT_CARD_RULES, lineMarker, matchesFolderGlob, NOTE_SWITCH_KEY, noteCardSwitch } from './cardRules';
export type { CardRules, LineMarker, NoteCardSwitch } from './cardRules';
export { assignNoteIds, cardKey, freshCardOf, hashText, reconcile, resolveCollisionGroup, resolveVaultCollisions, snapshotOf, type FreshCard } from './cardIdentity';
export type { Reconciliation, Relink } from './cardIdentity';
export { parseReviewLog, REVIEW_LOG_FORMAT, REVIEW_LOG_GITATTRIBUTES, REVIEW_LOG_PATH, ReviewLog, ReviewLogRefusedError } from './reviewLog';
export type { LogEvent, LogProblem, ParsedLog, Rating, RelinkEvent, ReviewEvent, ReviewFiles, ReviewLogOptions, UndoEvent } from './reviewLog';
export { cardState, createFsrs, dueCards, retrievability, reviewsByCard } from './scheduler';
export type { CardState, DueOptions, DueSummary } from './scheduler';
export { ankiDeck, ankiExport, ankiField, ankiGuid, noteTags } from './ankiExport';
export type { AnkiExportOptions } from './ankiExport';
