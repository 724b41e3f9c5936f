import fc from 'fast-check';
import { disclosureDueOn, disclosureLateness, overdueIfPaidBefore } from './overdue-disclosure';

const at = (iso: string) => new Date(iso);

describe('overdue disclosure (publicize within disclosureDeadlineDays of payment)', () => {
  it('is due on the local day of payment plus the deadline, and in time through that whole day', () => {
    // Paid 09:30 on 1 November in Shanghai; 10 days: due on 11 November.
    const paidAt = at('2026-11-01T01:30:00Z');
    expect(disclosureDueOn(paidAt, 'Asia/Shanghai', 10)).toBe('2026-11-11');
    // The last instant of 11 November (Shanghai) is in time; the first of the 12th is a day late.
    expect(disclosureLateness(paidAt, at('2026-11-11T15:59:59.999Z'), 'Asia/Shanghai', 10)).toBeNull();
    expect(disclosureLateness(paidAt, at('2026-11-11T16:00:00Z'), 'Asia/Shanghai', 10)).toEqual({
      dueOn: '2026-11-11',
      daysOverdue: 1,
    });
    expect(disclosureLateness(paidAt, at('2026-11-21T16:00:00Z'), 'Asia/Shanghai', 10)).toEqual({
      dueOn: '2026-11-11',
      daysOverdue: 11,
    });
  });

  it('counts the days of the society, not of UTC', () => {
    // 23:59:59 on 1 November in Shanghai, still 1 November in UTC: paid on the 1st.
    expect(disclosureDueOn(at('2026-11-01T15:59:59Z'), 'Asia/Shanghai', 10)).toBe('2026-11-11');
    // 00:00 on 2 November in Shanghai, still 1 November in UTC: paid on the 2nd.
    expect(disclosureDueOn(at('2026-11-01T16:00:00Z'), 'Asia/Shanghai', 10)).toBe('2026-11-12');
    // The same instant is late in Shanghai (already the 12th there) and in time in UTC (the 11th).
    const paidAt = at('2026-11-01T12:00:00Z');
    const now = at('2026-11-11T20:00:00Z');
    expect(disclosureLateness(paidAt, now, 'Asia/Shanghai', 10)?.daysOverdue).toBe(1);
    expect(disclosureLateness(paidAt, now, 'UTC', 10)).toBeNull();
    // Far east and far west of UTC: the same payment falls on different local days.
    expect(disclosureDueOn(paidAt, 'Pacific/Kiritimati', 1)).toBe('2026-11-03');
    expect(disclosureDueOn(paidAt, 'Pacific/Pago_Pago', 1)).toBe('2026-11-02');
  });

  it('crosses months, years, leap days and DST changes on the plain calendar', () => {
    expect(disclosureDueOn(at('2026-12-25T04:00:00Z'), 'Asia/Shanghai', 10)).toBe('2027-01-04');
    expect(disclosureDueOn(at('2028-02-20T04:00:00Z'), 'Asia/Shanghai', 10)).toBe('2028-03-01');
    // New York springs forward on 8 March 2026: still ten local days, and midnight is local midnight.
    const paidAt = at('2026-03-01T17:00:00Z'); // noon on 1 March in New York
    expect(disclosureDueOn(paidAt, 'America/New_York', 10)).toBe('2026-03-11');
    expect(disclosureLateness(paidAt, at('2026-03-12T03:59:59Z'), 'America/New_York', 10)).toBeNull();
    expect(disclosureLateness(paidAt, at('2026-03-12T04:00:00Z'), 'America/New_York', 10)).toEqual({
      dueOn: '2026-03-11',
      daysOverdue: 1,
    });
  });

  it('gives the bound of the index scan: paid before it ⇔ overdue', () => {
    const now = at('2026-11-29T02:00:00Z'); // 10:00 on 29 November in Shanghai
    const bound = overdueIfPaidBefore(now, 'Asia/Shanghai', 10);
    expect(bound.toISOString()).toBe('2026-11-18T16:00:00.000Z'); // 00:00 on 19 November
    expect(disclosureLateness(new Date(bound.getTime() - 1), now, 'Asia/Shanghai', 10)).toEqual({
      dueOn: '2026-11-28',
      daysOverdue: 1,
    });
    expect(disclosureLateness(bound, now, 'Asia/Shanghai', 10)).toBeNull();
  });

  it('agrees with the bound for any payment, moment, zone and deadline', () => {
    const zones = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];
    const instant = fc
      .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) })
      .map((t) => new Date(t));
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 120 * 86_400_000 }),
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 90 }),
        (paidAt, later, zone, days) => {
          const now = new Date(paidAt.getTime() + later);
          const late = disclosureLateness(paidAt, now, zone, days);
          expect(late !== null).toBe(paidAt < overdueIfPaidBefore(now, zone, days));
          if (late) expect(late.daysOverdue).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is never overdue on the day of payment, even with no days allowed… until the next day', () => {
    const paidAt = at('2026-11-29T02:00:00Z');
    expect(disclosureLateness(paidAt, at('2026-11-29T15:59:59Z'), 'Asia/Shanghai', 0)).toBeNull();
    expect(disclosureLateness(paidAt, at('2026-11-29T16:00:00Z'), 'Asia/Shanghai', 0)?.daysOverdue).toBe(1);
  });

  it.each([-1, 1.5, Number.NaN])('treats a deadline of %p days as a bug', (days) => {
    expect(() => disclosureDueOn(at('2026-11-29T02:00:00Z'), 'UTC', days)).toThrow(RangeError);
    expect(() => overdueIfPaidBefore(at('2026-11-29T02:00:00Z'), 'UTC', days)).toThrow(RangeError);
  });
});
