import { Transactional } from '@nestjs-cls/transactional';
import { reencrypted } from '../common/crypto/pii-rotation';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../common/access/roles';
import { localDay } from '../common/calendar';
import { Clock } from '../common/clock';
import { PiiCipher } from '../common/crypto/pii-cipher';
import { AppError } from '../common/errors/app-error';
import { fieldError } from '../common/errors/validation';
import { maskIdNumber, maskPhone } from '../common/masking';
import { decodeCursor, limitOf, Page, PageQueryDto, toPage } from '../common/pagination';
import { LedgerService } from '../fund/ledger.service';
import { MembershipsService } from '../societies/memberships.service';
import { SocietiesService } from '../societies/societies.service';
import { CaseFields, CaseRecord, CasesRepository, CaseStatusFields, CaseTaskRow } from './cases.repository';
import {
  ApplicantData,
  maskApplicant,
  PayeeData,
  maskPayee,
  normalizeApplicantName,
  parseApplicantIdNumber,
} from './domain/applicant';
import { CHILD_DISPLAY_NAME, displayName } from './domain/display-name';
import type { CaseExportRow } from './domain/case-export';
import { CaseCaller, canSeeCase, isCollectorOnly } from './domain/case-access';
import { allowedActions, CASE_STATUSES, CaseAction, CaseStatus, transition } from './domain/case-status';
import { AidWarningCode, duplicateAidWarnings } from './domain/duplicate-aid';
import { CaseCategory, CaseSource, defaultPseudonym } from './domain/labels';
import { DisclosureLateness, disclosureLateness, overdueIfPaidBefore } from './domain/overdue-disclosure';
import {
  ApplicantDto,
  CaseDetailDto,
  CaseQueryDto,
  CaseResponseDto,
  ClearCaseDto,
  CreateCaseDto,
  PayeeDto,
  RevealedCaseDto,
  UpdateCaseDto,
  WithdrawCaseDto,
} from './dto/case.dto';

/** What filing a case takes (CasesService.file): POST …/cases's body, as plain data. */
export interface CaseFiling {
  applicant: ApplicantData;
  pseudonym?: string;
  category: CaseCategory;
  description: string;
  source: CaseSource;
  requestedAmountFen: number;
  payee?: PayeeData | null;
}

/** How a case appears in public: its number and its applicant's public display name. */
export interface PublicCaseName {
  caseNo: string;
  displayName: string;
}

/** A paid case whose public notice is overdue (CasesService.overdueDisclosures). */
export interface OverdueDisclosure extends DisclosureLateness {
  caseId: string;
  caseNo: string;
  paidAt: Date;
}

export type { CaseExportRow, CaseTaskRow };

/** One society's cases as oversight counts them (CasesService.overviews). */
export interface CaseOverview {
  societyId: string;
  /** Every status, zeros included. */
  casesByStatus: Record<CaseStatus, number>;
  medianHoursFiledToPaid: number | null;
  overdueDisclosures: number;
}

/**
 * Emergency cases: filing, reading, editing drafts, withdrawing and the audited reveal; and the API
 * that votes and payment build on (lockCase, transition, aidWarnings), each called inside the
 * caller's own transaction.
 */
@Injectable()
export class CasesService {
  constructor(
    private readonly repo: CasesRepository,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly societies: SocietiesService,
    private readonly memberships: MembershipsService,
    private readonly ledger: LedgerService,
  ) {}

  @Transactional()
  async create(societyId: string, dto: CreateCaseDto, actor: Principal): Promise<CaseResponseDto> {
    return this.file(societyId, dto, actor);
  }

  /**
   * Files a draft case from data another module holds (a monitoring platform's lead, decrypted by
   * its owner): checked, encrypted and audited exactly as POST …/cases does (a bad ID number is a 400
   * on `applicant.idNumber`). In the caller's transaction.
   */
  @Transactional()
  async file(societyId: string, filing: CaseFiling, actor: Principal): Promise<CaseResponseDto> {
    const { timezone } = await this.societies.find(societyId);
    const now = this.clock.now();
    const today = localDay(now, timezone);
    const fields = this.fieldsOf(filing, filing.applicant, filing.payee ?? null, today.date);
    const id = this.cipher.decrypt(fields.applicantIdEnc);
    const warnings = await this.warningsFor(societyId, this.cipher.hmacs(id), today.year, null);
    const created = await this.repo.insert(societyId, today.year, {
      ...fields,
      warnings,
      filedBy: actor.id,
      at: now,
    });
    await this.record(created, 'created', actor.id, null, 'draft', now, {
      caseNo: created.caseNo,
      category: created.category,
      requestedAmountFen: created.requestedAmountFen,
      idNumberMasked: maskIdNumber(this.cipher.decrypt(created.applicantIdEnc)),
      warnings: warnings.map((w) => w.code),
    });
    return this.toDto(created);
  }

  /** One case with its timeline; NOT_FOUND if it is not in this society or the caller may not see it. */
  async get(societyId: string, caseId: string, actor: Principal): Promise<CaseDetailDto> {
    const c = await this.visible(societyId, await this.repo.find(societyId, caseId), actor);
    const timeline = await this.repo.timeline(societyId, caseId);
    return {
      ...this.toDto(c),
      timeline: timeline.map((e) => ({ at: e.at.toISOString(), action: e.action, actor: e.actorId })),
    };
  }

  async list(societyId: string, query: CaseQueryDto, actor: Principal): Promise<Page<CaseResponseDto>> {
    const limit = limitOf(query);
    const after = decodeCursor(query.cursor, ['time', 'uuid']) as [string, string] | null;
    const caller = await this.caller(societyId, actor);
    let q: { text: string; idHmacs: string[] } | undefined;
    if (query.q !== undefined && query.q.trim() !== '') {
      const text = normalizeApplicantName(query.q);
      const id = parseApplicantIdNumber(query.q, '9999-12-31');
      q = { text, idHmacs: id.valid ? this.cipher.hmacs(id.normalized) : [] };
    }
    const rows = await this.repo.page(
      societyId,
      { status: query.status, q, ownDraftsOf: isCollectorOnly(caller) ? actor.id : undefined },
      after,
      limit + 1,
    );
    return toPage(
      rows,
      limit,
      (r) => [r.createdAt.toISOString(), r.id],
      (r) => this.toDto(r),
    );
  }

  /** Changes a draft: any field of the filing; the duplicate-aid warnings are found again. */
  @Transactional()
  async update(
    societyId: string,
    caseId: string,
    dto: UpdateCaseDto,
    actor: Principal,
  ): Promise<CaseResponseDto> {
    const c = await this.visible(societyId, await this.repo.lock(societyId, caseId), actor);
    transition(c.status, 'edit');
    const { timezone } = await this.societies.find(societyId);
    const now = this.clock.now();
    const current = this.applicantOf(c);
    const fields = this.fieldsOf(
      {
        pseudonym: dto.pseudonym ?? c.pseudonym,
        category: dto.category ?? c.category,
        source: dto.source ?? c.source,
        description: dto.description ?? c.description,
        requestedAmountFen: dto.requestedAmountFen ?? c.requestedAmountFen,
      },
      dto.applicant ?? current,
      dto.payee !== undefined ? dto.payee : this.payeeOf(c),
      localDay(now, timezone).date,
    );
    await this.repo.updateFields(societyId, caseId, fields, now);
    await this.record(c, 'edit', actor.id, c.status, c.status, now, {
      caseNo: c.caseNo,
      changed: Object.keys(dto).sort(),
    });
    return this.toDto((await this.repo.find(societyId, caseId))!);
  }

  /** Drops a draft, a case under vote or an approved one; any hold on the fund is released. */
  @Transactional()
  async withdraw(
    societyId: string,
    caseId: string,
    dto: WithdrawCaseDto,
    actor: Principal,
  ): Promise<CaseResponseDto> {
    const c = await this.visible(societyId, await this.repo.lock(societyId, caseId), actor);
    if (c.holdId !== null && c.status !== 'draft') await this.ledger.release(societyId, c.holdId, actor.id);
    await this.transition(societyId, c, 'withdraw', actor, {}, { reason: dto.reason.trim() });
    return this.toDto((await this.repo.find(societyId, caseId))!);
  }

  /**
   * The supervisors close a dispute without recovery (the objection did not hold up after all, or
   * nothing can be recovered): `disputed` → `closed`, with their reason on the timeline and in the audit.
   */
  @Transactional()
  async clear(
    societyId: string,
    caseId: string,
    dto: ClearCaseDto,
    actor: Principal,
  ): Promise<CaseDetailDto> {
    const c = await this.lockCase(societyId, caseId);
    await this.transition(societyId, c, 'clear', actor, {}, { reason: dto.reason.trim() });
    return this.get(societyId, caseId, actor);
  }

  /**
   * The society's paid cases whose public notice is overdue today (its local day, from the Clock):
   * paid more than `disclosureDeadlineDays` local days ago and not yet publicized, most overdue first.
   * For oversight; no personal data.
   */
  async overdueDisclosures(societyId: string): Promise<OverdueDisclosure[]> {
    const { timezone, settings } = await this.societies.find(societyId);
    const now = this.clock.now();
    const days = settings.disclosureDeadlineDays;
    const paid = await this.repo.awaitingDisclosure(societyId, overdueIfPaidBefore(now, timezone, days));
    return paid.flatMap((c) => {
      const late = disclosureLateness(c.paidAt, now, timezone, days);
      return late ? [{ caseId: c.id, caseNo: c.caseNo, paidAt: c.paidAt, ...late }] : [];
    });
  }

  /**
   * A page of the society's paid cases waiting for their public notice, oldest payment first (the
   * cursor is the last one's paid_at and id), as records for the notice's public items.
   */
  async awaitingDisclosurePage(societyId: string, query: PageQueryDto): Promise<Page<CaseRecord>> {
    const limit = limitOf(query);
    const after = decodeCursor(query.cursor, ['time', 'uuid']) as [string, string] | null;
    const rows = await this.repo.awaitingDisclosurePage(
      societyId,
      after && { paidAt: after[0], id: after[1] },
      limit + 1,
    );
    return toPage(
      rows,
      limit,
      (c) => [c.paidAt!.toISOString(), c.id],
      (c) => c,
    );
  }

  /**
   * What waits for someone in these societies (the home screen's tasks; one statement for them all),
   * oldest first, at most `take`: `approved` cases to pay (since their approval), `paid` cases to
   * publicise (since their payment; the deadline is disclosureDueOn's), or the drafts `filedBy` filed.
   */
  async awaiting(
    kind: 'approved' | 'paid' | 'draft',
    societyIds: readonly string[],
    take: number,
    filedBy?: string,
  ): Promise<CaseTaskRow[]> {
    if (societyIds.length === 0) return [];
    return this.repo.tasksOf(kind, societyIds, take, filedBy);
  }

  /** Number, pseudonym and status of these cases (of any societies), in one statement. */
  async briefs(refs: readonly { societyId: string; caseId: string }[]): Promise<CaseTaskRow[]> {
    return refs.length === 0 ? [] : this.repo.briefs(refs);
  }

  /** The societies with paid cases not yet publicized (any society): where a notice may be overdue. */
  societiesAwaitingDisclosure(): Promise<string[]> {
    return this.repo.societiesAwaitingDisclosure();
  }

  /**
   * Every case of the society, oldest first, `batch` at a time, masked (CaseExportRow). Run it inside
   * the caller's snapshot (SnapshotRepository.read), so that all batches show the same moment.
   */
  async *exportRows(societyId: string, batch: number): AsyncGenerator<CaseExportRow[]> {
    for (let after: { createdAt: Date; id: string } | null = null; ;) {
      const rows = await this.repo.exportPage(societyId, after, batch);
      if (rows.length) yield rows.map((c) => this.toExportRow(c));
      if (rows.length < batch) return;
      const last = rows[rows.length - 1];
      after = { createdAt: last.createdAt, id: last.id };
    }
  }

  /**
   * Oversight of several societies in one statement: cases by status (every status, zeros included),
   * the median hours from filing to payment, and the overdue notices by each society's own time zone
   * and `disclosureDeadlineDays` (the rule of overdueDisclosures).
   */
  async overviews(
    societies: readonly { societyId: string; timezone: string; disclosureDeadlineDays: number }[],
  ): Promise<CaseOverview[]> {
    const now = this.clock.now();
    const rows = await this.repo.overviews(
      societies.map((s) => ({
        societyId: s.societyId,
        overdueIfPaidBefore: overdueIfPaidBefore(now, s.timezone, s.disclosureDeadlineDays),
      })),
    );
    return rows.map((r) => ({
      societyId: r.societyId,
      casesByStatus: Object.fromEntries(CASE_STATUSES.map((st) => [st, r.byStatus[st] ?? 0])) as Record<
        CaseStatus,
        number
      >,
      medianHoursFiledToPaid: r.medianHoursFiledToPaid,
      overdueDisclosures: r.overdueDisclosures,
    }));
  }

  /** The full applicant and payee data; the reveal itself is on the timeline and in the audit trail. */
  @Transactional()
  async reveal(societyId: string, caseId: string, actor: Principal): Promise<RevealedCaseDto> {
    const c = await this.visible(societyId, await this.repo.find(societyId, caseId), actor);
    await this.record(c, 'revealed', actor.id, c.status, c.status, this.clock.now(), { caseNo: c.caseNo });
    const payee = this.payeeOf(c);
    const a = this.applicantOf(c);
    return {
      id: c.id,
      caseNo: c.caseNo,
      applicant: {
        name: a.name,
        idNumber: a.idNumber,
        phone: a.phone ?? null,
        address: a.address ?? null,
        householdSize: a.householdSize ?? null,
      },
      payee,
    };
  }

  // ---- The API of votes and payment: call these inside your own @Transactional() use case. ----

  /**
   * The case under FOR UPDATE until the caller's transaction ends (NOT_FOUND if not in this society):
   * status, filedBy, requestedAmountFen, applicantIdHmac, holdId, approvedAmountFen, voteOpenedBy…
   * Lock the case before the fund (ledger) to keep one lock order everywhere.
   */
  async lockCase(societyId: string, caseId: string): Promise<CaseRecord> {
    const c = await this.repo.lock(societyId, caseId);
    if (!c) throw new AppError('NOT_FOUND', { entity: 'case', caseId });
    return c;
  }

  /**
   * Several cases under FOR UPDATE, locked in id order whatever the order asked (one lock order for
   * every use case that locks several, e.g. a disclosure's publication), returned in the order of
   * `caseIds`. NOT_FOUND naming the first id that is not a case of this society.
   */
  async lockCases(societyId: string, caseIds: readonly string[]): Promise<CaseRecord[]> {
    const ids = caseIds.map((id) => id.toLowerCase());
    const locked = new Map((await this.repo.lockMany(societyId, ids)).map((c) => [c.id, c]));
    return ids.map((caseId) => {
      const c = locked.get(caseId);
      if (!c) throw new AppError('NOT_FOUND', { entity: 'case', caseId });
      return c;
    });
  }

  /**
   * Applies `action` to a case locked by lockCase (409 INVALID_STATE if the state machine refuses),
   * writes the new status with `fields` (e.g. `{ holdId, voteOpenedBy }` when a vote opens,
   * `{ paidEntryId, paidAt }` on payment), one timeline event and one audit event `case.<action>`
   * with `data` (never personal data in clear). Returns the new status.
   */
  @Transactional()
  async transition(
    societyId: string,
    c: CaseRecord,
    action: CaseAction,
    actor: Principal | null,
    fields: CaseStatusFields = {},
    data: Record<string, unknown> = {},
  ): Promise<CaseStatus> {
    const next = transition(c.status, action);
    const now = this.clock.now();
    await this.repo.updateStatus(societyId, c.id, next, now, fields);
    await this.record(c, action, actor?.id ?? null, c.status, next, now, { caseNo: c.caseNo, ...data });
    return next;
  }

  /**
   * The public name and number of each of these cases, by id (a public or internal statement's aid
   * lines): the public display name on the day the case was paid, society time. The ID number is
   * decrypted only for the birth date and goes no further; one that cannot be read counts as a
   * child's (the most private name).
   */
  async publicNames(societyId: string, caseIds: readonly string[]): Promise<Map<string, PublicCaseName>> {
    if (caseIds.length === 0) return new Map();
    const { timezone } = await this.societies.find(societyId);
    const today = localDay(this.clock.now(), timezone).date;
    const names = new Map<string, PublicCaseName>();
    for (const c of await this.repo.findMany(societyId, caseIds)) {
      const on = c.paidAt ? localDay(c.paidAt, timezone).date : today;
      const id = parseApplicantIdNumber(this.cipher.decrypt(c.applicantIdEnc), on);
      const name = id.valid
        ? displayName({ applicantName: c.applicantName, pseudonym: c.pseudonym, birthDate: id.birthDate }, on)
        : CHILD_DISPLAY_NAME;
      names.set(c.id, { caseNo: c.caseNo, displayName: name });
    }
    return names;
  }

  /** The status of each of these cases (votes: which open votes are still on a case under vote). */
  async statuses(societyId: string, caseIds: readonly string[]): Promise<Map<string, CaseStatus>> {
    return caseIds.length === 0 ? new Map() : this.repo.statuses(societyId, caseIds);
  }

  /**
   * The duplicate-aid warnings of a case now (opening a vote shows them again): the same person aided
   * this society-local year here, or in another society of the installation (nothing more about it).
   */
  async aidWarnings(societyId: string, c: CaseRecord): Promise<{ code: AidWarningCode }[]> {
    const { timezone } = await this.societies.find(societyId);
    return this.warningsFor(societyId, this.personHmacs(c), localDay(this.clock.now(), timezone).year, c.id);
  }

  /**
   * The HMACs the applicant's cases may be stored under: the case's own, and during a key rotation
   * both keys' (from the decrypted ID number), so a case not yet rotated still finds the rotated ones.
   */
  personHmacs(c: Pick<CaseRecord, 'applicantIdHmac' | 'applicantIdEnc'>): string[] {
    return this.cipher.rotating
      ? this.cipher.hmacs(this.cipher.decrypt(c.applicantIdEnc))
      : [c.applicantIdHmac];
  }

  /**
   * The case if the caller may see it: collectors only their own drafts (domain/case-access.ts);
   * anything else answers NOT_FOUND, as a case of another society does. For the attachments service.
   */
  async visible(societyId: string, c: CaseRecord | null, actor: Principal): Promise<CaseRecord> {
    if (c && canSeeCase(await this.caller(societyId, actor), c)) return c;
    throw new AppError('NOT_FOUND', { entity: 'case' });
  }

  /** Writes a timeline event of a case, and its audit event, in the caller's transaction. */
  @Transactional()
  async record(
    c: Pick<CaseRecord, 'societyId' | 'id'>,
    action: string,
    actorId: string | null,
    from: CaseStatus | null,
    to: CaseStatus | null,
    at: Date,
    data: Record<string, unknown>,
  ): Promise<void> {
    await this.repo.insertEvent(c.societyId, {
      caseId: c.id,
      at,
      action,
      actorId,
      fromStatus: from,
      toStatus: to,
    });
    await this.audit.record({
      societyId: c.societyId,
      actorId,
      action: `case.${action}`,
      entity: 'case',
      entityId: c.id,
      data: from === to ? data : { ...data, from, to },
    });
  }

  private async caller(societyId: string, actor: Principal): Promise<CaseCaller> {
    return {
      userId: actor.id,
      platformRole: actor.platformRole,
      roles: actor.platformRole ? [] : await this.memberships.activeRoles(societyId, actor.id),
    };
  }

  private async warningsFor(
    societyId: string,
    idHmacs: string[],
    year: number,
    exceptCaseId: string | null,
  ): Promise<{ code: AidWarningCode }[]> {
    const cases = await this.repo.casesOfPerson(idHmacs, exceptCaseId);
    const zones = new Map<string, string>();
    const prior = [];
    for (const c of cases) {
      let zone = zones.get(c.societyId);
      if (zone === undefined) {
        zone = (await this.societies.find(c.societyId)).timezone;
        zones.set(c.societyId, zone);
      }
      prior.push({
        societyId: c.societyId,
        status: c.status,
        paidYear: c.paidAt ? localDay(c.paidAt, zone).year : null,
      });
    }
    return duplicateAidWarnings(societyId, year, prior);
  }

  /** Checks and encrypts what a filing or an edit stores; a birth date after the society's today is a 400. */
  private fieldsOf(
    dto: Pick<CreateCaseDto, 'category' | 'source' | 'description' | 'requestedAmountFen'> & {
      pseudonym?: string;
    },
    applicant: ApplicantDto | ApplicantData,
    payee: PayeeDto | PayeeData | null,
    today: string,
  ): CaseFields {
    const id = parseApplicantIdNumber(applicant.idNumber, today);
    if (!id.valid) {
      throw fieldError(
        'applicant.idNumber',
        '必须是有效的居民身份证号码',
        'must be a valid resident ID number (GB 11643)',
      );
    }
    const name = normalizeApplicantName(applicant.name);
    const enc = (s: string | null | undefined) => (s ? this.cipher.encrypt(s.trim()) : null);
    return {
      applicantName: name,
      applicantIdEnc: this.cipher.encrypt(id.normalized),
      applicantIdHmac: this.cipher.hmac(id.normalized),
      applicantPhoneEnc: enc(applicant.phone),
      applicantAddressEnc: enc(applicant.address),
      householdSize: applicant.householdSize ?? null,
      pseudonym: dto.pseudonym?.trim() || defaultPseudonym(name),
      category: dto.category,
      source: dto.source,
      description: dto.description.trim(),
      requestedAmountFen: dto.requestedAmountFen,
      payeeName: payee ? normalizeApplicantName(payee.name) : null,
      payeeBankName: payee ? payee.bankName.trim() : null,
      payeeAccountEnc: payee ? this.cipher.encrypt(payee.accountNo.replace(/ /g, '')) : null,
    };
  }

  private applicantOf(c: CaseRecord): ApplicantData & { phone: string | null; address: string | null } {
    const dec = (b: Buffer | null) => (b ? this.cipher.decrypt(b) : null);
    return {
      name: c.applicantName,
      idNumber: this.cipher.decrypt(c.applicantIdEnc),
      phone: dec(c.applicantPhoneEnc),
      address: dec(c.applicantAddressEnc),
      householdSize: c.householdSize,
    };
  }

  private payeeOf(c: CaseRecord): { name: string; bankName: string; accountNo: string } | null {
    if (c.payeeName === null || c.payeeAccountEnc === null) return null;
    return {
      name: c.payeeName,
      bankName: c.payeeBankName ?? '',
      accountNo: this.cipher.decrypt(c.payeeAccountEnc),
    };
  }

  private toExportRow(c: CaseRecord): CaseExportRow {
    const phone = c.applicantPhoneEnc ? this.cipher.decrypt(c.applicantPhoneEnc) : null;
    return {
      caseNo: c.caseNo,
      status: c.status,
      applicantName: c.applicantName,
      idNumberMasked: maskIdNumber(this.cipher.decrypt(c.applicantIdEnc)),
      phoneMasked: phone ? maskPhone(phone) : null,
      householdSize: c.householdSize,
      pseudonym: c.pseudonym,
      category: c.category,
      source: c.source,
      requestedAmountFen: c.requestedAmountFen,
      approvedAmountFen: c.approvedAmountFen,
      paidAmountFen: c.paidAmountFen,
      recoveredAmountFen: c.recoveredAmountFen,
      payeeName: c.payeeName,
      createdAt: c.createdAt,
      paidAt: c.paidAt,
    };
  }

  private toDto(c: CaseRecord): CaseResponseDto {
    const payee = this.payeeOf(c);
    return {
      id: c.id,
      caseNo: c.caseNo,
      status: c.status,
      applicant: maskApplicant(this.applicantOf(c)),
      pseudonym: c.pseudonym,
      category: c.category,
      source: c.source,
      description: c.description,
      requestedAmountFen: c.requestedAmountFen,
      paidAmountFen: c.paidAmountFen,
      paidAt: c.paidAt?.toISOString() ?? null,
      payee: payee ? maskPayee(payee) : null,
      warnings: c.warnings,
      allowedActions: allowedActions(c.status),
      filedBy: c.filedBy,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  }

  /** One batch of pii:rotate: cases' personal data re-encrypted, the ID HMAC recomputed, under the current key. */
  @Transactional()
  async rotatePii(limit: number): Promise<number> {
    const rows = await this.repo.piiToRotate(this.cipher.currentPrefix, limit);
    for (const r of rows) {
      const id = this.cipher.decrypt(r.applicantIdEnc);
      await this.repo.setPii({
        ...r,
        applicantIdEnc: this.cipher.encrypt(id),
        applicantIdHmac: this.cipher.hmac(id),
        applicantPhoneEnc: reencrypted(this.cipher, r.applicantPhoneEnc),
        applicantAddressEnc: reencrypted(this.cipher, r.applicantAddressEnc),
        payeeAccountEnc: reencrypted(this.cipher, r.payeeAccountEnc),
      });
    }
    return rows.length;
  }
}
