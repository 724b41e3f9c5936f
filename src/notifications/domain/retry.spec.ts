import { afterFailure, FIRST_RETRY_MS, GIVE_UP_AFTER_MS, JITTER, MAX_RETRY_MS, retryDelayMs } from './retry';

const MID = 0.5; // no jitter: the factor is exactly 1

describe('retryDelayMs', () => {
  it('doubles from 10 s and stops at one hour', () => {
    const schedule = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 50].map((n) => retryDelayMs(n, MID));
    expect(schedule).toEqual([
      10_000,
      20_000,
      40_000,
      80_000,
      160_000,
      320_000,
      640_000,
      1_280_000,
      2_560_000,
      MAX_RETRY_MS,
      MAX_RETRY_MS,
    ]);
  });

  it('spreads each wait over ±20 %', () => {
    for (const n of [1, 4, 12]) {
      const base = Math.min(FIRST_RETRY_MS * 2 ** (n - 1), MAX_RETRY_MS);
      expect(retryDelayMs(n, 0)).toBe(Math.round(base * (1 - JITTER)));
      expect(retryDelayMs(n, 0.999999)).toBeLessThanOrEqual(base * (1 + JITTER));
      expect(retryDelayMs(n, 0.999999)).toBeGreaterThan(base);
      for (let r = 0; r < 1; r += 0.05) {
        const d = retryDelayMs(n, r);
        expect(d).toBeGreaterThanOrEqual(Math.round(base * (1 - JITTER)));
        expect(d).toBeLessThanOrEqual(Math.round(base * (1 + JITTER)));
      }
    }
  });

  it('refuses a count that is not a failure count', () => {
    for (const n of [0, -1, 1.5, Number.NaN]) expect(() => retryDelayMs(n, MID)).toThrow(RangeError);
  });
});

describe('afterFailure', () => {
  const occurred = new Date('2026-11-29T00:00:00Z');
  const at = (ms: number) => new Date(occurred.getTime() + ms);

  it('retries after the backoff', () => {
    expect(afterFailure(occurred, 1, at(0), MID)).toEqual({ retry: true, at: at(10_000) });
    expect(afterFailure(occurred, 3, at(30_000), MID)).toEqual({ retry: true, at: at(70_000) });
  });

  it('never schedules past 24 h after the event: the last try is then, then none', () => {
    const late = at(GIVE_UP_AFTER_MS - 60_000);
    expect(afterFailure(occurred, 20, late, MID)).toEqual({ retry: true, at: at(GIVE_UP_AFTER_MS) });
    expect(afterFailure(occurred, 21, at(GIVE_UP_AFTER_MS), MID)).toEqual({ retry: false });
    expect(afterFailure(occurred, 21, at(GIVE_UP_AFTER_MS + 1), MID)).toEqual({ retry: false });
  });

  it('tries 33 times over the 24 h when every attempt fails at once', () => {
    let now = occurred;
    let failures = 0;
    for (;;) {
      failures += 1;
      const next = afterFailure(occurred, failures, now, MID);
      if (!next.retry) break;
      expect(next.at.getTime()).toBeGreaterThan(now.getTime());
      now = next.at;
    }
    // Waits of 10 s … 2560 s (9, about 85 min), 22 of an hour, one cut short at 24 h: 33 attempts.
    expect(failures).toBe(33);
    expect(now).toEqual(at(GIVE_UP_AFTER_MS));
  });
});
