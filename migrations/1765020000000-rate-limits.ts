import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The shared rate limiter of public POST routes (src/common/http/rate-limit.ts): one row per
 * (bucket, key), e.g. ('objection', a client address), counting the requests of a fixed window that
 * starts at the key's first request. Kept in PostgreSQL so that the limit holds across every app
 * instance. Not a society's table: a client is limited across societies.
 */
export class RateLimits1765020000000 implements MigrationInterface {
  name = 'RateLimits1765020000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rate_limits (
        bucket    text NOT NULL,
        key       text NOT NULL,
        -- Requests in the window, refused ones included, counted up to the limit + 1.
        hits      integer NOT NULL CHECK (hits > 0),
        resets_at timestamptz NOT NULL,
        PRIMARY KEY (bucket, key)
      )`);
    // Each take prunes a few windows that are over, oldest first.
    await q.query(`CREATE INDEX rate_limits_resets_idx ON rate_limits (resets_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limits`);
  }
}
