import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/tx';

export type ObjectionStatus = 'open' | 'dismissed' | 'upheld';

/** An objection as stored (contact data still encrypted), with its notice's number and item's case number. */
export interface ObjectionRecord {
  societyId: string;
  id: string;
  disclosureId: string;
  noticeNo: string;
  /** The item objected to; null: the whole notice. */
  caseId: string | null;
  caseNo: string | null;
  trackingCode: string;
  /** The resident's words, encrypted; `content` instead only in rows from before (until pii:rotate). */
  contentEnc: Buffer | null;
  content: string | null;
  contactNameEnc: Buffer | null;
  contactPhoneEnc: Buffer | null;
  status: ObjectionStatus;
  response: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  disputedCaseId: string | null;
}

export type NewObjection = Pick<
  ObjectionRecord,
  'disclosureId' | 'caseId' | 'trackingCode' | 'contactNameEnc' | 'contactPhoneEnc' | 'createdAt'
> & { contentEnc: Buffer };

/** An objection's personal data as stored (pii:rotate). */
export interface ObjectionPii {
  societyId: string;
  id: string;
  content: string | null;
  contentEnc: Buffer | null;
  contactNameEnc: Buffer | null;
  contactPhoneEnc: Buffer | null;
}

export interface Resolution {
  status: Exclude<ObjectionStatus, 'open'>;
  response: string;
  resolvedAt: Date;
  resolvedBy: string;
  disputedCaseId: string | null;
}

interface ObjectionRow {
  society_id: string;
  id: string;
  disclosure_id: string;
  notice_no: string;
  case_id: string | null;
  case_no: string | null;
  tracking_code: string;
  content: string | null;
  content_enc: Buffer | null;
  contact_name_enc: Buffer | null;
  contact_phone_enc: Buffer | null;
  status: ObjectionStatus;
  response: string | null;
  created_at: Date;
  resolved_at: Date | null;
  resolved_by: string | null;
  disputed_case_id: string | null;
}

/** The objection with its notice's number and its item's case number (all tables of this module). */
const SELECT = `SELECT o.society_id, o.id, o.disclosure_id, d.notice_no, o.case_id, i.case_no, o.tracking_code,
         o.content, o.content_enc, o.contact_name_enc, o.contact_phone_enc, o.status, o.response, o.created_at,
         o.resolved_at, o.resolved_by, o.disputed_case_id
    FROM objections o
    JOIN disclosures d ON d.society_id = o.society_id AND d.id = o.disclosure_id
    LEFT JOIN disclosure_items i
      ON i.society_id = o.society_id AND i.disclosure_id = o.disclosure_id AND i.case_id = o.case_id`;

function toRecord(r: ObjectionRow): ObjectionRecord {
  return {
    societyId: r.society_id,
    id: r.id,
    disclosureId: r.disclosure_id,
    noticeNo: r.notice_no,
    caseId: r.case_id,
    caseNo: r.case_no,
    trackingCode: r.tracking_code,
    content: r.content,
    contentEnc: r.content_enc,
    contactNameEnc: r.contact_name_enc,
    contactPhoneEnc: r.contact_phone_enc,
    status: r.status,
    response: r.response,
    createdAt: new Date(r.created_at),
    resolvedAt: r.resolved_at === null ? null : new Date(r.resolved_at),
    resolvedBy: r.resolved_by,
    disputedCaseId: r.disputed_case_id,
  };
}

/** All SQL of residents' objections. */
@Injectable()
export class ObjectionsRepository {
  constructor(private readonly txHost: TransactionHost<Tx>) {}

  private get tx() {
    return this.txHost.tx;
  }

  async insert(societyId: string, o: NewObjection): Promise<string> {
    const [row] = (await this.tx.query(
      `INSERT INTO objections (society_id, disclosure_id, case_id, tracking_code, content_enc, contact_name_enc,
                               contact_phone_enc, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8) RETURNING id`,
      [
        societyId,
        o.disclosureId,
        o.caseId,
        o.trackingCode,
        o.contentEnc,
        o.contactNameEnc,
        o.contactPhoneEnc,
        o.createdAt,
      ],
    )) as { id: string }[];
    return row.id;
  }

  /** The objection of this society; with `lock`, FOR UPDATE of the objection's row. */
  async find(societyId: string, id: string, lock = false): Promise<ObjectionRecord | null> {
    const [row] = (await this.tx.query(
      `${SELECT} WHERE o.society_id = $1 AND o.id = $2 ${lock ? 'FOR UPDATE OF o' : ''}`,
      [societyId, id],
    )) as ObjectionRow[];
    return row ? toRecord(row) : null;
  }

  /** An objection by its canonical tracking code alone (the public lookup), whatever its society. */
  async findByTrackingCode(code: string): Promise<ObjectionRecord | null> {
    const [row] = (await this.tx.query(`${SELECT} WHERE o.tracking_code = $1 ORDER BY o.created_at LIMIT 1`, [
      code,
    ])) as ObjectionRow[];
    return row ? toRecord(row) : null;
  }

  /** The open objections of a notice: the case each names (null: the whole notice). */
  async openOf(societyId: string, disclosureId: string): Promise<{ id: string; caseId: string | null }[]> {
    const rows = (await this.tx.query(
      `SELECT id, case_id FROM objections WHERE society_id = $1 AND disclosure_id = $2 AND status = 'open'
        ORDER BY created_at, id`,
      [societyId, disclosureId],
    )) as { id: string; case_id: string | null }[];
    return rows.map((r) => ({ id: r.id, caseId: r.case_id }));
  }

  /** The society's objections, newest first (created_at, id), of `status` when given, after the keyset. */
  async page(
    societyId: string,
    status: ObjectionStatus | null,
    after: [string, string] | null,
    take: number,
  ): Promise<ObjectionRecord[]> {
    // The page is chosen first (by objections_list_idx or objections_society_idx), then only its
    // rows are joined: joined before the LIMIT, the planner hashed every notice item (issue 14).
    const rows = (await this.tx.query(
      SELECT.replace(
        'FROM objections o',
        `FROM (SELECT * FROM objections o
                WHERE o.society_id = $1
                  AND ($2::text IS NULL OR o.status = $2)
                  AND ($3::timestamptz IS NULL OR (o.created_at, o.id) < ($3::timestamptz, $4::uuid))
                ORDER BY o.created_at DESC, o.id DESC LIMIT $5) o`,
      ) + ' ORDER BY o.created_at DESC, o.id DESC',
      [societyId, status, after?.[0] ?? null, after?.[1] ?? null, take],
    )) as ObjectionRow[];
    return rows.map(toRecord);
  }

  /** The open objections of several societies at once (the home screen's tasks), oldest first (objections_open_idx). */
  async openAcross(societyIds: readonly string[], take: number): Promise<ObjectionRecord[]> {
    const rows = (await this.tx.query(
      `${SELECT} WHERE o.society_id = ANY($1::uuid[]) AND o.status = 'open' ORDER BY o.created_at, o.id LIMIT $2`,
      [societyIds, take],
    )) as ObjectionRow[];
    return rows.map(toRecord);
  }

  async resolve(societyId: string, id: string, r: Resolution): Promise<void> {
    await this.tx.query(
      `UPDATE objections SET status = $3, response = $4, resolved_at = $5, resolved_by = $6, disputed_case_id = $7
        WHERE society_id = $1 AND id = $2 AND status = 'open'`,
      [societyId, id, r.status, r.response, r.resolvedAt, r.resolvedBy, r.disputedCaseId],
    );
  }

  /** How many objections are open in each of these societies (one statement; societies with none left out). */
  async openCounts(societyIds: readonly string[]): Promise<Map<string, number>> {
    const rows = (await this.tx.query(
      `SELECT society_id, count(*) AS n FROM objections
        WHERE society_id = ANY($1::uuid[]) AND status = 'open' GROUP BY society_id`,
      [societyIds],
    )) as { society_id: string; n: string }[];
    return new Map(rows.map((r) => [r.society_id, Number(r.n)]));
  }

  /**
   * Objections with content still in clear (from before it was encrypted) or a ciphertext not under
   * the current key (`prefix`), locked, at most `limit` (pii:rotate).
   */
  async piiToRotate(prefix: Buffer, limit: number): Promise<ObjectionPii[]> {
    const stale = (column: string) =>
      `(${column} IS NOT NULL AND substring(${column} FROM 1 FOR octet_length($1::bytea)) <> $1::bytea)`;
    const rows = (await this.tx.query(
      `SELECT society_id, id, content, content_enc, contact_name_enc, contact_phone_enc FROM objections
        WHERE content IS NOT NULL OR ${['content_enc', 'contact_name_enc', 'contact_phone_enc'].map(stale).join(' OR ')}
        ORDER BY society_id, id LIMIT $2 FOR UPDATE`,
      [prefix, limit],
    )) as {
      society_id: string;
      id: string;
      content: string | null;
      content_enc: Buffer | null;
      contact_name_enc: Buffer | null;
      contact_phone_enc: Buffer | null;
    }[];
    return rows.map((r) => ({
      societyId: r.society_id,
      id: r.id,
      content: r.content,
      contentEnc: r.content_enc,
      contactNameEnc: r.contact_name_enc,
      contactPhoneEnc: r.contact_phone_enc,
    }));
  }

  /** The rotated row: content encrypted (the clear column emptied), contacts under the current key. */
  async setPii(p: ObjectionPii & { contentEnc: Buffer }): Promise<void> {
    await this.tx.query(
      `UPDATE objections SET content = NULL, content_enc = $3, contact_name_enc = $4, contact_phone_enc = $5
        WHERE society_id = $1 AND id = $2`,
      [p.societyId, p.id, p.contentEnc, p.contactNameEnc, p.contactPhoneEnc],
    );
  }
}
