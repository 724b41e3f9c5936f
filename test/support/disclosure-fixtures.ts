import { PaymentsService } from '../../src/cases/payments.service';
import type { CaseResponseDto } from '../../src/cases/dto/case.dto';
import type { PayCaseDto } from '../../src/cases/dto/payment.dto';
import { DisclosuresService } from '../../src/disclosures/disclosures.service';
import type { DisclosureResponseDto } from '../../src/disclosures/dto/disclosure.dto';
import type { SubmitObjectionDto } from '../../src/disclosures/dto/objection.dto';
import { ObjectionsService } from '../../src/disclosures/objections.service';
import { SchedulerService } from '../../src/scheduler/scheduler.service';
import type { ApprovedCaseOptions, TestSociety, TestUser } from './fixtures';
import type { TestContext } from './test-app';

export interface PaidCaseOptions extends ApprovedCaseOptions {
  /** When the money went out (PayCaseDto.paidAt); default now by the app's clock. */
  paidAt?: string;
  account?: PayCaseDto['account'];
  /** Who pays (default: the society's treasurer). */
  paidBy?: TestUser;
}

/**
 * A `paid` case: approved through a real vote (fx.approvedCase), then paid in full through
 * PaymentsService. The fund must have `amountFen` available (donate first).
 */
export async function paidCase(
  t: TestContext,
  soc: TestSociety<'secretary' | 'treasurer'>,
  { paidAt, account, paidBy, ...opts }: PaidCaseOptions,
): Promise<CaseResponseDto> {
  const approved = await t.fx.approvedCase(soc, opts);
  const payments = t.app.get(PaymentsService);
  await t.fx.tx(() =>
    payments.pay(
      soc.id,
      approved.id,
      { amountFen: opts.amountFen, paidAt, account },
      paidBy ?? soc.treasurer,
    ),
  );
  return { ...approved, status: 'paid' };
}

/** A notice of these cases, published through DisclosuresService by the society's secretary. */
export function publish(
  t: TestContext,
  soc: TestSociety<'secretary'>,
  caseIds: string[],
  note?: string,
): Promise<DisclosureResponseDto> {
  const disclosures = t.app.get(DisclosuresService);
  return t.fx.tx(() => disclosures.publish(soc.id, { caseIds, note }, soc.secretary));
}

/** The secretary takes a notice down through DisclosuresService: its cases return to `paid`. */
export function withdraw(
  t: TestContext,
  soc: TestSociety<'secretary'>,
  disclosureId: string,
  reason = '公示信息有误',
): Promise<DisclosureResponseDto> {
  const disclosures = t.app.get(DisclosuresService);
  return t.fx.tx(() => disclosures.withdraw(soc.id, disclosureId, { reason }, soc.secretary));
}

/** A resident's objection to a notice, through ObjectionsService: its id and tracking code. */
export async function objection(
  t: TestContext,
  disclosureId: string,
  dto: Partial<SubmitObjectionDto> = {},
): Promise<{ id: string; trackingCode: string }> {
  const objections = t.app.get(ObjectionsService);
  const { trackingCode } = await t.fx.tx(() =>
    objections.submit(disclosureId, { content: '该户情况与公示不符', ...dto }),
  );
  const { rows } = await t.db.query<{ id: string }>(`SELECT id FROM objections WHERE tracking_code = $1`, [
    trackingCode.replace(/-/g, ''),
  ]);
  return { id: rows[0].id, trackingCode };
}

/** The end job's tick now (by the app's clock), as the scheduler runs it. */
export function endJobTick(t: TestContext) {
  return t.app.get(SchedulerService).tick('disclosures.end-expired');
}
