import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { CountersRepository } from '../database/counters.repository';
import type { Tx } from '../database/tx';
import {
  ACCOUNT_CODES,
  AccountCode,
  Balances,
  EntryKind,
  fundBalance,
  FundState,
  Line,
  PostedEntry,
  Ref,
} from './domain/ledger';
import type { LedgerTotals } from './domain/reconciliation';

/** What moved in a period (LedgerRepository.totalsBetween). */
export interface PeriodTotals {
  /** Gifts received in the period, less those of them voided since. */
  donatedFen: number;
  aidPaidFen: number;
  recoveredFen: number;
  /** Distinct cases aid was paid to. */
  casesPaid: number;
}

/** One society's fund for oversight: cached balance and held, and aid paid since an instant. */
export interface FundOverview {
  societyId: string;
  balanceFen: number;
  heldFen: number;
  aidPaidSinceFen: number;
}

/** An entry to write: its lines are already checked by the pure rules. */
export interface NewEntry {
  kind: EntryKind;
  lines: Line[];
  memo: string | null;
  ref: Ref | null;
  actorId: string | null;
  postedAt: Date;
}

interface EntryRow {
  id: string;
  seq: string;
  kind: EntryKind;
  posted_at: Date;
  memo: string | null;
  ref_type: string | null;
  ref_id: string | null;
}

interface LineRow {
  entry_id: string;
  account_code: AccountCode;
  debit_fen: string;
  credit_fen: string;
}

interface StateRow {
  held_fen: string;
  code: AccountCode;
  balance_fen: string;
}

/** bigint and numeric columns arrive as strings; fen are safe integers. */
export const fen = (v: string | number | null): number => Number(v ?? 0);

export const refOf = (type: string | null, id: string | null): Ref | null =>
  type && id ? { type, id } : null;

function toEntry(r: EntryRow, lines: Line[]): PostedEntry {
  return {
    id: r.id,
    seq: fen(r.seq),
    kind: r.kind,
    postedAt: new Date(r.posted_at),
    memo: r.memo,
    lines,
    ref: refOf(r.ref_type, r.ref_id),
  };
}

function toState(rows: StateRow[]): FundState | null {
  if (!rows.length) return null;
  const balances = Object.fromEntries(rows.map((r) => [r.code, fen(r.balance_fen)])) as Balances;
  return { balances, heldFen: fen(rows[0].held_fen) };
}

/** Cached account balances ($1 society, $2 codes, $3 balances): only the rows that change. */
const UPDATE_ACCOUNTS = `UPDATE accounts a SET balance_fen = v.balance
    FROM unnest($2::text[], $3::bigint[]) AS v (code, balance)
   WHERE a.society_id = $1 AND a.code = v.code AND a.balance_fen <> v.balance`;

const ENTRY_COLUMNS = 'id, seq, kind, posted_at, memo, ref_type, ref_id';

/** All SQL of the fund's money: the fund row, its accounts, entries and lines. */
@Injectable()
export class LedgerRepository {
  constructor(private readonly txHost: TransactionHost<Tx>) {}

  private get tx() {
    return this.txHost.tx;
  }

  /**
   * The fund and its accounts in one statement, so in one snapshot (a concurrent money move is seen
   * whole or not at all). Locking, it locks the accounts' rows too (funds first, from the order of
   * FROM): a row only read in a statement that waited for a lock would be the version from before
   * the wait, while locked rows are re-read at their latest version. Null: no such society.
   */
  async readState(societyId: string, lock: boolean): Promise<FundState | null> {
    const rows = (await this.tx.query(
      `SELECT f.held_fen, a.code, a.balance_fen
         FROM funds f JOIN accounts a ON a.society_id = f.society_id
        WHERE f.society_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [societyId],
    )) as StateRow[];
    return toState(rows);
  }

  /** Cached balances and held amount, when no entry is posted (a hold placed or released). */
  async writeState(societyId: string, state: FundState): Promise<void> {
    const codes = ACCOUNT_CODES.slice();
    await this.tx.query(
      `WITH a AS (${UPDATE_ACCOUNTS})
       UPDATE funds SET balance_fen = $4, held_fen = $5 WHERE society_id = $1`,
      [societyId, codes, codes.map((c) => state.balances[c]), fundBalance(state.balances), state.heldFen],
    );
  }

  /**
   * The entry with the next seq, its lines, the cached balances and the fund, in one statement (one
   * round trip while the fund row is locked). Its parts run in no set order, which is safe only
   * because the caller holds the fund lock that every writer of these rows takes first.
   */
  async insertEntry(societyId: string, e: NewEntry, state: FundState): Promise<PostedEntry> {
    const codes = ACCOUNT_CODES.slice();
    const [row] = (await this.tx.query(
      `WITH a AS (${UPDATE_ACCOUNTS}),
            f AS (UPDATE funds SET balance_fen = $4, held_fen = $5 WHERE society_id = $1),
            c AS (${CountersRepository.NEXT_SQL('$1', '$6')}),
            e AS (INSERT INTO ledger_entries (society_id, seq, kind, memo, ref_type, ref_id, created_by, posted_at)
                  SELECT $1, c.value, $7, $8, $9, $10, $11, $15 FROM c
                  RETURNING ${ENTRY_COLUMNS}),
            l AS (INSERT INTO ledger_lines (society_id, entry_id, line_no, account_code, debit_fen, credit_fen)
                  SELECT $1, e.id, ord, account, debit, credit
                    FROM e, unnest($12::text[], $13::bigint[], $14::bigint[])
                         WITH ORDINALITY AS l (account, debit, credit, ord))
       SELECT * FROM e`,
      [
        societyId,
        codes,
        codes.map((c) => state.balances[c]),
        fundBalance(state.balances),
        state.heldFen,
        'ledger_entry',
        e.kind,
        e.memo,
        e.ref?.type ?? null,
        e.ref?.id ?? null,
        e.actorId,
        e.lines.map((l) => l.account),
        e.lines.map((l) => l.debitFen),
        e.lines.map((l) => l.creditFen),
        e.postedAt,
      ],
    )) as EntryRow[];
    return toEntry(row, e.lines);
  }

  /**
   * Entries in seq order after `afterSeq`, posted in [from, to) when given, with their lines; `limit`
   * null: all of them (a month's statement).
   */
  async entriesPage(
    societyId: string,
    range: { from: Date | null; to: Date | null },
    afterSeq: number,
    limit: number | null,
  ): Promise<PostedEntry[]> {
    const rows = (await this.tx.query(
      `SELECT ${ENTRY_COLUMNS} FROM ledger_entries
        WHERE society_id = $1
          AND ($2::timestamptz IS NULL OR posted_at >= $2::timestamptz)
          AND ($3::timestamptz IS NULL OR posted_at < $3::timestamptz)
          AND seq > $4
        ORDER BY seq LIMIT $5`,
      [societyId, range.from, range.to, afterSeq, limit],
    )) as EntryRow[];
    if (!rows.length) return [];
    const lines = (await this.tx.query(
      `SELECT entry_id, account_code, debit_fen, credit_fen FROM ledger_lines
        WHERE society_id = $1 AND entry_id = ANY($2::uuid[]) ORDER BY entry_id, line_no`,
      [societyId, rows.map((r) => r.id)],
    )) as LineRow[];
    const byEntry = new Map<string, Line[]>();
    for (const l of lines) {
      const list = byEntry.get(l.entry_id) ?? [];
      list.push({ account: l.account_code, debitFen: fen(l.debit_fen), creditFen: fen(l.credit_fen) });
      byEntry.set(l.entry_id, list);
    }
    return rows.map((r) => toEntry(r, byEntry.get(r.id) ?? []));
  }

  /**
   * The fund's balance (bank + cash) from the entries posted before `at`: the cached balance less the
   * lines posted at or after `at` (the same sum, since every entry is on one side of `at`), so a recent
   * month's statement reads that month's lines, not the society's whole history (issue 14). One
   * statement, one snapshot: the cached balance and the lines agree.
   */
  async balanceBefore(societyId: string, at: Date): Promise<number> {
    const [row] = (await this.tx.query(
      `SELECT f.balance_fen - coalesce((
                SELECT sum(l.debit_fen - l.credit_fen)
                  FROM ledger_entries e
                  JOIN ledger_lines l ON l.society_id = e.society_id AND l.entry_id = e.id
                 WHERE e.society_id = $1 AND e.posted_at >= $2 AND l.account_code IN ('bank', 'cash')), 0) AS balance
         FROM funds f WHERE f.society_id = $1`,
      [societyId, at],
    )) as { balance: string }[];
    return row ? fen(row.balance) : 0;
  }

  /**
   * Several societies' funds in one statement (oversight): the cached balance and held amount, and the
   * aid paid (debits of `aid` by aid payments) posted at or after each society's own `since`.
   */
  async overviews(societies: readonly { societyId: string; since: Date }[]): Promise<FundOverview[]> {
    const rows = (await this.tx.query(
      `SELECT v.society_id, f.balance_fen, f.held_fen,
              (SELECT coalesce(sum(l.debit_fen), 0)
                 FROM ledger_entries e
                 JOIN ledger_lines l ON l.society_id = e.society_id AND l.entry_id = e.id
                WHERE e.society_id = v.society_id AND e.kind = 'aid_payment' AND l.account_code = 'aid'
                  AND e.posted_at >= v.since) AS aid_paid
         FROM unnest($1::uuid[], $2::timestamptz[]) AS v (society_id, since)
         JOIN funds f ON f.society_id = v.society_id`,
      [societies.map((s) => s.societyId), societies.map((s) => s.since)],
    )) as { society_id: string; balance_fen: string; held_fen: string; aid_paid: string }[];
    return rows.map((r) => ({
      societyId: r.society_id,
      balanceFen: fen(r.balance_fen),
      heldFen: fen(r.held_fen),
      aidPaidSinceFen: fen(r.aid_paid),
    }));
  }

  /**
   * Money in and out of the fund posted in [from, to), in one statement (one snapshot): the gifts
   * received then less those of them voided (whenever: a void of an earlier year's gift does not make
   * this year's figure fall), the aid paid, the recoveries, and how many distinct cases were paid.
   */
  async totalsBetween(societyId: string, from: Date, to: Date): Promise<PeriodTotals> {
    const [row] = (await this.tx.query(
      `WITH period AS (
         SELECT e.id, e.kind, e.ref_type, e.ref_id, l.account_code, l.debit_fen, l.credit_fen
           FROM ledger_entries e
           JOIN ledger_lines l ON l.society_id = e.society_id AND l.entry_id = e.id
          WHERE e.society_id = $1 AND e.posted_at >= $2 AND e.posted_at < $3)
       SELECT coalesce(sum(credit_fen) FILTER (WHERE kind = 'donation' AND account_code = 'donations'), 0)
                - (SELECT coalesce(sum(vl.debit_fen), 0)
                     FROM ledger_entries v
                     JOIN ledger_lines vl ON vl.society_id = v.society_id AND vl.entry_id = v.id
                    WHERE v.society_id = $1 AND v.kind = 'donation_void' AND vl.account_code = 'donations'
                      AND v.ref_type = 'donation'
                      AND v.ref_id IN (SELECT ref_id FROM period WHERE kind = 'donation' AND ref_type = 'donation'))
                AS donated,
              coalesce(sum(debit_fen) FILTER (WHERE kind = 'aid_payment' AND account_code = 'aid'), 0) AS aid_paid,
              coalesce(sum(credit_fen) FILTER (WHERE kind = 'recovery' AND account_code = 'recoveries'), 0)
                AS recovered,
              count(DISTINCT ref_id) FILTER (WHERE kind = 'aid_payment' AND ref_type = 'case') AS cases_paid
         FROM period`,
      [societyId, from, to],
    )) as { donated: string; aid_paid: string; recovered: string; cases_paid: string }[];
    return {
      donatedFen: fen(row.donated),
      aidPaidFen: fen(row.aid_paid),
      recoveredFen: fen(row.recovered),
      casesPaid: fen(row.cases_paid),
    };
  }

  /** Everything reconciliation compares; run it in one REPEATABLE READ transaction. */
  async totals(societyId: string): Promise<LedgerTotals> {
    const accounts = (await this.tx.query(
      `SELECT a.code, a.balance_fen, coalesce(sum(l.debit_fen), 0) AS debits, coalesce(sum(l.credit_fen), 0) AS credits
         FROM accounts a LEFT JOIN ledger_lines l ON l.society_id = a.society_id AND l.account_code = a.code
        WHERE a.society_id = $1 GROUP BY a.code, a.balance_fen`,
      [societyId],
    )) as { code: AccountCode; balance_fen: string; debits: string; credits: string }[];
    const [fund] = (await this.tx.query(`SELECT balance_fen, held_fen FROM funds WHERE society_id = $1`, [
      societyId,
    ])) as { balance_fen: string; held_fen: string }[];
    const [holds] = (await this.tx.query(
      `SELECT coalesce(sum(amount_fen), 0) AS held FROM holds WHERE society_id = $1 AND status = 'held'`,
      [societyId],
    )) as { held: string }[];
    const [entries] = (await this.tx.query(
      `SELECT count(*) AS n, coalesce(max(seq), 0) AS max_seq,
              (SELECT count(*) FROM (SELECT 1 FROM ledger_lines WHERE society_id = $1
                GROUP BY entry_id HAVING sum(debit_fen) <> sum(credit_fen)) u) AS unbalanced
         FROM ledger_entries WHERE society_id = $1`,
      [societyId],
    )) as { n: string; max_seq: string; unbalanced: string }[];
    return {
      accounts: accounts.map((a) => ({
        code: a.code,
        balanceFen: fen(a.balance_fen),
        debitsFen: fen(a.debits),
        creditsFen: fen(a.credits),
      })),
      fund: { balanceFen: fen(fund?.balance_fen ?? 0), heldFen: fen(fund?.held_fen ?? 0) },
      openHoldsFen: fen(holds.held),
      entries: fen(entries.n),
      maxSeq: fen(entries.max_seq),
      unbalancedEntries: fen(entries.unbalanced),
    };
  }
}
