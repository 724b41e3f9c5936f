/**
 * The gap-free numbers of a society-local year (case 2026-0001, notice 2026-001, receipt
 * 2026-000001): the year, a hyphen and the sequence padded to `digits` — wider when it must, never
 * wrapped or truncated. The sequence comes from a counter row taken in the numbering transaction.
 */
export function yearlyNumber(year: number, n: number, digits: number, what: string): string {
  if (!Number.isSafeInteger(year) || year < 1000 || year > 9999) throw new RangeError(`not a year: ${year}`);
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`not a ${what} sequence number: ${n}`);
  return `${year}-${String(n).padStart(digits, '0')}`;
}

/** "2026-0001" → {year: 2026, n: 1}; null for anything yearlyNumber(…, digits) would not have written. */
export function parseYearlyNumber(s: string, digits: number): { year: number; n: number } | null {
  const m = /^([1-9]\d{3})-(\d+)$/.exec(s);
  if (!m || m[2].length < digits || m[2].length > 16) return null;
  const [year, n] = [Number(m[1]), Number(m[2])];
  if (!Number.isSafeInteger(n) || n < 1) return null;
  return yearlyNumber(year, n, digits, 'any') === s ? { year, n } : null;
}
