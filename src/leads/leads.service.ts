import { Transactional } from '@nestjs-cls/transactional';
import { reencrypted } from '../common/crypto/pii-rotation';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { normalizeApplicantName, parseApplicantIdNumber } from '../cases/domain/applicant';
import { CasesService } from '../cases/cases.service';
import { Principal } from '../common/access/roles';
import { localDay } from '../common/calendar';
import { Clock } from '../common/clock';
import { PiiCipher } from '../common/crypto/pii-cipher';
import { AppError } from '../common/errors/app-error';
import { fieldError } from '../common/errors/validation';
import { maskAddress, maskIdNumber, maskName, maskPhone } from '../common/masking';
import { decodeCursor, limitOf, Page, toPage } from '../common/pagination';
import { SocietiesService } from '../societies/societies.service';
import {
  describeIndicators,
  Indicator,
  LeadAction,
  leadTransition,
  parseOffsetDateTime,
} from './domain/lead';
import { ConvertLeadDto, DismissLeadDto, IntakeWarningDto, LeadDto, LeadQueryDto } from './dto/lead.dto';
import { IntakeCaller } from './intake-keys.service';
import { LeadRecord, LeadsRepository } from './leads.repository';

/** The draft case a lead became: what CasesService.file answers (the case as POST …/cases answers it). */
type FiledCase = Awaited<ReturnType<CasesService['file']>>;

/** A new lead as a task (LeadsService.newAcross). */
export interface LeadTask {
  societyId: string;
  id: string;
  subjectNameMasked: string;
  /** The indicators' labels, as the platform sent them. */
  indicators: string[];
  receivedAt: Date;
}

/**
 * Warnings from monitoring platforms (API.md "Leads from monitoring platforms"): received once per
 * external id, each visible to its key's society only; read, converted into a draft case through
 * CasesService, or dismissed. The subject's personal data is encrypted like a case applicant's and
 * never written to the audit trail.
 */
@Injectable()
export class LeadsService {
  constructor(
    private readonly repo: LeadsRepository,
    private readonly cases: CasesService,
    private readonly societies: SocietiesService,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * A platform's warning, as a new lead of the key's society; the same external id again answers the
   * lead already there, changing nothing (`created: false`), even when both arrive at once.
   */
  @Transactional()
  async receive(caller: IntakeCaller, dto: IntakeWarningDto): Promise<{ leadId: string; created: boolean }> {
    const { societyId } = caller;
    const { timezone } = await this.societies.find(societyId);
    const now = this.clock.now();
    let idNumber: string | null = null;
    if (dto.subject.idNumber !== undefined) {
      const id = parseApplicantIdNumber(dto.subject.idNumber, localDay(now, timezone).date);
      if (!id.valid) {
        throw fieldError(
          'subject.idNumber',
          '必须是有效的居民身份证号码',
          'must be a valid resident ID number (GB 11643)',
        );
      }
      idNumber = id.normalized;
    }
    const enc = (s: string | null | undefined) => (s ? this.cipher.encrypt(s.trim()) : null);
    const { lead, created } = await this.repo.insertOnce(societyId, {
      societyId,
      intakeKeyId: caller.keyId,
      externalId: dto.externalId.trim(),
      subjectName: normalizeApplicantName(dto.subject.name),
      subjectIdEnc: enc(idNumber),
      subjectIdHmac: idNumber === null ? null : this.cipher.hmac(idNumber),
      subjectPhoneEnc: enc(dto.subject.phone),
      subjectAddressEnc: enc(dto.subject.address),
      indicatorsEnc: this.cipher.encrypt(
        JSON.stringify(
          dto.indicators.map((i) => ({
            code: i.code.trim(),
            label: i.label.trim(),
            value: i.value?.trim() || null,
          })),
        ),
      ),
      observedAt: parseOffsetDateTime(dto.observedAt)!, // checked by the DTO
      receivedAt: now,
    });
    if (created) {
      await this.audit.record({
        societyId,
        actorId: null,
        action: 'lead.received',
        entity: 'lead',
        entityId: lead.id,
        data: {
          intakeKeyId: caller.keyId,
          // Not the indicators themselves: they may say something of the subject's health.
          indicators: dto.indicators.length,
          withIdNumber: idNumber !== null,
        },
      });
    }
    return { leadId: lead.id, created };
  }

  /** The society's leads, newest first, subjects masked. */
  async list(societyId: string, query: LeadQueryDto): Promise<Page<LeadDto>> {
    const limit = limitOf(query);
    const after = decodeCursor(query.cursor, ['time', 'uuid']) as [string, string] | null;
    const rows = await this.repo.page(societyId, query.status ?? null, after, limit + 1);
    return toPage(
      rows,
      limit,
      (l) => [l.receivedAt.toISOString(), l.id],
      (l) => this.toDto(l),
    );
  }

  /**
   * The new leads of these societies (the home screen's tasks), oldest first, at most `take`: the
   * subject's name masked and what the platform saw, nothing else of the subject.
   */
  async newAcross(societyIds: readonly string[], take: number): Promise<LeadTask[]> {
    if (societyIds.length === 0) return [];
    return (await this.repo.newAcross(societyIds, take)).map((l) => ({
      societyId: l.societyId,
      id: l.id,
      subjectNameMasked: maskName(l.subjectName),
      indicators: this.indicatorsOf(l).map((i) => i.label.trim()),
      receivedAt: l.receivedAt,
    }));
  }

  /**
   * Files a draft case from a new lead (source `platform_warning`, filed by the caller, the applicant
   * the lead's subject) and marks the lead converted. A case needs an ID number: a lead without one
   * takes it from the body (`idNumber`, which also replaces one the platform sent).
   */
  @Transactional()
  async convert(
    societyId: string,
    leadId: string,
    dto: ConvertLeadDto,
    actor: Principal,
  ): Promise<FiledCase> {
    const lead = await this.lockNew(societyId, leadId, 'convert');
    const { timezone } = await this.societies.find(societyId);
    const now = this.clock.now();
    let idNumber = lead.subjectIdEnc ? this.cipher.decrypt(lead.subjectIdEnc) : null;
    if (dto.idNumber !== undefined) {
      const id = parseApplicantIdNumber(dto.idNumber, localDay(now, timezone).date);
      if (!id.valid) {
        throw fieldError(
          'idNumber',
          '必须是有效的居民身份证号码',
          'must be a valid resident ID number (GB 11643)',
        );
      }
      idNumber = id.normalized;
    }
    if (idNumber === null) {
      throw fieldError(
        'idNumber',
        '该线索没有身份证号码，立案需要：请填写入户核实的身份证号码',
        'the lead has no ID number and a case needs one: send the one found on the visit',
      );
    }
    const dec = (b: Buffer | null) => (b ? this.cipher.decrypt(b) : null);
    const filed = await this.cases.file(
      societyId,
      {
        applicant: {
          name: lead.subjectName,
          idNumber,
          phone: dec(lead.subjectPhoneEnc),
          address: dec(lead.subjectAddressEnc),
        },
        pseudonym: dto.pseudonym,
        category: dto.category,
        description: dto.description?.trim() || describeIndicators(this.indicatorsOf(lead)),
        source: 'platform_warning',
        requestedAmountFen: dto.requestedAmountFen,
      },
      actor,
    );
    await this.repo.resolve(societyId, lead.id, {
      status: 'converted',
      caseId: filed.id,
      dismissReason: null,
      resolvedBy: actor.id,
      resolvedAt: now,
    });
    await this.audit.record({
      societyId,
      actorId: actor.id,
      action: 'lead.converted',
      entity: 'lead',
      entityId: lead.id,
      data: { caseId: filed.id, caseNo: filed.caseNo },
    });
    return filed;
  }

  /** Closes a new lead without a case (the visit found no need), with the reason. */
  @Transactional()
  async dismiss(societyId: string, leadId: string, dto: DismissLeadDto, actor: Principal): Promise<LeadDto> {
    const lead = await this.lockNew(societyId, leadId, 'dismiss');
    const reason = dto.reason.trim();
    await this.repo.resolve(societyId, lead.id, {
      status: 'dismissed',
      caseId: null,
      dismissReason: reason,
      resolvedBy: actor.id,
      resolvedAt: this.clock.now(),
    });
    await this.audit.record({
      societyId,
      actorId: actor.id,
      action: 'lead.dismissed',
      entity: 'lead',
      entityId: lead.id,
      data: { reason },
    });
    return this.toDto((await this.repo.find(societyId, lead.id))!);
  }

  /** The lead under FOR UPDATE: NOT_FOUND if not this society's, INVALID_STATE if no longer new. */
  private async lockNew(societyId: string, leadId: string, action: LeadAction): Promise<LeadRecord> {
    const lead = await this.repo.find(societyId, leadId, true);
    if (!lead) throw new AppError('NOT_FOUND', { entity: 'lead' });
    if (leadTransition(lead.status, action) === null) {
      throw new AppError('INVALID_STATE', { status: lead.status, action });
    }
    return lead;
  }

  /** The indicators, decrypted (or as stored in clear before they were encrypted). */
  private indicatorsOf(l: Pick<LeadRecord, 'indicators' | 'indicatorsEnc'>): Indicator[] {
    return l.indicatorsEnc
      ? (JSON.parse(this.cipher.decrypt(l.indicatorsEnc)) as Indicator[])
      : (l.indicators ?? []);
  }

  private toDto(l: LeadRecord): LeadDto {
    const dec = (b: Buffer | null) => (b ? this.cipher.decrypt(b) : null);
    const id = dec(l.subjectIdEnc);
    const phone = dec(l.subjectPhoneEnc);
    const address = dec(l.subjectAddressEnc);
    return {
      id: l.id,
      externalId: l.externalId,
      status: l.status,
      subject: {
        name: l.subjectName,
        idNumberMasked: id === null ? null : maskIdNumber(id),
        phoneMasked: phone === null ? null : maskPhone(phone),
        addressMasked: address === null ? null : maskAddress(address),
      },
      indicators: this.indicatorsOf(l).map((i: Indicator) => ({
        code: i.code,
        label: i.label,
        value: i.value ?? null,
      })),
      observedAt: l.observedAt.toISOString(),
      receivedAt: l.receivedAt.toISOString(),
      intakeKeyId: l.intakeKeyId,
      caseId: l.caseId,
      dismissReason: l.dismissReason,
      resolvedBy: l.resolvedBy,
      resolvedAt: l.resolvedAt?.toISOString() ?? null,
    };
  }

  /** One batch of pii:rotate: leads' personal data re-encrypted, the ID HMAC recomputed, under the current key. */
  @Transactional()
  async rotatePii(limit: number): Promise<number> {
    const rows = await this.repo.piiToRotate(this.cipher.currentPrefix, limit);
    for (const r of rows) {
      const id = r.subjectIdEnc ? this.cipher.decrypt(r.subjectIdEnc) : null;
      await this.repo.setPii({
        ...r,
        subjectIdEnc: id === null ? null : this.cipher.encrypt(id),
        subjectIdHmac: id === null ? null : this.cipher.hmac(id),
        subjectPhoneEnc: reencrypted(this.cipher, r.subjectPhoneEnc),
        subjectAddressEnc: reencrypted(this.cipher, r.subjectAddressEnc),
        indicators: null,
        indicatorsEnc:
          r.indicatorsEnc === null
            ? this.cipher.encrypt(JSON.stringify(r.indicators ?? []))
            : reencrypted(this.cipher, r.indicatorsEnc),
      });
    }
    return rows.length;
  }
}
