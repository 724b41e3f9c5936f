import {
  attemptVerdict,
  BACKOFF_THRESHOLD,
  KNOWN_CLIENT_DAYS,
  LoginRecord,
  secondsUntil,
  WINDOW_MINUTES,
} from './login-limits';

const now = new Date('2026-11-29T08:00:00.000Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const nothing: LoginRecord = {
  lockedUntil: null,
  succeededAt: null,
  backoffFailures: null,
  backoffFirstFailedAt: null,
};
const spray: LoginRecord = {
  ...nothing,
  backoffFailures: BACKOFF_THRESHOLD,
  backoffFirstFailedAt: ago(MINUTE),
};

describe('login limits', () => {
  it('lets a client with nothing stored try', () => {
    expect(attemptVerdict(nothing, now)).toBe('free');
  });

  it('refuses a locked client for the whole seconds left, at least one', () => {
    expect(attemptVerdict({ ...nothing, lockedUntil: new Date(now.getTime() + 90_500) }, now)).toEqual({
      refusedFor: 91,
    });
    expect(attemptVerdict({ ...nothing, lockedUntil: new Date(now.getTime() + 1) }, now)).toEqual({
      refusedFor: 1,
    });
    expect(attemptVerdict({ ...nothing, lockedUntil: now }, now)).toBe('free'); // the lock is over
  });

  it('makes a new client claim a slot once the username is sprayed, within the window only', () => {
    expect(attemptVerdict(spray, now)).toBe('claim-slot');
    expect(attemptVerdict({ ...spray, backoffFailures: BACKOFF_THRESHOLD - 1 }, now)).toBe('free');
    expect(attemptVerdict({ ...spray, backoffFirstFailedAt: ago(WINDOW_MINUTES * MINUTE) }, now)).toBe(
      'claim-slot',
    );
    expect(attemptVerdict({ ...spray, backoffFirstFailedAt: ago(WINDOW_MINUTES * MINUTE + 1) }, now)).toBe(
      'free',
    );
  });

  it('spares a client the owner logged in from recently', () => {
    expect(attemptVerdict({ ...spray, succeededAt: ago(KNOWN_CLIENT_DAYS * DAY - 1) }, now)).toBe('free');
    expect(attemptVerdict({ ...spray, succeededAt: ago(KNOWN_CLIENT_DAYS * DAY) }, now)).toBe('claim-slot');
    // ...but not a lock: that is the guessing client's own.
    const locked = { ...spray, succeededAt: ago(MINUTE), lockedUntil: new Date(now.getTime() + 5000) };
    expect(attemptVerdict(locked, now)).toEqual({ refusedFor: 5 });
  });

  it('rounds waits up to whole seconds, never below one', () => {
    expect(secondsUntil(new Date(now.getTime() + 4001), now)).toBe(5);
    expect(secondsUntil(ago(3000), now)).toBe(1);
  });
});
