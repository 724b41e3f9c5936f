import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/tx';
import type { Indicator, LeadStatus } from './domain/lead';

/** A lead's encrypted columns (pii:rotate). */
export interface LeadPii {
  societyId: string;
  id: string;
  subjectIdEnc: Buffer | null;
  subjectIdHmac: string | null;
  subjectPhoneEnc: Buffer | null;
  subjectAddressEnc: Buffer | null;
  indicators: Indicator[] | null;
  indicatorsEnc: Buffer | null;
}

/** A lead as stored (the subject's ID number, phone and address still encrypted). */
export interface LeadRecord {
  societyId: string;
  id: string;
  intakeKeyId: string;
  externalId: string;
  subjectName: string;
  subjectIdEnc: Buffer | null;
  subjectIdHmac: string | null;
  subjectPhoneEnc: Buffer | null;
  subjectAddressEnc: Buffer | null;
  /** The indicators as encrypted JSON; `indicators` instead only in rows from before (until pii:rotate). */
  indicatorsEnc: Buffer | null;
  indicators: Indicator[] | null;
  observedAt: Date;
  receivedAt: Date;
  status: LeadStatus;
  caseId: string | null;
  dismissReason: string | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
}

export type NewLead = Omit<
  LeadRecord,
  'id' | 'status' | 'caseId' | 'dismissReason' | 'resolvedBy' | 'resolvedAt' | 'indicators' | 'indicatorsEnc'
> & { indicatorsEnc: Buffer };

/** How a lead leaves `new`: converted (with its case) or dismissed (with the reason). */
export interface LeadResolution {
  status: Exclude<LeadStatus, 'new'>;
  caseId: string | null;
  dismissReason: string | null;
  resolvedBy: string;
  resolvedAt: Date;
}

interface LeadRow {
  society_id: string;
  id: string;
  intake_key_id: string;
  external_id: string;
  subject_name: string;
  subject_id_enc: Buffer | null;
  subject_id_hmac: string | null;
  subject_phone_enc: Buffer | null;
  subject_address_enc: Buffer | null;
  indicators: Indicator[] | null;
  indicators_enc: Buffer | null;
  observed_at: Date;
  received_at: Date;
  status: LeadStatus;
  case_id: string | null;
  dismiss_reason: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
}

const LEAD_COLUMNS = `society_id, id, intake_key_id, external_id, subject_name, subject_id_enc, subject_id_hmac,
  subject_phone_enc, subject_address_enc, indicators, indicators_enc, observed_at, received_at, status, case_id,
  dismiss_reason, resolved_by, resolved_at`;

const date = (d: Date | null) => (d === null ? null : new Date(d));

function toLead(r: LeadRow): LeadRecord {
  return {
    societyId: r.society_id,
    id: r.id,
    intakeKeyId: r.intake_key_id,
    externalId: r.external_id,
    subjectName: r.subject_name,
    subjectIdEnc: r.subject_id_enc,
    subjectIdHmac: r.subject_id_hmac,
    subjectPhoneEnc: r.subject_phone_enc,
    subjectAddressEnc: r.subject_address_enc,
    indicators: r.indicators,
    indicatorsEnc: r.indicators_enc,
    observedAt: new Date(r.observed_at),
    receivedAt: new Date(r.received_at),
    status: r.status,
    caseId: r.case_id,
    dismissReason: r.dismiss_reason,
    resolvedBy: r.resolved_by,
    resolvedAt: date(r.resolved_at),
  };
}

/** All SQL of leads. */
@Injectable()
export class LeadsRepository {
  constructor(private readonly txHost: TransactionHost<Tx>) {}

  private get tx() {
    return this.txHost.tx;
  }

  /**
   * Inserts the lead unless the society has one with its external id already: `created` false then,
   * and the lead is the one there (nothing changed). Two at once queue on the unique key; the second
   * sees the first once it commits.
   */
  async insertOnce(societyId: string, l: NewLead): Promise<{ lead: LeadRecord; created: boolean }> {
    const [row] = (await this.tx.query(
      `INSERT INTO leads (society_id, intake_key_id, external_id, subject_name, subject_id_enc, subject_id_hmac,
                          subject_phone_enc, subject_address_enc, indicators_enc, observed_at, received_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'new')
       ON CONFLICT (society_id, external_id) DO NOTHING
       RETURNING ${LEAD_COLUMNS}`,
      [
        societyId,
        l.intakeKeyId,
        l.externalId,
        l.subjectName,
        l.subjectIdEnc,
        l.subjectIdHmac,
        l.subjectPhoneEnc,
        l.subjectAddressEnc,
        l.indicatorsEnc,
        l.observedAt,
        l.receivedAt,
      ],
    )) as LeadRow[];
    if (row) return { lead: toLead(row), created: true };
    const [existing] = (await this.tx.query(
      `SELECT ${LEAD_COLUMNS} FROM leads WHERE society_id = $1 AND external_id = $2`,
      [societyId, l.externalId],
    )) as LeadRow[];
    return { lead: toLead(existing), created: false };
  }

  /** The lead of this society; with `lock`, FOR UPDATE. */
  async find(societyId: string, id: string, lock = false): Promise<LeadRecord | null> {
    const [row] = (await this.tx.query(
      `SELECT ${LEAD_COLUMNS} FROM leads WHERE society_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`,
      [societyId, id],
    )) as LeadRow[];
    return row ? toLead(row) : null;
  }

  /** The society's leads, newest first (received_at, id), of `status` when given, after the keyset. */
  async page(
    societyId: string,
    status: LeadStatus | null,
    after: [string, string] | null,
    take: number,
  ): Promise<LeadRecord[]> {
    const rows = (await this.tx.query(
      `SELECT ${LEAD_COLUMNS} FROM leads
        WHERE society_id = $1
          AND ($2::text IS NULL OR status = $2)
          AND ($3::timestamptz IS NULL OR (received_at, id) < ($3::timestamptz, $4::uuid))
        ORDER BY received_at DESC, id DESC LIMIT $5`,
      [societyId, status, after?.[0] ?? null, after?.[1] ?? null, take],
    )) as LeadRow[];
    return rows.map(toLead);
  }

  /** The new leads of several societies at once (the home screen's tasks), oldest first (leads_status_idx). */
  async newAcross(societyIds: readonly string[], take: number): Promise<LeadRecord[]> {
    const rows = (await this.tx.query(
      `SELECT ${LEAD_COLUMNS} FROM leads WHERE society_id = ANY($1::uuid[]) AND status = 'new'
        ORDER BY received_at, id LIMIT $2`,
      [societyIds, take],
    )) as LeadRow[];
    return rows.map(toLead);
  }

  async resolve(societyId: string, id: string, r: LeadResolution): Promise<void> {
    await this.tx.query(
      `UPDATE leads SET status = $3, case_id = $4, dismiss_reason = $5, resolved_by = $6, resolved_at = $7
        WHERE society_id = $1 AND id = $2 AND status = 'new'`,
      [societyId, id, r.status, r.caseId, r.dismissReason, r.resolvedBy, r.resolvedAt],
    );
  }

  /** Leads with a ciphertext not under the current key (`prefix`), locked, at most `limit` (pii:rotate). */
  async piiToRotate(prefix: Buffer, limit: number): Promise<LeadPii[]> {
    const stale = (column: string) =>
      `(${column} IS NOT NULL AND substring(${column} FROM 1 FOR octet_length($1::bytea)) <> $1::bytea)`;
    const rows = (await this.tx.query(
      `SELECT society_id, id, subject_id_enc, subject_phone_enc, subject_address_enc, indicators, indicators_enc
         FROM leads
        WHERE indicators IS NOT NULL
           OR ${['subject_id_enc', 'subject_phone_enc', 'subject_address_enc', 'indicators_enc'].map(stale).join(' OR ')}
        ORDER BY society_id, id LIMIT $2 FOR UPDATE`,
      [prefix, limit],
    )) as {
      society_id: string;
      id: string;
      subject_id_enc: Buffer | null;
      subject_phone_enc: Buffer | null;
      subject_address_enc: Buffer | null;
      indicators: Indicator[] | null;
      indicators_enc: Buffer | null;
    }[];
    return rows.map((r) => ({
      societyId: r.society_id,
      id: r.id,
      subjectIdEnc: r.subject_id_enc,
      subjectIdHmac: null,
      subjectPhoneEnc: r.subject_phone_enc,
      subjectAddressEnc: r.subject_address_enc,
      indicators: r.indicators,
      indicatorsEnc: r.indicators_enc,
    }));
  }

  async setPii(p: LeadPii): Promise<void> {
    await this.tx.query(
      `UPDATE leads SET subject_id_enc = $3, subject_id_hmac = $4, subject_phone_enc = $5, subject_address_enc = $6,
              indicators = NULL, indicators_enc = $7
        WHERE society_id = $1 AND id = $2`,
      [
        p.societyId,
        p.id,
        p.subjectIdEnc,
        p.subjectIdHmac,
        p.subjectPhoneEnc,
        p.subjectAddressEnc,
        p.indicatorsEnc,
      ],
    );
  }
}
