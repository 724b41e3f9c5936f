/**
 * When a gift was received, as the treasurer typed it: a local date ('YYYY-MM-DD', the start of that
 * day in the society's time zone) or a date-time with an offset. Parsed here, not by PostgreSQL, so
 * the service can check it against the clock before any lock is taken; what PostgreSQL's timestamptz
 * accepted is accepted (24:00:00, a 60th second, offsets up to ±15:59), kept to the millisecond.
 */
export type ReceivedAt = { date: string; instant?: undefined } | { date?: undefined; instant: Date };

const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(?:Z|([+-])(\d{2}):(\d{2})))?$/;

/** The parsed value, or null when it is not a real date or time (e.g. 2026-02-30, 10:61). */
export function parseReceivedAt(text: string): ReceivedAt | null {
  const m = PATTERN.exec(text);
  if (!m) return null;
  const [year, month, day] = [m[1], m[2], m[3]].map(Number);
  const noon = new Date(0);
  noon.setUTCFullYear(year, month - 1, day); // Date.UTC would read years 0–99 as 1900–1999
  if (year < 1 || noon.getUTCMonth() !== month - 1 || noon.getUTCDate() !== day) return null;
  if (m[4] === undefined) return { date: text };

  const [hour, minute, second] = [m[4], m[5], m[6] ?? '0'].map(Number);
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3)); // truncated, never rounded up
  const sign = m[8] === '-' ? -1 : 1;
  const [offH, offM] = [m[9] ?? '0', m[10] ?? '0'].map(Number);
  const endOfDay = hour === 24 && minute === 0 && second === 0 && ms === 0 && !/[1-9]/.test(m[7] ?? '');
  if ((hour > 23 && !endOfDay) || minute > 59 || second > 60 || offH > 15 || offM > 59) return null;
  noon.setUTCHours(hour, minute, second, ms); // 24:00 and :60 roll over, as in PostgreSQL
  return { instant: new Date(noon.getTime() - sign * (offH * 60 + offM) * 60_000) };
}
