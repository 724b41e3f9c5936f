import { randomUUID } from 'node:crypto';
import { publish } from '../support/disclosure-fixtures';
import { disputedCase, paidCase } from '../support/dispute-fixtures';
import { testIdNumber, TestSociety } from '../support/fixtures';
import { withTestApp } from '../support/test-app';

/**
 * A disputed case (an upheld objection) ends in one of two ways (API.md "Disclosures … and
 * objections"): the treasurer records the money recovered (`recovered`), or the supervisors clear the
 * dispute (`closed`). Cases reach `disputed` the real way (test/support/dispute-fixtures.ts): published,
 * objected to, the objection upheld.
 */
describe('Recovery and clearing of a disputed case', () => {
  const t = withTestApp();
  const SEED = 100_000;

  async function funded(bankFen = 500_000, cashFen = 0, settings: Record<string, unknown> = {}) {
    const s = await t.fx.society({ settings });
    if (bankFen) await t.fx.donation(s, { amountFen: bankFen, channel: 'bank_transfer' });
    if (cashFen) await t.fx.donation(s, { amountFen: cashFen, channel: 'cash' });
    return s;
  }

  const recover = (s: TestSociety, caseId: string, body: object, key?: string, who = s.treasurer) => {
    const req = t.http.post(`${s.url}/cases/${caseId}/recovery`).set(who.auth);
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const clear = (s: TestSociety, caseId: string, body: object, who = s.supervisor) =>
    t.http.post(`${s.url}/cases/${caseId}/clear`).set(who.auth).send(body);

  const fund = async (s: TestSociety) =>
    (await t.http.get(`${s.url}/fund`).set(s.secretary.auth).expect(200)).body;
  const entries = async (s: TestSociety) =>
    (await t.http.get(`${s.url}/fund/entries?limit=200`).set(s.secretary.auth).expect(200)).body.items;
  const caseOf = async (s: TestSociety, id: string) =>
    (await t.http.get(`${s.url}/cases/${id}`).set(s.secretary.auth).expect(200)).body;
  const auditOf = async (s: TestSociety, action: string) =>
    (await t.http.get(`${s.url}/audit?limit=200`).set(s.secretary.auth).expect(200)).body.items.filter(
      (e: { action: string }) => e.action === action,
    );

  /** What must not change when a request is refused. */
  const state = async (s: TestSociety, caseId: string) => {
    const c = await caseOf(s, caseId);
    return {
      fund: await fund(s),
      entries: (await entries(s)).length,
      status: c.status,
      timeline: c.timeline,
    };
  };

  const reconciles = async (s: TestSociety) => {
    const r = await t.http.get(`${s.url}/fund/reconciliation`).set(s.secretary.auth).expect(200);
    expect(r.body).toMatchObject({ ok: true, unbalancedEntries: 0, seqGapFree: true });
  };

  describe('POST …/cases/:cid/recovery', () => {
    it('brings the money back into the bank: Dr bank / Cr recoveries, case recovered, fund reconciled', async () => {
      const s = await funded(500_000);
      const c = await disputedCase(t, s, { amountFen: SEED });
      const before = await fund(s);
      expect(before).toMatchObject({ balanceFen: 400_000, totals: { aidPaidFen: SEED, recoveredFen: 0 } });

      const res = await recover(s, c.id, { amountFen: SEED, reference: '退回款 网银流水 0007' }).expect(201);
      expect(res.body).toEqual({
        entryId: expect.any(String),
        caseId: c.id,
        amountFen: SEED,
        account: 'bank',
        recoveredAt: expect.any(String),
      });

      const after = await fund(s);
      expect(after).toMatchObject({
        balanceFen: before.balanceFen + SEED,
        availableFen: before.availableFen + SEED,
        heldFen: 0,
        totals: { donatedFen: 500_000, aidPaidFen: SEED, recoveredFen: SEED },
      });
      expect(after.accounts).toEqual(
        expect.arrayContaining([
          { code: 'bank', balanceFen: 500_000 },
          { code: 'recoveries', balanceFen: SEED },
        ]),
      );
      expect((await entries(s)).at(-1)).toEqual(
        expect.objectContaining({
          id: res.body.entryId,
          kind: 'recovery',
          postedAt: res.body.recoveredAt,
          memo: '退回款 网银流水 0007',
          ref: { type: 'case', id: c.id },
          lines: expect.arrayContaining([
            { account: 'bank', debitFen: SEED, creditFen: 0 },
            { account: 'recoveries', debitFen: 0, creditFen: SEED },
          ]),
        }),
      );
      await reconciles(s);

      const now = await caseOf(s, c.id);
      expect(now).toMatchObject({ status: 'recovered', allowedActions: [] });
      expect(now.timeline.at(-1)).toMatchObject({ action: 'recover', actor: s.treasurer.id });
      // One audit event for the case, one for the money (the ledger's).
      const events = await auditOf(s, 'case.recover');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actorId: s.treasurer.id,
        entityId: c.id,
        data: {
          amountFen: SEED,
          account: 'bank',
          entryId: res.body.entryId,
          from: 'disputed',
          to: 'recovered',
        },
      });
      expect(await auditOf(s, 'fund.recovered')).toEqual([
        expect.objectContaining({
          entityId: res.body.entryId,
          data: expect.objectContaining({ to: 'bank' }),
        }),
      ]);
      const row = await t.db.query(
        `SELECT recovered_entry_id, recovered_at, recovered_amount_fen::int AS fen FROM cases WHERE id = $1`,
        [c.id],
      );
      expect(row.rows[0]).toEqual({
        recovered_entry_id: res.body.entryId,
        recovered_at: new Date(res.body.recoveredAt),
        fen: SEED,
      });
    });

    it('takes part of the money back into cash; only what the person kept counts toward the annual cap', async () => {
      const s = await funded(500_000, 0, { maxAidPerCaseFen: SEED, maxAidPerPersonPerYearFen: 150_000 });
      const applicant = { idNumber: testIdNumber('19700101', 901) };
      const c = await disputedCase(t, s, { amountFen: SEED, applicant });
      await recover(s, c.id, { amountFen: 40_000, account: 'cash' }).expect(201);
      const after = await fund(s);
      expect(after.accounts).toEqual(expect.arrayContaining([{ code: 'cash', balanceFen: 40_000 }]));
      expect(after).toMatchObject({ balanceFen: 440_000, totals: { recoveredFen: 40_000 } });
      await reconciles(s);

      // The person kept 60,000 of the 100,000: a second case may pay 90,000 this year, not a fen more.
      const next = await t.fx.approvedCase(s, { amountFen: SEED, applicant });
      const pay = (amountFen: number) =>
        t.http.post(`${s.url}/cases/${next.id}/payment`).set(s.treasurer.auth).send({ amountFen });
      expect((await pay(90_001).expect(422)).body).toMatchObject({
        code: 'ANNUAL_CAP_EXCEEDED',
        details: { paidThisYearFen: 60_000, remainingFen: 90_000 },
      });
      await pay(90_000).expect(201);
    });

    it('refuses more than was paid (422 AMOUNT_EXCEEDS_APPROVED with paidFen), changing nothing', async () => {
      const s = await funded();
      const c = await disputedCase(t, s, { amountFen: SEED });
      const before = await state(s, c.id);
      const res = await recover(s, c.id, { amountFen: SEED + 1 }).expect(422);
      expect(res.body).toMatchObject({ code: 'AMOUNT_EXCEEDS_APPROVED', details: { paidFen: SEED } });
      expect(await state(s, c.id)).toEqual(before);
      expect(before.status).toBe('disputed');
    });

    it('refuses a case that is not disputed (409 INVALID_STATE), changing nothing', async () => {
      const s = await funded(1_000_000);
      const draft = await t.fx.case(s);
      const approved = await t.fx.approvedCase(s, { amountFen: SEED });
      const paid = await paidCase(t, s, { amountFen: SEED });
      const publicized = await paidCase(t, s, { amountFen: SEED });
      await publish(t, s, [publicized.id]);
      const cleared = await disputedCase(t, s, { amountFen: SEED });
      await clear(s, cleared.id, { reason: '异议不成立' }).expect(200);
      const recovered = await disputedCase(t, s, { amountFen: SEED });
      await recover(s, recovered.id, { amountFen: SEED }).expect(201);

      for (const [c, status] of [
        [draft, 'draft'],
        [approved, 'approved'],
        [paid, 'paid'],
        [publicized, 'publicized'],
        [cleared, 'closed'],
        [recovered, 'recovered'],
      ] as const) {
        const before = await state(s, c.id);
        const res = await recover(s, c.id, { amountFen: 1 });
        expect([status, res.status, res.body.code, res.body.details]).toEqual([
          status,
          409,
          'INVALID_STATE',
          { status, action: 'recover' },
        ]);
        expect(await state(s, c.id)).toEqual(before);
      }
      await reconciles(s);
    });

    it('records exactly one recovery when several are sent at once with different keys', async () => {
      const s = await funded();
      const c = await disputedCase(t, s, { amountFen: SEED });
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => recover(s, c.id, { amountFen: SEED }, randomUUID())),
      );
      expect(answers.map((r) => r.status).sort()).toEqual([201, ...Array(7).fill(409)]);
      for (const r of answers.filter((x) => x.status === 409)) expect(r.body.code).toBe('INVALID_STATE');
      expect((await entries(s)).filter((e: { kind: string }) => e.kind === 'recovery')).toHaveLength(1);
      expect(await fund(s)).toMatchObject({ balanceFen: 500_000, totals: { recoveredFen: SEED } });
      expect(await auditOf(s, 'case.recover')).toHaveLength(1);
      await reconciles(s);
    });

    it('answers a retry with the same key with the first answer, recording once (also when sent at once)', async () => {
      const s = await funded();
      const c = await disputedCase(t, s, { amountFen: SEED });
      const key = randomUUID();
      const [first, second] = await Promise.all([
        recover(s, c.id, { amountFen: SEED }, key),
        recover(s, c.id, { amountFen: SEED }, key),
      ]);
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.body).toEqual(first.body);
      const again = await recover(s, c.id, { amountFen: SEED }, key).expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect((await recover(s, c.id, { amountFen: 1 }, key).expect(422)).body.code).toBe(
        'IDEMPOTENCY_KEY_REUSED',
      );
      expect((await entries(s)).filter((e: { kind: string }) => e.kind === 'recovery')).toHaveLength(1);
      await reconciles(s);
    });

    it('refuses bad input (400), an unknown case and a case of another society (404), changing nothing', async () => {
      const s = await funded();
      const c = await disputedCase(t, s, { amountFen: SEED });
      const before = await state(s, c.id);
      for (const body of [
        {},
        { amountFen: 0 },
        { amountFen: -1 },
        { amountFen: 1.5 },
        { amountFen: '100' },
        { amountFen: null },
        { amountFen: 1_000_000_000_001 },
        { amountFen: 1, account: 'wechat' },
        { amountFen: 1, reference: ' ' },
        { amountFen: 1, reference: 'x'.repeat(201) },
        { amountFen: 1, recoveredAt: '2026-11-29' },
      ]) {
        const res = await recover(s, c.id, body);
        expect([JSON.stringify(body), res.status, res.body.code]).toEqual([
          JSON.stringify(body),
          400,
          'VALIDATION_FAILED',
        ]);
      }
      const other = await funded(0);
      expect((await recover(other, c.id, { amountFen: SEED }).expect(404)).body.code).toBe('NOT_FOUND');
      expect((await recover(s, randomUUID(), { amountFen: SEED }).expect(404)).body.code).toBe('NOT_FOUND');
      expect(await state(s, c.id)).toEqual(before);
      // A reference of 200 characters is fine.
      await recover(s, c.id, { amountFen: SEED, reference: '款'.repeat(200) }).expect(201);
    });
  });

  describe('POST …/cases/:cid/clear', () => {
    it('closes a disputed case without moving money, the reason on the timeline and in the audit', async () => {
      const s = await funded();
      const c = await disputedCase(t, s, { amountFen: SEED });
      const money = await fund(s);
      const res = await clear(s, c.id, { reason: '  经核查，异议所述不实  ' }).expect(200);
      expect(res.body).toEqual(await caseOf(s, c.id));
      expect(res.body).toMatchObject({ id: c.id, caseNo: c.caseNo, status: 'closed', allowedActions: [] });
      expect(res.body.timeline.map((e: { action: string }) => e.action)).toEqual([
        'created',
        'open_vote',
        'approve',
        'pay',
        'publicize',
        'dispute',
        'clear',
      ]);
      expect(res.body.timeline.at(-1)).toMatchObject({ action: 'clear', actor: s.supervisor.id });
      expect(await auditOf(s, 'case.clear')).toEqual([
        expect.objectContaining({
          actorId: s.supervisor.id,
          entityId: c.id,
          data: expect.objectContaining({ reason: '经核查，异议所述不实', from: 'disputed', to: 'closed' }),
        }),
      ]);
      expect(await fund(s)).toEqual(money);
      await reconciles(s);
    });

    it('refuses a case that is not disputed (409 INVALID_STATE), changing nothing', async () => {
      const s = await funded(1_000_000);
      const paid = await paidCase(t, s, { amountFen: SEED });
      const publicized = await paidCase(t, s, { amountFen: SEED });
      await publish(t, s, [publicized.id]);
      const recovered = await disputedCase(t, s, { amountFen: SEED });
      await recover(s, recovered.id, { amountFen: SEED }).expect(201);
      const cleared = await disputedCase(t, s, { amountFen: SEED });
      await clear(s, cleared.id, { reason: '异议不成立' }).expect(200);
      for (const [c, status] of [
        [paid, 'paid'],
        [publicized, 'publicized'],
        [recovered, 'recovered'],
        [cleared, 'closed'],
      ] as const) {
        const before = await state(s, c.id);
        const res = await clear(s, c.id, { reason: '再清一次' });
        expect([status, res.status, res.body.code, res.body.details]).toEqual([
          status,
          409,
          'INVALID_STATE',
          { status, action: 'clear' },
        ]);
        expect(await state(s, c.id)).toEqual(before);
      }
    });

    it('refuses a bad reason (400), an unknown case and a case of another society (404)', async () => {
      const s = await funded();
      const c = await disputedCase(t, s, { amountFen: SEED });
      const before = await state(s, c.id);
      for (const body of [
        {},
        { reason: '' },
        { reason: '   ' },
        { reason: 42 },
        { reason: null },
        { reason: '理'.repeat(501) },
        { reason: '异议不成立', amountFen: 1 },
      ]) {
        const res = await clear(s, c.id, body);
        expect([JSON.stringify(body), res.status, res.body.code]).toEqual([
          JSON.stringify(body),
          400,
          'VALIDATION_FAILED',
        ]);
      }
      const other = await funded(0);
      expect((await clear(other, c.id, { reason: '异议不成立' }).expect(404)).body.code).toBe('NOT_FOUND');
      expect((await clear(s, randomUUID(), { reason: '异议不成立' }).expect(404)).body.code).toBe(
        'NOT_FOUND',
      );
      expect(await state(s, c.id)).toEqual(before);
      await clear(s, c.id, { reason: '理'.repeat(500) }).expect(200);
    });
  });
});
