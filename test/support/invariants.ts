import { Client } from 'pg';
import {
  finishVerification,
  startVerification,
  StoredEvent,
  verifyBatch,
} from '../../src/audit/domain/hash-chain';

/**
 * The invariants of the books (issue 15's bank test, and the crash, outage and failover tests that
 * reuse it), read straight from the tables in ONE REPEATABLE READ read-only transaction: a snapshot
 * taken while clients write must hold them as much as the end state. Each check returns the
 * violations it found, as sentences naming the society and the thing; none is the pass.
 *
 * - the ledger: Σdebits = Σcredits, each entry balanced, cached account balances = the lines,
 *   the fund's cached balance = bank + cash, its held = the open holds, no asset below zero,
 *   `available` = balance − held ≥ 0;
 * - one payment per case (exactly one aid entry for a case that was paid, none otherwise), at most
 *   one recovery, and a donation's entry (and its void's) exactly once;
 * - every approved case fundable: its hold is open and covers the approved amount; no open hold
 *   whose case no longer needs it (money reserved for nothing);
 * - gap-free numbers: ledger seq, receipt numbers per year, case numbers, notice numbers;
 * - every audit chain verifies against its recorded head.
 */
export interface InvariantReport {
  violations: string[];
  /** What was looked at, for the test's log. */
  counts: {
    societies: number;
    entries: number;
    donations: number;
    cases: number;
    disclosures: number;
    auditEvents: number;
  };
}

/** Checks every society of the database at `url` (or only `societyIds`). */
export async function checkInvariants(url: string, societyIds?: string[]): Promise<InvariantReport> {
  const db = new Client({ connectionString: url });
  db.on('error', () => undefined);
  await db.connect();
  try {
    await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      return await checkSnapshot(db, societyIds);
    } finally {
      await db.query('ROLLBACK');
    }
  } finally {
    await db.end().catch(() => undefined);
  }
}

/** Throws with every violation listed (for `await expectInvariants(url)` in a test). */
export async function expectInvariants(url: string, societyIds?: string[]): Promise<InvariantReport> {
  const report = await checkInvariants(url, societyIds);
  if (report.violations.length)
    throw new Error(`invariants violated:\n  ${report.violations.slice(0, 50).join('\n  ')}`);
  return report;
}

type Row = Record<string, unknown>;

async function checkSnapshot(db: Client, only?: string[]): Promise<InvariantReport> {
  const v: string[] = [];
  const q = async <T extends Row>(sql: string, params: unknown[] = []) =>
    (await db.query<T>(sql, params)).rows;
  const societies = (await q<{ id: string }>(`SELECT id FROM societies ORDER BY id`))
    .map((r) => r.id)
    .filter((id) => !only || only.includes(id));
  const scope = only ? societies : null;
  // `AND society_id = ANY($1)` when limited, else every row; $1 is always passed.
  const where = (col = 'society_id') => `($1::uuid[] IS NULL OR ${col} = ANY($1::uuid[]))`;
  const p = [scope];
  const n = (x: unknown) => Number(x);

  // --- the ledger ---------------------------------------------------------------------------------
  for (const r of await q<{ society_id: string; d: string; c: string }>(
    `SELECT society_id, sum(debit_fen) AS d, sum(credit_fen) AS c FROM ledger_lines
      WHERE ${where()} GROUP BY society_id HAVING sum(debit_fen) <> sum(credit_fen)`,
    p,
  ))
    v.push(`society ${r.society_id}: Σdebits ${r.d} ≠ Σcredits ${r.c}`);
  for (const r of await q<{ society_id: string; entry_id: string }>(
    `SELECT society_id, entry_id FROM ledger_lines WHERE ${where()}
      GROUP BY society_id, entry_id HAVING sum(debit_fen) <> sum(credit_fen) OR count(*) < 2`,
    p,
  ))
    v.push(`society ${r.society_id}: entry ${r.entry_id} does not balance`);
  for (const r of await q<{ society_id: string; code: string; cached: string; ledger: string }>(
    `SELECT a.society_id, a.code, a.balance_fen AS cached,
            CASE WHEN a.type = 'income' THEN coalesce(sum(l.credit_fen - l.debit_fen), 0)
                 ELSE coalesce(sum(l.debit_fen - l.credit_fen), 0) END AS ledger
       FROM accounts a LEFT JOIN ledger_lines l ON l.society_id = a.society_id AND l.account_code = a.code
      WHERE ${where('a.society_id')} GROUP BY a.society_id, a.code, a.type, a.balance_fen`,
    p,
  )) {
    if (n(r.cached) !== n(r.ledger))
      v.push(`society ${r.society_id}: account ${r.code} cached ${r.cached} ≠ ledger ${r.ledger}`);
    if ((r.code === 'bank' || r.code === 'cash') && n(r.ledger) < 0)
      v.push(`society ${r.society_id}: account ${r.code} is negative (${r.ledger})`);
  }
  for (const r of await q<{
    society_id: string;
    balance: string;
    held: string;
    assets: string;
    holds: string;
  }>(
    `SELECT f.society_id, f.balance_fen AS balance, f.held_fen AS held,
            (SELECT coalesce(sum(balance_fen), 0) FROM accounts a
              WHERE a.society_id = f.society_id AND a.code IN ('bank', 'cash')) AS assets,
            (SELECT coalesce(sum(amount_fen), 0) FROM holds h
              WHERE h.society_id = f.society_id AND h.status = 'held') AS holds
       FROM funds f WHERE ${where('f.society_id')}`,
    p,
  )) {
    const sid = r.society_id;
    if (n(r.balance) !== n(r.assets))
      v.push(`society ${sid}: fund balance ${r.balance} ≠ bank + cash ${r.assets}`);
    if (n(r.held) !== n(r.holds)) v.push(`society ${sid}: fund held ${r.held} ≠ open holds ${r.holds}`);
    if (n(r.balance) < 0) v.push(`society ${sid}: negative balance ${r.balance}`);
    if (n(r.balance) - n(r.held) < 0)
      v.push(`society ${sid}: negative available ${n(r.balance) - n(r.held)}`);
  }

  // --- one payment per case, recoveries, donations ------------------------------------------------
  const PAID = ['paid', 'publicized', 'disputed', 'recovered', 'closed'];
  for (const r of await q<{
    society_id: string;
    case_no: string;
    status: string;
    paid_entry_id: string | null;
    paid_amount_fen: string | null;
    payments: string;
    paid_sum: string;
    payment_ids: string[] | null;
    recoveries: string;
    recovered_amount_fen: string | null;
    recovered_sum: string;
  }>(
    `WITH moves AS (
       SELECT e.society_id, e.ref_id AS case_id, e.id, e.kind,
              (SELECT sum(l.debit_fen) FROM ledger_lines l WHERE l.society_id = e.society_id AND l.entry_id = e.id) AS fen
         FROM ledger_entries e WHERE ${where('e.society_id')} AND e.ref_type = 'case')
     SELECT c.society_id, c.case_no, c.status, c.paid_entry_id, c.paid_amount_fen, c.recovered_amount_fen,
            count(m.id) FILTER (WHERE m.kind = 'aid_payment') AS payments,
            array_agg(m.id) FILTER (WHERE m.kind = 'aid_payment') AS payment_ids,
            coalesce(sum(m.fen) FILTER (WHERE m.kind = 'aid_payment'), 0) AS paid_sum,
            count(m.id) FILTER (WHERE m.kind = 'recovery') AS recoveries,
            coalesce(sum(m.fen) FILTER (WHERE m.kind = 'recovery'), 0) AS recovered_sum
       FROM cases c LEFT JOIN moves m ON m.society_id = c.society_id AND m.case_id = c.id
      WHERE ${where('c.society_id')}
      GROUP BY c.society_id, c.id`,
    p,
  )) {
    const what = `society ${r.society_id}: case ${r.case_no} (${r.status})`;
    const wasPaid = r.paid_entry_id !== null;
    if (n(r.payments) > 1) v.push(`${what} paid ${r.payments} times`);
    if (wasPaid && n(r.payments) !== 1)
      v.push(`${what} has a payment recorded but ${r.payments} aid entries`);
    if (!wasPaid && n(r.payments) > 0) v.push(`${what} has an aid entry but no payment recorded`);
    if (wasPaid && r.payment_ids && r.payment_ids[0] !== r.paid_entry_id)
      v.push(`${what} names another aid entry than the one posted`);
    if (wasPaid && n(r.paid_sum) !== n(r.paid_amount_fen))
      v.push(`${what} paid ${r.paid_amount_fen} but its entry moved ${r.paid_sum}`);
    if (wasPaid !== PAID.includes(r.status))
      v.push(`${what}: status and payment disagree (paid entry ${r.paid_entry_id ?? 'none'})`);
    if (n(r.recoveries) > 1) v.push(`${what} recovered ${r.recoveries} times`);
    if ((r.status === 'recovered') !== (n(r.recoveries) === 1))
      v.push(`${what} has ${r.recoveries} recovery entries`);
    if (r.status === 'recovered' && n(r.recovered_sum) !== n(r.recovered_amount_fen))
      v.push(`${what} recovered ${r.recovered_amount_fen} but its entry moved ${r.recovered_sum}`);
  }
  for (const r of await q<{
    society_id: string;
    receipt_no: string;
    status: string;
    entries: string;
    voids: string;
  }>(
    `SELECT d.society_id, d.receipt_no, d.status,
            (SELECT count(*) FROM ledger_entries e WHERE e.society_id = d.society_id AND e.kind = 'donation'
               AND e.ref_type = 'donation' AND e.ref_id = d.id) AS entries,
            (SELECT count(*) FROM ledger_entries e WHERE e.society_id = d.society_id AND e.kind = 'donation_void'
               AND e.ref_type = 'donation' AND e.ref_id = d.id) AS voids
       FROM donations d WHERE ${where('d.society_id')}`,
    p,
  )) {
    if (n(r.entries) !== 1)
      v.push(`society ${r.society_id}: donation ${r.receipt_no} has ${r.entries} entries`);
    if (n(r.voids) !== (r.status === 'voided' ? 1 : 0))
      v.push(`society ${r.society_id}: donation ${r.receipt_no} (${r.status}) has ${r.voids} void entries`);
  }
  for (const r of await q<{ society_id: string; kind: string; seq: string }>(
    `SELECT e.society_id, e.kind, e.seq FROM ledger_entries e
      WHERE ${where('e.society_id')} AND e.kind IN ('donation', 'donation_void')
        AND NOT EXISTS (SELECT 1 FROM donations d WHERE d.society_id = e.society_id AND d.id = e.ref_id)`,
    p,
  ))
    v.push(`society ${r.society_id}: ${r.kind} entry #${r.seq} names no donation`);

  // --- every approved case fundable; no hold reserved for nothing ---------------------------------
  for (const r of await q<{
    society_id: string;
    case_no: string;
    status: string;
    approved: string | null;
    hold_status: string | null;
    hold_fen: string | null;
  }>(
    `SELECT c.society_id, c.case_no, c.status, c.approved_amount_fen AS approved,
            h.status AS hold_status, h.amount_fen AS hold_fen
       FROM cases c LEFT JOIN holds h ON h.society_id = c.society_id AND h.id = c.hold_id
      WHERE ${where('c.society_id')} AND c.status IN ('approved', 'voting')`,
    p,
  )) {
    const what = `society ${r.society_id}: ${r.status} case ${r.case_no}`;
    if (r.hold_status !== 'held') v.push(`${what} has no open hold (${r.hold_status ?? 'none'})`);
    else if (r.status === 'approved' && (r.approved === null || n(r.hold_fen) < n(r.approved)))
      v.push(`${what}: hold ${r.hold_fen} does not cover the approved ${r.approved}`);
  }
  for (const r of await q<{ society_id: string; id: string; amount_fen: string; status: string | null }>(
    `SELECT h.society_id, h.id, h.amount_fen, c.status FROM holds h
       LEFT JOIN cases c ON h.ref_type = 'case' AND c.society_id = h.society_id AND c.id = h.ref_id
      WHERE ${where('h.society_id')} AND h.status = 'held'
        AND (c.id IS NULL OR c.status NOT IN ('voting', 'approved') OR c.hold_id IS DISTINCT FROM h.id)`,
    p,
  ))
    v.push(
      `society ${r.society_id}: hold ${r.id} of ${r.amount_fen} stays open for a ${r.status ?? 'missing'} case`,
    );
  for (const r of await q<{ society_id: string; case_id: string; n: string }>(
    `SELECT society_id, case_id, count(*) AS n FROM votes WHERE ${where()} AND status = 'open'
      GROUP BY society_id, case_id HAVING count(*) > 1`,
    p,
  ))
    v.push(`society ${r.society_id}: case ${r.case_id} has ${r.n} open votes`);

  // --- gap-free numbers ---------------------------------------------------------------------------
  for (const r of await q<{ society_id: string; n: string; max: string; min: string }>(
    `SELECT society_id, count(*) AS n, max(seq) AS max, min(seq) AS min FROM ledger_entries WHERE ${where()}
      GROUP BY society_id HAVING count(*) <> max(seq) OR min(seq) <> 1`,
    p,
  ))
    v.push(`society ${r.society_id}: ledger seq has gaps (${r.n} entries, seq ${r.min}…${r.max})`);
  for (const [table, column, what] of [
    ['donations', 'receipt_no', 'receipt numbers'],
    ['cases', 'case_no', 'case numbers'],
    ['disclosures', 'notice_no', 'notice numbers'],
  ] as const) {
    for (const r of await q<{ society_id: string; year: string; n: string; max: string; min: string }>(
      `SELECT society_id, split_part(${column}, '-', 1) AS year, count(*) AS n,
              max(split_part(${column}, '-', 2)::bigint) AS max, min(split_part(${column}, '-', 2)::bigint) AS min
         FROM ${table} WHERE ${where()} GROUP BY 1, 2
        HAVING count(*) <> max(split_part(${column}, '-', 2)::bigint) OR min(split_part(${column}, '-', 2)::bigint) <> 1`,
      p,
    ))
      v.push(`society ${r.society_id}: ${what} of ${r.year} have gaps (${r.n} numbers, ${r.min}…${r.max})`);
  }

  // --- audit chains -------------------------------------------------------------------------------
  const heads = new Map(
    (
      await q<{ society_id: string; seq: string; hash: string }>(
        `SELECT society_id, seq, hash FROM audit_heads`,
      )
    ).map((h) => [h.society_id, { seq: n(h.seq), hash: h.hash }]),
  );
  const chains = (
    await q<{ society_id: string }>(
      `SELECT society_id FROM audit_heads UNION SELECT DISTINCT society_id FROM audit_events`,
    )
  )
    .map((r) => r.society_id)
    .filter((id) => !only || only.includes(id));
  let auditEvents = 0;
  for (const chain of chains) {
    let state = startVerification();
    let after = 0;
    for (;;) {
      const batch = (
        await q<{
          seq: string;
          at: Date;
          actor_id: string | null;
          action: string;
          entity: string;
          entity_id: string | null;
          data: Record<string, unknown>;
          prev_hash: string;
          hash: string;
        }>(
          `SELECT seq, at, actor_id, action, entity, entity_id, data, prev_hash, hash FROM audit_events
            WHERE society_id = $1 AND seq > $2 ORDER BY seq LIMIT 5000`,
          [chain, after],
        )
      ).map((e): StoredEvent => ({
        seq: n(e.seq),
        at: e.at,
        actorId: e.actor_id,
        action: e.action,
        entity: e.entity,
        entityId: e.entity_id,
        data: e.data,
        prevHash: e.prev_hash,
        hash: e.hash,
      }));
      auditEvents += batch.length;
      state = verifyBatch(state, batch);
      if (state.firstBrokenSeq !== undefined || batch.length < 5000) break;
      after = batch[batch.length - 1].seq;
    }
    const head = heads.get(chain);
    const result = finishVerification(state, head && head.seq > 0 ? head : null);
    if (!result.ok) v.push(`audit chain ${chain} is broken at seq ${result.firstBrokenSeq}`);
  }

  const count = async (table: string) =>
    n((await q<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE ${where()}`, p))[0].n);
  return {
    violations: v,
    counts: {
      societies: societies.length,
      entries: await count('ledger_entries'),
      donations: await count('donations'),
      cases: await count('cases'),
      disclosures: await count('disclosures'),
      auditEvents,
    },
  };
}
