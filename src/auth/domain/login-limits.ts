/** After this many failures for one username from one client within the window, that pair locks. */
export const MAX_FAILURES = 5;
export const WINDOW_MINUTES = 15;
export const LOCK_MINUTES = 15;
/** Failures for one username from all clients within the window before the back-off starts. */
export const BACKOFF_THRESHOLD = 20;
/** The back-off: one attempt per delay, doubling from BACKOFF_BASE_SECONDS up to BACKOFF_MAX_SECONDS. */
export const BACKOFF_BASE_SECONDS = 5;
export const BACKOFF_MAX_SECONDS = 30;
/** A client that logged in as the user within this many days is spared the back-off. */
export const KNOWN_CLIENT_DAYS = 30;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** What is stored about a username and one client (nulls: nothing stored). */
export interface LoginRecord {
  /** This client's lock on this username. */
  lockedUntil: Date | null;
  /** This client's last successful login as this username. */
  succeededAt: Date | null;
  /** Failures for the username from all clients, and when that window began. */
  backoffFailures: number | null;
  backoffFirstFailedAt: Date | null;
}

/** May this client try now: refused for some seconds, free, or only by claiming a back-off slot. */
export type AttemptVerdict = { refusedFor: number } | 'free' | 'claim-slot';

export function attemptVerdict(r: LoginRecord, now: Date): AttemptVerdict {
  if (r.lockedUntil && r.lockedUntil > now) return { refusedFor: secondsUntil(r.lockedUntil, now) };
  const known = r.succeededAt !== null && r.succeededAt.getTime() > now.getTime() - KNOWN_CLIENT_DAYS * DAY;
  const backoff =
    r.backoffFailures !== null &&
    r.backoffFailures >= BACKOFF_THRESHOLD &&
    r.backoffFirstFailedAt !== null &&
    r.backoffFirstFailedAt.getTime() >= now.getTime() - WINDOW_MINUTES * MINUTE;
  return backoff && !known ? 'claim-slot' : 'free';
}

/** Whole seconds from `now` to `until`, at least 1 (a Retry-After of 0 would invite a retry storm). */
export function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
