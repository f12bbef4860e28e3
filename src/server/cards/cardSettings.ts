import { cardRulesFrom, createFsrs, type CardRules } from '../../core/cards';
import type { FSRS } from 'ts-fsrs';

/** `mmnotes.cards.*`: the extraction rules (see cardRules.ts) plus scheduling and display. */
export interface CardSettings {
  rules: CardRules;
  /** New cards introduced per day, across the vault (Anki's default is 20). */
  newPerDay: number;
  /** FSRS target probability of recall when a card comes due. */
  desiredRetention: number;
  /** Longest interval FSRS may schedule, in days. */
  maximumIntervalDays: number;
  /** Show `card · due in 3d` above card source lines. */
  codeLens: boolean;
  fsrs: FSRS;
  /** Compares two settings objects cheaply (the server gets no event of its own when settings change). */
  key: string;
}

/** Builds card settings from untrusted client settings: anything odd falls back to the default. */
export function cardSettingsFrom(raw: unknown): CardSettings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const num = (v: unknown, def: number, min: number, max: number) => (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : def);
  const rules = cardRulesFrom(s);
  const newPerDay = Math.floor(num(s.newPerDay, 20, 0, 10_000));
  const desiredRetention = num(s.desiredRetention, 0.9, 0.7, 0.99);
  const maximumIntervalDays = Math.floor(num(s.maximumIntervalDays, 36500, 1, 36500));
  const codeLens = s.codeLens !== false;
  return {
    rules,
    newPerDay,
    desiredRetention,
    maximumIntervalDays,
    codeLens,
    fsrs: createFsrs({ request_retention: desiredRetention, maximum_interval: maximumIntervalDays }),
    key: JSON.stringify([rules, newPerDay, desiredRetention, maximumIntervalDays, codeLens]),
  };
}
