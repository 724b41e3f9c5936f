import { TestSociety } from '../support/fixtures';
import { withTestApp } from '../support/test-app';

describe('Donors and donations (API.md)', () => {
  const t = withTestApp();
  let s: TestSociety;
  let url: string;

  beforeAll(async () => {
    s = await t.fx.society();
    url = s.url;
  });

  const fund = async () => (await t.http.get(`${url}/fund`).set(s.treasurer.auth).expect(200)).body;
  const entryCount = async () =>
    Number(
      (await t.db.query(`SELECT count(*) FROM ledger_entries WHERE society_id = $1`, [s.id])).rows[0].count,
    );

  describe('donors', () => {
    it('registers donors of every kind, with the phone encrypted and the credit code checked', async () => {
      const res = await t.http
        .post(`${url}/donors`)
        .set(s.treasurer.auth)
        .send({
          kind: 'enterprise',
          name: '池州市某某建材有限公司',
          phone: '13800138000',
          creditCode: '91350100M000100Y43',
          anonymous: true,
          note: '年年捐',
        })
        .expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        kind: 'enterprise',
        name: '池州市某某建材有限公司',
        publicName: '爱心企业',
        phoneMasked: '138****8000',
        creditCode: '91350100M000100Y43',
        anonymous: true,
        note: '年年捐',
        totalDonatedFen: 0,
        createdAt: expect.any(String),
      });
      const row = await t.db.query(`SELECT phone_enc, phone_hmac FROM donors WHERE id = $1`, [res.body.id]);
      expect(row.rows[0].phone_enc.toString('latin1')).not.toContain('13800138000');
      expect(row.rows[0].phone_hmac).not.toContain('13800138000');
      for (const kind of [
        'individual',
        'retired_cadre',
        'migrant_entrepreneur',
        'collective',
        'government',
        'other',
      ]) {
        await t.http
          .post(`${url}/donors`)
          .set(s.treasurer.auth)
          .send({ kind, name: `${kind}捐赠人` })
          .expect(201);
      }
    });

    it('rejects bad kinds, credit codes, phones and unknown fields, writing nothing', async () => {
      const before = (await t.db.query(`SELECT count(*) FROM donors`)).rows[0].count;
      const bad: [Record<string, unknown>, string][] = [
        [{ kind: 'alien' }, 'kind'],
        [{ creditCode: '91350100M000100Y4Z' }, 'creditCode'],
        [{ creditCode: '91350100M000100Y44' }, 'creditCode'],
        [{ phone: '1380013800' }, 'phone'],
        [{ name: '' }, 'name'],
        [{ anonymous: 'yes' }, 'anonymous'],
        [{ extra: 1 }, 'extra'],
      ];
      for (const [patch, field] of bad) {
        const res = await t.http
          .post(`${url}/donors`)
          .set(s.treasurer.auth)
          .send({ kind: 'individual', name: '某人', ...patch });
        expect([res.status, Object.keys(res.body.details ?? {})]).toEqual([400, [field]]);
      }
      expect((await t.db.query(`SELECT count(*) FROM donors`)).rows[0].count).toBe(before);
    });

    it('searches by part of the name, an exact phone, or a credit code, with totals', async () => {
      const d = await t.fx.donor(s, { name: '欧阳修', phone: '13912345678' });
      await t.fx.donation(s, { donor: d, amountFen: 5000 });
      await t.fx.donation(s, { donor: d, amountFen: 2500 });
      const byName = await t.http.get(`${url}/donors`).query({ q: '欧阳' }).set(s.secretary.auth).expect(200);
      expect(byName.body.items).toEqual([expect.objectContaining({ id: d.id, totalDonatedFen: 7500 })]);
      const byPhone = await t.http
        .get(`${url}/donors`)
        .query({ q: '+86 139 1234 5678' })
        .set(s.supervisor.auth)
        .expect(200);
      expect(byPhone.body.items.map((x: { id: string }) => x.id)).toEqual([d.id]);
      const byCode = await t.http
        .get(`${url}/donors`)
        .query({ q: '91350100m000100y43' })
        .set(s.treasurer.auth)
        .expect(200);
      expect(byCode.body.items.map((x: { name: string }) => x.name)).toEqual(['池州市某某建材有限公司']);
      const one = await t.http.get(`${url}/donors/${d.id}`).set(s.treasurer.auth).expect(200);
      expect(one.body.totalDonatedFen).toBe(7500);
    });

    it("answers 404 for another society's donor", async () => {
      const foreign = await t.fx.donor(await t.fx.society({ roles: ['treasurer'] }));
      await t.http.get(`${url}/donors/${foreign.id}`).set(s.treasurer.auth).expect(404);
      await t.http.get(`${url}/donors/not-a-uuid`).set(s.treasurer.auth).expect(404);
    });
  });

  describe('donations', () => {
    it('records cash into cash and other channels into the bank, with gap-free receipt numbers', async () => {
      const fresh = await t.fx.society({ roles: ['treasurer', 'board'] });
      const d = await t.fx.donor(fresh, { name: '李四' });
      const channels = ['cash', 'bank_transfer', 'wechat', 'alipay', 'other'];
      const results = [];
      for (const channel of channels) {
        const res = await t.http
          .post(`/api/v1/societies/${fresh.id}/donations`)
          .set(fresh.treasurer.auth)
          .send({
            donorId: d.id,
            amountFen: 10000,
            receivedAt: '2026-11-29T10:30:00+08:00',
            channel,
            reference: 'R1',
            note: '备注',
          })
          .expect(201);
        results.push(res.body);
      }
      expect(results.map((r) => [r.receiptNo, r.channel, r.account, r.status])).toEqual([
        ['2026-000001', 'cash', 'cash', 'recorded'],
        ['2026-000002', 'bank_transfer', 'bank', 'recorded'],
        ['2026-000003', 'wechat', 'bank', 'recorded'],
        ['2026-000004', 'alipay', 'bank', 'recorded'],
        ['2026-000005', 'other', 'bank', 'recorded'],
      ]);
      expect(results[0]).toMatchObject({
        donorId: d.id,
        donorName: '李四',
        amountFen: 10000,
        receivedAt: '2026-11-29T02:30:00.000Z',
        receivedOn: '2026-11-29',
        reference: 'R1',
        note: '备注',
      });
      const summary = (
        await t.http.get(`/api/v1/societies/${fresh.id}/fund`).set(fresh.treasurer.auth).expect(200)
      ).body;
      expect(summary).toEqual({
        balanceFen: 50000,
        heldFen: 0,
        availableFen: 50000,
        accounts: [
          { code: 'bank', balanceFen: 40000 },
          { code: 'cash', balanceFen: 10000 },
          { code: 'donations', balanceFen: 50000 },
          { code: 'recoveries', balanceFen: 0 },
          { code: 'aid', balanceFen: 0 },
        ],
        totals: { donatedFen: 50000, aidPaidFen: 0, recoveredFen: 0 },
      });
      const entry = await t.http
        .get(`/api/v1/societies/${fresh.id}/fund/entries`)
        .set(fresh.board.auth)
        .expect(200);
      expect(entry.body.items[0]).toEqual({
        id: results[0].entryId,
        seq: 1,
        kind: 'donation',
        postedAt: expect.any(String),
        memo: null,
        lines: [
          { account: 'cash', debitFen: 10000, creditFen: 0 },
          { account: 'donations', debitFen: 0, creditFen: 10000 },
        ],
        ref: { type: 'donation', id: results[0].id },
      });
    });

    it('dates a date-only receivedAt at the start of that day in the society’s time zone', async () => {
      const d = await t.fx.donor(s);
      const res = await t.http
        .post(`${url}/donations`)
        .set(s.treasurer.auth)
        .send({ donorId: d.id, amountFen: 1, receivedAt: '2026-01-05', channel: 'cash' })
        .expect(201);
      expect([res.body.receivedAt, res.body.receivedOn]).toEqual(['2026-01-04T16:00:00.000Z', '2026-01-05']);
    });

    it.each([
      [{ amountFen: 0 }, 'amountFen'],
      [{ amountFen: -100 }, 'amountFen'],
      [{ amountFen: 100.5 }, 'amountFen'],
      [{ amountFen: '100' }, 'amountFen'],
      [{ amountFen: 10 ** 12 + 1 }, 'amountFen'],
      [{ amountFen: null }, 'amountFen'],
      [{ channel: 'paypal' }, 'channel'],
      [{ receivedAt: '29/11/2026' }, 'receivedAt'],
      [{ receivedAt: '2026-11-29T10:00:00' }, 'receivedAt'],
      [{ receivedAt: '2026-02-30' }, 'receivedAt'],
      [{ receivedAt: '2099-01-01' }, 'receivedAt'],
      [{ donorId: 'x' }, 'donorId'],
      [{ colour: 'red' }, 'colour'],
    ])('rejects %j with 400 and leaves the ledger untouched', async (patch, field) => {
      const d = await t.fx.donor(s);
      const before = await entryCount();
      const res = await t.http
        .post(`${url}/donations`)
        .set(s.treasurer.auth)
        .send({ donorId: d.id, amountFen: 100, receivedAt: '2026-11-29', channel: 'cash', ...patch });
      expect([res.status, res.body.code, Object.keys(res.body.details ?? {})]).toEqual([
        400,
        'VALIDATION_FAILED',
        [field],
      ]);
      expect(await entryCount()).toBe(before);
    });

    it('accepts the largest amount, 10^12 fen', async () => {
      const fresh = await t.fx.society({ roles: ['treasurer'] });
      const d = await t.fx.donor(fresh);
      const res = await t.http
        .post(`${fresh.url}/donations`)
        .set(fresh.treasurer.auth)
        .send({ donorId: d.id, amountFen: 10 ** 12, receivedAt: '2026-11-29', channel: 'bank_transfer' })
        .expect(201);
      expect(res.body.receiptNo).toBe('2026-000001');
    });

    it("answers 404 for an unknown donor or another society's donor, with the ledger untouched", async () => {
      const foreign = await t.fx.donor(await t.fx.society({ roles: ['treasurer'] }));
      const before = await entryCount();
      for (const donorId of [foreign.id, '00000000-0000-4000-8000-000000000009']) {
        const res = await t.http
          .post(`${url}/donations`)
          .set(s.treasurer.auth)
          .send({ donorId, amountFen: 100, receivedAt: '2026-11-29', channel: 'cash' })
          .expect(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      expect(await entryCount()).toBe(before);
    });

    it('lists newest first, filtered by day, donor and status, paged', async () => {
      const fresh = await t.fx.society({ roles: ['secretary', 'treasurer', 'supervisor'] });
      const a = await t.fx.donor(fresh, { name: '甲' });
      const b = await t.fx.donor(fresh, { name: '乙' });
      const u = `${fresh.url}/donations`;
      for (const [donor, day] of [
        [a, '2026-11-01'],
        [b, '2026-11-10'],
        [a, '2026-11-20'],
        [b, '2026-11-28'],
      ] as const) {
        await t.fx.donation(fresh, { donor, amountFen: 100, receivedAt: day, channel: 'cash' });
      }
      const all = await t.http.get(u).set(fresh.secretary.auth).expect(200);
      expect(all.body.items.map((x: { receivedOn: string }) => x.receivedOn)).toEqual([
        '2026-11-28',
        '2026-11-20',
        '2026-11-10',
        '2026-11-01',
      ]);
      const ranged = await t.http
        .get(u)
        .query({ from: '2026-11-10', to: '2026-11-20' })
        .set(fresh.secretary.auth)
        .expect(200);
      expect(ranged.body.items.map((x: { receivedOn: string }) => x.receivedOn)).toEqual([
        '2026-11-20',
        '2026-11-10',
      ]);
      const ofA = await t.http.get(u).query({ donorId: a.id }).set(fresh.supervisor.auth).expect(200);
      expect(ofA.body.items).toHaveLength(2);
      const p1 = await t.http.get(u).query({ limit: 3 }).set(fresh.treasurer.auth).expect(200);
      const p2 = await t.http
        .get(u)
        .query({ limit: 3, cursor: p1.body.nextCursor })
        .set(fresh.treasurer.auth)
        .expect(200);
      expect([p1.body.items.length, p2.body.items.length, p2.body.nextCursor]).toEqual([3, 1, null]);
      await t.http.get(u).query({ from: '2026-13-01' }).set(fresh.treasurer.auth).expect(400);
    });

    it('pages through gifts received in the same instant, to the microsecond, without losing any', async () => {
      const fresh = await t.fx.society({ roles: ['treasurer'] });
      const u = `${fresh.url}/donations`;
      for (const receivedAt of [
        '2026-11-29T10:30:00.123456+08:00',
        '2026-11-29T10:30:00.123456+08:00',
        '2026-11-29T10:30:00.123999+08:00',
      ]) {
        await t.fx.donation(fresh, { amountFen: 100, receivedAt, channel: 'cash' });
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const res = await t.http
          .get(u)
          .query({ limit: 1, ...(cursor ? { cursor } : {}) })
          .set(fresh.treasurer.auth)
          .expect(200);
        seen.push(...res.body.items.map((x: { id: string }) => x.id));
        cursor = res.body.nextCursor ?? undefined;
      } while (cursor);
      expect(new Set(seen).size).toBe(3);
    });

    it('voids with a reversing entry, once', async () => {
      const fresh = await t.fx.society({ roles: ['treasurer'] });
      const gift = await t.fx.donation(fresh, { amountFen: 30000, channel: 'wechat' });
      const u = fresh.url;
      const res = await t.http
        .post(`${u}/donations/${gift.id}/void`)
        .set(fresh.treasurer.auth)
        .send({ reason: '重复录入' })
        .expect(200);
      expect(res.body).toMatchObject({
        id: gift.id,
        status: 'voided',
        voidReason: '重复录入',
        voidedAt: expect.any(String),
        voidEntryId: expect.any(String),
      });
      const entries = (await t.http.get(`${u}/fund/entries`).set(fresh.treasurer.auth).expect(200)).body
        .items;
      expect(entries.map((e: { kind: string; seq: number }) => [e.seq, e.kind])).toEqual([
        [1, 'donation'],
        [2, 'donation_void'],
      ]);
      expect(entries[1].lines).toEqual([
        { account: 'donations', debitFen: 30000, creditFen: 0 },
        { account: 'bank', debitFen: 0, creditFen: 30000 },
      ]);
      expect((await t.http.get(`${u}/fund`).set(fresh.treasurer.auth)).body).toMatchObject({
        balanceFen: 0,
        totals: { donatedFen: 0 },
      });
      const again = await t.http
        .post(`${u}/donations/${gift.id}/void`)
        .set(fresh.treasurer.auth)
        .send({ reason: '再来一次' })
        .expect(409);
      expect(again.body.code).toBe('INVALID_STATE');
      expect(
        (await t.http.get(`${u}/donors/${gift.donorId}`).set(fresh.treasurer.auth)).body.totalDonatedFen,
      ).toBe(0);
      await t.http.post(`${u}/donations/${gift.id}/void`).set(fresh.treasurer.auth).send({}).expect(400);
    });

    it('refuses to void money that has been spent or moved away (409 INSUFFICIENT_FUNDS)', async () => {
      const fresh = await t.fx.society({ roles: ['treasurer'] });
      const gift = await t.fx.donation(fresh, { amountFen: 10000, channel: 'cash' });
      await t.fx.transfer(fresh, { from: 'cash', to: 'bank', amountFen: 5000 });
      const u = fresh.url;
      const res = await t.http
        .post(`${u}/donations/${gift.id}/void`)
        .set(fresh.treasurer.auth)
        .send({ reason: '错' })
        .expect(409);
      expect(res.body).toMatchObject({ code: 'INSUFFICIENT_FUNDS', details: { account: 'cash' } });
      expect((await t.http.get(`${u}/donations/${gift.id}`).set(fresh.treasurer.auth)).body.status).toBe(
        'recorded',
      );
    });

    it('audits donors, donations and voids', async () => {
      const fresh = await t.fx.society({ roles: ['treasurer', 'supervisor'] });
      const donor = await t.fx.donor(fresh, { phone: '13800138000' });
      const gift = await t.fx.donation(fresh, { donor, amountFen: 100 });
      await t.fx.voidDonation(fresh, gift, '测试');
      const audit = await t.http
        .get(`/api/v1/societies/${fresh.id}/audit`)
        .set(fresh.supervisor.auth)
        .expect(200);
      const actions = audit.body.items.map((e: { action: string }) => e.action);
      expect(actions.slice(-3)).toEqual(['donor.created', 'donation.recorded', 'donation.voided']);
      expect(JSON.stringify(audit.body)).not.toContain('13800138000');
      expect(
        (await t.http.get(`/api/v1/societies/${fresh.id}/audit/verification`).set(fresh.supervisor.auth)).body
          .ok,
      ).toBe(true);
    });
  });

  it('keeps money routes to the roles of API.md', async () => {
    const d = await t.fx.donor(s);
    const body = { donorId: d.id, amountFen: 100, receivedAt: '2026-11-29', channel: 'cash' };
    for (const who of [s.secretary, s.board, s.supervisor, s.collector, t.admin]) {
      await t.http.post(`${url}/donations`).set(who.auth).send(body).expect(403);
      await t.http.post(`${url}/donors`).set(who.auth).send({ kind: 'individual', name: 'x' }).expect(403);
    }
    for (const who of [s.board, s.collector, t.admin]) {
      await t.http.get(`${url}/donations`).set(who.auth).expect(403);
      await t.http.get(`${url}/donors`).set(who.auth).expect(403);
    }
    expect(await fund()).toBeDefined();
  });
});
