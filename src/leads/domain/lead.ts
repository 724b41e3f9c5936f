/** A lead's life (API.md "Leads from monitoring platforms"): new, then converted to a case or dismissed. */
export const LEAD_STATUSES = ['new', 'converted', 'dismissed'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export type LeadAction = 'convert' | 'dismiss';

const AFTER: Record<LeadAction, LeadStatus> = { convert: 'converted', dismiss: 'dismissed' };

/** The status after `action`, or null when the lead is no longer new (409 INVALID_STATE). */
export function leadTransition(status: LeadStatus, action: LeadAction): LeadStatus | null {
  return status === 'new' ? AFTER[action] : null;
}

/** At most this many indicators on one warning, and characters in a case description. */
export const INDICATORS_MAX = 50;
export const DESCRIPTION_MAX_CHARS = 2000;

export interface Indicator {
  code: string;
  label: string;
  value?: string | null;
}

/**
 * A converted lead's case description when none is given: the indicators, each `label` or
 * `label：value`, joined by `；`, cut to the case's 2,000 characters (code points) with `…`.
 */
export function describeIndicators(indicators: readonly Indicator[]): string {
  const text = indicators
    .map((i) => {
      const label = i.label.trim();
      const value = i.value?.trim();
      return value ? `${label}：${value}` : label;
    })
    .join('；');
  const chars = Array.from(text);
  return chars.length <= DESCRIPTION_MAX_CHARS
    ? text
    : `${chars.slice(0, DESCRIPTION_MAX_CHARS - 1).join('')}…`;
}

const OFFSET_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * The instant of an ISO 8601 date-time with its offset (`Z` or ±hh:mm), or null when it is not one or
 * names no real time (2026-02-30, 24:00, an offset past ±14:00).
 */
export function parseOffsetDateTime(text: string): Date | null {
  const m = OFFSET_DATETIME.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second = 0, offsetH = 0, offsetM = 0] = m
    .slice(1)
    .map((v) => (v === undefined ? undefined : Number(v))) as number[];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const maxDay = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > maxDay) return null;
  if (hour > 23 || minute > 59 || second > 59 || offsetH > 14 || offsetM > 59) return null;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : at;
}
