/**
 * The society-local calendar: which day, month and year an instant falls on in the society's time
 * zone, and when a local day begins. The one place that answers it (documents, receipts, filters,
 * deadlines), so no statement computes it with `AT TIME ZONE` on its own.
 */
export interface LocalDay {
  /** 'YYYY-MM-DD' */
  date: string;
  year: number;
  month: number;
  day: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, f);
  }
  return f;
}

function wallClock(instant: Date, timeZone: string): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const p of format(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return parts;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Date.UTC, without its reading of years 0–99 as 1900–1999. */
function utc(year: number, month: number, day: number, h = 0, min = 0, s = 0): number {
  const t = Date.UTC(year, month, day, h, min, s);
  if (year < 0 || year > 99) return t;
  const d = new Date(t);
  d.setUTCFullYear(d.getUTCFullYear() - 1900);
  return d.getTime();
}

/** '2026-11-29 14:05:00': the instant's wall-clock time in `timeZone` (as spreadsheets read a date-time). */
export function localDateTime(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/** The local day of `instant` in `timeZone`. */
export function localDay(instant: Date, timeZone: string): LocalDay {
  const w = wallClock(instant, timeZone);
  return {
    date: `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`,
    year: w.year,
    month: w.month,
    day: w.day,
  };
}

/** The zone's offset from UTC at `instant`, in milliseconds (east positive). */
function offsetAt(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = utc(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant a local day ('YYYY-MM-DD') begins in `timeZone`. Where midnight does not exist (a DST
 * jump at 00:00), the first instant of that day.
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const midnightUtc = utc(y, m - 1, d);
  let guess = midnightUtc - offsetAt(new Date(midnightUtc), timeZone);
  // A second pass settles days whose offset differs from the one at UTC midnight.
  guess = midnightUtc - offsetAt(new Date(guess), timeZone);
  const start = new Date(guess);
  return localDay(start, timeZone).date === date ? start : new Date(guess + 3_600_000);
}

/** 'YYYY-MM-DD' plus `days` (negative allowed), on the plain calendar. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(utc(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Days from local day `from` to local day `to` ('YYYY-MM-DD'), on the plain calendar: negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const day = (date: string) => {
    const [y, m, d] = date.split('-').map(Number);
    return utc(y, m - 1, d);
  };
  return Math.round((day(to) - day(from)) / 86_400_000);
}

/** [start, end) instants of a local day range, `from` and `to` inclusive, either open. */
export function localDayRange(
  from: string | undefined,
  to: string | undefined,
  timeZone: string,
): { from: Date | null; to: Date | null } {
  return {
    from: from ? startOfLocalDay(from, timeZone) : null,
    to: to ? startOfLocalDay(addDays(to, 1), timeZone) : null,
  };
}

/** A calendar month of the society's year: 'YYYY-MM'. */
export interface LocalMonth {
  year: number;
  /** 1–12 */
  month: number;
}

/** 'YYYY-MM' of a month. */
export function monthKey(m: LocalMonth): string {
  return `${pad(m.year, 4)}-${pad(m.month)}`;
}

/** The month after `m` (December → January of the next year). */
export function nextMonth(m: LocalMonth): LocalMonth {
  return m.month === 12 ? { year: m.year + 1, month: 1 } : { year: m.year, month: m.month + 1 };
}

/** Negative, zero or positive as month `a` is before, the same as or after month `b`. */
export function compareMonths(a: LocalMonth, b: LocalMonth): number {
  return a.year * 12 + a.month - (b.year * 12 + b.month);
}

/** [start, end) instants of a local month in `timeZone`: from its first day's start to the next month's. */
export function localMonthRange(m: LocalMonth, timeZone: string): { from: Date; to: Date } {
  return {
    from: startOfLocalDay(`${monthKey(m)}-01`, timeZone),
    to: startOfLocalDay(`${monthKey(nextMonth(m))}-01`, timeZone),
  };
}
