import { startOfLocalDay } from '../common/calendar';
import { fieldError } from '../common/errors/validation';

/**
 * When the aid went out, as the treasurer typed it: a local date ('YYYY-MM-DD', the start of that day
 * in the society's time zone) or a date-time with an offset; none means now. Not in the future: the
 * annual cap counts the payment in the year of this instant. (It reads the calendar and answers a
 * field error: not pure enough for domain/.)
 */
export function paidAtOf(given: string | undefined, timeZone: string, now: Date): Date {
  if (given === undefined) return now;
  const date = given.slice(0, 10);
  const at = given.length === 10 ? startOfLocalDay(date, timeZone) : new Date(given);
  if (!isRealDate(date) || Number.isNaN(at.getTime())) {
    throw fieldError('paidAt', '不是有效的日期或时间', 'paidAt is not a valid date or time');
  }
  if (at.getTime() > now.getTime()) {
    throw fieldError('paidAt', '付款时间不能晚于当前时间', 'paidAt cannot be in the future');
  }
  return at;
}

// 2026-02-30 is not a day (Date would roll it over into March).
function isRealDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return y >= 1 && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}
