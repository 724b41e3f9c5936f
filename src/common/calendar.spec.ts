import fc from 'fast-check';
import {
  addDays,
  compareMonths,
  daysBetween,
  localDateTime,
  localDay,
  localDayRange,
  localMonthRange,
  monthKey,
  nextMonth,
  startOfLocalDay,
} from './calendar';

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

describe('society months', () => {
  it('names a month YYYY-MM', () => {
    expect(monthKey({ year: 2026, month: 3 })).toBe('2026-03');
    expect(monthKey({ year: 987, month: 12 })).toBe('0987-12');
  });

  it('steps to the next month across a year end', () => {
    expect(nextMonth({ year: 2026, month: 11 })).toEqual({ year: 2026, month: 12 });
    expect(nextMonth({ year: 2026, month: 12 })).toEqual({ year: 2027, month: 1 });
  });

  it('orders months', () => {
    expect(compareMonths({ year: 2026, month: 12 }, { year: 2027, month: 1 })).toBeLessThan(0);
    expect(compareMonths({ year: 2027, month: 1 }, { year: 2026, month: 12 })).toBeGreaterThan(0);
    expect(compareMonths({ year: 2026, month: 5 }, { year: 2026, month: 5 })).toBe(0);
  });

  it('ranges a month from its first local midnight to the next month’s', () => {
    expect(localMonthRange({ year: 2026, month: 12 }, 'Asia/Shanghai')).toEqual({
      from: new Date('2026-11-30T16:00:00.000Z'),
      to: new Date('2026-12-31T16:00:00.000Z'),
    });
    expect(localMonthRange({ year: 2024, month: 2 }, 'UTC')).toEqual({
      from: new Date('2024-02-01T00:00:00.000Z'),
      to: new Date('2024-03-01T00:00:00.000Z'),
    });
    // March in Berlin starts in winter time and ends in summer time.
    expect(localMonthRange({ year: 2026, month: 3 }, 'Europe/Berlin')).toEqual({
      from: new Date('2026-02-28T23:00:00.000Z'),
      to: new Date('2026-03-31T22:00:00.000Z'),
    });
  });

  it('tiles time: each instant is in exactly the month its local day says', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2090-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom('Asia/Shanghai', 'UTC', 'Europe/Berlin', 'America/New_York'),
        (instant, zone) => {
          const { year, month } = localDay(instant, zone);
          const range = localMonthRange({ year, month }, zone);
          expect(range.from.getTime()).toBeLessThanOrEqual(instant.getTime());
          expect(instant.getTime()).toBeLessThan(range.to.getTime());
          expect(localMonthRange(nextMonth({ year, month }), zone).from).toEqual(range.to);
        },
      ),
    );
  });
});

describe('localDateTime', () => {
  it("is the instant's wall-clock time in the zone, seconds included, 00–23 hours", () => {
    expect(localDateTime(new Date('2025-12-31T20:00:05Z'), 'Asia/Shanghai')).toBe('2026-01-01 04:00:05');
    expect(localDateTime(new Date('2026-01-01T00:00:00Z'), 'UTC')).toBe('2026-01-01 00:00:00');
    expect(localDateTime(new Date('2026-03-08T07:30:00Z'), 'America/New_York')).toBe('2026-03-08 03:30:00');
  });
});
