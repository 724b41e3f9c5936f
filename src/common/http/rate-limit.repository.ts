import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';

/** A key's window after a hit: its hits (refused ones too, counted up to `limit + 1`) and its end. */
export interface RateWindow {
  hits: number;
  resetsAt: Date;
}

/** How many windows that are over one hit deletes: more than it can add, so the table stays small. */
const PRUNE_PER_HIT = 2;

/**
 * rate_limits: one fixed window per (bucket, key), starting at the key's first hit after the last
 * window ended. Every instant is the caller's (the Clock's), never the database's now().
 */
@Injectable()
export class RateLimitRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /**
   * Counts a hit in one statement: a new window (first hit, or the last one is over) or one more hit
   * in the current one. Concurrent hits of a key queue on its row (ON CONFLICT), so each sees the
   * count of the ones before it. The same statement deletes a few other keys' finished windows,
   * skipping rows another hit holds.
   */
  async hit(bucket: string, key: string, now: Date, windowMs: number, limit: number): Promise<RateWindow> {
    const [row] = (await this.txHost.tx.query(
      `WITH finished AS (
         SELECT bucket, key FROM rate_limits
          WHERE resets_at <= $3::timestamptz AND (bucket, key) <> ($1::text, $2::text)
          ORDER BY resets_at LIMIT ${PRUNE_PER_HIT}
          FOR UPDATE SKIP LOCKED
       ), pruned AS (
         DELETE FROM rate_limits r USING finished f WHERE r.bucket = f.bucket AND r.key = f.key
       )
       INSERT INTO rate_limits AS r (bucket, key, hits, resets_at) VALUES ($1, $2, 1, $4::timestamptz)
       ON CONFLICT (bucket, key) DO UPDATE SET
         hits = CASE WHEN r.resets_at <= $3::timestamptz THEN 1 ELSE least(r.hits + 1, $5::int) END,
         resets_at = CASE WHEN r.resets_at <= $3::timestamptz THEN EXCLUDED.resets_at ELSE r.resets_at END
       RETURNING hits, resets_at`,
      [bucket, key, now, new Date(now.getTime() + windowMs), limit + 1],
    )) as { hits: number; resets_at: Date }[];
    return { hits: row.hits, resetsAt: new Date(row.resets_at) };
  }
}
