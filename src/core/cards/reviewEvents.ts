/**
 * The events of the review log and the validation of one line. Every field
 * is checked, because the file is user-editable and merged by git: a line
 * that is not exactly an event is reported, never half-trusted.
 */
import type { CardSnapshot } from './card';

export type Rating = 1 | 2 | 3 | 4;

interface EventBase {
  /** Format version of the line. */
  v: number;
  /** Unique per event: what an undo names, and how merge duplicates are dropped. */
  id: string;
  /** ISO time of the event. */
  t: string;
}

export interface ReviewEvent extends EventBase {
  type: 'review';
  card: string;
  rating: Rating;
  snap?: Omit<CardSnapshot, 'id'>;
}

export interface UndoEvent extends EventBase {
  type: 'undo';
  target: string;
}

export interface RelinkEvent extends EventBase {
  type: 'relink';
  from: string;
  to: string;
  reason: string;
}

export type LogEvent = ReviewEvent | UndoEvent | RelinkEvent;

const SUPPORTED = 1;

export type ParsedLine =
  | { kind: 'event'; event: LogEvent }
  | { kind: 'header' }
  | { kind: 'newer'; version: number }
  /** `json: false` when the line is not even JSON (what a torn write looks like). */
  | { kind: 'error'; message: string; json: boolean };

/** Validates one line of the log. */
export function parseLogLine(line: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { kind: 'error', message: 'not valid JSON (a write cut short?)', json: false };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { kind: 'error', message: 'not a JSON object', json: true };
  const o = value as Record<string, unknown>;
  const v = o.v;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) return { kind: 'error', message: 'missing or invalid "v" (format version)', json: true };
  if (v > SUPPORTED) return { kind: 'newer', version: v };
  if (o.mmnotes === 'reviews') return { kind: 'header' };
  const bad = (message: string): ParsedLine => ({ kind: 'error', message, json: true });
  if (typeof o.id !== 'string' || !o.id) return bad('missing event "id"');
  if (typeof o.t !== 'string' || Number.isNaN(Date.parse(o.t))) return bad('missing or invalid time "t"');
  const base = { v, id: o.id, t: o.t };
  switch (o.type) {
    case 'review': {
      if (typeof o.card !== 'string' || !o.card) return bad('review without "card"');
      if (o.rating !== 1 && o.rating !== 2 && o.rating !== 3 && o.rating !== 4) return bad('rating must be 1, 2, 3 or 4');
      const event: ReviewEvent = { ...base, type: 'review', card: o.card, rating: o.rating };
      const snap = parseSnapshot(o.snap);
      if (snap) event.snap = snap;
      return { kind: 'event', event };
    }
    case 'undo':
      if (typeof o.target !== 'string' || !o.target) return bad('undo without "target"');
      return { kind: 'event', event: { ...base, type: 'undo', target: o.target } };
    case 'relink':
      if (typeof o.from !== 'string' || typeof o.to !== 'string' || !o.from || !o.to) return bad('relink without "from" and "to"');
      return { kind: 'event', event: { ...base, type: 'relink', from: o.from, to: o.to, reason: typeof o.reason === 'string' ? o.reason : '' } };
    default:
      return bad(`unknown event type ${JSON.stringify(o.type)}`);
  }
}

/** A snapshot is advisory (only used to re-match history): a malformed one is dropped, not an error. */
function parseSnapshot(value: unknown): Omit<CardSnapshot, 'id'> | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const s = value as Record<string, unknown>;
  if ((s.kind !== 'definition' && s.kind !== 'cloze') || typeof s.path !== 'string' || typeof s.bodyHash !== 'string') return undefined;
  const snap: Omit<CardSnapshot, 'id'> = { kind: s.kind, path: s.path, bodyHash: s.bodyHash };
  if (s.reversed === true) snap.reversed = true;
  if (typeof s.term === 'string') snap.term = s.term;
  if (typeof s.parentTerm === 'string') snap.parentTerm = s.parentTerm;
  return snap;
}
