import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recovery of a disputed case's aid (API.md "Disclosures … and objections"): what came back, when and
 * by which ledger entry, stored on the case beside what was paid. And the index of paid cases still
 * awaiting their public notice, read by the overdue-disclosure rule (oldest payment first).
 */
export class CaseRecovery1765010000000 implements MigrationInterface {
  name = 'CaseRecovery1765010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cases
        ADD COLUMN recovered_entry_id   uuid,
        ADD COLUMN recovered_at         timestamptz,
        ADD COLUMN recovered_amount_fen bigint,
        ADD CONSTRAINT cases_recovered_entry_fkey
          FOREIGN KEY (society_id, recovered_entry_id) REFERENCES ledger_entries (society_id, id),
        -- All three together, and only on a recovered case (no case is recovered before this migration).
        ADD CONSTRAINT cases_recovery_complete CHECK (
          (recovered_entry_id IS NULL) = (recovered_at IS NULL)
          AND (recovered_entry_id IS NULL) = (recovered_amount_fen IS NULL)
          AND (status = 'recovered') = (recovered_entry_id IS NOT NULL)),
        -- Never more than was paid.
        ADD CONSTRAINT cases_recovery_within_paid CHECK (
          recovered_amount_fen IS NULL
          OR (paid_amount_fen IS NOT NULL AND recovered_amount_fen BETWEEN 1 AND paid_amount_fen))`);
    await q.query(`CREATE INDEX cases_awaiting_disclosure_idx ON cases (society_id, paid_at, id)
                     WHERE status = 'paid'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_awaiting_disclosure_idx`);
    await q.query(`
      ALTER TABLE cases
        DROP CONSTRAINT cases_recovery_within_paid,
        DROP CONSTRAINT cases_recovery_complete,
        DROP CONSTRAINT cases_recovered_entry_fkey,
        DROP COLUMN recovered_amount_fen,
        DROP COLUMN recovered_at,
        DROP COLUMN recovered_entry_id`);
  }
}
