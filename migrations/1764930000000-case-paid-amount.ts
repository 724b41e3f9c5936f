import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What was paid on a case: at most the approved amount, and what the annual cap per person adds up
 * (a payment below the approved amount releases the rest, so approved_amount_fen would over-count).
 * Set by the payment route together with paid_entry_id and paid_at.
 */
export class CasePaidAmount1764930000000 implements MigrationInterface {
  name = 'CasePaidAmount1764930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN paid_amount_fen bigint CHECK (paid_amount_fen > 0)`);
    // The annual cap sums a person's payments in one society and one year.
    await q.query(`CREATE INDEX cases_paid_person_idx ON cases (society_id, applicant_id_hmac, paid_at)
                     WHERE paid_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_paid_person_idx`);
    await q.query(`ALTER TABLE cases DROP COLUMN paid_amount_fen`);
  }
}
