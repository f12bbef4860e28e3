import type { ServerSettings } from './serverContext';

/** Reads `mmnotes.*` settings from whatever the client sent, falling back to defaults for anything odd. */
export function readSettings(raw: unknown): ServerSettings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const diag = (s.diagnostics && typeof s.diagnostics === 'object' ? s.diagnostics : {}) as Record<string, unknown>;
  const levels = ['error', 'warning', 'information', 'ignore'] as const;
  const brokenLinks = levels.find((l) => l === diag.brokenLinks) ?? 'warning';
  const max = Number(s.maxNoteSizeMB);
  return {
    exclude: Array.isArray(s.exclude) ? s.exclude.filter((g): g is string => typeof g === 'string' && g.length > 0) : [],
    maxNoteSizeMB: Number.isFinite(max) && max > 0 ? max : 20,
    diagnostics: { enabled: diag.enabled !== false, brokenLinks },
    cards: s.cards && typeof s.cards === 'object' ? s.cards : {},
  };
}
