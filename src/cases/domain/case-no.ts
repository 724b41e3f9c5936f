/**
 * Case numbers: the society-local year and a gap-free sequence per society and year (the counter
 * row), "2026-0001". Four digits are the usual width; the 10,000th case of a year is "2026-10000",
 * never a wrapped or truncated number.
 */
export function caseNo(year: number, n: number): string {
  if (!Number.isSafeInteger(year) || year < 1000 || year > 9999) throw new RangeError(`not a year: ${year}`);
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`not a case sequence number: ${n}`);
  return `${year}-${String(n).padStart(4, '0')}`;
}

const CASE_NO = /^([1-9]\d{3})-(\d{4,16})$/;

/** "2026-0001" → {year: 2026, n: 1}; null for anything caseNo would not have written. */
export function parseCaseNo(s: string): { year: number; n: number } | null {
  const m = CASE_NO.exec(s);
  if (!m) return null;
  const [year, n] = [Number(m[1]), Number(m[2])];
  if (!Number.isSafeInteger(n) || n < 1) return null;
  return caseNo(year, n) === s ? { year, n } : null;
}
