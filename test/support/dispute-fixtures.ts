import type { CaseResponseDto } from '../../src/cases/dto/case.dto';
import type { DisclosureResponseDto } from '../../src/disclosures/dto/disclosure.dto';
import type { ObjectionResponseDto } from '../../src/disclosures/dto/objection.dto';
import { ObjectionsService } from '../../src/disclosures/objections.service';
import { objection, paidCase, PaidCaseOptions, publish } from './disclosure-fixtures';
import type { TestSociety } from './fixtures';
import type { TestContext } from './test-app';

export { paidCase, type PaidCaseOptions };

type Officers = 'secretary' | 'treasurer' | 'supervisor';

/** A case in `disputed` as it gets there, with the notice and the upheld objection that put it there. */
export interface DisputedCase extends CaseResponseDto {
  disclosure: DisclosureResponseDto;
  objection: ObjectionResponseDto & { trackingCode: string };
}

/** The supervisor upholds an open objection through ObjectionsService (its case goes into dispute). */
export async function uphold(
  t: TestContext,
  soc: TestSociety<'supervisor'>,
  objectionId: string,
  response = '经核查，异议属实，追回救助款',
): Promise<ObjectionResponseDto> {
  const objections = t.app.get(ObjectionsService);
  return t.fx.tx(() =>
    objections.resolve(soc.id, objectionId, { decision: 'upheld', response }, soc.supervisor),
  );
}

/**
 * A `disputed` case, the way a case gets there: paid by the treasurer (paidCase), published alone in
 * a notice by the secretary, objected to by a resident, and the objection upheld by the supervisor.
 */
export async function disputedCase(
  t: TestContext,
  soc: TestSociety<Officers>,
  opts: PaidCaseOptions,
): Promise<DisputedCase> {
  const c = await paidCase(t, soc, opts);
  const disclosure = await publish(t, soc, [c.id]);
  const { id, trackingCode } = await objection(t, disclosure.id, {
    caseNo: c.caseNo,
    content: '该户家境殷实，不符合救助条件',
  });
  const upheld = await uphold(t, soc, id);
  return { ...c, status: 'disputed', disclosure, objection: { ...upheld, trackingCode } };
}
