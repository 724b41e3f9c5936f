import { Transactional } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { localDayRange } from '../common/calendar';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { fieldError } from '../common/errors/validation';
import { decodeCursor, limitOf, Page, PageQueryDto, toPage } from '../common/pagination';
import type { Tx } from '../database/tx';
import { SocietiesService } from '../societies/societies.service';
import {
  aidPaymentLines,
  applyEntry,
  applyHold,
  applyRelease,
  applySettle,
  AssetAccount,
  donationLines,
  donationVoidLines,
  Line,
  FundState,
  FundSummary,
  HoldView,
  PostedEntry,
  recoveryLines,
  Ref,
  summarize,
  transferLines,
} from './domain/ledger';
import { reconcile, Reconciliation } from './domain/reconciliation';
import { HoldsRepository } from './holds.repository';
import { LedgerRepository, NewEntry, PeriodTotals } from './ledger.repository';

/** An entry as an intent builds it; the ledger adds the clock's instant. */
type Draft = Omit<NewEntry, 'postedAt'>;

export type { HoldView, PostedEntry, Ref } from './domain/ledger';
export type { PeriodTotals } from './ledger.repository';

/** One society's fund as oversight shows it (LedgerService.overviews). */
export interface FundOverviewView {
  societyId: string;
  balanceFen: number;
  availableFen: number;
  aidPaidSinceFen: number;
}

/** A gift entering the fund (the donation row is the caller's). */
export interface Gift {
  donationId: string;
  account: AssetAccount;
  amountFen: number;
  actorId: string | null;
}

export interface Transfer {
  from: AssetAccount;
  to: AssetAccount;
  amountFen: number;
  memo?: string | null;
}

/** An aid payment from a hold: at most the held amount, from bank or cash. */
export interface Payment {
  amountFen: number;
  from: AssetAccount;
  ref?: Ref | null;
  memo?: string | null;
  actorId: string | null;
}

/** Money coming back from a paid case (e.g. a fraudulent claim repaid), into bank or cash. */
export interface Recovery {
  amountFen: number;
  to: AssetAccount;
  ref?: Ref | null;
  memo?: string | null;
  actorId: string | null;
}

/**
 * The caller's side of a donation intent: its own rows, written while the fund is locked (after the
 * entry, before the intent's one audit event), and the facts that event records about them.
 */
export type WithEntry<T> = (entry: PostedEntry) => Promise<{ result: T; facts: Record<string, unknown> }>;

/** A period of the ledger (LedgerService.activity). */
export interface PeriodActivity {
  /** bank + cash when the period begins. */
  openingFen: number;
  entries: PostedEntry[];
}

/** The date range and page of a ledger listing (days in the society's time zone). */
export interface EntriesQuery extends PageQueryDto {
  from?: string;
  to?: string;
}

/**
 * The fund's ledger, speaking only in intents: each builds its own lines, locks the society's fund
 * row first (one order for every writer: fund with its accounts → counters → audit head), checks
 * the move with the pure rules in domain/ledger.ts, writes through the repositories in the caller's
 * transaction and records exactly one audit event. The database re-checks: balanced entries,
 * immutable lines, no negative asset, held ≤ balance.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly holds: HoldsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly societies: SocietiesService,
  ) {}

  /** A gift into cash or bank. The audit event is `donation.recorded`, with the caller's facts. */
  @Transactional()
  async recordDonation<T>(societyId: string, gift: Gift, write: WithEntry<T>): Promise<T> {
    return this.postGift(societyId, gift, write, {
      kind: 'donation',
      lines: donationLines(gift.account, gift.amountFen),
      memo: null,
      action: 'donation.recorded',
      data: { account: gift.account },
    });
  }

  /**
   * Reverses a gift. INSUFFICIENT_FUNDS when that money has been held for a vote or case, or spent,
   * meanwhile. The audit event is `donation.voided`, with the caller's facts.
   */
  @Transactional()
  async voidDonation<T>(societyId: string, gift: Gift & { reason: string }, write: WithEntry<T>): Promise<T> {
    return this.postGift(societyId, gift, write, {
      kind: 'donation_void',
      lines: donationVoidLines(gift.account, gift.amountFen),
      memo: gift.reason,
      action: 'donation.voided',
      data: { reason: gift.reason },
    });
  }

  /**
   * A gift's entry, then the caller's rows (`write`, e.g. the donation and its receipt number), then
   * the one audit event with the caller's facts: the lock order fund → counters → audit head holds.
   */
  private async postGift<T>(
    societyId: string,
    gift: Gift,
    write: WithEntry<T>,
    e: {
      kind: 'donation' | 'donation_void';
      lines: Line[];
      memo: string | null;
      action: 'donation.recorded' | 'donation.voided';
      data: Record<string, unknown>;
    },
  ): Promise<T> {
    const entry = await this.postEntry(societyId, {
      kind: e.kind,
      lines: e.lines,
      memo: e.memo,
      ref: { type: 'donation', id: gift.donationId },
      actorId: gift.actorId,
    });
    const { result, facts } = await write(entry);
    await this.audit.record({
      societyId,
      actorId: gift.actorId,
      action: e.action,
      entity: 'donation',
      entityId: gift.donationId,
      data: { ...facts, amountFen: gift.amountFen, ...e.data, entrySeq: entry.seq },
    });
    return result;
  }

  /** Moves money between cash and bank (e.g. depositing cash). */
  @Transactional()
  async transfer(societyId: string, move: Transfer, actorId: string | null): Promise<PostedEntry> {
    if (move.from === move.to) {
      throw fieldError('to', '转入账户不能与转出账户相同', 'to must differ from from');
    }
    const entry = await this.postEntry(societyId, {
      kind: 'transfer',
      lines: transferLines(move.from, move.to, move.amountFen),
      memo: move.memo ?? null,
      ref: null,
      actorId,
    });
    await this.audit.record({
      societyId,
      actorId,
      action: 'fund.transfer',
      entity: 'ledger_entry',
      entityId: entry.id,
      data: { from: move.from, to: move.to, amountFen: move.amountFen, seq: entry.seq },
    });
    return entry;
  }

  /** Reserves money (a vote's motion amount). Only available money can be held. */
  @Transactional()
  async hold(
    societyId: string,
    amountFen: number,
    ref: Ref | null,
    actorId: string | null,
  ): Promise<HoldView> {
    const after = applyHold(await this.lockFund(societyId), amountFen);
    const hold = await this.holds.insert(societyId, amountFen, ref, this.clock.now());
    await this.ledger.writeState(societyId, after);
    await this.recordHold(societyId, actorId, 'fund.hold_placed', hold.id, { amountFen, ref });
    return hold;
  }

  /** Gives a hold's money back to available (a rejected, failed or withdrawn vote or case). */
  @Transactional()
  async release(societyId: string, holdId: string, actorId: string | null): Promise<HoldView> {
    const before = await this.lockFund(societyId);
    const hold = await this.openHold(societyId, holdId);
    await this.ledger.writeState(societyId, applyRelease(before, hold.amountFen));
    await this.holds.markReleased(societyId, holdId, this.clock.now());
    await this.recordHold(societyId, actorId, 'fund.hold_released', holdId, { amountFen: hold.amountFen });
    return { ...hold, status: 'released' };
  }

  /**
   * The aid payment of an approved case, from its hold: at most the held amount
   * (AMOUNT_EXCEEDS_APPROVED), the hold closed and any remainder back to available, all at once.
   */
  @Transactional()
  async payFromHold(societyId: string, holdId: string, payment: Payment): Promise<PostedEntry> {
    const before = await this.lockFund(societyId);
    const hold = await this.openHold(societyId, holdId);
    if (payment.amountFen > hold.amountFen) {
      throw new AppError('AMOUNT_EXCEEDS_APPROVED', {
        heldFen: hold.amountFen,
        amountFen: payment.amountFen,
      });
    }
    const lines = aidPaymentLines(payment.from, payment.amountFen);
    const after = applySettle(before, hold.amountFen, lines);
    const at = this.clock.now();
    const entry = await this.ledger.insertEntry(
      societyId,
      {
        kind: 'aid_payment',
        lines,
        memo: payment.memo ?? null,
        ref: payment.ref ?? null,
        actorId: payment.actorId,
        postedAt: at,
      },
      after,
    );
    await this.holds.markSettled(societyId, holdId, { settledFen: payment.amountFen, entryId: entry.id, at });
    await this.recordHold(societyId, payment.actorId, 'fund.hold_settled', holdId, {
      amountFen: hold.amountFen,
      settledFen: payment.amountFen,
      entryId: entry.id,
    });
    return entry;
  }

  /** Money back from a paid case: debit bank or cash, credit `recoveries`. */
  @Transactional()
  async recover(societyId: string, recovery: Recovery): Promise<PostedEntry> {
    const entry = await this.postEntry(societyId, {
      kind: 'recovery',
      lines: recoveryLines(recovery.to, recovery.amountFen),
      memo: recovery.memo ?? null,
      ref: recovery.ref ?? null,
      actorId: recovery.actorId,
    });
    await this.audit.record({
      societyId,
      actorId: recovery.actorId,
      action: 'fund.recovered',
      entity: 'ledger_entry',
      entityId: entry.id,
      data: { to: recovery.to, amountFen: recovery.amountFen, ref: entry.ref, seq: entry.seq },
    });
    return entry;
  }

  // --- reads ---

  async getHold(societyId: string, holdId: string): Promise<HoldView | null> {
    return this.holds.find(societyId, holdId);
  }

  /** Balance, held and available from one statement: never a half-applied move. */
  async summary(societyId: string): Promise<FundSummary> {
    const state = await this.ledger.readState(societyId, false);
    if (!state) throw AppError.notFound('society');
    return summarize(state);
  }

  /**
   * What the fund received and paid out in [from, to) by posting time (e.g. a society-local year for
   * the public page): gifts received less those of them voided, aid paid, recoveries, and the number
   * of distinct cases paid.
   */
  async totalsBetween(societyId: string, from: Date, to: Date): Promise<PeriodTotals> {
    return this.ledger.totalsBetween(societyId, from, to);
  }

  /**
   * What a statement reports for [from, to), from one snapshot: the balance (bank + cash) at `from`
   * from the lines posted before it, and every entry posted in the range with its lines, seq order.
   */
  @Transactional<Tx>({ isolationLevel: 'REPEATABLE READ' })
  async activity(societyId: string, from: Date, to: Date): Promise<PeriodActivity> {
    const openingFen = await this.ledger.balanceBefore(societyId, from);
    const entries = await this.ledger.entriesPage(societyId, { from, to }, 0, null);
    return { openingFen, entries };
  }

  async entries(societyId: string, query: EntriesQuery): Promise<Page<PostedEntry>> {
    const limit = limitOf(query);
    const after = decodeCursor(query.cursor, ['seq']);
    const range =
      query.from || query.to
        ? localDayRange(query.from, query.to, (await this.societies.find(societyId)).timezone)
        : { from: null, to: null };
    const rows = await this.ledger.entriesPage(societyId, range, after ? Number(after[0]) : 0, limit + 1);
    return toPage(
      rows,
      limit,
      (e) => [e.seq],
      (e) => e,
    );
  }

  /**
   * Every entry in seq order, `batch` at a time (a streamed export). Run it inside the caller's
   * snapshot (SnapshotRepository.read), so that all batches show the same moment of the books.
   */
  async *allEntries(societyId: string, batch: number): AsyncGenerator<PostedEntry[]> {
    const all = { from: null, to: null };
    for (let after = 0; ;) {
      const rows = await this.ledger.entriesPage(societyId, all, after, batch);
      if (rows.length) yield rows;
      if (rows.length < batch) return;
      after = rows[rows.length - 1].seq;
    }
  }

  /**
   * Oversight of several societies in one statement: balance, available, and aid paid since each
   * society's own `since` (its local new year). Societies without a fund are left out.
   */
  async overviews(societies: readonly { societyId: string; since: Date }[]): Promise<FundOverviewView[]> {
    const rows = await this.ledger.overviews(societies);
    return rows.map((r) => ({
      societyId: r.societyId,
      balanceFen: r.balanceFen,
      availableFen: r.balanceFen - r.heldFen,
      aidPaidSinceFen: r.aidPaidSinceFen,
    }));
  }

  /** Recomputes every balance from the lines, in one consistent snapshot. */
  @Transactional<Tx>({ isolationLevel: 'REPEATABLE READ' })
  async reconcile(societyId: string): Promise<Reconciliation> {
    return reconcile(await this.ledger.totals(societyId));
  }

  // --- internals ---

  /** Locks the fund row (the one lock every money move of this society queues on) and reads the state. */
  private async lockFund(societyId: string): Promise<FundState> {
    const state = await this.ledger.readState(societyId, true);
    if (!state) throw AppError.notFound('society');
    return state;
  }

  /** Posts an entry that touches no hold; INSUFFICIENT_FUNDS when it would overdraw or eat held money. */
  private async postEntry(societyId: string, draft: Draft): Promise<PostedEntry> {
    const after = applyEntry(await this.lockFund(societyId), draft.lines);
    return this.ledger.insertEntry(societyId, { ...draft, postedAt: this.clock.now() }, after);
  }

  private async openHold(societyId: string, holdId: string): Promise<HoldView> {
    const hold = await this.getHold(societyId, holdId);
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
