import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/tx';
import { Channel, DonorKind } from './domain/labels';

export type DonationStatus = 'recorded' | 'voided';

/** A donation as stored, with its donor's name. */
export interface Donation {
  id: string;
  receiptNo: string;
  donorId: string;
  donorName: string;
  amountFen: number;
  receivedAt: Date;
  /** The local day received, 'YYYY-MM-DD'. */
  receivedOn: string;
  channel: Channel;
  account: 'cash' | 'bank';
  reference: string | null;
  note: string | null;
  status: DonationStatus;
  entryId: string;
  recordedBy: string | null;
  createdAt: Date;
  voidedAt: Date | null;
  voidReason: string | null;
  voidEntryId: string | null;
}

/** A donation with its donor's kind, as an export lists it. */
export interface DonationWithDonorKind extends Donation {
  donorKind: DonorKind;
}

export type NewDonation = Pick<
  Donation,
  | 'id'
  | 'receiptNo'
  | 'donorId'
  | 'amountFen'
  | 'receivedAt'
  | 'receivedOn'
  | 'channel'
  | 'account'
  | 'reference'
  | 'note'
  | 'entryId'
  | 'recordedBy'
  | 'createdAt'
>;

/** What a void needs of the donation, read under its row lock. */
export interface DonationToVoid {
  id: string;
  status: DonationStatus;
  amountFen: number;
  account: 'cash' | 'bank';
  receiptNo: string;
}

/** What a statement shows of a donation: its receipt and its donor (StatementsService). */
export interface DonationOnStatement {
  id: string;
  receiptNo: string;
  donorName: string;
  donorKind: DonorKind;
  /** The donor did not consent to be named in public. */
  anonymous: boolean;
}

export interface DonationFilter {
  from: string | null;
  to: string | null;
  donorId: string | null;
  status: DonationStatus | null;
}

interface DonationRow {
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
  status: DonationStatus;
  entry_id: string;
  recorded_by: string | null;
  created_at: Date;
  voided_at: Date | null;
  void_reason: string | null;
  void_entry_id: string | null;
}

function toDonation(r: DonationRow): Donation {
  return {
    id: r.id,
    receiptNo: r.receipt_no,
    donorId: r.donor_id,
    donorName: r.donor_name,
    amountFen: Number(r.amount_fen),
    receivedAt: new Date(r.received_at),
    receivedOn: r.received_on,
    channel: r.channel,
    account: r.account_code,
    reference: r.reference,
    note: r.note,
    status: r.status,
    entryId: r.entry_id,
    recordedBy: r.recorded_by,
    createdAt: new Date(r.created_at),
    voidedAt: r.voided_at ? new Date(r.voided_at) : null,
    voidReason: r.void_reason,
    voidEntryId: r.void_entry_id,
  };
}

const DONATION_COLUMNS = `x.id, x.receipt_no, x.donor_id, d.name AS donor_name, x.amount_fen, x.received_at,
         to_char(x.received_on, 'YYYY-MM-DD') AS received_on, x.channel, x.account_code, x.reference, x.note,
         x.status, x.entry_id, x.recorded_by, x.created_at, x.voided_at, x.void_reason, x.void_entry_id`;

const SELECT_DONATION = `
  SELECT ${DONATION_COLUMNS}
    FROM donations x JOIN donors d ON d.society_id = x.society_id AND d.id = x.donor_id`;

/** All SQL of donations. */
@Injectable()
export class DonationsRepository {
  constructor(private readonly txHost: TransactionHost<Tx>) {}

  private get tx() {
    return this.txHost.tx;
  }

  /** Inserts the donation and answers it as `find` would (from the insert itself: no read-back). */
  async insert(societyId: string, x: NewDonation): Promise<Donation> {
    const [row] = (await this.tx.query(
      `WITH x AS (
         INSERT INTO donations (society_id, id, receipt_no, donor_id, amount_fen, received_at, received_on, channel,
                                account_code, reference, note, entry_id, recorded_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING *)
       SELECT ${DONATION_COLUMNS} FROM x JOIN donors d ON d.society_id = x.society_id AND d.id = x.donor_id`,
      [
        societyId,
        x.id,
        x.receiptNo,
        x.donorId,
        x.amountFen,
        x.receivedAt,
        x.receivedOn,
        x.channel,
        x.account,
        x.reference,
        x.note,
        x.entryId,
        x.recordedBy,
        x.createdAt,
      ],
    )) as DonationRow[];
    return toDonation(row);
  }

  /** Locks the donation's row: racing voids of one gift queue here. */
  async lockForVoid(societyId: string, donationId: string): Promise<DonationToVoid | null> {
    const [row] = (await this.tx.query(
      `SELECT id, status, amount_fen, account_code, receipt_no FROM donations WHERE society_id = $1 AND id = $2 FOR UPDATE`,
      [societyId, donationId],
    )) as {
      id: string;
      status: DonationStatus;
      amount_fen: string;
      account_code: 'cash' | 'bank';
      receipt_no: string;
    }[];
    return row
      ? {
          id: row.id,
          status: row.status,
          amountFen: Number(row.amount_fen),
          account: row.account_code,
          receiptNo: row.receipt_no,
        }
      : null;
  }

  async markVoided(
    societyId: string,
    donationId: string,
    v: { entryId: string; reason: string; at: Date; actorId: string },
  ): Promise<void> {
    await this.tx.query(
      `UPDATE donations SET status = 'voided', void_entry_id = $3, void_reason = $4, voided_at = $5, voided_by = $6
        WHERE society_id = $1 AND id = $2`,
      [societyId, donationId, v.entryId, v.reason, v.at, v.actorId],
    );
  }

  async find(societyId: string, donationId: string): Promise<Donation | null> {
    const [row] = (await this.tx.query(`${SELECT_DONATION} WHERE x.society_id = $1 AND x.id = $2`, [
      societyId,
      donationId,
    ])) as DonationRow[];
    return row ? toDonation(row) : null;
  }

  /** Newest first, after the keyset `after` ([received_at, id]) when given. */
  async list(
    societyId: string,
    filter: DonationFilter,
    after: [string, string] | null,
    limit: number,
  ): Promise<Donation[]> {
    const params: unknown[] = [societyId, limit, filter.from, filter.to, filter.donorId, filter.status];
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
    return rows.map(toDonation);
  }

  /** Recorded (not voided) gifts of one donor received in one calendar year, oldest first. */
  async ofDonorInYear(societyId: string, donorId: string, year: number): Promise<Donation[]> {
    const rows = (await this.tx.query(
      `${SELECT_DONATION}
        WHERE x.society_id = $1 AND x.donor_id = $2 AND x.status = 'recorded'
          AND x.received_on >= make_date($3, 1, 1) AND x.received_on < make_date($3 + 1, 1, 1)
        ORDER BY x.received_on, x.receipt_no`,
      [societyId, donorId, year],
    )) as DonationRow[];
    return rows.map(toDonation);
  }

  /** These donations of the society with their donors (ids not found are left out). */
  async onStatement(societyId: string, donationIds: readonly string[]): Promise<DonationOnStatement[]> {
    const rows = (await this.tx.query(
      `SELECT x.id, x.receipt_no, d.name, d.kind, d.anonymous
         FROM donations x JOIN donors d ON d.society_id = x.society_id AND d.id = x.donor_id
        WHERE x.society_id = $1 AND x.id = ANY($2::uuid[])`,
      [societyId, donationIds],
    )) as { id: string; receipt_no: string; name: string; kind: DonorKind; anonymous: boolean }[];
    return rows.map((r) => ({
      id: r.id,
      receiptNo: r.receipt_no,
      donorName: r.name,
      donorKind: r.kind,
      anonymous: r.anonymous,
    }));
  }

  /** Oldest first (received_at, id), after the keyset `after` when given: an export's batches. */
  async exportPage(
    societyId: string,
    after: { receivedAt: Date; id: string } | null,
    limit: number,
  ): Promise<DonationWithDonorKind[]> {
    const rows = (await this.tx.query(
      `SELECT ${DONATION_COLUMNS}, d.kind AS donor_kind
         FROM donations x JOIN donors d ON d.society_id = x.society_id AND d.id = x.donor_id
        WHERE x.society_id = $1
          AND ($2::timestamptz IS NULL OR (x.received_at, x.id) > ($2::timestamptz, $3::uuid))
        ORDER BY x.received_at, x.id LIMIT $4`,
      [societyId, after?.receivedAt ?? null, after?.id ?? null, limit],
    )) as (DonationRow & { donor_kind: DonorKind })[];
    return rows.map((r) => ({ ...toDonation(r), donorKind: r.donor_kind }));
  }
}
