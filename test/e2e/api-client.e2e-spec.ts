import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { components } from '../../web/src/api/schema';
import { huzhuClient } from '../client/client';
import { API_SCHEMA_FILE, apiSchemaSource } from '../client/generate';
import { TEST_PASSWORD } from '../support/fixtures';
import { withTestApp } from '../support/test-app';

type Schemas = components['schemas'];
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// Checked by `npm run typecheck`: a generated client sees these as `string | null` (issue 13), not objects.
const NULLABLE_STRINGS: true[] = [
  true satisfies Equals<Schemas['DonationResponseDto']['recordedBy'], string | null>,
  true satisfies Equals<Schemas['DonationResponseDto']['voidedAt'], string | null>,
  true satisfies Equals<Schemas['DonationResponseDto']['voidReason'], string | null>,
  true satisfies Equals<Schemas['DonationResponseDto']['voidEntryId'], string | null>,
  true satisfies Equals<Schemas['AuditEventResponseDto']['actorId'], string | null>,
  true satisfies Equals<Schemas['AuditEventResponseDto']['entityId'], string | null>,
  true satisfies Equals<Schemas['SocietyResponseDto']['contactPhone'], string | null>,
  true satisfies Equals<Schemas['SocietyResponseDto']['address'], string | null>,
  true satisfies Equals<Schemas['DonorResponseDto']['creditCode'], string | null>,
  true satisfies Equals<Schemas['DonorResponseDto']['phoneMasked'], string | null>,
  true satisfies Equals<Schemas['EntryResponseDto']['memo'], string | null>,
  true satisfies Equals<Schemas['EntryResponseDto']['ref'], Schemas['RefDto'] | null>,
  true satisfies Equals<Schemas['ErrorResponseDto']['code'], Schemas['ErrorCode']>,
];

describe('Typed client (openapi-typescript + openapi-fetch) against the app on a port', () => {
  const t = withTestApp();
  let baseUrl: string;
  beforeAll(async () => {
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });

  it('has committed types that match the served document (UPDATE_API_SCHEMA=1 regenerates them)', async () => {
    const fresh = apiSchemaSource((await t.http.get('/api/docs-json').expect(200)).body as object);
    if (process.env.UPDATE_API_SCHEMA === '1') writeFileSync(API_SCHEMA_FILE, fresh);
    // A mismatch means a DTO or route changed: regenerate web/src/api/schema.ts and commit it.
    expect(readFileSync(API_SCHEMA_FILE, 'utf8') === fresh).toBe(true);
    expect(NULLABLE_STRINGS.every(Boolean)).toBe(true);
  });

  it('runs a donation through the typed client: login, society, donor, donation, void, ledger', async () => {
    const login = await huzhuClient(baseUrl).POST('/api/v1/auth/login', {
      body: { username: t.admin.username, password: TEST_PASSWORD },
    });
    expect(login.response.status).toBe(200);
    const api = huzhuClient(baseUrl, login.data!.accessToken);

    const society = await api.POST('/api/v1/societies', {
      body: { name: `客户端互助社${Date.now()}`, regionCode: '341702001001' },
    });
    expect(society.response.status).toBe(201);
    const sid = society.data!.id;
    const address: string | null = society.data!.address;
    expect(address).toBeNull();

    const treasurer = await t.fx.member({ id: sid }, ['treasurer']);
    const cashier = huzhuClient(baseUrl, treasurer.token);
    const donor = await cashier.POST('/api/v1/societies/{sid}/donors', {
      params: { path: { sid } },
      body: { kind: 'enterprise', name: '池州市某某建材有限公司', creditCode: '91350100M000100Y43' },
    });
    expect(donor.data).toMatchObject({ phoneMasked: null, creditCode: '91350100M000100Y43' });

    const donation = await cashier.POST('/api/v1/societies/{sid}/donations', {
      params: { path: { sid } },
      body: { donorId: donor.data!.id, amountFen: 50_000, channel: 'cash', receivedAt: '2026-11-29' },
    });
    expect(donation.response.status).toBe(201);
    expect(donation.data).toMatchObject({ recordedBy: treasurer.id, voidedAt: null, account: 'cash' });

    const voided = await cashier.POST('/api/v1/societies/{sid}/donations/{id}/void', {
      params: { path: { sid, id: donation.data!.id } },
      body: { reason: '录入错误' },
    });
    const voidedAt: string | null = voided.data!.voidedAt;
    expect(voidedAt).toEqual(expect.any(String));
    expect(voided.data).toMatchObject({ status: 'voided', voidReason: '录入错误' });

    const again = await cashier.POST('/api/v1/societies/{sid}/donations/{id}/void', {
      params: { path: { sid, id: donation.data!.id } },
      body: { reason: '再次作废' },
    });
    expect(again.response.status).toBe(409);
    expect(again.error?.code).toBe('INVALID_STATE');

    const entries = await cashier.GET('/api/v1/societies/{sid}/fund/entries', {
      params: { path: { sid }, query: { limit: 10 } },
    });
    expect(entries.data!.items.map((e) => [e.seq, e.kind, e.ref?.type])).toEqual([
      [1, 'donation', 'donation'],
      [2, 'donation_void', 'donation'],
    ]);
  });
});
