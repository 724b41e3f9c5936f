import { createHash } from 'node:crypto';

/**
 * The first key of every scheduler lock (pg_try_advisory_lock(int, int)): the two-int key space does
 * not overlap the one-bigint space of the migration lock, and this constant keeps it apart from any
 * other two-int lock.
 */
export const SCHEDULER_LOCK_SPACE = 0x6875_7a68; // "huzh"

/** The second key: a stable 32-bit signed integer from the job's name. */
export function jobLockKey(name: string): number {
  return createHash('sha256').update(name).digest().readInt32BE(0);
}
