/**
 * Notice numbers: the society-local year and a gap-free sequence per society and year (the counter
 * row, taken in the publishing transaction: a rollback gives the number back), "2026-001". Three
 * digits are the usual width; the 1,000th notice of a year is "2026-1000", never a wrapped number.
 */
export function noticeNo(year: number, n: number): string {
  if (!Number.isSafeInteger(year) || year < 1000 || year > 9999) throw new RangeError(`not a year: ${year}`);
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`not a notice sequence number: ${n}`);
  return `${year}-${String(n).padStart(3, '0')}`;
}

/** The counter a society's notices of `year` are numbered from (cases use `case:<year>`). */
export function noticeCounter(year: number): string {
  return `notice:${year}`;
}

const NOTICE_NO = /^([1-9]\d{3})-(\d{3,16})$/;

/** "2026-001" → {year: 2026, n: 1}; null for anything noticeNo would not have written. */
export function parseNoticeNo(s: string): { year: number; n: number } | null {
  const m = NOTICE_NO.exec(s);
  if (!m) return null;
  const [year, n] = [Number(m[1]), Number(m[2])];
  if (!Number.isSafeInteger(n) || n < 1) return null;
  return noticeNo(year, n) === s ? { year, n } : null;
}
