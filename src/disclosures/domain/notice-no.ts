import { parseYearlyNumber, yearlyNumber } from '../../common/yearly-number';

/**
 * Notice numbers: the society-local year and a gap-free sequence per society and year (the counter
 * row, taken in the publishing transaction: a rollback gives the number back), "2026-001". Three
 * digits are the usual width; the 1,000th notice of a year is "2026-1000", never a wrapped number.
 */
export function noticeNo(year: number, n: number): string {
  return yearlyNumber(year, n, 3, 'notice');
}

/** The counter a society's notices of `year` are numbered from (cases use `case:<year>`). */
export function noticeCounter(year: number): string {
  return `notice:${year}`;
}

/** "2026-001" → {year: 2026, n: 1}; null for anything noticeNo would not have written. */
export function parseNoticeNo(s: string): { year: number; n: number } | null {
  return parseYearlyNumber(s, 3);
}
