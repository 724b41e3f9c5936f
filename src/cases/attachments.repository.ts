import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/tx';
import type { AttachmentKind } from './domain/labels';

/** A supporting document's metadata (its encrypted bytes only through `content`). */
export interface Attachment {
  id: string;
  caseId: string;
  kind: AttachmentKind;
  contentType: string;
  bytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: Date;
}

export interface NewAttachment extends Omit<Attachment, 'id'> {
  dataEnc: Buffer;
}

interface AttachmentRow {
  id: string;
  case_id: string;
  kind: AttachmentKind;
  content_type: string;
  bytes: number;
  sha256: string;
  uploaded_by: string;
  uploaded_at: Date;
}

const COLUMNS = 'id, case_id, kind, content_type, bytes, sha256, uploaded_by, uploaded_at';

const toAttachment = (r: AttachmentRow): Attachment => ({
  id: r.id,
  caseId: r.case_id,
  kind: r.kind,
  contentType: r.content_type,
  bytes: r.bytes,
  sha256: r.sha256,
  uploadedBy: r.uploaded_by,
  uploadedAt: new Date(r.uploaded_at),
});

/** All SQL of case attachments. */
@Injectable()
export class AttachmentsRepository {
  constructor(private readonly txHost: TransactionHost<Tx>) {}

  private get tx() {
    return this.txHost.tx;
  }

  async insert(societyId: string, a: NewAttachment): Promise<Attachment> {
    const [row] = (await this.tx.query(
      `INSERT INTO case_attachments (society_id, case_id, kind, content_type, bytes, sha256, data_enc, uploaded_by, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [societyId, a.caseId, a.kind, a.contentType, a.bytes, a.sha256, a.dataEnc, a.uploadedBy, a.uploadedAt],
    )) as AttachmentRow[];
    return toAttachment(row);
  }

  async count(societyId: string, caseId: string): Promise<number> {
    const [row] = (await this.tx.query(
      `SELECT count(*)::int AS n FROM case_attachments WHERE society_id = $1 AND case_id = $2`,
      [societyId, caseId],
    )) as { n: number }[];
    return row.n;
  }

  async list(societyId: string, caseId: string): Promise<Attachment[]> {
    const rows = (await this.tx.query(
      `SELECT ${COLUMNS} FROM case_attachments WHERE society_id = $1 AND case_id = $2 ORDER BY uploaded_at, id`,
      [societyId, caseId],
    )) as AttachmentRow[];
    return rows.map(toAttachment);
  }

  async find(societyId: string, caseId: string, id: string): Promise<Attachment | null> {
    const [row] = (await this.tx.query(
      `SELECT ${COLUMNS} FROM case_attachments WHERE society_id = $1 AND case_id = $2 AND id = $3`,
      [societyId, caseId, id],
    )) as AttachmentRow[];
    return row ? toAttachment(row) : null;
  }

  async content(societyId: string, id: string): Promise<Buffer> {
    const [row] = (await this.tx.query(
      `SELECT data_enc FROM case_attachments WHERE society_id = $1 AND id = $2`,
      [societyId, id],
    )) as { data_enc: Buffer }[];
    return row.data_enc;
  }

  async delete(societyId: string, id: string): Promise<void> {
    await this.tx.query(`DELETE FROM case_attachments WHERE society_id = $1 AND id = $2`, [societyId, id]);
  }

  /** Documents not under the current key (`prefix`), locked, at most `limit` (pii:rotate). */
  async contentToRotate(
    prefix: Buffer,
    limit: number,
  ): Promise<{ societyId: string; id: string; dataEnc: Buffer }[]> {
    const rows = (await this.tx.query(
      `SELECT society_id, id, data_enc FROM case_attachments
        WHERE substring(data_enc FROM 1 FOR octet_length($1::bytea)) <> $1::bytea
        ORDER BY society_id, id LIMIT $2 FOR UPDATE`,
      [prefix, limit],
    )) as { society_id: string; id: string; data_enc: Buffer }[];
    return rows.map((r) => ({ societyId: r.society_id, id: r.id, dataEnc: r.data_enc }));
  }

  async setContent(societyId: string, id: string, dataEnc: Buffer): Promise<void> {
    await this.tx.query(`UPDATE case_attachments SET data_enc = $3 WHERE society_id = $1 AND id = $2`, [
      societyId,
      id,
      dataEnc,
    ]);
  }
}
