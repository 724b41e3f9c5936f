import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../common/access/roles';
import { AppError } from '../common/errors/app-error';
import { fieldError } from '../common/errors/validation';
import { decodeCursor, limitOf, Page, toPage } from '../common/pagination';
import { Counters } from '../database/counters';
import type { Tx } from '../database/tx';
import {
  ACCOUNT_CODES,
  AccountCode,
  accountType,
  applyEntry,
  applyHold,
  applyRelease,
  applySettle,
  available,
  Balances,
  EntryKind,
  fundBalance,
  FundState,
  Line,
  transferLines,
} from './domain/ledger';
import {
  DateRangeQueryDto,
  EntryResponseDto,
  FundSummaryDto,
  ReconciliationDto,
  TransferDto,
} from './dto/fund.dto';

export interface Ref {
  type: string;
  id: string;
}

export interface NewEntry {
  kind: EntryKind;
  lines: Line[];
  memo?: string | null;
  ref?: Ref | null;
  actorId: string | null;
}

export interface HoldView {
  id: string;
  amountFen: number;
  status: 'held' | 'released' | 'settled';
  settledFen: number | null;
  ref: Ref | null;
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

const n = (v: string | number | null): number => Number(v ?? 0);

/** Cached account balances ($1 society, $2 codes, $3 balances): only the rows that change. */
const UPDATE_ACCOUNTS = `UPDATE accounts a SET balance_fen = v.balance
    FROM unnest($2::text[], $3::bigint[]) AS v (code, balance)
   WHERE a.society_id = $1 AND a.code = v.code AND a.balance_fen <> v.balance`;

/**
 * The fund's ledger. Every money-moving method locks the society's fund row first (one order for
 * every writer: fund with its accounts → counters → audit head), checks the move with the pure rules in
 * domain/ledger.ts, and writes entry, lines and cached balances in the caller's transaction. The
 * database re-checks: balanced entries, immutable lines, no negative asset, held ≤ balance.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly txHost: TransactionHost<Tx>,
    private readonly audit: AuditService,
  ) {}

  private get tx() {
    return this.txHost.tx;
  }

  /** Posts a balanced entry; INSUFFICIENT_FUNDS when it would overdraw or eat held money. */
  @Transactional()
  async post(societyId: string, entry: NewEntry): Promise<EntryResponseDto> {
    const before = await this.lockFund(societyId);
    return this.writeEntry(societyId, entry, applyEntry(before, entry.lines));
  }

  /** Reserves money (a vote's motion amount). Only available money can be held. */
  @Transactional()
  async hold(
    societyId: string,
    amountFen: number,
    ref: Ref | null,
    actorId: string | null,
  ): Promise<HoldView> {
    const before = await this.lockFund(societyId);
    const after = applyHold(before, amountFen);
    const [row] = (await this.tx.query(
      `INSERT INTO holds (society_id, amount_fen, ref_type, ref_id) VALUES ($1, $2, $3, $4) RETURNING id`,
      [societyId, amountFen, ref?.type ?? null, ref?.id ?? null],
    )) as { id: string }[];
    await this.writeState(societyId, after);
    await this.recordHold(societyId, actorId, 'fund.hold_placed', row.id, { amountFen, ref });
    return { id: row.id, amountFen, status: 'held', settledFen: null, ref };
  }

  /** Gives a hold's money back to available (a rejected, failed or withdrawn vote or case). */
  @Transactional()
  async release(societyId: string, holdId: string, actorId: string | null): Promise<HoldView> {
    const before = await this.lockFund(societyId);
    const hold = await this.openHold(societyId, holdId);
    await this.writeState(societyId, applyRelease(before, hold.amountFen));
    await this.tx.query(
      `UPDATE holds SET status = 'released', closed_at = now() WHERE society_id = $1 AND id = $2`,
      [societyId, holdId],
    );
    await this.recordHold(societyId, actorId, 'fund.hold_released', holdId, { amountFen: hold.amountFen });
    return { ...hold, status: 'released' };
  }

  /**
   * Pays from a hold: posts the entry (e.g. an aid payment of at most the held amount), closes the
   * hold and returns any remainder to available, all at once.
   */
  @Transactional()
  async settle(
    societyId: string,
    holdId: string,
    entry: NewEntry & { amountFen: number },
  ): Promise<EntryResponseDto> {
    const before = await this.lockFund(societyId);
    const hold = await this.openHold(societyId, holdId);
    if (entry.amountFen > hold.amountFen) {
      throw new AppError('AMOUNT_EXCEEDS_APPROVED', { heldFen: hold.amountFen, amountFen: entry.amountFen });
    }
    const posted = await this.writeEntry(societyId, entry, applySettle(before, hold.amountFen, entry.lines));
    await this.tx.query(
      `UPDATE holds SET status = 'settled', settled_fen = $3, entry_id = $4, closed_at = now()
        WHERE society_id = $1 AND id = $2`,
      [societyId, holdId, entry.amountFen, posted.id],
    );
    await this.recordHold(societyId, entry.actorId, 'fund.hold_settled', holdId, {
      amountFen: hold.amountFen,
      settledFen: entry.amountFen,
      entryId: posted.id,
    });
    return posted;
  }

  @Transactional()
  async transfer(societyId: string, dto: TransferDto, actor: Principal): Promise<EntryResponseDto> {
    if (dto.from === dto.to) {
      throw fieldError('to', '转入账户不能与转出账户相同', 'to must differ from from');
    }
    const entry = await this.post(societyId, {
      kind: 'transfer',
      lines: transferLines(dto.from, dto.to, dto.amountFen),
      memo: dto.memo ?? null,
      actorId: actor.id,
    });
    await this.audit.record({
      societyId,
      actorId: actor.id,
      action: 'fund.transfer',
      entity: 'ledger_entry',
      entityId: entry.id,
      data: { from: dto.from, to: dto.to, amountFen: dto.amountFen, seq: entry.seq },
    });
    return entry;
  }

  async getHold(societyId: string, holdId: string): Promise<HoldView | null> {
    const rows = (await this.tx.query(
      `SELECT id, amount_fen, status, settled_fen, ref_type, ref_id FROM holds WHERE society_id = $1 AND id = $2`,
      [societyId, holdId],
    )) as {
      id: string;
      amount_fen: string;
      status: HoldView['status'];
      settled_fen: string | null;
      ref_type: string | null;
      ref_id: string | null;
    }[];
    const r = rows[0];
    if (!r) return null;
    return {
      id: r.id,
      amountFen: n(r.amount_fen),
      status: r.status,
      settledFen: r.settled_fen === null ? null : n(r.settled_fen),
      ref: r.ref_type && r.ref_id ? { type: r.ref_type, id: r.ref_id } : null,
    };
  }

  async summary(societyId: string): Promise<FundSummaryDto> {
    const state = await this.readState(societyId);
    const b = state.balances;
    return {
      balanceFen: fundBalance(b),
      heldFen: state.heldFen,
      availableFen: available(state),
      accounts: ACCOUNT_CODES.map((code) => ({ code, balanceFen: b[code] })),
      totals: { donatedFen: b.donations, aidPaidFen: b.aid, recoveredFen: b.recoveries },
    };
  }

  async entries(societyId: string, query: DateRangeQueryDto): Promise<Page<EntryResponseDto>> {
    const limit = limitOf(query);
    const after = decodeCursor(query.cursor, ['seq']);
    const rows = (await this.tx.query(
      `SELECT e.id, e.seq, e.kind, e.posted_at, e.memo, e.ref_type, e.ref_id
         FROM ledger_entries e JOIN societies s ON s.id = e.society_id
        WHERE e.society_id = $1
          AND ($2::date IS NULL OR e.posted_at >= $2::date::timestamp AT TIME ZONE s.timezone)
          AND ($3::date IS NULL OR e.posted_at < ($3::date + 1)::timestamp AT TIME ZONE s.timezone)
          AND e.seq > $4
        ORDER BY e.seq LIMIT $5`,
      [societyId, query.from ?? null, query.to ?? null, after ? after[0] : 0, limit + 1],
    )) as EntryRow[];
    const entries = await this.withLines(societyId, rows);
    return toPage(
      entries,
      limit,
      (e) => [e.seq],
      (e) => e,
    );
  }

  /** Recomputes every balance from the lines, in one consistent snapshot. */
  @Transactional<Tx>({ isolationLevel: 'REPEATABLE READ' })
  async reconcile(societyId: string): Promise<ReconciliationDto> {
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

    const byCode = new Map(accounts.map((a) => [a.code, a]));
    const rows = ACCOUNT_CODES.map((code) => {
      const a = byCode.get(code)!;
      const net = n(a.debits) - n(a.credits);
      return { code, balanceFen: n(a.balance_fen), ledgerFen: accountType(code) === 'income' ? -net : net };
    });
    const debitsFen = accounts.reduce((s, a) => s + n(a.debits), 0);
    const creditsFen = accounts.reduce((s, a) => s + n(a.credits), 0);
    const heldFen = n(fund.held_fen);
    const holdsFen = n(holds.held);
    const assets = rows
      .filter((r) => r.code === 'bank' || r.code === 'cash')
      .reduce((s, r) => s + r.ledgerFen, 0);
    const seqGapFree = n(entries.max_seq) === n(entries.n);
    const ok =
      rows.every((r) => r.balanceFen === r.ledgerFen) &&
      debitsFen === creditsFen &&
      heldFen === holdsFen &&
      n(fund.balance_fen) === assets &&
      heldFen <= assets &&
      n(entries.unbalanced) === 0 &&
      seqGapFree;
    return {
      ok,
      accounts: rows,
      debitsFen,
      creditsFen,
      heldFen,
      holdsFen,
      entries: n(entries.n),
      unbalancedEntries: n(entries.unbalanced),
      seqGapFree,
    };
  }

  // --- internals ---

  /** Locks the fund row (the one lock every money move of this society queues on) and reads the state. */
  private lockFund(societyId: string): Promise<FundState> {
    return this.readState(societyId, true);
  }

  /**
   * The fund and its accounts in one statement. Locking, it locks the accounts' rows too (funds
   * first, from the order of FROM): a row only read in a statement that waited for a lock would be
   * the version from before the wait, while locked rows are re-read at their latest version.
   */
  private async readState(societyId: string, lock = false): Promise<FundState> {
    const rows = (await this.tx.query(
      `SELECT f.held_fen, a.code, a.balance_fen
         FROM funds f JOIN accounts a ON a.society_id = f.society_id
        WHERE f.society_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [societyId],
    )) as { held_fen: string; code: AccountCode; balance_fen: string }[];
    if (!rows.length) throw AppError.notFound('society');
    const balances = Object.fromEntries(rows.map((r) => [r.code, n(r.balance_fen)])) as Balances;
    return { balances, heldFen: n(rows[0].held_fen) };
  }

  private async writeState(societyId: string, state: FundState): Promise<void> {
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
  private async writeEntry(societyId: string, e: NewEntry, state: FundState): Promise<EntryResponseDto> {
    const codes = ACCOUNT_CODES.slice();
    const [row] = (await this.tx.query(
      `WITH a AS (${UPDATE_ACCOUNTS}),
            f AS (UPDATE funds SET balance_fen = $4, held_fen = $5 WHERE society_id = $1),
            c AS (${Counters.NEXT_SQL('$1', '$6')}),
            e AS (INSERT INTO ledger_entries (society_id, seq, kind, memo, ref_type, ref_id, created_by)
                  SELECT $1, c.value, $7, $8, $9, $10, $11 FROM c
                  RETURNING id, seq, kind, posted_at, memo, ref_type, ref_id),
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
        e.memo ?? null,
        e.ref?.type ?? null,
        e.ref?.id ?? null,
        e.actorId,
        e.lines.map((l) => l.account),
        e.lines.map((l) => l.debitFen),
        e.lines.map((l) => l.creditFen),
      ],
    )) as EntryRow[];
    return toEntryDto(row, e.lines);
  }

  private async withLines(societyId: string, rows: EntryRow[]): Promise<EntryResponseDto[]> {
    if (!rows.length) return [];
    const lines = (await this.tx.query(
      `SELECT entry_id, account_code, debit_fen, credit_fen FROM ledger_lines
        WHERE society_id = $1 AND entry_id = ANY($2::uuid[]) ORDER BY entry_id, line_no`,
      [societyId, rows.map((r) => r.id)],
    )) as LineRow[];
    const byEntry = new Map<string, Line[]>();
    for (const l of lines) {
      const list = byEntry.get(l.entry_id) ?? [];
      list.push({ account: l.account_code, debitFen: n(l.debit_fen), creditFen: n(l.credit_fen) });
      byEntry.set(l.entry_id, list);
    }
    return rows.map((r) => toEntryDto(r, byEntry.get(r.id) ?? []));
  }

  private async openHold(societyId: string, holdId: string): Promise<HoldView> {
    const hold = isUUID(holdId) ? await this.getHold(societyId, holdId) : null;
    if (!hold) throw AppError.notFound('hold');
    if (hold.status !== 'held') throw new AppError('INVALID_STATE', { hold: hold.status });
    return hold;
  }

  private recordHold(
    societyId: string,
    actorId: string | null,
    action: string,
    holdId: string,
    data: Record<string, unknown>,
  ) {
    return this.audit.record({ societyId, actorId, action, entity: 'hold', entityId: holdId, data });
  }
}

function toEntryDto(r: EntryRow, lines: Line[]): EntryResponseDto {
  return {
    id: r.id,
    seq: n(r.seq),
    kind: r.kind,
    postedAt: new Date(r.posted_at).toISOString(),
    memo: r.memo,
    lines: lines.map((l) => ({ account: l.account, debitFen: l.debitFen, creditFen: l.creditFen })),
    ref: r.ref_type && r.ref_id ? { type: r.ref_type, id: r.ref_id } : null,
  };
}
