import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/tx';
import type { VoteMode } from './domain/eligibility';
import type { ApprovalRule, BallotChoice, VoteOutcome } from './domain/tally';

export type VoteStatus = 'open' | 'closed' | 'cancelled';
export type CloseReason = 'decided' | 'deadline' | 'secretary' | 'case_left_voting';

export interface VoteRecord {
  societyId: string;
  id: string;
  caseId: string;
  amountFen: number;
  mode: VoteMode;
  status: VoteStatus;
  outcome: Exclude<VoteOutcome, 'pending'> | null;
  quorum: string;
  approval: string;
  approvalRule: ApprovalRule;
  holdId: string;
  openedBy: string;
  opensAt: Date;
  closesAt: Date;
  closedAt: Date | null;
  closeReason: CloseReason | null;
}

export interface VoterRecord {
  voterId: string;
  recused: boolean;
  recusalReason: string | null;
}

export interface BallotRecord {
  voterId: string;
  choice: BallotChoice;
  comment: string | null;
  mode: VoteMode;
  recordedBy: string | null;
  castAt: Date;
}

export type NewVote = Omit<VoteRecord, 'id' | 'status' | 'outcome' | 'closedAt' | 'closeReason'>;

interface VoteRow {
  society_id: string;
  id: string;
  case_id: string;
  amount_fen: string;
  mode: VoteMode;
  status: VoteStatus;
  outcome: VoteRecord['outcome'];
  quorum: string;
  approval: string;
  approval_rule: ApprovalRule;
  hold_id: string;
  opened_by: string;
  opens_at: Date;
  closes_at: Date;
  closed_at: Date | null;
  close_reason: CloseReason | null;
}

const VOTE_COLUMNS = `society_id, id, case_id, amount_fen, mode, status, outcome, quorum, approval, approval_rule,
  hold_id, opened_by, opens_at, closes_at, closed_at, close_reason`;

function toVote(r: VoteRow): VoteRecord {
  return {
    societyId: r.society_id,
    id: r.id,
    caseId: r.case_id,
    amountFen: Number(r.amount_fen),
    mode: r.mode,
    status: r.status,
    outcome: r.outcome,
    quorum: r.quorum,
    approval: r.approval,
    approvalRule: r.approval_rule,
    holdId: r.hold_id,
    openedBy: r.opened_by,
    opensAt: r.opens_at,
    closesAt: r.closes_at,
    closedAt: r.closed_at,
    closeReason: r.close_reason,
  };
}

/** All SQL of votes, their voters and ballots. */
@Injectable()
export class VotesRepository {
  constructor(private readonly txHost: TransactionHost<Tx>) {}

  private get tx() {
    return this.txHost.tx;
  }

  async insert(societyId: string, v: NewVote, voterIds: readonly string[]): Promise<VoteRecord> {
    const [row] = (await this.tx.query(
      `INSERT INTO votes (society_id, case_id, amount_fen, mode, status, quorum, approval, approval_rule,
                          hold_id, opened_by, opens_at, closes_at)
       VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9, $10, $11) RETURNING ${VOTE_COLUMNS}`,
      [
        societyId,
        v.caseId,
        v.amountFen,
        v.mode,
        v.quorum,
        v.approval,
        v.approvalRule,
        v.holdId,
        v.openedBy,
        v.opensAt,
        v.closesAt,
      ],
    )) as VoteRow[];
    if (voterIds.length > 0) {
      await this.tx.query(
        `INSERT INTO vote_voters (society_id, vote_id, voter_id) SELECT $1, $2, unnest($3::uuid[])`,
        [societyId, row.id, voterIds],
      );
    }
    return toVote(row);
  }

  /** The case's latest vote (open, or the last one closed); with `lock`, FOR UPDATE. */
  async latestOfCase(societyId: string, caseId: string, lock = false): Promise<VoteRecord | null> {
    const [row] = (await this.tx.query(
      `SELECT ${VOTE_COLUMNS} FROM votes WHERE society_id = $1 AND case_id = $2
        ORDER BY opens_at DESC, id DESC LIMIT 1 ${lock ? 'FOR UPDATE' : ''}`,
      [societyId, caseId],
    )) as VoteRow[];
    return row ? toVote(row) : null;
  }

  /** The case's latest vote closed as approved, or null. */
  async approvedOfCase(societyId: string, caseId: string): Promise<VoteRecord | null> {
    const [row] = (await this.tx.query(
      `SELECT ${VOTE_COLUMNS} FROM votes WHERE society_id = $1 AND case_id = $2 AND status = 'closed'
          AND outcome = 'approved'
        ORDER BY opens_at DESC, id DESC LIMIT 1`,
      [societyId, caseId],
    )) as VoteRow[];
    return row ? toVote(row) : null;
  }

  async voters(societyId: string, voteId: string): Promise<VoterRecord[]> {
    const rows = (await this.tx.query(
      `SELECT voter_id, recused, recusal_reason FROM vote_voters WHERE society_id = $1 AND vote_id = $2
        ORDER BY voter_id`,
      [societyId, voteId],
    )) as { voter_id: string; recused: boolean; recusal_reason: string | null }[];
    return rows.map((r) => ({ voterId: r.voter_id, recused: r.recused, recusalReason: r.recusal_reason }));
  }

  async ballots(societyId: string, voteId: string): Promise<BallotRecord[]> {
    const rows = (await this.tx.query(
      `SELECT voter_id, choice, comment, mode, recorded_by, cast_at FROM ballots
        WHERE society_id = $1 AND vote_id = $2 ORDER BY cast_at, id`,
      [societyId, voteId],
    )) as {
      voter_id: string;
      choice: BallotChoice;
      comment: string | null;
      mode: VoteMode;
      recorded_by: string | null;
      cast_at: Date;
    }[];
    return rows.map((r) => ({
      voterId: r.voter_id,
      choice: r.choice,
      comment: r.comment,
      mode: r.mode,
      recordedBy: r.recorded_by,
      castAt: r.cast_at,
    }));
  }

  async insertBallot(societyId: string, voteId: string, b: BallotRecord): Promise<void> {
    await this.tx.query(
      `INSERT INTO ballots (society_id, vote_id, voter_id, choice, comment, mode, recorded_by, cast_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [societyId, voteId, b.voterId, b.choice, b.comment, b.mode, b.recordedBy, b.castAt],
    );
  }

  async markRecused(societyId: string, voteId: string, voterId: string, reason: string, at: Date) {
    await this.tx.query(
      `UPDATE vote_voters SET recused = true, recusal_reason = $4, recused_at = $5
        WHERE society_id = $1 AND vote_id = $2 AND voter_id = $3`,
      [societyId, voteId, voterId, reason, at],
    );
  }

  async close(
    societyId: string,
    voteId: string,
    end: {
      status: Exclude<VoteStatus, 'open'>;
      outcome: VoteRecord['outcome'];
      at: Date;
      by: string | null;
      reason: CloseReason;
    },
  ): Promise<void> {
    await this.tx.query(
      `UPDATE votes SET status = $3, outcome = $4, closed_at = $5, closed_by = $6, close_reason = $7
        WHERE society_id = $1 AND id = $2 AND status = 'open'`,
      [societyId, voteId, end.status, end.outcome, end.at, end.by, end.reason],
    );
  }

  /** Open votes past their deadline at `now`, in any society, oldest deadline first. */
  async due(now: Date, limit: number): Promise<{ societyId: string; caseId: string; id: string }[]> {
    const rows = (await this.tx.query(
      `SELECT society_id, case_id, id FROM votes WHERE status = 'open' AND closes_at <= $1
        ORDER BY closes_at, society_id, id LIMIT $2`,
      [now, limit],
    )) as { society_id: string; case_id: string; id: string }[];
    return rows.map((r) => ({ societyId: r.society_id, caseId: r.case_id, id: r.id }));
  }

  /** Open votes (before closes_at) where `userId` is eligible, not recused and without a ballot; keyset by (closes_at, id). */
  async pendingFor(
    societyId: string,
    userId: string,
    now: Date,
    after: [string, string] | null,
    take: number,
  ): Promise<VoteRecord[]> {
    const rows = (await this.tx.query(
      `SELECT ${VOTE_COLUMNS.replace(/(\w+)/g, 'v.$1')} FROM votes v
         JOIN vote_voters vv ON vv.society_id = v.society_id AND vv.vote_id = v.id
        WHERE v.society_id = $1 AND vv.voter_id = $2 AND NOT vv.recused AND v.status = 'open' AND v.closes_at > $3
          AND NOT EXISTS (SELECT 1 FROM ballots b
                           WHERE b.society_id = v.society_id AND b.vote_id = v.id AND b.voter_id = $2)
          AND ($4::timestamptz IS NULL OR (v.closes_at, v.id) > ($4::timestamptz, $5::uuid))
        ORDER BY v.closes_at, v.id LIMIT $6`,
      [societyId, userId, now, after?.[0] ?? null, after?.[1] ?? null, take],
    )) as VoteRow[];
    return rows.map(toVote);
  }

  /**
   * pendingFor over several societies at once (the caller's home screen): one statement, soonest
   * deadline first, through vote_voters_voter_idx (society_id, voter_id).
   */
  async pendingAcross(
    societyIds: readonly string[],
    userId: string,
    now: Date,
    take: number,
  ): Promise<VoteRecord[]> {
    const rows = (await this.tx.query(
      `SELECT ${VOTE_COLUMNS.replace(/(\w+)/g, 'v.$1')} FROM vote_voters vv
         JOIN votes v ON v.society_id = vv.society_id AND v.id = vv.vote_id
        WHERE vv.society_id = ANY($1::uuid[]) AND vv.voter_id = $2 AND NOT vv.recused
          AND v.status = 'open' AND v.closes_at > $3
          AND NOT EXISTS (SELECT 1 FROM ballots b
                           WHERE b.society_id = v.society_id AND b.vote_id = v.id AND b.voter_id = $2)
        ORDER BY v.closes_at, v.id LIMIT $4`,
      [societyIds, userId, now, take],
    )) as VoteRow[];
    return rows.map(toVote);
  }

  /** How many votes are open in each of these societies (one statement; societies with none left out). */
  async openCounts(societyIds: readonly string[]): Promise<Map<string, number>> {
    const rows = (await this.tx.query(
      `SELECT society_id, count(*) AS n FROM votes
        WHERE society_id = ANY($1::uuid[]) AND status = 'open' GROUP BY society_id`,
      [societyIds],
    )) as { society_id: string; n: string }[];
    return new Map(rows.map((r) => [r.society_id, Number(r.n)]));
  }
}
