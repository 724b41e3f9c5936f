import { AppError } from '../common/errors/app-error';
import { paidAtOf } from './paid-at';

describe('paidAtOf (the payment instant)', () => {
  const now = new Date('2026-11-29T08:00:00.000Z');
  const fail = (given: string) => {
    try {
      paidAtOf(given, 'Asia/Shanghai', now);
    } catch (e) {
      return e instanceof AppError ? e.code : 'other';
    }
    return 'accepted';
  };

  it('is now when not given', () => {
    expect(paidAtOf(undefined, 'Asia/Shanghai', now)).toBe(now);
  });

  it("reads a date as the start of that day in the society's time zone", () => {
    expect(paidAtOf('2026-11-29', 'Asia/Shanghai', now).toISOString()).toBe('2026-11-28T16:00:00.000Z');
  });

  it('reads a date-time with its offset', () => {
    expect(paidAtOf('2026-01-01T00:30:00+08:00', 'Asia/Shanghai', now).toISOString()).toBe(
      '2025-12-31T16:30:00.000Z',
    );
  });

  it('refuses days that do not exist and instants in the future', () => {
    expect(fail('2026-02-30')).toBe('VALIDATION_FAILED');
    expect(fail('2026-02-30T10:00:00Z')).toBe('VALIDATION_FAILED');
    expect(fail('2026-11-29T08:00:01.000Z')).toBe('VALIDATION_FAILED');
    expect(fail('2026-11-29T08:00:00.000Z')).toBe('accepted');
  });
});
