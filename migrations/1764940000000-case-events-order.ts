import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The timeline's order: events written in one instant of the Clock (a deciding ballot approves the
 * case in the same transaction, a frozen clock in tests) keep the order they were written in.
 */
export class CaseEventsOrder1764940000000 implements MigrationInterface {
  name = 'CaseEventsOrder1764940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_events ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY`);
    await q.query(`DROP INDEX case_events_case_idx`);
    await q.query(`CREATE INDEX case_events_case_idx ON case_events (society_id, case_id, at, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX case_events_case_idx`);
    await q.query(`ALTER TABLE case_events DROP COLUMN seq`);
    await q.query(`CREATE INDEX case_events_case_idx ON case_events (society_id, case_id, at, id)`);
  }
}
