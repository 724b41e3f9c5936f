import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../common/access/roles';
import { AppError } from '../common/errors/app-error';
import { fieldError } from '../common/errors/validation';
import { decodeCursor, limitOf, Page, toPage } from '../common/pagination';
import { Counters } from '../database/counters';
import type { Tx } from '../database/tx';
import { donationLines, donationVoidLines } from '../fund/domain/ledger';
import { LedgerService } from '../fund/ledger.service';
import { accountFor, Channel, receiptNo } from './domain/labels';
import {
  DonationQueryDto,
  DonationResponseDto,
  RecordDonationDto,
  VoidDonationDto,
} from './dto/donation.dto';
import { DonorsService } from './donors.service';

export interface DonationRow {
  id: string;
  receipt_no: string;
  donor_id: string;
  donor_name: string;
  amount_fen: string;
  received_at: Date;
  received_on: string;
  channel: Channel;
  account_code: 'cash' | 'bank';
  reference: string | null;
  note: string | null;
  status: 'recorded' | 'voided';
  entry_id: string;
  recorded_by: string | null;
  created_at: Date;
  voided_at: Date | null;
  void_reason: string | null;
  void_entry_id: string | null;
}

const DONATION_COLUMNS = `x.id, x.receipt_no, x.donor_id, d.name AS donor_name, x.amount_fen, x.received_at,
         to_char(x.received_on, 'YYYY-MM-DD') AS received_on, x.channel, x.account_code, x.reference, x.note,
         x.status, x.entry_id, x.recorded_by, x.created_at, x.voided_at, x.void_reason, x.void_entry_id`;

const SELECT_DONATION = `
  SELECT ${DONATION_COLUMNS}
    FROM donations x JOIN donors d ON d.society_id = x.society_id AND d.id = x.donor_id`;

/** A donation may be dated at most this far ahead of now (clock skew between phone and server). */
const FUTURE_TOLERANCE_HOURS = 24;
/** No society's books go back before 1949: an earlier date is a typing mistake (e.g. 0026 for 2026). */
const EARLIEST_RECEIVED_ON = '1949-01-01';

@Injectable()
export class DonationsService {
  constructor(
    private readonly txHost: TransactionHost<Tx>,
    private readonly ledger: LedgerService,
    private readonly donors: DonorsService,
    private readonly counters: Counters,
    private readonly audit: AuditService,
  ) {}

  private get tx() {
    return this.txHost.tx;
  }

  /**
   * Records a gift: the ledger entry (cash → cash, else bank), the next receipt number of the year
   * and the donation row, in one transaction.
   */
  @Transactional()
  async record(societyId: string, dto: RecordDonationDto, actor: Principal): Promise<DonationResponseDto> {
    await this.donors.find(societyId, dto.donorId);
    const when = await this.resolveReceivedAt(societyId, dto.receivedAt);
    const id = randomUUID();
    const account = accountFor(dto.channel);
    const entry = await this.ledger.post(societyId, {
      kind: 'donation',
      lines: donationLines(account, dto.amountFen),
      ref: { type: 'donation', id },
      actorId: actor.id,
    });
    const number = receiptNo(when.year, await this.counters.next(societyId, `receipt:${when.year}`));
    // The row as GET answers it, from the insert itself (no read-back).
    const [row] = (await this.tx.query(
      `WITH x AS (
         INSERT INTO donations (society_id, id, receipt_no, donor_id, amount_fen, received_at, received_on, channel,
                                account_code, reference, note, entry_id, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING *)
       SELECT ${DONATION_COLUMNS} FROM x JOIN donors d ON d.society_id = x.society_id AND d.id = x.donor_id`,
      [
        societyId,
        id,
        number,
        dto.donorId,
        dto.amountFen,
        when.at,
        when.on,
        dto.channel,
        account,
        dto.reference ?? null,
        dto.note ?? null,
        entry.id,
        actor.id,
      ],
    )) as DonationRow[];
    await this.audit.record({
      societyId,
      actorId: actor.id,
      action: 'donation.recorded',
      entity: 'donation',
      entityId: id,
      data: {
        receiptNo: number,
        donorId: dto.donorId,
        amountFen: dto.amountFen,
        channel: dto.channel,
        account,
        entrySeq: entry.seq,
      },
    });
    return toDonationDto(row);
  }

  /**
   * Voids a gift with a reversing entry. INSUFFICIENT_FUNDS when that money has been held for a
   * vote or case, or spent, meanwhile.
   */
  @Transactional()
  async void(
    societyId: string,
    donationId: string,
    dto: VoidDonationDto,
    actor: Principal,
  ): Promise<DonationResponseDto> {
    const rows = isUUID(donationId)
      ? ((await this.tx.query(
          `SELECT id, status, amount_fen, account_code, receipt_no FROM donations WHERE society_id = $1 AND id = $2 FOR UPDATE`,
          [societyId, donationId],
        )) as {
          id: string;
          status: string;
          amount_fen: string;
          account_code: 'cash' | 'bank';
          receipt_no: string;
        }[])
      : [];
    const donation = rows[0];
    if (!donation) throw AppError.notFound('donation');
    if (donation.status !== 'recorded') {
      throw new AppError(
        'INVALID_STATE',
        { status: donation.status },
        { zh: '该捐赠已作废', en: 'The donation is already voided' },
      );
    }
    const amountFen = Number(donation.amount_fen);
    const entry = await this.ledger.post(societyId, {
      kind: 'donation_void',
      lines: donationVoidLines(donation.account_code, amountFen),
      memo: dto.reason,
      ref: { type: 'donation', id: donationId },
      actorId: actor.id,
    });
    await this.tx.query(
      `UPDATE donations SET status = 'voided', void_entry_id = $3, void_reason = $4, voided_at = now(), voided_by = $5
        WHERE society_id = $1 AND id = $2`,
      [societyId, donationId, entry.id, dto.reason, actor.id],
    );
    await this.audit.record({
      societyId,
      actorId: actor.id,
      action: 'donation.voided',
      entity: 'donation',
      entityId: donationId,
      data: { receiptNo: donation.receipt_no, amountFen, reason: dto.reason, entrySeq: entry.seq },
    });
    return this.get(societyId, donationId);
  }

  async get(societyId: string, donationId: string): Promise<DonationResponseDto> {
    return toDonationDto(await this.find(societyId, donationId));
  }

  async find(societyId: string, donationId: string): Promise<DonationRow> {
    const rows = isUUID(donationId)
      ? ((await this.tx.query(`${SELECT_DONATION} WHERE x.society_id = $1 AND x.id = $2`, [
          societyId,
          donationId,
        ])) as DonationRow[])
      : [];
    if (!rows.length) throw AppError.notFound('donation');
    return rows[0];
  }

  /** Newest first; `from`/`to` filter the day received. */
  async list(societyId: string, query: DonationQueryDto): Promise<Page<DonationResponseDto>> {
    const limit = limitOf(query);
    const after = decodeCursor(query.cursor, ['time', 'uuid']);
    const params: unknown[] = [
      societyId,
      limit + 1,
      query.from ?? null,
      query.to ?? null,
      query.donorId ?? null,
      query.status ?? null,
    ];
    let keyset = '';
    if (after) {
      params.push(after[0], after[1]);
      keyset = `AND (x.received_at, x.id) < ($7::timestamptz, $8::uuid)`;
    }
    const rows = (await this.tx.query(
      `${SELECT_DONATION}
        WHERE x.society_id = $1
          AND ($3::date IS NULL OR x.received_on >= $3::date) AND ($4::date IS NULL OR x.received_on <= $4::date)
          AND ($5::uuid IS NULL OR x.donor_id = $5::uuid) AND ($6::text IS NULL OR x.status = $6::text)
          ${keyset}
        ORDER BY x.received_at DESC, x.id DESC LIMIT $2`,
      params,
    )) as DonationRow[];
    return toPage(rows, limit, (r) => [new Date(r.received_at).toISOString(), r.id], toDonationDto);
  }

  /** Recorded (not voided) gifts of one donor in one calendar year of the society, oldest first. */
  async ofDonorInYear(societyId: string, donorId: string, year: number): Promise<DonationRow[]> {
    return (await this.tx.query(
      `${SELECT_DONATION}
        WHERE x.society_id = $1 AND x.donor_id = $2 AND x.status = 'recorded'
          AND x.received_on >= make_date($3, 1, 1) AND x.received_on < make_date($3 + 1, 1, 1)
        ORDER BY x.received_on, x.receipt_no`,
      [societyId, donorId, year],
    )) as DonationRow[];
  }

  /**
   * The moment and local day a gift was received, and the receipt year (this year in the society's
   * time zone: receipts are numbered by when they are issued).
   */
  private async resolveReceivedAt(
    societyId: string,
    given: string,
  ): Promise<{ at: Date; on: string; year: number }> {
    const dateOnly = given.length === 10;
    const [row] = (await this.tx
      .query(
        `SELECT at, to_char(at AT TIME ZONE s.timezone, 'YYYY-MM-DD') AS on,
              extract(year FROM now() AT TIME ZONE s.timezone)::int AS year,
              at > now() + make_interval(hours => $4) AS future
         FROM societies s,
              LATERAL (SELECT date_trunc('milliseconds', CASE WHEN $3 THEN ($2::text::date)::timestamp AT TIME ZONE s.timezone ELSE $2::text::timestamptz END) AS at) t
        WHERE s.id = $1`,
        [societyId, given, dateOnly, FUTURE_TOLERANCE_HOURS],
      )
      .catch((e: unknown) => {
        if ((e as { code?: string }).code?.startsWith('22')) throw invalidDate();
        throw e;
      })) as { at: Date; on: string; year: number; future: boolean }[];
    if (!row) throw AppError.notFound('society');
    if (row.future) {
      throw fieldError('receivedAt', '收款时间不能晚于当前时间', 'receivedAt cannot be in the future');
    }
    if (row.on < EARLIEST_RECEIVED_ON) {
      throw fieldError('receivedAt', '收款日期不能早于 1949 年', 'receivedAt cannot be before 1949');
    }
    return { at: new Date(row.at), on: row.on, year: row.year };
  }
}

function invalidDate(): AppError {
  return fieldError('receivedAt', '不是有效的日期或时间', 'receivedAt is not a valid date or time');
}

export function toDonationDto(r: DonationRow): DonationResponseDto {
  return {
    id: r.id,
    receiptNo: r.receipt_no,
    donorId: r.donor_id,
    donorName: r.donor_name,
    amountFen: Number(r.amount_fen),
    receivedAt: new Date(r.received_at).toISOString(),
    receivedOn: r.received_on,
    channel: r.channel,
    account: r.account_code,
    reference: r.reference,
    note: r.note,
    status: r.status,
    entryId: r.entry_id,
    recordedBy: r.recorded_by,
    createdAt: new Date(r.created_at).toISOString(),
    voidedAt: r.voided_at ? new Date(r.voided_at).toISOString() : null,
    voidReason: r.void_reason,
    voidEntryId: r.void_entry_id,
  };
}
