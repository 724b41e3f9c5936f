import fc from 'fast-check';
import { addDays, daysBetween, localDay, localDayRange, startOfLocalDay } from './calendar';

describe('society calendar', () => {
  it('gives the local day of an instant in the zone', () => {
    const t = new Date('2026-12-31T16:30:00Z'); // 00:30 on 1 January in Shanghai
    expect(localDay(t, 'Asia/Shanghai')).toEqual({ date: '2027-01-01', year: 2027, month: 1, day: 1 });
    expect(localDay(t, 'UTC')).toEqual({ date: '2026-12-31', year: 2026, month: 12, day: 31 });
    expect(localDay(t, 'America/New_York').date).toBe('2026-12-31');
  });

  it('starts a local day at local midnight', () => {
    expect(startOfLocalDay('2026-11-29', 'Asia/Shanghai').toISOString()).toBe('2026-11-28T16:00:00.000Z');
    expect(startOfLocalDay('2026-11-29', 'UTC').toISOString()).toBe('2026-11-29T00:00:00.000Z');
    expect(startOfLocalDay('2026-07-01', 'Europe/Berlin').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(startOfLocalDay('2026-01-01', 'Europe/Berlin').toISOString()).toBe('2025-12-31T23:00:00.000Z');
  });

  it('handles days that begin on a DST change', () => {
    // Havana moves clocks at midnight: 2026-03-08 00:00 does not exist, the day starts at 01:00.
    const start = startOfLocalDay('2026-03-08', 'America/Havana');
    expect(localDay(start, 'America/Havana').date).toBe('2026-03-08');
    expect(localDay(new Date(start.getTime() - 1), 'America/Havana').date).toBe('2026-03-07');
    // São Paulo in 2018 (DST began at midnight on 4 November).
    const sp = startOfLocalDay('2018-11-04', 'America/Sao_Paulo');
    expect(localDay(sp, 'America/Sao_Paulo').date).toBe('2018-11-04');
    expect(localDay(new Date(sp.getTime() - 1), 'America/Sao_Paulo').date).toBe('2018-11-03');
  });

  it('for any instant and zone, the day starts at or before it and the previous ms is the day before', () => {
    const zones = [
      'Asia/Shanghai',
      'UTC',
      'Europe/Berlin',
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
    ];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2060-01-01'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (t, zone) => {
          const day = localDay(t, zone).date;
          const start = startOfLocalDay(day, zone);
          expect(start.getTime()).toBeLessThanOrEqual(t.getTime());
          expect(localDay(start, zone).date).toBe(day);
          expect(localDay(new Date(start.getTime() - 1), zone).date).toBe(addDays(day, -1));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('adds days across months and years, and gives [from, to] as half-open instants', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01'); // not read as 1999
    expect(startOfLocalDay('0050-06-01', 'UTC').toISOString()).toBe('0050-06-01T00:00:00.000Z');
    const r = localDayRange('2026-11-01', '2026-11-30', 'Asia/Shanghai');
    expect(r.from?.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(r.to?.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(localDayRange(undefined, undefined, 'UTC')).toEqual({ from: null, to: null });
  });

  it('counts the days between two local days, the inverse of addDays', () => {
    expect(daysBetween('2026-11-29', '2026-11-29')).toBe(0);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2028-03-01', '2028-02-28')).toBe(-2); // a leap year
    expect(daysBetween('0099-12-31', '0100-01-01')).toBe(1);
    const day = fc.integer({ min: 0, max: 3_000_000 }).map((n) => addDays('1000-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: -100_000, max: 100_000 }), (date, n) => {
        expect(daysBetween(date, addDays(date, n))).toBe(n);
      }),
    );
  });
});
