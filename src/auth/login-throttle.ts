import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import type { Tx } from '../database/tx';

/** After this many failures for one username from one client within the window, that pair locks. */
export const MAX_FAILURES = 5;
const WINDOW_MINUTES = 15;
const LOCK_MINUTES = 15;
/** Failures for one username from all clients within the window before the back-off starts. */
export const BACKOFF_THRESHOLD = 20;
/** The back-off: one attempt per delay, doubling from BACKOFF_BASE_SECONDS up to BACKOFF_MAX_SECONDS. */
export const BACKOFF_BASE_SECONDS = 5;
export const BACKOFF_MAX_SECONDS = 30;
/** A client that logged in as the user within this many days is spared the back-off. */
const KNOWN_CLIENT_DAYS = 30;

/** SQL: the back-off delay after `failures` failures, as an interval. */
function delaySql(failures: string): string {
  const seconds = `least(${BACKOFF_MAX_SECONDS}, ${BACKOFF_BASE_SECONDS} * power(2, greatest(0, ${failures} - ${BACKOFF_THRESHOLD})))`;
  return `make_interval(secs => ${seconds})`;
}

/**
 * Failed logins, kept in the database so the limits hold across instances, and counted for unknown
 * usernames alike (the answer never tells whether a username exists). OWASP's advice: a lock hurts
 * the guessing client (username + address), never the owner elsewhere; guesses spread over many
 * addresses only slow every new address to one attempt per few seconds, while addresses the owner
 * logged in from recently are not slowed at all.
 */
@Injectable()
export class LoginThrottle {
  constructor(private readonly txHost: TransactionHost<Tx>) {}

  /** Throws 429 when this client may not try this username now; else may claim a back-off slot. */
  async assertMayAttempt(username: string, client: string): Promise<void> {
    const [state] = (await this.txHost.tx.query(
      `SELECT CASE WHEN c.locked_until > now() THEN ceil(extract(epoch FROM c.locked_until - now()))::int END AS locked_for,
              coalesce(c.succeeded_at > now() - make_interval(days => $3), false) AS known,
              coalesce(b.failures >= $4 AND b.first_failed_at >= now() - make_interval(mins => $5), false) AS backoff
         FROM (SELECT 1) one
         LEFT JOIN login_client_failures c ON c.username_key = $1 AND c.client = $2
         LEFT JOIN login_backoff b ON b.username_key = $1`,
      [key(username), client, KNOWN_CLIENT_DAYS, BACKOFF_THRESHOLD, WINDOW_MINUTES],
    )) as { locked_for: number | null; known: boolean; backoff: boolean }[];
    if (state.locked_for !== null) throw rateLimited(Math.max(1, state.locked_for));
    if (!state.backoff || state.known) return;
    // One attempt per delay for the username: the first caller after the delay claims the slot.
    const [claim] = (await this.txHost.tx.query(
      `WITH claimed AS (
         UPDATE login_backoff SET next_attempt_at = now() + ${delaySql('failures')}
          WHERE username_key = $1 AND (next_attempt_at IS NULL OR next_attempt_at <= now())
         RETURNING 1)
       SELECT (SELECT count(*) FROM claimed)::int AS claimed,
              greatest(1, ceil(extract(epoch FROM next_attempt_at - now())))::int AS wait
         FROM login_backoff WHERE username_key = $1`,
      [key(username)],
    )) as { claimed: number; wait: number }[];
    if (claim && !claim.claimed) throw rateLimited(claim.wait);
  }

  async recordFailure(username: string, client: string): Promise<void> {
    const params = [key(username), client, WINDOW_MINUTES, MAX_FAILURES, LOCK_MINUTES];
    await this.txHost.tx.query(
      `INSERT INTO login_client_failures AS f (username_key, client, failures, first_failed_at)
       VALUES ($1, $2, 1, now())
       ON CONFLICT (username_key, client) DO UPDATE SET
         failures = CASE WHEN ${expired('f', '$3')} THEN 1 ELSE f.failures + 1 END,
         first_failed_at = CASE WHEN ${expired('f', '$3')} THEN now() ELSE f.first_failed_at END,
         locked_until = CASE WHEN NOT ${expired('f', '$3')} AND f.failures + 1 >= $4
                             THEN now() + make_interval(mins => $5) END`,
      params,
    );
    await this.txHost.tx.query(
      `INSERT INTO login_backoff AS b (username_key, failures, first_failed_at) VALUES ($1, 1, now())
       ON CONFLICT (username_key) DO UPDATE SET
         failures = CASE WHEN ${expired('b', '$2')} THEN 1 ELSE b.failures + 1 END,
         first_failed_at = CASE WHEN ${expired('b', '$2')} THEN now() ELSE b.first_failed_at END,
         next_attempt_at = CASE WHEN NOT ${expired('b', '$2')} AND b.failures + 1 >= $3
           THEN greatest(b.next_attempt_at, now() + ${delaySql('b.failures + 1')})
           ELSE b.next_attempt_at END`,
      [key(username), WINDOW_MINUTES, BACKOFF_THRESHOLD],
    );
    // Forget this username's addresses that neither count nor lock any more (a spray leaves many).
    await this.txHost.tx.query(
      `DELETE FROM login_client_failures
        WHERE username_key = $1 AND client <> $2 AND ${expired('login_client_failures', '$3')}
          AND coalesce(locked_until <= now(), true)
          AND coalesce(succeeded_at <= now() - make_interval(days => $4), true)`,
      [key(username), client, WINDOW_MINUTES, KNOWN_CLIENT_DAYS],
    );
  }

  /** A successful login: this client's counter starts again, and it is known to the owner. */
  async recordSuccess(username: string, client: string): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO login_client_failures (username_key, client, succeeded_at) VALUES ($1, $2, now())
       ON CONFLICT (username_key, client) DO UPDATE SET
         failures = 0, first_failed_at = NULL, locked_until = NULL, succeeded_at = now()`,
      [key(username), client],
    );
  }
}

/** SQL: the row's failure window is over (or never started). */
function expired(alias: string, minutesParam: string): string {
  return `coalesce(${alias}.first_failed_at < now() - make_interval(mins => ${minutesParam}), true)`;
}

function key(username: string): string {
  return username.trim().toLowerCase();
}

function rateLimited(waitSeconds: number): AppError {
  const error = new AppError(
    'RATE_LIMITED',
    { retryAfterSeconds: waitSeconds },
    {
      zh: '登录失败次数过多，请稍后再试',
      en: 'Too many failed logins; try again later',
    },
  );
  Object.assign(error, { retryAfter: waitSeconds });
  return error;
}
