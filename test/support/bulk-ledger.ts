import type { Client } from 'pg';

/**
 * Appends `n` balanced entries (cash deposited to the bank, 1.00 each) to a society's ledger with
 * generate_series, one second apart from `from`: volume for export tests and the memory bench. Rows go
 * in with triggers off (session_replication_role = replica), so the cached balances are not updated:
 * use it for reading tests only. The society's entry counter is moved past them.
 */
export async function bulkLedgerEntries(db: Client, societyId: string, n: number, from: Date): Promise<void> {
  await db.query('BEGIN');
  try {
    await db.query(`SET LOCAL session_replication_role = replica`);
    const [{ base }] = (
      await db.query<{ base: string }>(
        `SELECT coalesce(max(seq), 0) AS base FROM ledger_entries WHERE society_id = $1`,
        [societyId],
      )
    ).rows;
    await db.query(
      `INSERT INTO ledger_entries (society_id, seq, kind, posted_at, memo)
       SELECT $1, $2::bigint + s, 'transfer', $4::timestamptz + s * interval '1 second', '存现 ' || s
         FROM generate_series(1, $3::bigint) AS s`,
      [societyId, base, n, from],
    );
    await db.query(
      `INSERT INTO ledger_lines (society_id, entry_id, line_no, account_code, debit_fen, credit_fen)
       SELECT e.society_id, e.id, l.line_no, l.code, l.debit, l.credit
         FROM ledger_entries e
        CROSS JOIN (VALUES (1, 'bank', 100, 0), (2, 'cash', 0, 100)) AS l (line_no, code, debit, credit)
        WHERE e.society_id = $1 AND e.seq > $2`,
      [societyId, base],
    );
    await db.query(
      `INSERT INTO counters (society_id, name, value) VALUES ($1, 'ledger_entry', $2)
       ON CONFLICT (society_id, name) DO UPDATE SET value = excluded.value`,
      [societyId, Number(base) + n],
    );
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}
