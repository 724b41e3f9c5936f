import type { IntakeWarningDto } from '../../src/leads/dto/lead.dto';
import { IntakeKeysService } from '../../src/leads/intake-keys.service';
import { LeadsService } from '../../src/leads/leads.service';
import { testIdNumber, type TestSociety, unique } from './fixtures';
import type { TestContext } from './test-app';

/** An intake key of the society, made by its secretary through IntakeKeysService: `{ id, key }`. */
export async function intakeKey(
  t: TestContext,
  soc: TestSociety<'secretary'>,
  name = '低收入人口动态监测平台',
): Promise<{ id: string; key: string }> {
  const made = await t.fx.tx(() => t.app.get(IntakeKeysService).create(soc.id, { name }, soc.secretary));
  return { id: made.id, key: made.key };
}

let seq = 0;

/** A platform's warning body: a fresh externalId and subject ID number unless `overrides` say. */
export function warningBody(overrides: Partial<IntakeWarningDto> = {}): IntakeWarningDto {
  return {
    externalId: unique('CZ-'),
    subject: { name: '范某某', idNumber: testIdNumber('19850314', ++seq) },
    indicators: [{ code: 'MEDICAL_OOP_HIGH', label: '医疗费用自付比例高', value: '自付 52000 元' }],
    observedAt: '2026-11-28T09:30:00+08:00',
    ...overrides,
  };
}

/** A new lead of the society, received through LeadsService with a key of its own: its id. */
export async function lead(
  t: TestContext,
  soc: TestSociety<'secretary'>,
  overrides: Partial<IntakeWarningDto> = {},
): Promise<string> {
  const { id: keyId } = await intakeKey(t, soc);
  const got = await t.fx.tx(() =>
    t.app.get(LeadsService).receive({ keyId, societyId: soc.id }, warningBody(overrides)),
  );
  return got.leadId;
}
