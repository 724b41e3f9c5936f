import { CasesService } from '../../src/cases/cases.service';
import type { CaseResponseDto } from '../../src/cases/dto/case.dto';
import type { ApprovedCaseOptions, TestSociety } from './fixtures';
import type { TestContext } from './test-app';

export interface PaidCaseOptions extends ApprovedCaseOptions {
  account?: 'bank' | 'cash';
  /** As the payment route takes it (default: now, by the app's clock). */
  paidAt?: string;
}

/** An approved case (fx.approvedCase: a real vote) paid in full by the treasurer through the API. */
export async function paidCase(
  t: TestContext,
  soc: TestSociety,
  { account, paidAt, ...opts }: PaidCaseOptions,
): Promise<CaseResponseDto> {
  const c = await t.fx.approvedCase(soc, opts);
  await t.http
    .post(`${soc.url}/cases/${c.id}/payment`)
    .set(soc.treasurer.auth)
    .send({ amountFen: opts.amountFen, account, paidAt })
    .expect(201);
  return c;
}

/**
 * A paid case moved on by the case state machine, each move one transaction through
 * CasesService.transition (timeline and audit included), as the disclosures module will move it.
 *
 * Publishing notices and upholding objections (what puts a case in `publicized`, then `disputed`) are
 * built in parallel in src/disclosures/, which does not exist on this branch: until it is merged,
 * tests reach those states here. Afterwards, prefer its services (publish, resolve an objection).
 */
export async function moveCase(
  t: TestContext,
  soc: TestSociety,
  caseId: string,
  actions: ('publicize' | 'withdraw_disclosure' | 'dispute')[],
): Promise<void> {
  const cases = t.app.get(CasesService);
  for (const action of actions) {
    const actor = action === 'dispute' ? soc.supervisor : soc.secretary;
    await t.fx.tx(async () => {
      await cases.transition(soc.id, await cases.lockCase(soc.id, caseId), action, actor);
    });
  }
}

/** A case paid through the API, publicized, then disputed (an upheld objection): see moveCase. */
export async function disputedCase(
  t: TestContext,
  soc: TestSociety,
  opts: PaidCaseOptions,
): Promise<CaseResponseDto> {
  const c = await paidCase(t, soc, opts);
  await moveCase(t, soc, c.id, ['publicize', 'dispute']);
  return c;
}
