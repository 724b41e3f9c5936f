import { Transactional } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { Principal } from '../common/access/roles';
import { localDay, startOfLocalDay } from '../common/calendar';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { fieldError } from '../common/errors/validation';
import { decodeCursor, limitOf, Page, toPage } from '../common/pagination';
import { CountersRepository } from '../database/counters.repository';
import { LedgerService } from '../fund/ledger.service';
import { SocietiesService } from '../societies/societies.service';
import {
  Donation,
  DonationOnStatement,
  DonationsRepository,
  DonationWithDonorKind,
} from './donations.repository';
import { accountFor, receiptNo } from './domain/labels';
import { parseReceivedAt } from './domain/received-at';
import {
  DonationQueryDto,
  DonationResponseDto,
  RecordDonationDto,
  VoidDonationDto,
} from './dto/donation.dto';
import { DonorsService } from './donors.service';

/** A donation may be dated at most this far ahead of now (clock skew between phone and server). */
const FUTURE_TOLERANCE_MS = 24 * 3_600_000;
/** No society's books go back before 1949: an earlier date is a typing mistake (e.g. 0026 for 2026). */
const EARLIEST_RECEIVED_ON = '1949-01-01';

export type { DonationOnStatement } from './donations.repository';
/** A donation as an export lists it: the donor named as the internal list names them (real name). */
export type DonationExportRow = Pick<
  DonationWithDonorKind,
  | 'receiptNo'
  | 'donorName'
  | 'donorKind'
  | 'amountFen'
  | 'receivedAt'
  | 'receivedOn'
  | 'channel'
  | 'account'
  | 'reference'
  | 'note'
  | 'status'
  | 'voidedAt'
  | 'voidReason'
>;

@Injectable()
export class DonationsService {
  constructor(
    private readonly repo: DonationsRepository,
    private readonly ledger: LedgerService,
    private readonly donors: DonorsService,
    private readonly societies: SocietiesService,
    private readonly counters: CountersRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Every donation of the society, oldest first, `batch` at a time. Run it inside the caller's snapshot
   * (SnapshotRepository.read), so that all batches show the same moment (a void meanwhile is not seen).
   */
  async *exportRows(societyId: string, batch: number): AsyncGenerator<DonationExportRow[]> {
    for (let after: { receivedAt: Date; id: string } | null = null; ;) {
      const rows = await this.repo.exportPage(societyId, after, batch);
      if (rows.length) yield rows.map(toExportRow);
      if (rows.length < batch) return;
      const last = rows[rows.length - 1];
      after = { receivedAt: last.receivedAt, id: last.id };
    }
  }

  /**
   * Records a gift: the ledger entry (cash → cash, else bank), the next receipt number of the year
   * and the donation row, in one transaction.
   */
  @Transactional()
  async record(societyId: string, dto: RecordDonationDto, actor: Principal): Promise<DonationResponseDto> {
    await this.donors.assertExists(societyId, dto.donorId);
    const { timezone } = await this.societies.find(societyId);
    const now = this.clock.now();
    const received = receivedAt(dto.receivedAt, timezone, now);
    // Receipts are numbered by the year they are issued in, in the society's time zone.
    const year = localDay(now, timezone).year;
    const id = randomUUID();
    const account = accountFor(dto.channel);
    const gift = { donationId: id, account, amountFen: dto.amountFen, actorId: actor.id };
    const donation = await this.ledger.recordDonation(societyId, gift, async (entry) => {
      const number = receiptNo(year, await this.counters.next(societyId, `receipt:${year}`));
      const row = await this.repo.insert(societyId, {
        id,
        receiptNo: number,
        donorId: dto.donorId,
        amountFen: dto.amountFen,
        receivedAt: received.at,
        receivedOn: received.on,
        channel: dto.channel,
        account,
        reference: dto.reference ?? null,
        note: dto.note ?? null,
        entryId: entry.id,
        recordedBy: actor.id,
        createdAt: now,
      });
      return { result: row, facts: { receiptNo: number, donorId: dto.donorId, channel: dto.channel } };
    });
    return toDonationDto(donation);
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
    const donation = isUUID(donationId) ? await this.repo.lockForVoid(societyId, donationId) : null;
    if (!donation) throw AppError.notFound('donation');
    if (donation.status !== 'recorded') {
      throw new AppError(
        'INVALID_STATE',
        { status: donation.status },
        { zh: '该捐赠已作废', en: 'The donation is already voided' },
      );
    }
    const at = this.clock.now();
    const gift = {
      donationId,
      account: donation.account,
      amountFen: donation.amountFen,
      reason: dto.reason,
      actorId: actor.id,
    };
    await this.ledger.voidDonation(societyId, gift, async (entry) => {
      await this.repo.markVoided(societyId, donationId, {
        entryId: entry.id,
        reason: dto.reason,
        at,
        actorId: actor.id,
      });
      return { result: undefined, facts: { receiptNo: donation.receiptNo } };
    });
    return this.get(societyId, donationId);
  }

  async get(societyId: string, donationId: string): Promise<DonationResponseDto> {
    return toDonationDto(await this.find(societyId, donationId));
  }

  async find(societyId: string, donationId: string): Promise<Donation> {
    const donation = isUUID(donationId) ? await this.repo.find(societyId, donationId) : null;
    if (!donation) throw AppError.notFound('donation');
    return donation;
  }

  /** Newest first; `from`/`to` filter the day received. */
  async list(societyId: string, query: DonationQueryDto): Promise<Page<DonationResponseDto>> {
    const limit = limitOf(query);
    const after = decodeCursor(query.cursor, ['time', 'uuid']) as [string, string] | null;
    const filter = {
      from: query.from ?? null,
      to: query.to ?? null,
      donorId: query.donorId ?? null,
      status: query.status ?? null,
    };
    const rows = await this.repo.list(societyId, filter, after, limit + 1);
    return toPage(rows, limit, (r) => [r.receivedAt.toISOString(), r.id], toDonationDto);
  }

  /** The receipts and donors of these donations, by id (a statement's lines). */
  async onStatement(
    societyId: string,
    donationIds: readonly string[],
  ): Promise<Map<string, DonationOnStatement>> {
    if (donationIds.length === 0) return new Map();
    const rows = await this.repo.onStatement(societyId, donationIds);
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Recorded (not voided) gifts of one donor in one calendar year of the society, oldest first. */
  ofDonorInYear(societyId: string, donorId: string, year: number): Promise<Donation[]> {
    return this.repo.ofDonorInYear(societyId, donorId, year);
  }
}

/**
 * The instant and local day a gift was received: a date is the start of that day in the society's
 * time zone. Not in the future (beyond the tolerance), not before 1949.
 */
function receivedAt(given: string, timeZone: string, now: Date): { at: Date; on: string } {
  const parsed = parseReceivedAt(given);
  if (!parsed) {
    throw fieldError('receivedAt', '不是有效的日期或时间', 'receivedAt is not a valid date or time');
  }
  const received = parsed.instant
    ? { at: parsed.instant, on: localDay(parsed.instant, timeZone).date }
    : { at: startOfLocalDay(parsed.date, timeZone), on: parsed.date };
  if (received.at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw fieldError('receivedAt', '收款时间不能晚于当前时间', 'receivedAt cannot be in the future');
  }
  if (received.on < EARLIEST_RECEIVED_ON) {
    throw fieldError('receivedAt', '收款日期不能早于 1949 年', 'receivedAt cannot be before 1949');
  }
  return received;
}

export function toDonationDto(d: Donation): DonationResponseDto {
  return {
    id: d.id,
    receiptNo: d.receiptNo,
    donorId: d.donorId,
    donorName: d.donorName,
    amountFen: d.amountFen,
    receivedAt: d.receivedAt.toISOString(),
    receivedOn: d.receivedOn,
    channel: d.channel,
    account: d.account,
    reference: d.reference,
    note: d.note,
    status: d.status,
    entryId: d.entryId,
    recordedBy: d.recordedBy,
    createdAt: d.createdAt.toISOString(),
    voidedAt: d.voidedAt ? d.voidedAt.toISOString() : null,
    voidReason: d.voidReason,
    voidEntryId: d.voidEntryId,
  };
}

function toExportRow(d: DonationWithDonorKind): DonationExportRow {
  return {
    receiptNo: d.receiptNo,
    donorName: d.donorName,
    donorKind: d.donorKind,
    amountFen: d.amountFen,
    receivedAt: d.receivedAt,
    receivedOn: d.receivedOn,
    channel: d.channel,
    account: d.account,
    reference: d.reference,
    note: d.note,
    status: d.status,
    voidedAt: d.voidedAt,
    voidReason: d.voidReason,
  };
}
