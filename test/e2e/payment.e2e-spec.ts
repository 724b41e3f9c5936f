import { randomUUID } from 'node:crypto';
import { testIdNumber, TestSociety } from '../support/fixtures';
import { withTestApp } from '../support/test-app';

/** API.md "Payment (pay first)" and "Separation of duties". */
describe('Payment (pay first)', () => {
  const t = withTestApp();
  const SEED = 100_000; // the seed's case: 1,000 yuan

  /** A society with money in the bank (and optionally in cash). */
  async function funded(bankFen: number, cashFen = 0, settings: Record<string, unknown> = {}) {
    const s = await t.fx.society({ settings });
    if (bankFen) await t.fx.donation(s, { amountFen: bankFen, channel: 'bank_transfer' });
    if (cashFen) await t.fx.donation(s, { amountFen: cashFen, channel: 'cash' });
    return s;
  }

  const pay = (s: TestSociety, caseId: string, body: object, key?: string, who = s.treasurer) => {
    const req = t.http.post(`${s.url}/cases/${caseId}/payment`).set(who.auth);
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };

  /** What must not change when a payment is refused. */
  const state = async (s: TestSociety, caseId: string) => {
    const fund = (await t.http.get(`${s.url}/fund`).set(s.secretary.auth).expect(200)).body;
    const entries = (await t.http.get(`${s.url}/fund/entries`).set(s.secretary.auth).expect(200)).body;
    const c = (await t.http.get(`${s.url}/cases/${caseId}`).set(s.secretary.auth).expect(200)).body;
    return { fund, entries: entries.items.length, status: c.status, timeline: c.timeline.length };
  };

  const reconciles = async (s: TestSociety) => {
    const r = await t.http.get(`${s.url}/fund/reconciliation`).set(s.secretary.auth).expect(200);
    expect(r.body).toMatchObject({
      ok: true,
      heldFen: r.body.holdsFen,
      unbalancedEntries: 0,
      seqGapFree: true,
    });
  };

  it('pays the approved 1,000 yuan from the bank: Dr aid / Cr bank, hold settled, case paid, fund reconciled', async () => {
    const s = await funded(500_000);
    const c = await t.fx.approvedCase(s, { amountFen: SEED });
    expect((await t.http.get(`${s.url}/fund`).set(s.secretary.auth)).body).toMatchObject({
      heldFen: SEED,
      availableFen: 400_000,
    });
    const res = await pay(s, c.id, { amountFen: SEED, reference: '网银流水 0042' }).expect(201);
    expect(res.body).toEqual({
      entryId: expect.any(String),
      caseId: c.id,
      amountFen: SEED,
      paidAt: expect.any(String),
    });

    const fund = (await t.http.get(`${s.url}/fund`).set(s.secretary.auth)).body;
    expect(fund).toMatchObject({ balanceFen: 400_000, heldFen: 0, availableFen: 400_000 });
    const entries = (await t.http.get(`${s.url}/fund/entries`).set(s.secretary.auth)).body.items;
    expect(entries.at(-1)).toMatchObject({
      id: res.body.entryId,
      kind: 'aid_payment',
      memo: '网银流水 0042',
      ref: { type: 'case', id: c.id },
      lines: expect.arrayContaining([
        { account: 'bank', debitFen: 0, creditFen: SEED },
        expect.objectContaining({ debitFen: SEED, creditFen: 0 }),
      ]),
    });
    const after = (await t.http.get(`${s.url}/cases/${c.id}`).set(s.secretary.auth)).body;
    expect(after).toMatchObject({ status: 'paid' });
    expect(after.timeline.at(-1)).toMatchObject({ action: 'pay', actor: s.treasurer.id });
    await reconciles(s);

    // One audit event for the case (the ledger writes its own for the money).
    const audit = (await t.http.get(`${s.url}/audit?limit=100`).set(s.secretary.auth).expect(200)).body.items;
    const forCase = audit.filter((e: { action: string }) => e.action === 'case.pay');
    expect(forCase).toHaveLength(1);
    expect(forCase[0]).toMatchObject({
      entityId: c.id,
      data: { amountFen: SEED, account: 'bank', from: 'approved', to: 'paid' },
    });
  });

  it('pays less than approved from cash: the rest of the hold goes back to available', async () => {
    const s = await funded(0, 200_000);
    const c = await t.fx.approvedCase(s, { amountFen: SEED });
    await pay(s, c.id, { amountFen: 60_000, account: 'cash', paidAt: '2026-01-05' }).expect(201);
    const fund = (await t.http.get(`${s.url}/fund`).set(s.secretary.auth)).body;
    expect(fund).toMatchObject({ balanceFen: 140_000, heldFen: 0, availableFen: 140_000 });
    expect(fund.accounts.find((a: { code: string }) => a.code === 'cash').balanceFen).toBe(140_000);
    await reconciles(s);
  });

  it('refuses a payment above the approved amount (422), changing nothing', async () => {
    const s = await funded(500_000);
    const c = await t.fx.approvedCase(s, { amountFen: SEED });
    const before = await state(s, c.id);
    const res = await pay(s, c.id, { amountFen: SEED + 1 }).expect(422);
    expect(res.body).toMatchObject({ code: 'AMOUNT_EXCEEDS_APPROVED', details: { approvedFen: SEED } });
    expect(await state(s, c.id)).toEqual(before);
    expect(before.status).toBe('approved');
  });

  it('refuses a second payment (409 INVALID_STATE), changing nothing; also a case not yet approved', async () => {
    const s = await funded(500_000);
    const c = await t.fx.approvedCase(s, { amountFen: SEED });
    await pay(s, c.id, { amountFen: SEED }).expect(201);
    const before = await state(s, c.id);
    const again = await pay(s, c.id, { amountFen: SEED }).expect(409);
    expect(again.body).toMatchObject({ code: 'INVALID_STATE', details: { status: 'paid', action: 'pay' } });
    expect(await state(s, c.id)).toEqual(before);
    await reconciles(s);

    const draft = await t.fx.case(s);
    expect((await pay(s, draft.id, { amountFen: 1 }).expect(409)).body.code).toBe('INVALID_STATE');
  });

  it('answers 409 INSUFFICIENT_FUNDS when the chosen account cannot cover it, changing nothing', async () => {
    const s = await funded(500_000, 10_000);
    const c = await t.fx.approvedCase(s, { amountFen: SEED });
    const before = await state(s, c.id);
    const res = await pay(s, c.id, { amountFen: SEED, account: 'cash' }).expect(409);
    expect(res.body.code).toBe('INSUFFICIENT_FUNDS');
    expect(await state(s, c.id)).toEqual(before);
  });

  describe('separation of duties', () => {
    it('refuses the treasurer who filed the case, or who opened its vote (422 SEPARATION_OF_DUTIES)', async () => {
      const s = await funded(500_000);
      const both = await t.fx.member(s, ['secretary', 'treasurer']);
      const filed = await t.fx.approvedCase(s, { amountFen: SEED, filedBy: both });
      const res = await pay(s, filed.id, { amountFen: SEED }, undefined, both).expect(422);
      expect(res.body).toMatchObject({ code: 'SEPARATION_OF_DUTIES', details: { conflict: 'filed_by' } });
      const opened = await t.fx.approvedCase(s, { amountFen: SEED, openedBy: both });
      const res2 = await pay(s, opened.id, { amountFen: SEED }, undefined, both).expect(422);
      expect(res2.body).toMatchObject({
        code: 'SEPARATION_OF_DUTIES',
        details: { conflict: 'vote_opened_by' },
      });
      expect((await state(s, opened.id)).status).toBe('approved');
      // Another treasurer may pay both.
      await pay(s, filed.id, { amountFen: SEED }).expect(201);
      await pay(s, opened.id, { amountFen: SEED }).expect(201);
    });

    it('lets one officer do everything when the society allows it', async () => {
      const s = await funded(500_000, 0, { allowSingleOfficer: true });
      const both = await t.fx.member(s, ['secretary', 'treasurer']);
      const c = await t.fx.approvedCase(s, { amountFen: SEED, filedBy: both, openedBy: both });
      await pay(s, c.id, { amountFen: SEED }, undefined, both).expect(201);
    });
  });

  describe('the annual cap per person (society calendar year)', () => {
    it("counts the person's aid paid this year in the society's time zone, and refuses beyond it (422)", async () => {
      const s = await funded(1_000_000, 0, { maxAidPerCaseFen: SEED, maxAidPerPersonPerYearFen: 150_000 });
      const applicant = { idNumber: testIdNumber('19700707', 777) };
      const [a, b, c] = [
        await t.fx.approvedCase(s, { amountFen: SEED, applicant }),
        await t.fx.approvedCase(s, { amountFen: SEED, applicant }),
        await t.fx.approvedCase(s, { amountFen: SEED, applicant }),
      ];
      // 23:59 on 31 December in Shanghai: last year.
      await pay(s, a.id, { amountFen: SEED, paidAt: '2025-12-31T23:59:00+08:00' }).expect(201);
      // Still 2025 in UTC, but 00:30 on 1 January 2026 in Shanghai: this year, and the first of it.
      await pay(s, b.id, { amountFen: SEED, paidAt: '2025-12-31T16:30:00Z' }).expect(201);
      const before = await state(s, c.id);
      const over = await pay(s, c.id, { amountFen: SEED, paidAt: '2026-06-01' }).expect(422);
      expect(over.body).toMatchObject({
        code: 'ANNUAL_CAP_EXCEEDED',
        details: { capFen: 150_000, paidThisYearFen: SEED, remainingFen: 50_000 },
      });
      expect(await state(s, c.id)).toEqual(before);
      // Up to the cap is allowed (inclusive).
      await pay(s, c.id, { amountFen: 50_000, paidAt: '2026-06-01' }).expect(201);
      await reconciles(s);
    });

    it('keeps the cap under concurrency: two cases of one person paid at once cannot both pass it', async () => {
      const s = await funded(1_000_000, 0, { maxAidPerCaseFen: SEED, maxAidPerPersonPerYearFen: 150_000 });
      const applicant = { idNumber: testIdNumber('19700708', 778) };
      const a = await t.fx.approvedCase(s, { amountFen: SEED, applicant });
      const b = await t.fx.approvedCase(s, { amountFen: SEED, applicant });
      const answers = await Promise.all([a, b].map((c) => pay(s, c.id, { amountFen: SEED }, randomUUID())));
      expect(answers.map((r) => r.status).sort()).toEqual([201, 422]);
    });
  });

  it('10 parallel payments of one case with different idempotency keys → exactly one', async () => {
    const s = await funded(500_000);
    const c = await t.fx.approvedCase(s, { amountFen: SEED });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => pay(s, c.id, { amountFen: SEED }, randomUUID())),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    for (const r of answers.filter((x) => x.status === 409)) expect(r.body.code).toBe('INVALID_STATE');
    const entries = (await t.http.get(`${s.url}/fund/entries`).set(s.secretary.auth)).body.items;
    expect(entries.filter((e: { kind: string }) => e.kind === 'aid_payment')).toHaveLength(1);
    const fund = (await t.http.get(`${s.url}/fund`).set(s.secretary.auth)).body;
    expect(fund).toMatchObject({ balanceFen: 400_000, heldFen: 0, availableFen: 400_000 });
    await reconciles(s);
  });

  it('answers a retry with the same key with the first answer, paying once', async () => {
    const s = await funded(500_000);
    const c = await t.fx.approvedCase(s, { amountFen: SEED });
    const key = randomUUID();
    const first = await pay(s, c.id, { amountFen: SEED }, key).expect(201);
    const again = await pay(s, c.id, { amountFen: SEED }, key).expect(201);
    expect(again.body).toEqual(first.body);
    const other = await pay(s, c.id, { amountFen: 1 }, key).expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses bad input (400) and a case of another society (404)', async () => {
    const s = await funded(500_000);
    const c = await t.fx.approvedCase(s, { amountFen: SEED });
    for (const body of [
      {},
      { amountFen: 0 },
      { amountFen: 1.5 },
      { amountFen: '100' },
      { amountFen: 1, account: 'wechat' },
      { amountFen: 1, paidAt: 'yesterday' },
      { amountFen: 1, paidAt: '2026-02-30' },
      { amountFen: 1, paidAt: '2999-01-01' },
      { amountFen: 1, reference: ' ' },
    ]) {
      const res = await pay(s, c.id, body);
      expect([JSON.stringify(body), res.status, res.body.code]).toEqual([
        JSON.stringify(body),
        400,
        'VALIDATION_FAILED',
      ]);
    }
    const other = await funded(0);
    await pay(other, c.id, { amountFen: SEED }).expect(404);
    await pay(s, randomUUID(), { amountFen: SEED }).expect(404);
    expect((await state(s, c.id)).status).toBe('approved');
  });
});
