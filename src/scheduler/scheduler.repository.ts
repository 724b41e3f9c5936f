import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { jobLockKey, SCHEDULER_LOCK_SPACE } from './job-lock-key';

export type LockOutcome<T> = { locked: true; value: T } | { locked: false };

/**
 * The job locks. A session advisory lock on a connection of its own (not the job's transactions,
 * which come and go): held for the whole tick, released in `finally` even when the job throws, and
 * dropped by PostgreSQL with the connection when the process dies (kill -9 included).
 */
@Injectable()
export class SchedulerRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `fn` holding the lock of job `name`; does not run it when another session holds the lock. */
  async withJobLock<T>(name: string, fn: () => Promise<T>): Promise<LockOutcome<T>> {
    const runner = this.dataSource.createQueryRunner();
    const key = [SCHEDULER_LOCK_SPACE, jobLockKey(name)];
    try {
      const [row] = (await runner.query('SELECT pg_try_advisory_lock($1, $2) AS locked', key)) as {
        locked: boolean;
      }[];
      if (!row.locked) return { locked: false };
      try {
        return { locked: true, value: await fn() };
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1, $2)', key);
      }
    } finally {
      await runner.release();
    }
  }
}
