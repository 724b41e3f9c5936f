import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import type { Tx } from '../database/tx';

/** After this many failures within the window, the username is locked for LOCK_MINUTES. */
export const MAX_FAILURES = 5;
const WINDOW_MINUTES = 15;
const LOCK_MINUTES = 15;

/**
 * Failed logins counted per username in the database, so the limit holds across instances and for
 * unknown usernames alike (the answer never tells whether a username exists).
 */
@Injectable()
export class LoginThrottle {
  constructor(private readonly txHost: TransactionHost<Tx>) {}

  async assertNotLocked(username: string): Promise<void> {
    const rows = (await this.txHost.tx.query(
      `SELECT ceil(extract(epoch FROM locked_until - now()))::int AS wait
         FROM login_failures WHERE username_key = $1 AND locked_until > now()`,
      [key(username)],
    )) as { wait: number }[];
    if (rows.length) throw rateLimited(rows[0].wait);
  }

  async recordFailure(username: string): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO login_failures AS f (username_key, failures, first_failed_at) VALUES ($1, 1, now())
       ON CONFLICT (username_key) DO UPDATE SET
         failures = CASE WHEN f.first_failed_at < now() - make_interval(mins => $2) THEN 1 ELSE f.failures + 1 END,
         first_failed_at = CASE WHEN f.first_failed_at < now() - make_interval(mins => $2) THEN now() ELSE f.first_failed_at END,
         locked_until = CASE
           WHEN f.first_failed_at >= now() - make_interval(mins => $2) AND f.failures + 1 >= $3
           THEN now() + make_interval(mins => $4) END`,
      [key(username), WINDOW_MINUTES, MAX_FAILURES, LOCK_MINUTES],
    );
  }

  async clear(username: string): Promise<void> {
    await this.txHost.tx.query(`DELETE FROM login_failures WHERE username_key = $1`, [key(username)]);
  }
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
