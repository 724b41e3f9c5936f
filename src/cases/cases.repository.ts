import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/tx';
import { CountersRepository } from '../database/counters.repository';
import type { CaseStatus } from './domain/case-status';
import type { AidWarningCode } from './domain/duplicate-aid';
import type { CaseCategory, CaseSource } from './domain/labels';

/**
 * A case as stored (personal data still encrypted). What votes and payment receive from
 * CasesService.lockCase: the columns they fill (holdId … paidAt) are null until they do.
 */
export interface CaseRecord {
  societyId: string;
  id: string;
  caseNo: string;
  status: CaseStatus;
  applicantName: string;
  applicantIdEnc: Buffer;
  /** HMAC of the normalised ID number: the person across cases and societies. */
  applicantIdHmac: string;
  applicantPhoneEnc: Buffer | null;
  applicantAddressEnc: Buffer | null;
  householdSize: number | null;
  pseudonym: string;
  category: CaseCategory;
  source: CaseSource;
  description: string;
  requestedAmountFen: number;
  payeeName: string | null;
  payeeBankName: string | null;
  payeeAccountEnc: Buffer | null;
  warnings: { code: AidWarningCode }[];
  filedBy: string;
  createdAt: Date;
  updatedAt: Date;
  holdId: string | null;
  approvedAmountFen: number | null;
  voteOpenedBy: string | null;
  paidEntryId: string | null;
  paidAt: Date | null;
  /** What was paid (≤ approvedAmountFen); set with paidEntryId and paidAt. */
  paidAmountFen: number | null;
  /** A disputed case's money back (≤ paidAmountFen): set together when the case is recovered. */
  recoveredEntryId: string | null;
  recoveredAt: Date | null;
  recoveredAmountFen: number | null;
}

/** The fields a filing or an edit writes. */
export type CaseFields = Pick<
  CaseRecord,
  | 'applicantName'
  | 'applicantIdEnc'
  | 'applicantIdHmac'
  | 'applicantPhoneEnc'
  | 'applicantAddressEnc'
  | 'householdSize'
  | 'pseudonym'
  | 'category'
  | 'source'
  | 'description'
  | 'requestedAmountFen'
  | 'payeeName'
  | 'payeeBankName'
  | 'payeeAccountEnc'
>;

/** What votes and payment may set along with a status (columns left out stay as they are). */
export interface CaseStatusFields {
  holdId?: string | null;
  approvedAmountFen?: number | null;
  voteOpenedBy?: string | null;
  paidEntryId?: string | null;
  paidAt?: Date | null;
  paidAmountFen?: number | null;
  recoveredEntryId?: string | null;
  recoveredAt?: Date | null;
  recoveredAmountFen?: number | null;
}

/** A paid case still waiting for its public notice (oldest payment first). */
export interface AwaitingDisclosure {
  id: string;
  caseNo: string;
  paidAt: Date;
}

export interface CaseEventRow {
  at: Date;
  action: string;
  actorId: string | null;
}

export interface NewCaseEvent {
  caseId: string;
  at: Date;
  action: string;
  actorId: string | null;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  data?: Record<string, unknown>;
}

/** Another case of a person (any society): enough for the duplicate-aid rule. */
export interface PersonCase {
  societyId: string;
  status: CaseStatus;
  paidAt: Date | null;
}

/** One society's cases for oversight (CasesRepository.overviews). */
export interface CaseOverviewRow {
  societyId: string;
  byStatus: Partial<Record<CaseStatus, number>>;
  /** Median of paid_at − created_at over the paid cases, in hours; null when none was paid. */
  medianHoursFiledToPaid: number | null;
  /** `paid` cases (no notice yet) paid before the society's overdue bound. */
  overdueDisclosures: number;
}

/**
 * A case as a task on someone's home screen (CasesRepository.tasksOf): its number, pseudonym, the
 * amount the task is about and the instant the task began.
 */
export interface CaseTaskRow {
  societyId: string;
  id: string;
  caseNo: string;
  pseudonym: string;
  status: CaseStatus;
  /** approved: the approved amount; paid: what was paid; otherwise the requested amount. */
  amountFen: number;
  /** approved: when the vote approved it; paid: paidAt; otherwise when it was filed. */
  since: Date;
}

/** How a list is narrowed: status, and q as case number, pseudonym, name, or ID HMAC. */
export interface CaseFilter {
  status?: CaseStatus;
  q?: { text: string; idHmacs: string[] };
  /** Only the drafts this user filed (a collector). */
  ownDraftsOf?: string;
}

interface CaseRow {
  society_id: string;
  id: string;
  case_no: string;
  status: CaseStatus;
  applicant_name: string;
  applicant_id_enc: Buffer;
  applicant_id_hmac: string;
  applicant_phone_enc: Buffer | null;
  applicant_address_enc: Buffer | null;
  household_size: number | null;
  pseudonym: string;
  category: CaseCategory;
  source: CaseSource;
  description: string;
  requested_amount_fen: string;
  payee_name: string | null;
  payee_bank_name: string | null;
  payee_account_enc: Buffer | null;
  warnings: { code: AidWarningCode }[];
  filed_by: string;
  created_at: Date;
  updated_at: Date;
  hold_id: string | null;
  approved_amount_fen: string | null;
  vote_opened_by: string | null;
  paid_entry_id: string | null;
  paid_at: Date | null;
  paid_amount_fen: string | null;
  recovered_entry_id: string | null;
  recovered_at: Date | null;
  recovered_amount_fen: string | null;
}

function toRecord(r: CaseRow): CaseRecord {
  return {
    societyId: r.society_id,
    id: r.id,
    caseNo: r.case_no,
    status: r.status,
    applicantName: r.applicant_name,
    applicantIdEnc: r.applicant_id_enc,
    applicantIdHmac: r.applicant_id_hmac,
    applicantPhoneEnc: r.applicant_phone_enc,
    applicantAddressEnc: r.applicant_address_enc,
    householdSize: r.household_size,
    pseudonym: r.pseudonym,
    category: r.category,
    source: r.source,
    description: r.description,
    requestedAmountFen: Number(r.requested_amount_fen),
    payeeName: r.payee_name,
    payeeBankName: r.payee_bank_name,
    payeeAccountEnc: r.payee_account_enc,
    warnings: r.warnings,
    filedBy: r.filed_by,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    holdId: r.hold_id,
    approvedAmountFen: r.approved_amount_fen === null ? null : Number(r.approved_amount_fen),
    voteOpenedBy: r.vote_opened_by,
    paidEntryId: r.paid_entry_id,
    paidAt: r.paid_at === null ? null : new Date(r.paid_at),
    paidAmountFen: r.paid_amount_fen === null ? null : Number(r.paid_amount_fen),
    recoveredEntryId: r.recovered_entry_id,
    recoveredAt: r.recovered_at === null ? null : new Date(r.recovered_at),
    recoveredAmountFen: r.recovered_amount_fen === null ? null : Number(r.recovered_amount_fen),
  };
}

// Column order of CaseFields in INSERT and UPDATE.
const FIELD_COLUMNS: [keyof CaseFields, string][] = [
  ['applicantName', 'applicant_name'],
  ['applicantIdEnc', 'applicant_id_enc'],
  ['applicantIdHmac', 'applicant_id_hmac'],
  ['applicantPhoneEnc', 'applicant_phone_enc'],
  ['applicantAddressEnc', 'applicant_address_enc'],
  ['householdSize', 'household_size'],
  ['pseudonym', 'pseudonym'],
  ['category', 'category'],
  ['source', 'source'],
  ['description', 'description'],
  ['requestedAmountFen', 'requested_amount_fen'],
  ['payeeName', 'payee_name'],
  ['payeeBankName', 'payee_bank_name'],
  ['payeeAccountEnc', 'payee_account_enc'],
];

const STATUS_COLUMNS: [keyof CaseStatusFields, string][] = [
  ['holdId', 'hold_id'],
  ['approvedAmountFen', 'approved_amount_fen'],
  ['voteOpenedBy', 'vote_opened_by'],
  ['paidEntryId', 'paid_entry_id'],
  ['paidAt', 'paid_at'],
  ['paidAmountFen', 'paid_amount_fen'],
  ['recoveredEntryId', 'recovered_entry_id'],
  ['recoveredAt', 'recovered_at'],
  ['recoveredAmountFen', 'recovered_amount_fen'],
];

/** A case's encrypted columns (pii:rotate). */
export interface CasePii {
  societyId: string;
  id: string;
  applicantIdEnc: Buffer;
  applicantIdHmac: string;
  applicantPhoneEnc: Buffer | null;
  applicantAddressEnc: Buffer | null;
  payeeAccountEnc: Buffer | null;
}

/** All SQL of cases and their timeline. */
@Injectable()
export class CasesRepository {
  constructor(private readonly txHost: TransactionHost<Tx>) {}

  private get tx() {
    return this.txHost.tx;
  }

  /**
   * Inserts a draft numbered `${year}-NNNN` from the society's gap-free counter for that year, wider
   * past 9999 (PostgreSQL's lpad truncates a longer string: the 10,000th case would have taken the
   * 1,000th's number).
   */
  async insert(
    societyId: string,
    year: number,
    f: CaseFields & { warnings: { code: AidWarningCode }[]; filedBy: string; at: Date },
  ): Promise<CaseRecord> {
    const cols = FIELD_COLUMNS.map(([, c]) => c);
    const values = FIELD_COLUMNS.map(([k]) => f[k]);
    const params = [societyId, `case:${year}`, year, ...values, JSON.stringify(f.warnings), f.filedBy, f.at];
    const n = values.length;
    const [row] = (await this.tx.query(
      `WITH next AS (${CountersRepository.NEXT_SQL('$1', '$2')})
       INSERT INTO cases (society_id, case_no, status, ${cols.join(', ')}, warnings, filed_by, created_at, updated_at)
       SELECT $1, $3::int || '-' || lpad(next.value::text, greatest(4, length(next.value::text)), '0'), 'draft',
              ${cols.map((_, i) => `$${i + 4}`).join(', ')}, $${n + 4}::jsonb, $${n + 5}, $${n + 6}, $${n + 6}
         FROM next
       RETURNING *`,
      params,
    )) as CaseRow[];
    return toRecord(row);
  }

  async find(societyId: string, caseId: string): Promise<CaseRecord | null> {
    const [row] = (await this.tx.query(`SELECT * FROM cases WHERE society_id = $1 AND id = $2`, [
      societyId,
      caseId,
    ])) as CaseRow[];
    return row ? toRecord(row) : null;
  }

  /** The status of each of these cases of the society (ids not found are left out). */
  async statuses(societyId: string, caseIds: readonly string[]): Promise<Map<string, CaseStatus>> {
    const rows = (await this.tx.query(
      `SELECT id, status FROM cases WHERE society_id = $1 AND id = ANY($2::uuid[])`,
      [societyId, caseIds],
    )) as { id: string; status: CaseStatus }[];
    return new Map(rows.map((r) => [r.id, r.status]));
  }

  /** The case locked until the transaction ends (FOR UPDATE): transitions queue one after another. */
  async lock(societyId: string, caseId: string): Promise<CaseRecord | null> {
    const [row] = (await this.tx.query(`SELECT * FROM cases WHERE society_id = $1 AND id = $2 FOR UPDATE`, [
      societyId,
      caseId,
    ])) as CaseRow[];
    return row ? toRecord(row) : null;
  }

  /** These cases of the society, unlocked (ids not found are left out). */
  async findMany(societyId: string, caseIds: readonly string[]): Promise<CaseRecord[]> {
    const rows = (await this.tx.query(`SELECT * FROM cases WHERE society_id = $1 AND id = ANY($2::uuid[])`, [
      societyId,
      caseIds,
    ])) as CaseRow[];
    return rows.map(toRecord);
  }

  /**
   * Several cases locked in id order (FOR UPDATE, rows locked as the sorted scan returns them): every
   * use case that locks more than one case takes them in this order, so two never wait on each other.
   */
  async lockMany(societyId: string, caseIds: readonly string[]): Promise<CaseRecord[]> {
    const rows = (await this.tx.query(
      `SELECT * FROM cases WHERE society_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`,
      [societyId, caseIds],
    )) as CaseRow[];
    return rows.map(toRecord);
  }

  async updateFields(societyId: string, caseId: string, f: CaseFields, at: Date): Promise<void> {
    const sets = FIELD_COLUMNS.map(([, c], i) => `${c} = $${i + 3}`);
    await this.tx.query(
      `UPDATE cases SET ${sets.join(', ')}, updated_at = $${sets.length + 3} WHERE society_id = $1 AND id = $2`,
      [societyId, caseId, ...FIELD_COLUMNS.map(([k]) => f[k]), at],
    );
  }

  async updateStatus(
    societyId: string,
    caseId: string,
    status: CaseStatus,
    at: Date,
    extra: CaseStatusFields = {},
  ): Promise<void> {
    const params: unknown[] = [societyId, caseId, status, at];
    const sets = ['status = $3', 'updated_at = $4'];
    for (const [key, column] of STATUS_COLUMNS) {
      if (extra[key] === undefined) continue;
      params.push(extra[key]);
      sets.push(`${column} = $${params.length}`);
    }
    await this.tx.query(`UPDATE cases SET ${sets.join(', ')} WHERE society_id = $1 AND id = $2`, params);
  }

  async insertEvent(societyId: string, e: NewCaseEvent): Promise<void> {
    await this.tx.query(
      `INSERT INTO case_events (society_id, case_id, at, action, actor_id, from_status, to_status, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
      [
        societyId,
        e.caseId,
        e.at,
        e.action,
        e.actorId,
        e.fromStatus,
        e.toStatus,
        JSON.stringify(e.data ?? {}),
      ],
    );
  }

  async timeline(societyId: string, caseId: string): Promise<CaseEventRow[]> {
    const rows = (await this.tx.query(
      `SELECT at, action, actor_id FROM case_events WHERE society_id = $1 AND case_id = $2 ORDER BY at, seq`,
      [societyId, caseId],
    )) as { at: Date; action: string; actor_id: string | null }[];
    return rows.map((r) => ({ at: new Date(r.at), action: r.action, actorId: r.actor_id }));
  }

  /** Newest first (created_at, id), after the keyset `after` when given. */
  async page(
    societyId: string,
    filter: CaseFilter,
    after: [string, string] | null,
    limit: number,
  ): Promise<CaseRecord[]> {
    const params: unknown[] = [societyId, limit];
    const where = ['society_id = $1'];
    if (filter.status) {
      params.push(filter.status);
      where.push(`status = $${params.length}`);
    }
    if (filter.ownDraftsOf) {
      params.push(filter.ownDraftsOf);
      where.push(`status = 'draft' AND filed_by = $${params.length}`);
    }
    if (filter.q) {
      params.push(filter.q.text, filter.q.idHmacs);
      const [t, h] = [params.length - 1, params.length];
      where.push(
        `(case_no = $${t} OR pseudonym = $${t} OR applicant_name = $${t} OR applicant_id_hmac = ANY($${h}::text[]))`,
      );
    }
    if (after) {
      params.push(after[0], after[1]);
      where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    const rows = (await this.tx.query(
      `SELECT * FROM cases WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $2`,
      params,
    )) as CaseRow[];
    return rows.map(toRecord);
  }

  /**
   * The person's cases in every society of the installation (the duplicate-aid check), by any of the
   * ID number's HMACs (PiiCipher.hmacs: two during a key rotation).
   */
  async casesOfPerson(idHmacs: string[], exceptCaseId: string | null): Promise<PersonCase[]> {
    const rows = (await this.tx.query(
      `SELECT society_id, status, paid_at FROM cases
        WHERE applicant_id_hmac = ANY($1::text[]) AND id IS DISTINCT FROM $2`,
      [idHmacs, exceptCaseId],
    )) as { society_id: string; status: CaseStatus; paid_at: Date | null }[];
    return rows.map((r) => ({
      societyId: r.society_id,
      status: r.status,
      paidAt: r.paid_at === null ? null : new Date(r.paid_at),
    }));
  }

  /**
   * Queues the payments of one person in this society until the transaction ends (a transaction-level
   * advisory lock): two cases of the same applicant paid at once would each see the other unpaid and
   * together pass the annual cap. Taken after the case's lock and before the fund's. Keyed by the
   * current key's HMAC, which every instance computes alike (a rotation changes the config first).
   */
  async lockPerson(societyId: string, idHmac: string): Promise<void> {
    await this.tx.query(`SELECT pg_advisory_xact_lock(hashtext('case-person:' || $1 || ':' || $2))`, [
      societyId,
      idHmac,
    ]);
  }

  /**
   * Aid paid to the person (by ID HMAC) in this society in [from, to), less what was recovered: a
   * recovery gave (part of) the money back, and only what the person kept counts.
   */
  async paidToPersonFen(societyId: string, idHmacs: string[], from: Date, to: Date): Promise<number> {
    const [row] = (await this.tx.query(
      `SELECT COALESCE(sum(paid_amount_fen - COALESCE(recovered_amount_fen, 0)), 0)::text AS fen FROM cases
        WHERE society_id = $1 AND applicant_id_hmac = ANY($2::text[]) AND paid_at >= $3 AND paid_at < $4`,
      [societyId, idHmacs, from, to],
    )) as { fen: string }[];
    return Number(row.fen);
  }

  /**
   * The society's `paid` cases (not yet publicized) paid before `paidBefore`, oldest payment first:
   * a range scan of the partial index cases_awaiting_disclosure_idx.
   */
  /** The societies with a case `paid` and not yet publicized (any society), for the overdue job. */
  async societiesAwaitingDisclosure(): Promise<string[]> {
    const rows = (await this.tx.query(
      `SELECT DISTINCT society_id FROM cases WHERE status = 'paid' ORDER BY society_id`,
    )) as { society_id: string }[];
    return rows.map((r) => r.society_id);
  }

  /**
   * A page of the society's `paid` cases (not yet publicized), oldest payment first, after the keyset
   * `after` (paid_at, id) when given: the same partial index as awaitingDisclosure.
   */
  async awaitingDisclosurePage(
    societyId: string,
    after: { paidAt: string; id: string } | null,
    limit: number,
  ): Promise<CaseRecord[]> {
    const rows = (await this.tx.query(
      `SELECT * FROM cases
        WHERE society_id = $1 AND status = 'paid'
          AND ($2::timestamptz IS NULL OR (paid_at, id) > ($2::timestamptz, $3::uuid))
        ORDER BY paid_at, id LIMIT $4`,
      [societyId, after?.paidAt ?? null, after?.id ?? null, limit],
    )) as CaseRow[];
    return rows.map(toRecord);
  }

  async awaitingDisclosure(societyId: string, paidBefore: Date): Promise<AwaitingDisclosure[]> {
    const rows = (await this.tx.query(
      `SELECT id, case_no, paid_at FROM cases
        WHERE society_id = $1 AND status = 'paid' AND paid_at < $2
        ORDER BY paid_at, id`,
      [societyId, paidBefore],
    )) as { id: string; case_no: string; paid_at: Date }[];
    return rows.map((r) => ({ id: r.id, caseNo: r.case_no, paidAt: new Date(r.paid_at) }));
  }

  /**
   * Cases waiting for someone in several societies at once (the home screen's tasks), oldest task
   * first, at most `take`: `approved` ones (cases_status_idx; the approval's instant from the case's
   * timeline, case_events_case_idx), `paid` ones (the partial index cases_awaiting_disclosure_idx) or
   * the `draft`s `filedBy` filed (cases_status_idx).
   */
  async tasksOf(
    kind: 'approved' | 'paid' | 'draft',
    societyIds: readonly string[],
    take: number,
    filedBy?: string,
  ): Promise<CaseTaskRow[]> {
    const since = {
      approved: `(SELECT max(e.at) FROM case_events e
                   WHERE e.society_id = c.society_id AND e.case_id = c.id AND e.to_status = 'approved')`,
      paid: 'c.paid_at',
      draft: 'c.created_at',
    }[kind];
    const amount = {
      approved: 'c.approved_amount_fen',
      paid: 'c.paid_amount_fen',
      draft: 'c.requested_amount_fen',
    }[kind];
    const rows = (await this.tx.query(
      `SELECT * FROM (
         SELECT c.society_id, c.id, c.case_no, c.pseudonym, c.status,
                coalesce(${amount}, c.requested_amount_fen) AS amount_fen, coalesce(${since}, c.updated_at) AS since
           FROM cases c
          WHERE c.society_id = ANY($1::uuid[]) AND c.status = $2 AND ($4::uuid IS NULL OR c.filed_by = $4)) t
        ORDER BY since, id LIMIT $3`,
      [societyIds, kind, take, filedBy ?? null],
    )) as {
      society_id: string;
      id: string;
      case_no: string;
      pseudonym: string;
      status: CaseStatus;
      amount_fen: string;
      since: Date;
    }[];
    return rows.map((r) => ({
      societyId: r.society_id,
      id: r.id,
      caseNo: r.case_no,
      pseudonym: r.pseudonym,
      status: r.status,
      amountFen: Number(r.amount_fen),
      since: new Date(r.since),
    }));
  }

  /** These cases, each named by (society, id), in one statement through the primary key (unknown pairs left out). */
  async briefs(refs: readonly { societyId: string; caseId: string }[]): Promise<CaseTaskRow[]> {
    const rows = (await this.tx.query(
      `SELECT c.society_id, c.id, c.case_no, c.pseudonym, c.status, c.requested_amount_fen, c.created_at
         FROM unnest($1::uuid[], $2::uuid[]) AS r (society_id, id)
         JOIN cases c ON c.society_id = r.society_id AND c.id = r.id`,
      [refs.map((r) => r.societyId), refs.map((r) => r.caseId)],
    )) as {
      society_id: string;
      id: string;
      case_no: string;
      pseudonym: string;
      status: CaseStatus;
      requested_amount_fen: string;
      created_at: Date;
    }[];
    return rows.map((r) => ({
      societyId: r.society_id,
      id: r.id,
      caseNo: r.case_no,
      pseudonym: r.pseudonym,
      status: r.status,
      amountFen: Number(r.requested_amount_fen),
      since: new Date(r.created_at),
    }));
  }

  /** Oldest first (created_at, id), after the keyset `after` when given: an export's batches. */
  async exportPage(
    societyId: string,
    after: { createdAt: Date; id: string } | null,
    limit: number,
  ): Promise<CaseRecord[]> {
    const rows = (await this.tx.query(
      `SELECT * FROM cases
        WHERE society_id = $1
          AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
        ORDER BY created_at, id LIMIT $4`,
      [societyId, after?.createdAt ?? null, after?.id ?? null, limit],
    )) as CaseRow[];
    return rows.map(toRecord);
  }

  /**
   * Several societies at once, in one statement (oversight): cases by status, the median hours from
   * filing to payment (percentile_cont over every paid case), and the `paid` cases whose notice is
   * overdue — paid before the society's own bound (overdueIfPaidBefore, from its time zone and deadline).
   */
  async overviews(
    societies: readonly { societyId: string; overdueIfPaidBefore: Date }[],
  ): Promise<CaseOverviewRow[]> {
    const rows = (await this.tx.query(
      `SELECT v.society_id,
              (SELECT coalesce(jsonb_object_agg(s.status, s.n), '{}'::jsonb)
                 FROM (SELECT status, count(*)::int AS n FROM cases c
                        WHERE c.society_id = v.society_id GROUP BY status) s) AS by_status,
              (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.paid_at - c.created_at))
                 FROM cases c WHERE c.society_id = v.society_id AND c.paid_at IS NOT NULL) AS median_seconds,
              (SELECT count(*) FROM cases c
                WHERE c.society_id = v.society_id AND c.status = 'paid' AND c.paid_at < v.bound) AS overdue
         FROM unnest($1::uuid[], $2::timestamptz[]) AS v (society_id, bound)`,
      [societies.map((s) => s.societyId), societies.map((s) => s.overdueIfPaidBefore)],
    )) as {
      society_id: string;
      by_status: Partial<Record<CaseStatus, number>>;
      median_seconds: number | string | null;
      overdue: string;
    }[];
    return rows.map((r) => ({
      societyId: r.society_id,
      byStatus: r.by_status,
      medianHoursFiledToPaid: r.median_seconds === null ? null : Number(r.median_seconds) / 3600,
      overdueDisclosures: Number(r.overdue),
    }));
  }

  /** Cases with a ciphertext not under the current key (`prefix`), locked, at most `limit` (pii:rotate). */
  async piiToRotate(prefix: Buffer, limit: number): Promise<CasePii[]> {
    const stale = (column: string) =>
      `(${column} IS NOT NULL AND substring(${column} FROM 1 FOR octet_length($1::bytea)) <> $1::bytea)`;
    const rows = (await this.tx.query(
      `SELECT society_id, id, applicant_id_enc, applicant_phone_enc, applicant_address_enc, payee_account_enc
         FROM cases
        WHERE ${['applicant_id_enc', 'applicant_phone_enc', 'applicant_address_enc', 'payee_account_enc'].map(stale).join(' OR ')}
        ORDER BY society_id, id LIMIT $2 FOR UPDATE`,
      [prefix, limit],
    )) as {
      society_id: string;
      id: string;
      applicant_id_enc: Buffer;
      applicant_phone_enc: Buffer | null;
      applicant_address_enc: Buffer | null;
      payee_account_enc: Buffer | null;
    }[];
    return rows.map((r) => ({
      societyId: r.society_id,
      id: r.id,
      applicantIdEnc: r.applicant_id_enc,
      applicantIdHmac: '',
      applicantPhoneEnc: r.applicant_phone_enc,
      applicantAddressEnc: r.applicant_address_enc,
      payeeAccountEnc: r.payee_account_enc,
    }));
  }

  /** A case's ciphertexts and ID HMAC, rewritten by a rotation (not a change of the case: no updated_at). */
  async setPii(p: CasePii): Promise<void> {
    await this.tx.query(
      `UPDATE cases SET applicant_id_enc = $3, applicant_id_hmac = $4, applicant_phone_enc = $5,
              applicant_address_enc = $6, payee_account_enc = $7
        WHERE society_id = $1 AND id = $2`,
      [
        p.societyId,
        p.id,
        p.applicantIdEnc,
        p.applicantIdHmac,
        p.applicantPhoneEnc,
        p.applicantAddressEnc,
        p.payeeAccountEnc,
      ],
    );
  }
}
