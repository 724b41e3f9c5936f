import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/tx';
import {
  BACKOFF_BASE_SECONDS,
  BACKOFF_MAX_SECONDS,
  BACKOFF_THRESHOLD,
  KNOWN_CLIENT_DAYS,
  LOCK_MINUTES,
  LoginRecord,
  MAX_FAILURES,
  WINDOW_MINUTES,
} from './domain/login-limits';

/** SQL: the back-off delay after `failures` failures, as an interval. */
function delaySql(failures: string): string {
  const seconds = `least(${BACKOFF_MAX_SECONDS}, ${BACKOFF_BASE_SECONDS} * power(2, greatest(0, ${failures} - ${BACKOFF_THRESHOLD})))`;
  return `make_interval(secs => ${seconds})`;
}

/** SQL: the row's failure window is over (or never started) at `nowParam`. */
function expired(alias: string, nowParam: string, minutesParam: string): string {
  return `coalesce(${alias}.first_failed_at < ${nowParam}::timestamptz - make_interval(mins => ${minutesParam}), true)`;
}

interface RecordRow {
  locked_until: Date | null;
  succeeded_at: Date | null;
  failures: number | null;
  first_failed_at: Date | null;
}

/**
 * Failed logins per username (login_backoff) and per username and client (login_client_failures).
 * Every instant is the caller's (the Clock's), never the database's now().
 */
@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly txHost: TransactionHost<Tx>) {}

  async record(usernameKey: string, client: string): Promise<LoginRecord> {
    const [row] = (await this.txHost.tx.query(
      `SELECT c.locked_until, c.succeeded_at, b.failures, b.first_failed_at
         FROM (SELECT 1) one
         LEFT JOIN login_client_failures c ON c.username_key = $1 AND c.client = $2
         LEFT JOIN login_backoff b ON b.username_key = $1`,
      [usernameKey, client],
    )) as RecordRow[];
    return {
      lockedUntil: row.locked_until,
      succeededAt: row.succeeded_at,
      backoffFailures: row.failures,
      backoffFirstFailedAt: row.first_failed_at,
    };
  }

  /**
   * One attempt per delay for the username: the first caller after the delay claims the slot (and
   * starts the next delay). Unclaimed: when the current slot opens (null when nothing is stored).
   */
  async claimBackoffSlot(
    usernameKey: string,
    now: Date,
  ): Promise<{ claimed: boolean; opensAt: Date | null }> {
    const [row] = (await this.txHost.tx.query(
      `WITH claimed AS (
         UPDATE login_backoff SET next_attempt_at = $2::timestamptz + ${delaySql('failures')}
          WHERE username_key = $1 AND (next_attempt_at IS NULL OR next_attempt_at <= $2::timestamptz)
         RETURNING 1)
       SELECT (SELECT count(*) FROM claimed)::int AS claimed, next_attempt_at
         FROM login_backoff WHERE username_key = $1`,
      [usernameKey, now],
    )) as { claimed: number; next_attempt_at: Date | null }[];
    return row
      ? { claimed: row.claimed > 0, opensAt: row.next_attempt_at }
      : { claimed: true, opensAt: null };
  }

  /** Counts a failure for the pair and for the username, locking or slowing as the limits say. */
  async recordFailure(usernameKey: string, client: string, now: Date): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO login_client_failures AS f (username_key, client, failures, first_failed_at)
       VALUES ($1, $2, 1, $6::timestamptz)
       ON CONFLICT (username_key, client) DO UPDATE SET
         failures = CASE WHEN ${expired('f', '$6', '$3')} THEN 1 ELSE f.failures + 1 END,
         first_failed_at = CASE WHEN ${expired('f', '$6', '$3')} THEN $6::timestamptz ELSE f.first_failed_at END,
         locked_until = CASE WHEN NOT ${expired('f', '$6', '$3')} AND f.failures + 1 >= $4
                             THEN $6::timestamptz + make_interval(mins => $5) END`,
      [usernameKey, client, WINDOW_MINUTES, MAX_FAILURES, LOCK_MINUTES, now],
    );
    await this.txHost.tx.query(
      `INSERT INTO login_backoff AS b (username_key, failures, first_failed_at) VALUES ($1, 1, $4::timestamptz)
       ON CONFLICT (username_key) DO UPDATE SET
         failures = CASE WHEN ${expired('b', '$4', '$2')} THEN 1 ELSE b.failures + 1 END,
         first_failed_at = CASE WHEN ${expired('b', '$4', '$2')} THEN $4::timestamptz ELSE b.first_failed_at END,
         next_attempt_at = CASE WHEN NOT ${expired('b', '$4', '$2')} AND b.failures + 1 >= $3
           THEN greatest(b.next_attempt_at, $4::timestamptz + ${delaySql('b.failures + 1')})
           ELSE b.next_attempt_at END`,
      [usernameKey, WINDOW_MINUTES, BACKOFF_THRESHOLD, now],
    );
    // Forget this username's addresses that neither count nor lock any more (a spray leaves many).
    await this.txHost.tx.query(
      `DELETE FROM login_client_failures
        WHERE username_key = $1 AND client <> $2 AND ${expired('login_client_failures', '$5', '$3')}
          AND coalesce(locked_until <= $5::timestamptz, true)
          AND coalesce(succeeded_at <= $5::timestamptz - make_interval(days => $4), true)`,
      [usernameKey, client, WINDOW_MINUTES, KNOWN_CLIENT_DAYS, now],
    );
  }

  /** A successful login: this client's counter starts again, and it is known to the owner. */
  async recordSuccess(usernameKey: string, client: string, now: Date): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO login_client_failures (username_key, client, succeeded_at) VALUES ($1, $2, $3::timestamptz)
       ON CONFLICT (username_key, client) DO UPDATE SET
         failures = 0, first_failed_at = NULL, locked_until = NULL, succeeded_at = $3::timestamptz`,
      [usernameKey, client, now],
    );
  }
}
