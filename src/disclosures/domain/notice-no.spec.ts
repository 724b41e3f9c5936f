import fc from 'fast-check';
import { noticeCounter, noticeNo, parseNoticeNo } from './notice-no';

describe('noticeNo', () => {
  it.each([
    [2026, 1, '2026-001'],
    [2026, 42, '2026-042'],
    [2026, 999, '2026-999'],
    [2026, 1000, '2026-1000'],
    [2027, 123456, '2027-123456'],
  ])('(%p, %p) → %s', (year, n, s) => {
    expect(noticeNo(year, n)).toBe(s);
    expect(parseNoticeNo(s)).toEqual({ year, n });
  });

  it.each([
    [2026, 0],
    [2026, -1],
    [2026, 1.5],
    [2026, Number.NaN],
    [2026, Number.MAX_SAFE_INTEGER + 1],
    [999, 1],
    [10000, 1],
  ])('refuses (%p, %p)', (year, n) => {
    expect(() => noticeNo(year, n)).toThrow(RangeError);
  });

  it.each(['2026-000', '2026-01', '2026-0001', '0999-001', '2026_001', ' 2026-001', '2026-001 ', ''])(
    'parses nothing it would not write: %p',
    (s) => {
      expect(parseNoticeNo(s)).toBeNull();
    },
  );

  it('round-trips (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 10_000_000 }), (y, n) => {
        expect(parseNoticeNo(noticeNo(y, n))).toEqual({ year: y, n });
      }),
    );
  });

  it('counts per year in its own counter, apart from case numbers', () => {
    expect(noticeCounter(2026)).toBe('notice:2026');
    expect(noticeCounter(2027)).not.toBe(noticeCounter(2026));
  });
});
