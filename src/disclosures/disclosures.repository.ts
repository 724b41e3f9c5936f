import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { CountersRepository } from '../database/counters.repository';
import type { Tx } from '../database/tx';
import type { DisclosureSnapshot } from './domain/snapshot';

export type DisclosureStatus = 'active' | 'withdrawn' | 'ended';

/** A notice as stored: its frozen snapshot is what the public sees. */
export interface DisclosureRecord {
  societyId: string;
  id: string;
  noticeNo: string;
  status: DisclosureStatus;
  note: string | null;
  publishedBy: string;
  publishedAt: Date;
  endsAt: Date;
  snapshot: DisclosureSnapshot;
  snapshotSha256: string;
  withdrawnAt: Date | null;
  withdrawnBy: string | null;
  withdrawReason: string | null;
  endedAt: Date | null;
}

/** A case a notice names, in the notice's order. */
export interface DisclosureItemRecord {
  caseId: string;
  position: number;
  caseNo: string;
}

export type NewDisclosure = Pick<
  DisclosureRecord,
  'noticeNo' | 'note' | 'publishedBy' | 'publishedAt' | 'endsAt' | 'snapshot' | 'snapshotSha256'
>;

interface DisclosureRow {
  society_id: string;
  id: string;
  notice_no: string;
  status: DisclosureStatus;
  note: string | null;
  published_by: string;
  published_at: Date;
  ends_at: Date;
  snapshot: DisclosureSnapshot;
  snapshot_sha256: string;
  withdrawn_at: Date | null;
  withdrawn_by: string | null;
  withdraw_reason: string | null;
  ended_at: Date | null;
}

const COLUMNS = `society_id, id, notice_no, status, note, published_by, published_at, ends_at, snapshot,
  snapshot_sha256, withdrawn_at, withdrawn_by, withdraw_reason, ended_at`;

const date = (d: Date | null) => (d === null ? null : new Date(d));

function toRecord(r: DisclosureRow): DisclosureRecord {
  return {
    societyId: r.society_id,
    id: r.id,
    noticeNo: r.notice_no,
    status: r.status,
    note: r.note,
    publishedBy: r.published_by,
    publishedAt: new Date(r.published_at),
    endsAt: new Date(r.ends_at),
    snapshot: r.snapshot,
    snapshotSha256: r.snapshot_sha256,
    withdrawnAt: date(r.withdrawn_at),
    withdrawnBy: r.withdrawn_by,
    withdrawReason: r.withdraw_reason,
    endedAt: date(r.ended_at),
  };
}

/** All SQL of notices and the cases they name. */
@Injectable()
export class DisclosuresRepository {
  constructor(private readonly txHost: TransactionHost<Tx>) {}

  private get tx() {
    return this.txHost.tx;
  }

  /** The next notice number of the society's `counter` (gap-free: a rollback gives it back). */
  async takeNoticeNumber(societyId: string, counter: string): Promise<number> {
    const [row] = (await this.tx.query(CountersRepository.NEXT_SQL('$1', '$2'), [societyId, counter])) as {
      value: string;
    }[];
    return Number(row.value);
  }

  /** The notice and its items (positions 1… in the order given). */
  async insert(
    societyId: string,
    d: NewDisclosure,
    items: readonly { caseId: string; caseNo: string }[],
  ): Promise<DisclosureRecord> {
    const [row] = (await this.tx.query(
      `INSERT INTO disclosures (society_id, notice_no, status, note, published_by, published_at, ends_at,
                                snapshot, snapshot_sha256)
       VALUES ($1, $2, 'active', $3, $4, $5, $6, $7::jsonb, $8) RETURNING ${COLUMNS}`,
      [
        societyId,
        d.noticeNo,
        d.note,
        d.publishedBy,
        d.publishedAt,
        d.endsAt,
        JSON.stringify(d.snapshot),
        d.snapshotSha256,
      ],
    )) as DisclosureRow[];
    await this.tx.query(
      `INSERT INTO disclosure_items (society_id, disclosure_id, case_id, position, case_no)
       SELECT $1, $2, item.case_id, item.position, item.case_no
         FROM unnest($3::uuid[], $4::text[]) WITH ORDINALITY AS item (case_id, case_no, position)`,
      [societyId, row.id, items.map((i) => i.caseId), items.map((i) => i.caseNo)],
    );
    return toRecord(row);
  }

  /** The notice of this society; `lock`: FOR UPDATE, `share`: FOR SHARE (until the transaction ends). */
  async find(
    societyId: string,
    id: string,
    lock: 'update' | 'share' | null = null,
  ): Promise<DisclosureRecord | null> {
    const [row] = (await this.tx.query(
      `SELECT ${COLUMNS} FROM disclosures WHERE society_id = $1 AND id = $2
        ${lock === 'update' ? 'FOR UPDATE' : lock === 'share' ? 'FOR SHARE' : ''}`,
      [societyId, id],
    )) as DisclosureRow[];
    return row ? toRecord(row) : null;
  }

  /** A notice by its id alone (the public routes, the QR code), whatever its society. */
  async findById(id: string): Promise<DisclosureRecord | null> {
    const [row] = (await this.tx.query(`SELECT ${COLUMNS} FROM disclosures WHERE id = $1 LIMIT 1`, [
      id,
    ])) as DisclosureRow[];
    return row ? toRecord(row) : null;
  }

  /** A notice's status alone, by its id (the printed notice's every fetch: was it withdrawn?). */
  async statusById(id: string): Promise<DisclosureStatus | null> {
    const [row] = (await this.tx.query(`SELECT status FROM disclosures WHERE id = $1 LIMIT 1`, [id])) as {
      status: DisclosureStatus;
    }[];
    return row?.status ?? null;
  }

  async items(societyId: string, disclosureId: string): Promise<DisclosureItemRecord[]> {
    const rows = (await this.tx.query(
      `SELECT case_id, position, case_no FROM disclosure_items
        WHERE society_id = $1 AND disclosure_id = $2 ORDER BY position`,
      [societyId, disclosureId],
    )) as { case_id: string; position: number; case_no: string }[];
    return rows.map((r) => ({ caseId: r.case_id, position: r.position, caseNo: r.case_no }));
  }

  /** The case ids of each of these notices, in each notice's order. */
  async caseIdsOf(societyId: string, disclosureIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(disclosureIds.map((id) => [id, []]));
    if (disclosureIds.length === 0) return out;
    const rows = (await this.tx.query(
      `SELECT disclosure_id, case_id FROM disclosure_items
        WHERE society_id = $1 AND disclosure_id = ANY($2::uuid[]) ORDER BY disclosure_id, position`,
      [societyId, disclosureIds],
    )) as { disclosure_id: string; case_id: string }[];
    for (const r of rows) out.get(r.disclosure_id)?.push(r.case_id);
    return out;
  }

  /**
   * The society's notices, newest first (published_at, id), of `statuses` when given, after the keyset
   * `after`.
   */
  async page(
    societyId: string,
    statuses: readonly DisclosureStatus[] | null,
    after: [string, string] | null,
    take: number,
  ): Promise<DisclosureRecord[]> {
    const rows = (await this.tx.query(
      `SELECT ${COLUMNS} FROM disclosures
        WHERE society_id = $1
          AND ($2::text[] IS NULL OR status = ANY($2::text[]))
          AND ($3::timestamptz IS NULL OR (published_at, id) < ($3::timestamptz, $4::uuid))
        ORDER BY published_at DESC, id DESC LIMIT $5`,
      [societyId, statuses, after?.[0] ?? null, after?.[1] ?? null, take],
    )) as DisclosureRow[];
    return rows.map(toRecord);
  }

  async markWithdrawn(societyId: string, id: string, at: Date, by: string, reason: string): Promise<void> {
    await this.tx.query(
      `UPDATE disclosures SET status = 'withdrawn', withdrawn_at = $3, withdrawn_by = $4, withdraw_reason = $5
        WHERE society_id = $1 AND id = $2 AND status = 'active'`,
      [societyId, id, at, by, reason],
    );
  }

  async markEnded(societyId: string, id: string, at: Date): Promise<void> {
    await this.tx.query(
      `UPDATE disclosures SET status = 'ended', ended_at = $3
        WHERE society_id = $1 AND id = $2 AND status = 'active'`,
      [societyId, id, at],
    );
  }

  /** Active notices whose period is over at `now`, in any society, earliest end first. */
  async due(now: Date, limit: number): Promise<{ societyId: string; id: string }[]> {
    const rows = (await this.tx.query(
      `SELECT society_id, id FROM disclosures WHERE status = 'active' AND ends_at <= $1
        ORDER BY ends_at, society_id, id LIMIT $2`,
      [now, limit],
    )) as { society_id: string; id: string }[];
    return rows.map((r) => ({ societyId: r.society_id, id: r.id }));
  }

  /** The audit head printed on each notice of a society (withdrawn ones too: they were posted), oldest first. */
  async printedHeads(
    societyId: string,
  ): Promise<{ noticeNo: string; publishedAt: Date; seq: number; hash: string }[]> {
    const rows = (await this.tx.query(
      `SELECT notice_no, published_at, (snapshot #>> '{auditHead,seq}')::bigint AS seq,
              snapshot #>> '{auditHead,hash}' AS hash
         FROM disclosures WHERE society_id = $1 ORDER BY published_at, notice_no`,
      [societyId],
    )) as { notice_no: string; published_at: Date; seq: string; hash: string }[];
    return rows.map((r) => ({
      noticeNo: r.notice_no,
      publishedAt: r.published_at,
      seq: Number(r.seq),
      hash: r.hash,
    }));
  }
}
