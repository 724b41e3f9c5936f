import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the EXPLAIN test (test/perf/explain.e2e-spec.ts) found missing on city-scale data (issue 14):
 * - ledger lines carry their account and amounts in the primary key's index (INCLUDE), so
 *   reconciliation, the statements' opening balance and the period totals read one society's lines
 *   by an index-only scan instead of the whole table;
 * - a society's objections newest first without a status filter had no index in that order (the
 *   status one leads with status), so every list sorted all of them and joined the items by hash.
 */
export class CityScaleIndexes1765420000000 implements MigrationInterface {
  name = 'CityScaleIndexes1765420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE ledger_lines
        DROP CONSTRAINT ledger_lines_pkey,
        ADD CONSTRAINT ledger_lines_pkey PRIMARY KEY (society_id, entry_id, line_no)
          INCLUDE (account_code, debit_fen, credit_fen)`);
    await q.query(`CREATE INDEX objections_list_idx ON objections (society_id, created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX objections_list_idx`);
    await q.query(`
      ALTER TABLE ledger_lines
        DROP CONSTRAINT ledger_lines_pkey,
        ADD CONSTRAINT ledger_lines_pkey PRIMARY KEY (society_id, entry_id, line_no)`);
  }
}
