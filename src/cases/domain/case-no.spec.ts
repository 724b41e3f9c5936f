import fc from 'fast-check';
import { caseNo, parseCaseNo } from './case-no';

describe('caseNo', () => {
  it.each([
    [2026, 1, '2026-0001'],
    [2026, 42, '2026-0042'],
    [2026, 9999, '2026-9999'],
    [2026, 10000, '2026-10000'],
    [2027, 123456, '2027-123456'],
  ])('(%p, %p) → %s', (year, n, s) => {
    expect(caseNo(year, n)).toBe(s);
    expect(parseCaseNo(s)).toEqual({ year, n });
  });

  it.each([
    [2026, 0],
    [2026, -1],
    [2026, 1.5],
    [2026, Number.NaN],
    [2026, Number.MAX_SAFE_INTEGER + 1],
    [999, 1],
    [10000, 1],
    [2026.5, 1],
  ])('refuses (%p, %p)', (year, n) => {
    expect(() => caseNo(year, n)).toThrow(RangeError);
  });

  it.each([
    '2026-0000',
    '2026-001',
    '2026-00001', // padded beyond four digits: not what caseNo writes
    '2026-01000',
    '0999-0001',
    '202-0001',
    '2026_0001',
    ' 2026-0001',
    '2026-0001 ',
    '２０２６-０００１',
    '2026-0001\n',
    '2026-99999999999999999',
    '',
  ])('does not read %p as a case number', (s) => {
    expect(parseCaseNo(s)).toBeNull();
  });

  it('round-trips and sorts by number within a year of four-digit numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 10 ** 9 }), (year, n) => {
        expect(parseCaseNo(caseNo(year, n))).toEqual({ year, n });
      }),
    );
    const numbers = [1, 2, 10, 999, 9999].map((n) => caseNo(2026, n));
    expect([...numbers].sort()).toEqual(numbers);
  });
});
