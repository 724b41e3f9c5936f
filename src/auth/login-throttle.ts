import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { attemptVerdict, secondsUntil } from './domain/login-limits';
import { LoginThrottleRepository } from './login-throttle.repository';

export {
  BACKOFF_BASE_SECONDS,
  BACKOFF_MAX_SECONDS,
  BACKOFF_THRESHOLD,
  MAX_FAILURES,
} from './domain/login-limits';

/**
 * Failed logins, kept in the database so the limits hold across instances, and counted for unknown
 * usernames alike (the answer never tells whether a username exists). OWASP's advice: a lock hurts
 * the guessing client (username + address), never the owner elsewhere; guesses spread over many
 * addresses only slow every new address to one attempt per few seconds, while addresses the owner
 * logged in from recently are not slowed at all.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly failures: LoginThrottleRepository,
    private readonly clock: Clock,
  ) {}

  /** Throws 429 when this client may not try this username now; else may claim a back-off slot. */
  async assertMayAttempt(username: string, client: string): Promise<void> {
    const now = this.clock.now();
    const verdict = attemptVerdict(await this.failures.record(key(username), client), now);
    if (verdict === 'free') return;
    if (verdict !== 'claim-slot') throw rateLimited(verdict.refusedFor);
    const slot = await this.failures.claimBackoffSlot(key(username), now);
    if (!slot.claimed) throw rateLimited(slot.opensAt ? secondsUntil(slot.opensAt, now) : 1);
  }

  async recordFailure(username: string, client: string): Promise<void> {
    await this.failures.recordFailure(key(username), client, this.clock.now());
  }

  /** A successful login: this client's counter starts again, and it is known to the owner. */
  async recordSuccess(username: string, client: string): Promise<void> {
    await this.failures.recordSuccess(key(username), client, this.clock.now());
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
