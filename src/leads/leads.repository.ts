import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/tx';
import type { Indicator, LeadStatus } from './domain/lead';

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
  indicators: Indicator[];
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
  'id' | 'status' | 'caseId' | 'dismissReason' | 'resolvedBy' | 'resolvedAt'
>;

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
  indicators: Indicator[];
  observed_at: Date;
  received_at: Date;
  status: LeadStatus;
  case_id: string | null;
  dismiss_reason: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
}

const LEAD_COLUMNS = `society_id, id, intake_key_id, external_id, subject_name, subject_id_enc, subject_id_hmac,
  subject_phone_enc, subject_address_enc, indicators, observed_at, received_at, status, case_id,
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
                          subject_phone_enc, subject_address_enc, indicators, observed_at, received_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, 'new')
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
        JSON.stringify(l.indicators),
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
}
