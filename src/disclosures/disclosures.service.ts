import { Transactional } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Anchor } from '../audit/domain/anchors';
import { CasesService, OverdueDisclosure } from '../cases/cases.service';
import type { CaseRecord } from '../cases/cases.repository';
import { canTransition } from '../cases/domain/case-status';
import { disclosureDueOn } from '../cases/domain/overdue-disclosure';
import { Principal } from '../common/access/roles';
import { daysBetween, localDay } from '../common/calendar';
import { Clock } from '../common/clock';
import { parseIdCard } from '../common/cn-ids/id-card';
import { PiiCipher } from '../common/crypto/pii-cipher';
import { AppError } from '../common/errors/app-error';
import { decodeCursor, limitOf, Page, PageQueryDto, toPage } from '../common/pagination';
import { AppConfig } from '../config/app-config';
import { OutboxService } from '../notifications/outbox.service';
import { SocietiesService } from '../societies/societies.service';
import { VotesService } from '../votes/votes.service';
import {
  DisclosureItemRecord,
  DisclosureRecord,
  DisclosuresRepository,
  type DisclosureStatus,
} from './disclosures.repository';
import { casesToClose, hasEnded } from './domain/closing';
import { noticeCounter, noticeNo } from './domain/notice-no';
import { disclosurePeriod, periodOver } from './domain/period';
import { publicItem, PublicItem } from './domain/public-item';
import { buildSnapshot, checkCode, snapshotSha256 } from './domain/snapshot';
import {
  AwaitingCaseDto,
  DisclosureContentDto,
  DisclosureQueryDto,
  DisclosureResponseDto,
  PublishDisclosureDto,
  WithdrawDisclosureDto,
} from './dto/disclosure.dto';
import { ObjectionsRepository } from './objections.repository';

/**
 * Public notices of paid cases (API.md "Disclosures (publicize later) and objections"): publication,
 * withdrawal and the end of the period. Lock order everywhere: the notice, then its cases in id order
 * (CasesService.lockCases), then the counters and the audit head (written last).
 */
@Injectable()
export class DisclosuresService {
  constructor(
    private readonly repo: DisclosuresRepository,
    private readonly objections: ObjectionsRepository,
    private readonly cases: CasesService,
    private readonly votes: VotesService,
    private readonly societies: SocietiesService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * Publishes a notice of paid cases: each case locked (id order) and checked `paid`, its public item
   * built from the allow-list, the snapshot frozen with its hash, the number taken, every case moved
   * to `publicized`. Two publications of one case: the second waits on the case's lock, then finds it
   * publicized (409 INVALID_STATE).
   */
  @Transactional()
  async publish(
    societyId: string,
    dto: PublishDisclosureDto,
    actor: Principal,
  ): Promise<DisclosureResponseDto> {
    const cases = await this.cases.lockCases(societyId, dto.caseIds);
    for (const c of cases) {
      if (!canTransition(c.status, 'publicize'))
        throw new AppError('INVALID_STATE', { caseNo: c.caseNo, status: c.status });
    }
    const society = await this.societies.find(societyId);
    const now = this.clock.now();
    const period = disclosurePeriod(now, society.timezone, society.settings.disclosureDays);
    const items: PublicItem[] = [];
    for (const c of cases) items.push(await this.itemOf(c, society, period.publishedOn));
    const { year } = localDay(now, society.timezone);
    const no = noticeNo(year, await this.repo.takeNoticeNumber(societyId, noticeCounter(year)));
    const snapshot = buildSnapshot({
      societyId,
      societyName: society.name,
      regionCode: society.regionCode,
      contactPhone: society.contactPhone,
      noticeNo: no,
      publishedAt: now.toISOString(),
      publishedOn: period.publishedOn,
      periodFrom: period.periodFrom,
      periodTo: period.periodTo,
      endsAt: period.endsAt.toISOString(),
      note: dto.note?.trim() ?? null,
      items,
      auditHead: await this.audit.head(societyId),
    });
    const sha = snapshotSha256(snapshot);
    const d = await this.repo.insert(
      societyId,
      {
        noticeNo: no,
        note: snapshot.note,
        publishedBy: actor.id,
        publishedAt: now,
        endsAt: period.endsAt,
        snapshot,
        snapshotSha256: sha,
      },
      cases.map((c) => ({ caseId: c.id, caseNo: c.caseNo })),
    );
    for (const c of cases) {
      await this.cases.transition(societyId, c, 'publicize', actor, {}, { disclosureId: d.id, noticeNo: no });
    }
    await this.record(d, actor.id, 'disclosure.published', {
      noticeNo: no,
      caseNos: cases.map((c) => c.caseNo),
      snapshotSha256: sha,
    });
    await this.outbox.record(societyId, 'disclosure.published', {
      disclosureId: d.id,
      noticeNo: no,
      caseIds: cases.map((c) => c.id),
      caseNos: cases.map((c) => c.caseNo),
      publishedAt: now.toISOString(),
      endsAt: period.endsAt.toISOString(),
    });
    return this.toDto(
      d,
      cases.map((c) => c.id),
    );
  }

  async get(societyId: string, disclosureId: string): Promise<DisclosureResponseDto> {
    const d = await this.repo.find(societyId, disclosureId);
    if (!d) throw new AppError('NOT_FOUND', { entity: 'disclosure' });
    return this.toDto(
      d,
      (await this.repo.items(societyId, disclosureId)).map((i) => i.caseId),
    );
  }

  /** The society's notices, newest first. */
  async list(societyId: string, query: DisclosureQueryDto): Promise<Page<DisclosureResponseDto>> {
    const limit = limitOf(query);
    const after = decodeCursor(query.cursor, ['time', 'uuid']) as [string, string] | null;
    const rows = await this.repo.page(societyId, query.status ? [query.status] : null, after, limit + 1);
    const page = rows.slice(0, limit);
    const caseIds = await this.repo.caseIdsOf(
      societyId,
      page.map((d) => d.id),
    );
    return toPage(
      rows,
      limit,
      (d) => [d.publishedAt.toISOString(), d.id],
      (d) => this.toDto(d, caseIds.get(d.id) ?? []),
    );
  }

  /**
   * The paid cases waiting for a notice, oldest payment first: each with the public item a notice
   * published today would show and its deadline (`disclosureDeadlineDays` local days after payment,
   * by the society's calendar and the Clock). Nothing is written.
   */
  async awaiting(societyId: string, query: PageQueryDto): Promise<Page<AwaitingCaseDto>> {
    const society = await this.societies.find(societyId);
    const today = localDay(this.clock.now(), society.timezone).date;
    const page = await this.cases.awaitingDisclosurePage(societyId, query);
    const items: AwaitingCaseDto[] = [];
    for (const c of page.items) {
      const dueOn = disclosureDueOn(c.paidAt!, society.timezone, society.settings.disclosureDeadlineDays);
      const daysLeft = daysBetween(today, dueOn);
      items.push({
        caseId: c.id,
        item: await this.itemOf(c, society, today),
        paidAt: c.paidAt!.toISOString(),
        dueOn,
        daysLeft,
        overdue: daysLeft < 0,
      });
    }
    return { items, nextCursor: page.nextCursor };
  }

  /**
   * Takes an active notice down within its period: refused while an objection is open or a case is
   * disputed (the supervisor settles those first); each case returns to `paid`, to be published again.
   */
  @Transactional()
  async withdraw(
    societyId: string,
    disclosureId: string,
    dto: WithdrawDisclosureDto,
    actor: Principal,
  ): Promise<DisclosureResponseDto> {
    const d = await this.lock(societyId, disclosureId);
    const now = this.clock.now();
    if (d.status !== 'active' || periodOver(d.endsAt, now))
      throw new AppError('DISCLOSURE_NOT_ACTIVE', { status: d.status, endsAt: d.endsAt.toISOString() });
    const items = await this.repo.items(societyId, disclosureId);
    const cases = await this.cases.lockCases(
      societyId,
      items.map((i) => i.caseId),
    );
    const open = await this.objections.openOf(societyId, disclosureId);
    const disputed = cases.filter((c) => c.status === 'disputed').map((c) => c.caseNo);
    if (open.length > 0 || disputed.length > 0)
      throw new AppError('INVALID_STATE', { openObjections: open.length, disputedCases: disputed });
    const reason = dto.reason.trim();
    await this.repo.markWithdrawn(societyId, disclosureId, now, actor.id, reason);
    for (const c of cases) {
      await this.cases.transition(
        societyId,
        c,
        'withdraw_disclosure',
        actor,
        {},
        {
          disclosureId,
          noticeNo: d.noticeNo,
        },
      );
    }
    await this.record(d, actor.id, 'disclosure.withdrawn', {
      noticeNo: d.noticeNo,
      caseNos: cases.map((c) => c.caseNo),
      reason,
    });
    return this.get(societyId, disclosureId);
  }

  /**
   * The end job's unit, in its own transaction: an active notice past its end becomes `ended` and its
   * settled cases `closed`. Idempotent: a notice already ended or withdrawn, or not yet due, is left alone.
   */
  @Transactional()
  async endExpired(societyId: string, disclosureId: string, now: Date): Promise<boolean> {
    const d = await this.repo.find(societyId, disclosureId, 'update');
    if (!d || d.status !== 'active' || !periodOver(d.endsAt, now)) return false;
    await this.repo.markEnded(societyId, disclosureId, now);
    const closed = await this.closeSettled({ ...d, status: 'ended', endedAt: now }, now, null);
    await this.record(d, null, 'disclosure.ended', { noticeNo: d.noticeNo, closedCaseNos: closed });
    return true;
  }

  /** Active notices past their end at `now` (any society), for the end job. */
  due(now: Date, limit: number): Promise<{ societyId: string; id: string }[]> {
    return this.repo.due(now, limit);
  }

  // ---- for the objections and public services of this module ----

  /** The notice under FOR UPDATE (NOT_FOUND if not in this society). */
  /**
   * Raises `disclosure.overdue` for a case whose notice is overdue, once per case ever (the outbox's
   * dedupe key); false when it was raised before.
   */
  @Transactional()
  async raiseOverdue(societyId: string, o: OverdueDisclosure): Promise<boolean> {
    const id = await this.outbox.record(
      societyId,
      'disclosure.overdue',
      {
        caseId: o.caseId,
        caseNo: o.caseNo,
        paidAt: o.paidAt.toISOString(),
        dueOn: o.dueOn,
        daysOverdue: o.daysOverdue,
      },
      { dedupeKey: `disclosure.overdue:${o.caseId}` },
    );
    return id !== null;
  }

  async lock(societyId: string, disclosureId: string): Promise<DisclosureRecord> {
    const d = await this.repo.find(societyId, disclosureId, 'update');
    if (!d) throw new AppError('NOT_FOUND', { entity: 'disclosure' });
    return d;
  }

  /** A notice by its id alone (public routes, the QR code); NOT_FOUND when there is none. */
  async findPublic(disclosureId: string): Promise<DisclosureRecord> {
    const d = await this.repo.findById(disclosureId);
    if (!d) throw new AppError('NOT_FOUND', { entity: 'disclosure' });
    return d;
  }

  /** A notice's status now, by its id alone (null: no such notice). */
  async publicStatus(disclosureId: string): Promise<DisclosureStatus | null> {
    return this.repo.statusById(disclosureId);
  }

  /**
   * The notice under FOR SHARE until the transaction ends: an objection being written holds off a
   * withdrawal or the end job (FOR UPDATE) until it commits, without queueing other objections.
   */
  async lockShared(societyId: string, disclosureId: string): Promise<DisclosureRecord> {
    const d = await this.repo.find(societyId, disclosureId, 'share');
    if (!d) throw new AppError('NOT_FOUND', { entity: 'disclosure' });
    return d;
  }

  /** A page of the society's notices of `status` (the public lists: active or ended), newest first. */
  async page(
    societyId: string,
    status: 'active' | 'ended',
    after: [string, string] | null,
    take: number,
  ): Promise<DisclosureRecord[]> {
    return this.repo.page(societyId, [status], after, take);
  }

  /**
   * Closes the cases of an ended notice (or one past its end) that are settled now: still
   * `publicized`, and no open objection names them or the whole notice (domain/closing.ts). Call it
   * with the notice locked. Returns the case numbers closed.
   */
  async closeSettled(d: DisclosureRecord, now: Date, actor: Principal | null): Promise<string[]> {
    if (!hasEnded(d, now)) return [];
    const items = await this.repo.items(d.societyId, d.id);
    const cases = await this.cases.lockCases(
      d.societyId,
      items.map((i) => i.caseId),
    );
    const close = new Set(
      casesToClose(
        {
          disclosure: d,
          items: cases.map((c) => ({ caseId: c.id, status: c.status })),
          openObjections: await this.objections.openOf(d.societyId, d.id),
        },
        now,
      ),
    );
    const closed: string[] = [];
    for (const c of cases.filter((x) => close.has(x.id))) {
      await this.cases.transition(
        d.societyId,
        c,
        'end_disclosure',
        actor,
        {},
        {
          disclosureId: d.id,
          noticeNo: d.noticeNo,
        },
      );
      closed.push(c.caseNo);
    }
    return closed;
  }

  items(societyId: string, disclosureId: string): Promise<DisclosureItemRecord[]> {
    return this.repo.items(societyId, disclosureId);
  }

  /**
   * The audit heads printed on the society's notices, as anchors of its chain (audit:verify checks
   * them). Seq 0 (a notice published before any event) anchors nothing.
   */
  async printedHeads(societyId: string): Promise<Anchor[]> {
    const heads = await this.repo.printedHeads(societyId);
    return heads
      .filter((h) => h.seq > 0)
      .map((h) => ({ seq: h.seq, hash: h.hash, at: h.publishedAt, source: `notice ${h.noticeNo}` }));
  }

  /** What every answer about a notice shows, from its frozen snapshot. */
  contentOf(d: DisclosureRecord): DisclosureContentDto {
    const s = d.snapshot;
    return {
      id: d.id,
      noticeNo: d.noticeNo,
      status: d.status,
      publishedAt: d.publishedAt.toISOString(),
      endsAt: d.endsAt.toISOString(),
      periodFrom: s.periodFrom,
      periodTo: s.periodTo,
      note: s.note,
      items: s.items,
      totalFen: s.totalFen,
      checkCode: checkCode(d.snapshotSha256),
      auditHead: { seq: s.auditHead.seq, hash: s.auditHead.hash },
      publicUrl: this.publicUrl(d.id),
    };
  }

  publicUrl(disclosureId: string): string {
    return `${this.config.publicBaseUrl}/p/disclosures/${disclosureId}`;
  }

  pdfUrl(disclosureId: string): string {
    return `${this.config.publicBaseUrl}/api/v1/public/disclosures/${disclosureId}/notice.pdf`;
  }

  // ---- inside the use cases ----

  /**
   * A paid case's public item. The ID number is decrypted here only to read the birth date (a child
   * under 14 is never named) and goes no further; the vote's counts are the approving vote's.
   */
  private async itemOf(
    c: CaseRecord,
    society: { id: string; timezone: string },
    publishedOn: string,
  ): Promise<PublicItem> {
    const id = parseIdCard(this.cipher.decrypt(c.applicantIdEnc), { today: publishedOn });
    const vote = await this.votes.approvingVote(society.id, c.id);
    if (!id.valid || !vote || c.paidAt === null || c.paidAmountFen === null)
      throw new Error(`case ${c.id} is paid without a valid ID number, an approving vote or its payment`);
    return publicItem(
      {
        caseNo: c.caseNo,
        applicantName: c.applicantName,
        pseudonym: c.pseudonym,
        birthDate: id.birthDate,
        category: c.category,
        paidAmountFen: c.paidAmountFen,
        approvedOn: localDay(vote.decidedAt, society.timezone).date,
        paidOn: localDay(c.paidAt, society.timezone).date,
        vote: { eligible: vote.eligible, cast: vote.cast, approve: vote.approve },
      },
      publishedOn,
    );
  }

  private toDto(d: DisclosureRecord, caseIds: string[]): DisclosureResponseDto {
    return {
      ...this.contentOf(d),
      pdfUrl: this.pdfUrl(d.id),
      snapshotSha256: d.snapshotSha256,
      publishedBy: d.publishedBy,
      caseIds,
      withdrawnAt: d.withdrawnAt?.toISOString() ?? null,
      withdrawReason: d.withdrawReason,
      endedAt: d.endedAt?.toISOString() ?? null,
    };
  }

  private record(d: DisclosureRecord, actorId: string | null, action: string, data: Record<string, unknown>) {
    return this.audit.record({
      societyId: d.societyId,
      actorId,
      action,
      entity: 'disclosure',
      entityId: d.id,
      data,
    });
  }
}
