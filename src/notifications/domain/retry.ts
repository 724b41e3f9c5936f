/**
 * When a failed webhook delivery is tried again (API.md "Notifications": at-least-once, exponential
 * backoff for 24 h). Pure: the clock's instant and the jitter's random number come from the caller.
 */

/** The first retry waits about this long; each further failure doubles it. */
export const FIRST_RETRY_MS = 10_000;
/** No wait between two attempts is longer. */
export const MAX_RETRY_MS = 3_600_000;
/** Deliveries stop this long after the event: the last attempt is at this instant. */
export const GIVE_UP_AFTER_MS = 24 * 3_600_000;
/** The jitter spreads each wait over ±this fraction, so many receivers' retries do not come in waves. */
export const JITTER = 0.2;

/**
 * The wait after the `failures`-th failed attempt (1 for the first): 10 s · 2^(failures−1), at most
 * an hour, times a factor in [1 − JITTER, 1 + JITTER) from `random` ∈ [0, 1).
 */
export function retryDelayMs(failures: number, random: number): number {
  if (!Number.isInteger(failures) || failures < 1)
    throw new RangeError(`failures must be ≥ 1, not ${failures}`);
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.min(failures - 1, 30), MAX_RETRY_MS);
  const factor = 1 - JITTER + 2 * JITTER * Math.min(Math.max(random, 0), 1);
  return Math.round(base * factor);
}

/** What follows a failed attempt: another at `at`, or none (the delivery has failed for good). */
export type AfterFailure = { retry: true; at: Date } | { retry: false };

/**
 * After the `failures`-th failed attempt at `now` of an event that occurred at `occurredAt`: the next
 * attempt, never later than 24 h after the event (one last try then); none once that time has come.
 */
export function afterFailure(occurredAt: Date, failures: number, now: Date, random: number): AfterFailure {
  const deadline = occurredAt.getTime() + GIVE_UP_AFTER_MS;
  if (now.getTime() >= deadline) return { retry: false };
  const at = Math.min(now.getTime() + retryDelayMs(failures, random), deadline);
  return { retry: true, at: new Date(at) };
}
