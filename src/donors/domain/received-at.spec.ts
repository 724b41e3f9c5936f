import { parseReceivedAt } from './received-at';

const instant = (text: string) => parseReceivedAt(text)?.instant?.toISOString();

describe('parseReceivedAt', () => {
  it('keeps a date as a local date (the service places it in the society’s time zone)', () => {
    expect(parseReceivedAt('2026-11-29')).toEqual({ date: '2026-11-29' });
    expect(parseReceivedAt('2024-02-29')).toEqual({ date: '2024-02-29' });
    expect(parseReceivedAt('0026-11-29')).toEqual({ date: '0026-11-29' }); // refused later: before 1949
  });

  it('reads a date-time with its offset, to the millisecond (truncated, as before)', () => {
    expect(instant('2026-11-29T10:30:00+08:00')).toBe('2026-11-29T02:30:00.000Z');
    expect(instant('2026-11-29T10:30+08:00')).toBe('2026-11-29T02:30:00.000Z');
    expect(instant('2026-11-29T10:30:00.1Z')).toBe('2026-11-29T10:30:00.100Z');
    expect(instant('2026-11-29T10:30:00.123999-05:30')).toBe('2026-11-29T16:00:00.123Z');
    expect(instant('0099-01-01T00:00:00Z')).toBe('0099-01-01T00:00:00.000Z'); // not 1999
  });

  it('accepts what PostgreSQL accepted at the edges: 24:00, a 60th second, ±15:59', () => {
    expect(instant('2026-11-29T24:00:00+08:00')).toBe('2026-11-29T16:00:00.000Z');
    expect(instant('2026-12-31T23:59:60Z')).toBe('2027-01-01T00:00:00.000Z');
    expect(instant('2026-11-29T00:00:00+15:59')).toBe('2026-11-28T08:01:00.000Z');
  });

  it('refuses what is not a real date or time', () => {
    for (const bad of [
      '2026-02-29',
      '2026-02-30',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '0000-01-01',
      '2026-11-29T24:00:01Z',
      '2026-11-29T24:00:00.000001Z',
      '2026-11-29T25:00:00Z',
      '2026-11-29T10:60:00Z',
      '2026-11-29T10:00:61Z',
      '2026-11-29T10:00:00+16:00',
      '2026-11-29T10:00:00+08:60',
      '2026-11-29T10:00:00', // no offset
      '29/11/2026',
      '',
    ]) {
      expect([bad, parseReceivedAt(bad)]).toEqual([bad, null]);
    }
  });
});
