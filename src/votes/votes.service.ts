import { Transactional } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../common/access/roles';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { fieldError } from '../common/errors/validation';
import { decodeCursor, limitOf, Page, PageQueryDto, toPage } from '../common/pagination';
import { CasesService } from '../cases/cases.service';
import type { CaseRecord } from '../cases/cases.repository';
import { transition } from '../cases/domain/case-status';
import { assertWithinCaseCap } from '../cases/domain/payment';
import { LedgerService } from '../fund/ledger.service';
import { OutboxService } from '../notifications/outbox.service';
import { MembershipsService } from '../societies/memberships.service';
import { SocietiesService } from '../societies/societies.service';
import {
  assertMayCast,
  assertMayRecordMeetingBallot,
  assertMayRecuse,
  eligibleAtOpening,
  eligibleVoters,
  type VoteRoll,
} from './domain/eligibility';
import { tally, voteRules, type Tally } from './domain/tally';
import {
  CastBallotDto,
  OpenedVoteDto,
  OpenVoteDto,
  RecuseDto,
  VoteDetailDto,
  VoteSummaryDto,
} from './dto/vote.dto';
import { BallotRecord, CloseReason, VoteRecord, VoterRecord, VotesRepository } from './votes.repository';

const HOUR_MS = 3_600_000;

/** The approving vote's counts as a notice prints them: E (after recusals), ballots cast, approvals. */
export interface ApprovingVote {
  eligible: number;
  cast: number;
  approve: number;
  decidedAt: Date;
}

/** A vote with what decides it: its voters and ballots. */
interface VoteState {
  vote: VoteRecord;
  voters: VoterRecord[];
  ballots: BallotRecord[];
}

/**
 * Board votes (API.md "Votes"). Every use case locks in one order — the case, then the vote, then
 * the fund — and writes the audit events last (the audit head is locked after the fund everywhere).
 * A ballot or recusal that decides the vote moves the case in the same transaction.
 */
@Injectable()
export class VotesService {
  constructor(
    private readonly repo: VotesRepository,
    private readonly cases: CasesService,
    private readonly ledger: LedgerService,
    private readonly societies: SocietiesService,
    private readonly memberships: MembershipsService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** Opens the vote: the case → voting, `amountFen` held on the fund, the board at this moment eligible. */
  @Transactional()
  async open(societyId: string, caseId: string, dto: OpenVoteDto, actor: Principal): Promise<OpenedVoteDto> {
    const c = await this.cases.lockCase(societyId, caseId);
    transition(c.status, 'open_vote');
    const { settings } = await this.societies.find(societyId);
    assertWithinCaseCap(dto.amountFen, settings.maxAidPerCaseFen);
    const now = this.clock.now();
    const closesAt = dto.closesAt
      ? new Date(dto.closesAt)
      : new Date(now.getTime() + settings.voteWindowHours * HOUR_MS);
    if (!(closesAt.getTime() > now.getTime()))
      throw fieldError('closesAt', '必须晚于当前时间', 'must be after the current time');
    const eligible = eligibleAtOpening(
      (await this.memberships.activeMembers(societyId)).map((m) => ({ ...m, active: true })),
    );
    // Nobody could vote: the motion could only fail for want of a quorum; say so rather than hold money.
    if (eligible.length === 0) throw new AppError('INVALID_STATE', { reason: 'no_board_members' });
    const hold = await this.ledger.hold(societyId, dto.amountFen, { type: 'case', id: c.id }, actor.id);
    const vote = await this.repo.insert(
      societyId,
      {
        societyId,
        caseId: c.id,
        amountFen: dto.amountFen,
        mode: dto.mode ?? 'remote',
        quorum: settings.quorum,
        approval: settings.approval,
        approvalRule: settings.approvalRule,
        holdId: hold.id,
        openedBy: actor.id,
        opensAt: now,
        closesAt,
      },
      eligible,
    );
    await this.cases.transition(
      societyId,
      c,
      'open_vote',
      actor,
      { holdId: hold.id, voteOpenedBy: actor.id, approvedAmountFen: null },
      { voteId: vote.id, amountFen: dto.amountFen },
    );
    await this.auditVote(vote, actor.id, 'vote.opened', {
      amountFen: vote.amountFen,
      mode: vote.mode,
      closesAt: closesAt.toISOString(),
      eligibleVoterIds: eligible,
    });
    await this.outbox.record(societyId, 'vote.opened', {
      voteId: vote.id,
      caseId: c.id,
      caseNo: c.caseNo,
      amountFen: vote.amountFen,
      mode: vote.mode,
      closesAt: closesAt.toISOString(),
    });
    const warnings = await this.cases.aidWarnings(societyId, c);
    const opened = this.toDto({
      vote,
      voters: eligible.map((voterId) => ({ voterId, recused: false, recusalReason: null })),
      ballots: [],
    });
    return { ...opened, warnings };
  }

  /** The case's vote (the open one, else the latest), with its tally and ballots. */
  async get(societyId: string, caseId: string): Promise<VoteDetailDto> {
    const vote = await this.repo.latestOfCase(societyId, caseId);
    if (!vote) throw new AppError('NOT_FOUND', { entity: 'vote', caseId });
    return this.toDto(await this.stateOf(vote));
  }

  /**
   * A board member's own ballot, or (with `voterId`) the secretary's record of a member's show of
   * hands in a meeting vote. The ballot that decides the vote moves the case here and now.
   */
  @Transactional()
  async cast(
    societyId: string,
    caseId: string,
    dto: CastBallotDto,
    actor: Principal,
  ): Promise<VoteDetailDto> {
    const { c, state } = await this.lockVote(societyId, caseId);
    const now = this.clock.now();
    const roll = this.rollOf(state, c);
    let ballot: BallotRecord;
    if (dto.voterId !== undefined) {
      const roles = await this.memberships.activeRoles(societyId, actor.id);
      if (!roles.includes('secretary'))
        throw new AppError('FORBIDDEN', { reason: 'secretary_records_meeting_ballots' });
      assertMayRecordMeetingBallot(roll, dto.voterId, now);
      ballot = {
        voterId: this.voterIdAsStored(state, dto.voterId),
        choice: dto.choice,
        comment: dto.comment ?? null,
        mode: 'meeting',
        recordedBy: actor.id,
        castAt: now,
      };
    } else {
      assertMayCast(roll, actor.id, now);
      ballot = {
        voterId: actor.id,
        choice: dto.choice,
        comment: dto.comment ?? null,
        mode: 'remote',
        recordedBy: null,
        castAt: now,
      };
    }
    await this.repo.insertBallot(societyId, state.vote.id, ballot);
    const after = { ...state, ballots: [...state.ballots, ballot] };
    const t = this.tallyOf(after);
    if (t.decided) await this.conclude(c, after, t, actor, 'decided');
    await this.auditVote(state.vote, actor.id, 'vote.ballot_cast', {
      voterId: ballot.voterId,
      choice: ballot.choice,
      mode: ballot.mode,
      ...(t.decided ? { outcome: t.outcome } : {}),
    });
    return this.toDto(await this.stateOf((await this.repo.latestOfCase(societyId, caseId))!));
  }

  /** A board member without a ballot leaves the eligible set; that may decide the vote. */
  @Transactional()
  async recuse(societyId: string, caseId: string, dto: RecuseDto, actor: Principal): Promise<VoteDetailDto> {
    const { c, state } = await this.lockVote(societyId, caseId);
    const now = this.clock.now();
    assertMayRecuse(this.rollOf(state, c), actor.id, now);
    const reason = dto.reason.trim();
    const voterId = this.voterIdAsStored(state, actor.id);
    await this.repo.markRecused(societyId, state.vote.id, voterId, reason, now);
    const after = {
      ...state,
      voters: state.voters.map((v) =>
        v.voterId === voterId ? { ...v, recused: true, recusalReason: reason } : v,
      ),
    };
    const t = this.tallyOf(after);
    if (t.decided) await this.conclude(c, after, t, actor, 'decided');
    await this.auditVote(state.vote, actor.id, 'vote.recused', {
      voterId,
      reason,
      ...(t.decided ? { outcome: t.outcome } : {}),
    });
    return this.toDto(await this.stateOf((await this.repo.latestOfCase(societyId, caseId))!));
  }

  /** The secretary closes the vote now: the ballots as they are decide (VOTE_CLOSED if already closed). */
  @Transactional()
  async close(societyId: string, caseId: string, actor: Principal): Promise<VoteDetailDto> {
    const { c, state } = await this.lockVote(societyId, caseId);
    if (state.vote.status !== 'open') throw new AppError('VOTE_CLOSED');
    await this.finish(c, state, actor, 'secretary');
    return this.toDto(await this.stateOf((await this.repo.latestOfCase(societyId, caseId))!));
  }

  /**
   * The deadline job's unit: closes one vote past its deadline, in its own transaction. Idempotent:
   * a vote already closed (by a ballot, the secretary, or an earlier run) is left alone.
   */
  @Transactional()
  async closeExpired(societyId: string, caseId: string, voteId: string, now: Date): Promise<boolean> {
    const c = await this.cases.lockCase(societyId, caseId);
    const vote = await this.repo.latestOfCase(societyId, caseId, true);
    if (!vote || vote.id !== voteId || vote.status !== 'open' || vote.closesAt.getTime() > now.getTime())
      return false;
    await this.finish(c, await this.stateOf(vote), null, 'deadline');
    return true;
  }

  /**
   * The counts of the vote that approved the case (a public notice prints them) and when it was
   * decided; null when no vote approved it.
   */
  async approvingVote(societyId: string, caseId: string): Promise<ApprovingVote | null> {
    const vote = await this.repo.approvedOfCase(societyId, caseId);
    if (!vote || vote.closedAt === null) return null;
    const t = this.tallyOf(await this.stateOf(vote), true);
    return { eligible: t.eligible, cast: t.cast, approve: t.approve, decidedAt: vote.closedAt };
  }

  /** Open votes past their deadline at `now` (any society), for the deadline job. */
  due(now: Date, limit: number): Promise<{ societyId: string; caseId: string; id: string }[]> {
    return this.repo.due(now, limit);
  }

  /** Open votes waiting for the caller's ballot, by deadline. */
  /** Oversight: open votes per society, for several societies in one statement (0 when none). */
  async openCounts(societyIds: readonly string[]): Promise<Map<string, number>> {
    return this.repo.openCounts(societyIds);
  }

  async pendingMine(societyId: string, query: PageQueryDto, actor: Principal): Promise<Page<VoteSummaryDto>> {
    const limit = limitOf(query);
    const after = decodeCursor(query.cursor, ['time', 'uuid']) as [string, string] | null;
    const rows = await this.repo.pendingFor(societyId, actor.id, this.clock.now(), after, limit + 1);
    const page = toPage(
      rows,
      limit,
      (v) => [v.closesAt.toISOString(), v.id],
      (v) => this.summaryOf(v),
    );
    // A case withdrawn under vote leaves its vote open until the deadline or the secretary's close
    // (cases/ cannot call votes/): it waits for nobody's ballot. A page may come out short; its cursor holds.
    const status = await this.cases.statuses(
      societyId,
      page.items.map((v) => v.caseId),
    );
    return { ...page, items: page.items.filter((v) => status.get(v.caseId) === 'voting') };
  }

  /**
   * Open votes waiting for `userId`'s ballot in any of these societies (the home screen's tasks), soonest
   * deadline first, at most `take`. Like pendingMine, a vote on a case no longer under vote waits for
   * nobody: the caller checks the case's status (CasesService.briefs), as it reads the case anyway.
   */
  async pendingAcross(societyIds: readonly string[], userId: string, take: number): Promise<VoteRecord[]> {
    if (societyIds.length === 0) return [];
    return this.repo.pendingAcross(societyIds, userId, this.clock.now(), take);
  }

  // ---- inside the use cases ----

  private async lockVote(societyId: string, caseId: string): Promise<{ c: CaseRecord; state: VoteState }> {
    const c = await this.cases.lockCase(societyId, caseId);
    const vote = await this.repo.latestOfCase(societyId, caseId, true);
    if (!vote) throw new AppError('NOT_FOUND', { entity: 'vote', caseId });
    return { c, state: await this.stateOf(vote) };
  }

  /** Closes an open vote with the final tally (deadline, secretary). */
  private async finish(c: CaseRecord, state: VoteState, actor: Principal | null, reason: CloseReason) {
    const t = this.tallyOf(state, true);
    await this.conclude(c, state, t, actor, reason);
    await this.auditVote(state.vote, actor?.id ?? null, 'vote.closed', {
      reason,
      outcome: c.status === 'voting' ? t.outcome : null,
      eligible: t.eligible,
      cast: t.cast,
      approve: t.approve,
      reject: t.reject,
      abstain: t.abstain,
    });
  }

  /**
   * The outcome lands: approved → the case approved, the hold stays; rejected → the case rejected and
   * the hold released; no_quorum → the case back to a draft and the hold released. A case that left
   * the vote meanwhile (withdrawn: its hold released then) only ends the vote, as cancelled.
   */
  private async conclude(
    c: CaseRecord,
    state: VoteState,
    t: Tally,
    actor: Principal | null,
    reason: CloseReason,
  ) {
    const { vote } = state;
    const at = this.clock.now();
    const by = actor?.id ?? null;
    if (c.status !== 'voting' || t.outcome === 'pending') {
      await this.repo.close(vote.societyId, vote.id, {
        status: 'cancelled',
        outcome: null,
        at,
        by,
        reason: 'case_left_voting',
      });
      return;
    }
    const data = { voteId: vote.id, outcome: t.outcome, reason };
    if (t.outcome === 'approved') {
      await this.cases.transition(
        vote.societyId,
        c,
        'approve',
        actor,
        { approvedAmountFen: vote.amountFen },
        data,
      );
    } else {
      await this.ledger.release(vote.societyId, vote.holdId, by);
      await this.cases.transition(
        vote.societyId,
        c,
        t.outcome === 'rejected' ? 'reject' : 'no_quorum',
        actor,
        {},
        data,
      );
    }
    await this.repo.close(vote.societyId, vote.id, { status: 'closed', outcome: t.outcome, at, by, reason });
    await this.outbox.record(vote.societyId, 'vote.decided', {
      voteId: vote.id,
      caseId: c.id,
      caseNo: c.caseNo,
      outcome: t.outcome,
      amountFen: vote.amountFen,
      reason,
    });
  }

  private async stateOf(vote: VoteRecord): Promise<VoteState> {
    const [voters, ballots] = [
      await this.repo.voters(vote.societyId, vote.id),
      await this.repo.ballots(vote.societyId, vote.id),
    ];
    return { vote, voters, ballots };
  }

  private rollOf(state: VoteState, c: CaseRecord): VoteRoll {
    return {
      // A withdrawn case's vote takes no more ballots, even before it is marked cancelled.
      open: state.vote.status === 'open' && c.status === 'voting',
      closesAt: state.vote.closesAt,
      mode: state.vote.mode,
      eligibleAtOpening: state.voters.map((v) => v.voterId),
      recused: state.voters.filter((v) => v.recused).map((v) => v.voterId),
      voted: state.ballots.map((b) => b.voterId),
    };
  }

  /** The voter's id as stored (UUIDs compare without case; the rules already matched it). */
  private voterIdAsStored(state: VoteState, id: string): string {
    return state.voters.find((v) => v.voterId.toLowerCase() === id.toLowerCase())?.voterId ?? id;
  }

  private tallyOf(state: VoteState, final = false): Tally {
    const rules = voteRules({
      quorum: state.vote.quorum,
      approval: state.vote.approval,
      approvalRule: state.vote.approvalRule,
    });
    const eligible = state.voters.filter((v) => !v.recused).map((v) => v.voterId);
    return tally(eligible, state.ballots, rules, { final });
  }

  private auditVote(vote: VoteRecord, actorId: string | null, action: string, data: Record<string, unknown>) {
    return this.audit.record({
      societyId: vote.societyId,
      actorId,
      action,
      entity: 'vote',
      entityId: vote.id,
      data: { caseId: vote.caseId, ...data },
    });
  }

  private summaryOf(v: VoteRecord): VoteSummaryDto {
    return {
      id: v.id,
      caseId: v.caseId,
      amountFen: v.amountFen,
      status: v.status,
      mode: v.mode,
      opensAt: v.opensAt.toISOString(),
      closesAt: v.closesAt.toISOString(),
    };
  }

  private toDto(state: VoteState): VoteDetailDto {
    const { vote } = state;
    const t = this.tallyOf(state, vote.status === 'closed');
    const { decided: _decided, ...counts } = t;
    return {
      ...this.summaryOf(vote),
      eligibleVoterIds: eligibleVoters({
        open: false,
        closesAt: vote.closesAt,
        mode: vote.mode,
        eligibleAtOpening: state.voters.map((v) => v.voterId),
        recused: state.voters.filter((v) => v.recused).map((v) => v.voterId),
        voted: [],
      }),
      recusedVoterIds: state.voters.filter((v) => v.recused).map((v) => v.voterId),
      quorumRequired: t.quorumRequired,
      tally: {
        ...counts,
        outcome:
          vote.status === 'closed'
            ? (vote.outcome ?? t.outcome)
            : vote.status === 'cancelled'
              ? 'pending'
              : t.outcome,
      },
      closedAt: vote.closedAt ? vote.closedAt.toISOString() : null,
      ballots: state.ballots.map((b) => ({
        voterId: b.voterId,
        choice: b.choice,
        comment: b.comment,
        mode: b.mode,
        recordedBy: b.recordedBy,
        castAt: b.castAt.toISOString(),
      })),
    };
  }
}
