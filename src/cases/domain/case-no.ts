import { parseYearlyNumber, yearlyNumber } from '../../common/yearly-number';

/**
 * Case numbers: the society-local year and a gap-free sequence per society and year (the counter
 * row), "2026-0001". Four digits are the usual width; the 10,000th case of a year is "2026-10000",
 * never a wrapped or truncated number.
 */
export function caseNo(year: number, n: number): string {
  return yearlyNumber(year, n, 4, 'case');
}

/** "2026-0001" → {year: 2026, n: 1}; null for anything caseNo would not have written. */
export function parseCaseNo(s: string): { year: number; n: number } | null {
  return parseYearlyNumber(s, 4);
}
