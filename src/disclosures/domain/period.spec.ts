import fc from 'fast-check';
import { localDay } from '../../common/calendar';
import { disclosurePeriod, periodOver } from './period';

describe('disclosurePeriod', () => {
  it('starts on the local day of publication and lasts the days, ending at the next local midnight', () => {
    // 2026-11-30 23:30 in Shanghai is still the 30th there (15:30 UTC).
    expect(disclosurePeriod(new Date('2026-11-30T15:30:00Z'), 'Asia/Shanghai', 7)).toEqual({
      publishedOn: '2026-11-30',
      periodFrom: '2026-11-30',
      periodTo: '2026-12-06',
      endsAt: new Date('2026-12-06T16:00:00Z'),
    });
    // 16:30 UTC is already 12-01 00:30 in Shanghai.
    expect(disclosurePeriod(new Date('2026-11-30T16:30:00Z'), 'Asia/Shanghai', 7)).toMatchObject({
      publishedOn: '2026-12-01',
      periodTo: '2026-12-07',
      endsAt: new Date('2026-12-07T16:00:00Z'),
    });
  });

  it('is one whole day for days = 1, and crosses years', () => {
    expect(disclosurePeriod(new Date('2026-12-31T03:00:00Z'), 'Asia/Shanghai', 1)).toEqual({
      publishedOn: '2026-12-31',
      periodFrom: '2026-12-31',
      periodTo: '2026-12-31',
      endsAt: new Date('2026-12-31T16:00:00Z'),
    });
    expect(disclosurePeriod(new Date('2026-12-31T03:00:00Z'), 'Asia/Shanghai', 7).periodTo).toBe(
      '2027-01-06',
    );
  });

  it('follows a time zone with daylight saving (a 23-hour day inside the period)', () => {
    const p = disclosurePeriod(new Date('2026-03-05T12:00:00Z'), 'America/New_York', 7);
    expect(p).toMatchObject({ publishedOn: '2026-03-05', periodTo: '2026-03-11' });
    expect(p.endsAt).toEqual(new Date('2026-03-12T04:00:00Z')); // EDT from 03-08
  });

  it('refuses a number of days that is not a positive integer', () => {
    for (const days of [0, -1, 1.5, Number.NaN]) {
      expect(() => disclosurePeriod(new Date(), 'Asia/Shanghai', days)).toThrow(RangeError);
    }
  });

  it('always ends after publication, at a local midnight, days after the first day (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 90 }),
        fc.constantFrom('Asia/Shanghai', 'Asia/Urumqi', 'America/New_York', 'Pacific/Kiritimati'),
        (at, days, tz) => {
          const p = disclosurePeriod(at, tz, days);
          expect(p.endsAt.getTime()).toBeGreaterThan(at.getTime());
          expect(localDay(p.endsAt, tz).date > p.periodTo).toBe(true);
          expect(localDay(new Date(p.endsAt.getTime() - 1), tz).date).toBe(p.periodTo);
          expect(p.periodFrom).toBe(localDay(at, tz).date);
        },
      ),
    );
  });
});

describe('periodOver', () => {
  it('is over from endsAt on', () => {
    const endsAt = new Date('2026-12-06T16:00:00Z');
    expect(periodOver(endsAt, new Date('2026-12-06T15:59:59.999Z'))).toBe(false);
    expect(periodOver(endsAt, endsAt)).toBe(true);
    expect(periodOver(endsAt, new Date('2026-12-07T00:00:00Z'))).toBe(true);
  });
});
