import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys of routes outside any society (a public objection POST, say) are kept under the
 * nil UUID, as the audit keeps the platform's own chain: the society_id that was NULL there would
 * never collide in the primary key, so a repeated request would not be recognised. No society has
 * that id, so the column can no longer reference societies.
 */
export class IdempotencyPlatformScope1764700000000 implements MigrationInterface {
  name = 'IdempotencyPlatformScope1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_society_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM idempotency_keys WHERE society_id = '00000000-0000-0000-0000-000000000000'`);
    await q.query(`
      ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_society_id_fkey
        FOREIGN KEY (society_id) REFERENCES societies (id)`);
  }
}
