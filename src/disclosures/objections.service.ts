import { Transactional } from '@nestjs-cls/transactional';
import { reencrypted } from '../common/crypto/pii-rotation';
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { CasesService } from '../cases/cases.service';
import { Principal } from '../common/access/roles';
import { Clock } from '../common/clock';
import { normalizeMobile } from '../common/cn-ids/mobile';
import { PiiCipher } from '../common/crypto/pii-cipher';
import { AppError } from '../common/errors/app-error';
import { fieldError } from '../common/errors/validation';
import { maskName, maskPhone } from '../common/masking';
import { OutboxService } from '../notifications/outbox.service';
import { decodeCursor, limitOf, Page, toPage } from '../common/pagination';
import { DisclosuresService } from './disclosures.service';
import { periodOver } from './domain/period';
import { groupTrackingCode, trackingCode, TRACKING_CODE_BYTES } from './domain/tracking-code';
import {
  ObjectionQueryDto,
  ObjectionReceiptDto,
  ObjectionResponseDto,
  ObjectionStatusDto,
  ResolveObjectionDto,
  SubmitObjectionDto,
} from './dto/objection.dto';
import { ObjectionRecord, ObjectionsRepository } from './objections.repository';

/** An open objection as a task (ObjectionsService.openAcross): no content, no contact. */
export interface OpenObjection {
  societyId: string;
  id: string;
  disclosureId: string;
  noticeNo: string;
  /** The item objected to; null: the whole notice. */
  caseId: string | null;
  caseNo: string | null;
  createdAt: Date;
}

/**
 * Residents' objections to a notice (异议) and the supervisors' resolutions. Lock order as for the
 * notices: the notice, then the objection, then the notice's cases in id order, the audit head last.
 */
@Injectable()
export class ObjectionsService {
  constructor(
    private readonly repo: ObjectionsRepository,
    private readonly disclosures: DisclosuresService,
    private readonly cases: CasesService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
  ) {}

  /**
   * A resident's objection, within the period only (409 DISCLOSURE_NOT_ACTIVE once withdrawn, ended or
   * past endsAt, even before the end job has run). The notice is held FOR SHARE until the objection
   * commits, so a withdrawal or the end job waits for it and then sees it open. Contact data is
   * encrypted; the audit event holds none of it. The route limits how many one client may send.
   */
  @Transactional()
  async submit(disclosureId: string, dto: SubmitObjectionDto): Promise<ObjectionReceiptDto> {
    const found = await this.disclosures.findPublic(disclosureId);
    const d = await this.disclosures.lockShared(found.societyId, disclosureId);
    const now = this.clock.now();
    if (d.status !== 'active' || periodOver(d.endsAt, now))
      throw new AppError('DISCLOSURE_NOT_ACTIVE', { status: d.status, endsAt: d.endsAt.toISOString() });
    let item: { caseId: string; caseNo: string } | null = null;
    if (dto.caseNo !== undefined && dto.caseNo !== null) {
      const caseNo = dto.caseNo.trim();
      item = (await this.disclosures.items(d.societyId, d.id)).find((i) => i.caseNo === caseNo) ?? null;
      if (!item) throw fieldError('caseNo', '公示中没有这个案件编号', 'is not a case number of this notice');
    }
    const enc = (s: string | null) => (s ? this.cipher.encrypt(s) : null);
    const code = trackingCode(randomBytes(TRACKING_CODE_BYTES));
    const id = await this.repo.insert(d.societyId, {
      disclosureId: d.id,
      caseId: item?.caseId ?? null,
      trackingCode: code,
      contentEnc: this.cipher.encrypt(dto.content.trim()),
      contactNameEnc: enc(dto.contactName?.trim() || null),
      contactPhoneEnc: enc(dto.contactPhone ? normalizeMobile(dto.contactPhone) : null),
      createdAt: now,
    });
    await this.audit.record({
      societyId: d.societyId,
      actorId: null,
      action: 'objection.received',
      entity: 'objection',
      entityId: id,
      data: {
        disclosureId: d.id,
        noticeNo: d.noticeNo,
        caseNo: item?.caseNo ?? null,
        withContact: Boolean(dto.contactName || dto.contactPhone),
      },
    });
    // Never the content or the contact: the resident's words may name people.
    await this.outbox.record(d.societyId, 'objection.received', {
      objectionId: id,
      disclosureId: d.id,
      noticeNo: d.noticeNo,
      caseId: item?.caseId ?? null,
      caseNo: item?.caseNo ?? null,
    });
    return { trackingCode: groupTrackingCode(code) };
  }

  /** Where an objection stands, by its tracking code alone (already normalised): nothing else of it. */
  async track(code: string): Promise<ObjectionStatusDto> {
    return (await this.trackOnNotice(code)).objection;
  }

  /**
   * As `track`, with the notice the objection was made on (public already): the residents' status
   * page names it and links back to it.
   */
  async trackOnNotice(code: string): Promise<{ objection: ObjectionStatusDto; disclosureId: string }> {
    const o = await this.repo.findByTrackingCode(code);
    if (!o) throw new AppError('NOT_FOUND', { entity: 'objection' });
    return {
      objection: {
        status: o.status,
        response: o.response,
        createdAt: o.createdAt.toISOString(),
        resolvedAt: o.resolvedAt?.toISOString() ?? null,
      },
      disclosureId: o.disclosureId,
    };
  }

  /** Oversight: open objections per society, for several societies in one statement (0 when none). */
  async openCounts(societyIds: readonly string[]): Promise<Map<string, number>> {
    return this.repo.openCounts(societyIds);
  }

  /**
   * The open objections of these societies (the home screen's tasks), oldest first, at most `take`:
   * which notice and which item each is about, nothing of the resident who sent it.
   */
  async openAcross(societyIds: readonly string[], take: number): Promise<OpenObjection[]> {
    if (societyIds.length === 0) return [];
    return (await this.repo.openAcross(societyIds, take)).map((o) => ({
      societyId: o.societyId,
      id: o.id,
      disclosureId: o.disclosureId,
      noticeNo: o.noticeNo,
      caseId: o.caseId,
      caseNo: o.caseNo,
      createdAt: o.createdAt,
    }));
  }

  /** The society's objections, newest first. */
  async list(societyId: string, query: ObjectionQueryDto): Promise<Page<ObjectionResponseDto>> {
    const limit = limitOf(query);
    const after = decodeCursor(query.cursor, ['time', 'uuid']) as [string, string] | null;
    const rows = await this.repo.page(societyId, query.status ?? null, after, limit + 1);
    return toPage(
      rows,
      limit,
      (o) => [o.createdAt.toISOString(), o.id],
      (o) => this.toDto(o),
    );
  }

  /** One objection of the society (contacts masked); NOT_FOUND when it is not one of its own. */
  async get(societyId: string, objectionId: string): Promise<ObjectionResponseDto> {
    const o = await this.repo.find(societyId, objectionId);
    if (!o) throw new AppError('NOT_FOUND', { entity: 'objection' });
    return this.toDto(o);
  }

  /**
   * The supervisor's decision on an open objection. Upheld: the case (the objection's, else `caseId`)
   * goes into dispute; a disputed one stays so, and a recovered one (an earlier upheld objection's
   * money already back) stays recovered. Either way, on a notice whose period is over, the cases now
   * settled close (domain/closing.ts).
   */
  @Transactional()
  async resolve(
    societyId: string,
    objectionId: string,
    dto: ResolveObjectionDto,
    actor: Principal,
  ): Promise<ObjectionResponseDto> {
    const first = await this.repo.find(societyId, objectionId);
    if (!first) throw new AppError('NOT_FOUND', { entity: 'objection' });
    const d = await this.disclosures.lock(societyId, first.disclosureId);
    const o = (await this.repo.find(societyId, objectionId, true))!;
    if (o.status !== 'open') throw new AppError('INVALID_STATE', { status: o.status });
    const items = await this.disclosures.items(societyId, d.id);
    // Every case of the notice, in id order, before any is moved: the one lock order of this module.
    const cases = await this.cases.lockCases(
      societyId,
      items.map((i) => i.caseId),
    );
    const now = this.clock.now();
    let disputed: { caseId: string; caseNo: string } | null = null;
    if (dto.decision === 'upheld') {
      const target = this.upheldCase(o, dto);
      const c = cases.find((x) => x.id === target.toLowerCase());
      if (!c) throw fieldError('caseId', '不是该公示中的案件', 'is not a case of this notice');
      if (c.status === 'publicized') {
        await this.cases.transition(
          societyId,
          c,
          'dispute',
          actor,
          {},
          {
            objectionId: o.id,
            disclosureId: d.id,
            noticeNo: d.noticeNo,
          },
        );
      } else if (c.status !== 'disputed' && c.status !== 'recovered') {
        throw new AppError('INVALID_STATE', { caseNo: c.caseNo, status: c.status });
      }
      disputed = { caseId: c.id, caseNo: c.caseNo };
    } else if (dto.caseId !== undefined && dto.caseId !== null) {
      throw fieldError('caseId', '仅在异议成立时填写', 'is only for an upheld objection');
    }
    await this.repo.resolve(societyId, o.id, {
      status: dto.decision,
      response: dto.response.trim(),
      resolvedAt: now,
      resolvedBy: actor.id,
      disputedCaseId: disputed?.caseId ?? null,
    });
    const closed = await this.disclosures.closeSettled(d, now, actor);
    await this.audit.record({
      societyId,
      actorId: actor.id,
      action: 'objection.resolved',
      entity: 'objection',
      entityId: o.id,
      data: {
        disclosureId: d.id,
        noticeNo: d.noticeNo,
        caseNo: o.caseNo,
        decision: dto.decision,
        disputedCaseNo: disputed?.caseNo ?? null,
        closedCaseNos: closed,
      },
    });
    await this.outbox.record(societyId, 'objection.resolved', {
      objectionId: o.id,
      disclosureId: d.id,
      noticeNo: d.noticeNo,
      caseNo: o.caseNo,
      decision: dto.decision,
      disputedCaseNo: disputed?.caseNo ?? null,
      closedCaseNos: closed,
    });
    return this.toDto((await this.repo.find(societyId, o.id))!);
  }

  /** The case an upheld objection puts in dispute: its own item, else the `caseId` the supervisor names. */
  private upheldCase(o: ObjectionRecord, dto: ResolveObjectionDto): string {
    if (o.caseId !== null) {
      if (dto.caseId && dto.caseId.toLowerCase() !== o.caseId)
        throw fieldError('caseId', '必须是异议所针对的案件', "must be the objection's own case");
      return o.caseId;
    }
    if (!dto.caseId)
      throw fieldError(
        'caseId',
        '异议针对整个公示，成立时须指明案件',
        'is required to uphold an objection to the whole notice',
      );
    return dto.caseId;
  }

  private toDto(o: ObjectionRecord): ObjectionResponseDto {
    const dec = (b: Buffer | null) => (b ? this.cipher.decrypt(b) : null);
    const name = dec(o.contactNameEnc);
    const phone = dec(o.contactPhoneEnc);
    return {
      id: o.id,
      disclosureId: o.disclosureId,
      noticeNo: o.noticeNo,
      caseNo: o.caseNo,
      content: o.contentEnc ? this.cipher.decrypt(o.contentEnc) : (o.content ?? ''),
      contactName: name === null ? null : maskName(name),
      contactPhone: phone === null ? null : maskPhone(phone),
      status: o.status,
      response: o.response,
      createdAt: o.createdAt.toISOString(),
      resolvedAt: o.resolvedAt?.toISOString() ?? null,
      resolvedBy: o.resolvedBy,
      disputedCaseId: o.disputedCaseId,
    };
  }

  /**
   * One batch of pii:rotate: objectors' contacts re-encrypted under the current key, and content
   * written in clear before it was encrypted (migration 1765400000000) encrypted.
   */
  @Transactional()
  async rotatePii(limit: number): Promise<number> {
    const rows = await this.repo.piiToRotate(this.cipher.currentPrefix, limit);
    for (const r of rows) {
      await this.repo.setPii({
        ...r,
        contentEnc:
          r.contentEnc === null
            ? this.cipher.encrypt(r.content ?? '')
            : reencrypted(this.cipher, r.contentEnc)!,
        contactNameEnc: reencrypted(this.cipher, r.contactNameEnc),
        contactPhoneEnc: reencrypted(this.cipher, r.contactPhoneEnc),
      });
    }
    return rows.length;
  }
}
