import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/tx';
import { DonorKind } from './domain/labels';

/** A donor as stored, with the total of their recorded (not voided) gifts. */
export interface Donor {
  id: string;
  kind: DonorKind;
  name: string;
  phoneEnc: Buffer | null;
  creditCode: string | null;
  anonymous: boolean;
  note: string | null;
  createdAt: Date;
  totalFen: number;
}

export interface NewDonor {
  kind: DonorKind;
  name: string;
  phoneEnc: Buffer | null;
  phoneHmac: string | null;
  creditCode: string | null;
  anonymous: boolean;
  note: string | null;
  createdBy: string;
  createdAt: Date;
}

/** What a search matches: part of the name, or a phone (by its HMAC) or credit code exactly. */
export interface DonorMatch {
  like: string;
  /** Every HMAC the phone may be stored under (PiiCipher.hmacs); none: no phone in the query. */
  phoneHmacs: string[];
  creditCode: string | null;
}

interface DonorRow {
  id: string;
  kind: DonorKind;
  name: string;
  phone_enc: Buffer | null;
  credit_code: string | null;
  anonymous: boolean;
  note: string | null;
  created_at: Date;
  total_fen: string;
}

function toDonor(r: DonorRow): Donor {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    phoneEnc: r.phone_enc,
    creditCode: r.credit_code,
    anonymous: r.anonymous,
    note: r.note,
    createdAt: new Date(r.created_at),
    totalFen: Number(r.total_fen),
  };
}

const SELECT_DONOR = `
  SELECT d.id, d.kind, d.name, d.phone_enc, d.credit_code, d.anonymous, d.note, d.created_at,
         (SELECT coalesce(sum(amount_fen), 0) FROM donations x
           WHERE x.society_id = d.society_id AND x.donor_id = d.id AND x.status = 'recorded') AS total_fen
    FROM donors d`;

/** All SQL of donors. */
@Injectable()
export class DonorsRepository {
  constructor(private readonly txHost: TransactionHost<Tx>) {}

  private get tx() {
    return this.txHost.tx;
  }

  async insert(societyId: string, d: NewDonor): Promise<string> {
    const [row] = (await this.tx.query(
      `INSERT INTO donors (society_id, kind, name, phone_enc, phone_hmac, credit_code, anonymous, note, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        societyId,
        d.kind,
        d.name,
        d.phoneEnc,
        d.phoneHmac,
        d.creditCode,
        d.anonymous,
        d.note,
        d.createdBy,
        d.createdAt,
      ],
    )) as { id: string }[];
    return row.id;
  }

  async find(societyId: string, donorId: string): Promise<Donor | null> {
    const [row] = (await this.tx.query(`${SELECT_DONOR} WHERE d.society_id = $1 AND d.id = $2`, [
      societyId,
      donorId,
    ])) as DonorRow[];
    return row ? toDonor(row) : null;
  }

  /** Whether the society has this donor (a primary-key probe: no running total). */
  async exists(societyId: string, donorId: string): Promise<boolean> {
    const rows = (await this.tx.query(`SELECT 1 FROM donors WHERE society_id = $1 AND id = $2`, [
      societyId,
      donorId,
    ])) as unknown[];
    return rows.length > 0;
  }

  /** By name then id, after the keyset `after` ([name, id]) when given. */
  async search(
    societyId: string,
    match: DonorMatch | null,
    after: [string, string] | null,
    limit: number,
  ): Promise<Donor[]> {
    const params: unknown[] = [societyId, limit];
    const where = ['d.society_id = $1'];
    if (match) {
      params.push(match.like, match.phoneHmacs, match.creditCode);
      where.push(`(d.name ILIKE $3 OR d.phone_hmac = ANY($4::text[]) OR d.credit_code = $5)`);
    }
    if (after) {
      params.push(after[0], after[1]);
      where.push(`(d.name, d.id) > ($${params.length - 1}, $${params.length}::uuid)`);
    }
    const rows = (await this.tx.query(
      `${SELECT_DONOR} WHERE ${where.join(' AND ')} ORDER BY d.name, d.id LIMIT $2`,
      params,
    )) as DonorRow[];
    return rows.map(toDonor);
  }

  /** Donors whose phone is not under the current key (`prefix`), locked, at most `limit` (pii:rotate). */
  async phonesToRotate(
    prefix: Buffer,
    limit: number,
  ): Promise<{ societyId: string; id: string; phoneEnc: Buffer }[]> {
    const rows = (await this.tx.query(
      `SELECT society_id, id, phone_enc FROM donors
        WHERE phone_enc IS NOT NULL AND substring(phone_enc FROM 1 FOR octet_length($1::bytea)) <> $1::bytea
        ORDER BY society_id, id LIMIT $2 FOR UPDATE`,
      [prefix, limit],
    )) as { society_id: string; id: string; phone_enc: Buffer }[];
    return rows.map((r) => ({ societyId: r.society_id, id: r.id, phoneEnc: r.phone_enc }));
  }

  async setPhone(societyId: string, id: string, phoneEnc: Buffer, phoneHmac: string): Promise<void> {
    await this.tx.query(
      `UPDATE donors SET phone_enc = $3, phone_hmac = $4 WHERE society_id = $1 AND id = $2`,
      [societyId, id, phoneEnc, phoneHmac],
    );
  }
}
