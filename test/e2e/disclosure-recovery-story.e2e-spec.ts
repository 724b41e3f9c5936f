import { endJobTick } from '../support/disclosure-fixtures';
import { testIdNumber, TestSociety } from '../support/fixtures';
import { withTestApp } from '../support/test-app';

/**
 * The second story of issue 9, through the HTTP API as each role would act (the fixtures only set up
 * the society, the gifts and the two cases approved by real votes): the treasurer pays 小王 (化名)
 * 1,500 yuan and another family 800; the secretary publishes both in one notice; a neighbour objects
 * to 小王's item, another resident to the whole notice; the supervisor dismisses the second and
 * upholds the first, so 小王's case goes into dispute; the period ends and the other case closes, the
 * disputed one does not. Then either the money comes back (the treasurer records the recovery, once
 * even when the request is retried) and the fund is where it was before the payment, or the
 * supervisors clear the dispute and the case closes with the money paid.
 */
describe('The second story: an upheld objection, the money recovered or the dispute cleared', () => {
  const t = withTestApp();
  const AID = 150_000; // 1,500 yuan
  const OTHER = 80_000;

  type Line = { account: string; debitFen: number; creditFen: number };
  type Entry = { id: string; kind: string; memo: string | null; lines: Line[]; ref: { id: string } | null };

  const get = async (s: TestSociety, path: string, who = s.secretary) =>
    (await t.http.get(`${s.url}${path}`).set(who.auth).expect(200)).body;
  const caseOf = (s: TestSociety, id: string) => get(s, `/cases/${id}`);
  const entriesOf = async (s: TestSociety): Promise<Entry[]> =>
    (await get(s, '/fund/entries?limit=200', s.treasurer)).items;
  const actions = (c: { timeline: { action: string }[] }) => c.timeline.map((e) => e.action);

  afterEach(() => t.clock.reset());

  /** From the gifts to the upheld objection: 小王's case `disputed`, the notice still in its period. */
  async function upToTheDispute() {
    t.clock.set('2026-11-28T02:00:00Z'); // 10:00 in Shanghai
    const soc = await t.fx.society({ board: 5 });
    const donor = await t.fx.donor(soc, { kind: 'enterprise', name: '池州某某建材有限公司' });
    await t.fx.donation(soc, { donor, amountFen: 800_000, receivedAt: '2026-11-28' });
    await t.fx.donation(soc, { amountFen: 200_000, channel: 'cash', receivedAt: '2026-11-28' });

    // Both cases approved by real votes the evening of 11-29.
    t.clock.set('2026-11-29T11:00:00Z');
    const wang = await t.fx.approvedCase(soc, {
      amountFen: AID,
      pseudonym: '小王',
      category: 'accident',
      applicant: { name: '王某某', idNumber: testIdNumber('19750302', 417) },
    });
    const other = await t.fx.approvedCase(soc, {
      amountFen: OTHER,
      pseudonym: '小陈',
      category: 'fire',
      applicant: { name: '陈某某', idNumber: testIdNumber('19660911', 518) },
    });

    // The next morning the cashier pays the other family, then 小王: from here on, all through HTTP.
    t.clock.set('2026-11-30T01:30:00Z');
    const pay = (caseId: string, amountFen: number, reference: string) =>
      t.http
        .post(`${soc.url}/cases/${caseId}/payment`)
        .set(soc.treasurer.auth)
        .send({ amountFen, account: 'bank', reference })
        .expect(201);
    await pay(other.id, OTHER, '农行转账 0001');
    const beforePayment = await get(soc, '/fund', soc.treasurer);
    expect(beforePayment).toMatchObject({ balanceFen: 1_000_000 - OTHER, heldFen: AID });
    const payment = (await pay(wang.id, AID, '农行转账 0002')).body;
    expect(payment).toMatchObject({ caseId: wang.id, amountFen: AID });

    // That afternoon the secretary posts one notice of both.
    t.clock.set('2026-11-30T06:00:00Z');
    const notice = (
      await t.http
        .post(`${soc.url}/disclosures`)
        .set(soc.secretary.auth)
        .send({ caseIds: [wang.id, other.id], note: '公示期内如有异议，请向本社监事会反映。' })
        .expect(201)
    ).body;
    expect(notice).toMatchObject({
      status: 'active',
      periodFrom: '2026-11-30',
      periodTo: '2026-12-06',
      endsAt: '2026-12-06T16:00:00.000Z',
    });
    expect(notice.items.map((i: { displayName: string }) => i.displayName).sort()).toEqual(
      ['小王（化名）', '小陈（化名）'].sort(),
    );
    const did = notice.id as string;

    // Two residents read the public notice and object: one to 小王's item, one to the whole notice.
    t.clock.set('2026-12-02T03:00:00Z');
    const published = await t.http.get(`/api/v1/public/disclosures/${did}`).expect(200);
    expect(published.body.items).toEqual(notice.items);
    const object = (body: object) =>
      t.http.post(`/api/v1/public/disclosures/${did}/objections`).send(body).expect(201);
    const itemCode = (
      await object({
        content: '小王家在城里有两套房，今年还买了新车，不符合救助条件。',
        caseNo: wang.caseNo,
        contactName: '赵某',
        contactPhone: '13955667788',
      })
    ).body.trackingCode as string;
    t.clock.advance(3_600_000);
    const wholeCode = (await object({ content: '为什么公示里不写清楚受助人住在哪个村？' })).body
      .trackingCode as string;

    // The supervisor reads both and decides the next day.
    const open = (await get(soc, '/objections?status=open', soc.supervisor)).items as {
      id: string;
      caseNo: string | null;
      contactName: string | null;
      contactPhone: string | null;
    }[];
    expect(open.map((o) => [o.caseNo, o.contactName, o.contactPhone])).toEqual([
      [null, null, null],
      [wang.caseNo, '赵*', '139****7788'],
    ]);
    const [whole, item] = open;
    t.clock.set('2026-12-03T08:00:00Z');
    const resolve = (oid: string, body: object) =>
      t.http.post(`${soc.url}/objections/${oid}/resolution`).set(soc.supervisor.auth).send(body).expect(200);
    const dismissed = await resolve(whole.id, {
      decision: 'dismissed',
      response: '为保护受助人隐私，公示不含住址，异议不成立。',
    });
    expect(dismissed.body).toMatchObject({ status: 'dismissed', disputedCaseId: null });
    t.clock.advance(3_600_000);
    const upheld = await resolve(item.id, {
      decision: 'upheld',
      response: '经入户核查，该户确有房产和车辆，异议成立，救助款予以追回。',
    });
    expect(upheld.body).toMatchObject({ status: 'upheld', disputedCaseId: wang.id });
    expect((await caseOf(soc, wang.id)).status).toBe('disputed');
    expect((await caseOf(soc, other.id)).status).toBe('publicized');

    return { soc, wang, other, did, itemCode, wholeCode, beforePayment, payment };
  }

  it('recovers the money: the fund back where it was before the payment, everything accounted for', async () => {
    const { soc, wang, other, did, itemCode, wholeCode, beforePayment, payment } = await upToTheDispute();

    // The period ends at 00:00 on 12-07 in Shanghai: the other case closes, the disputed one does not.
    t.clock.set('2026-12-06T16:01:00Z');
    expect(await endJobTick(t)).toMatchObject({ ran: true, failed: false });
    expect((await caseOf(soc, other.id)).status).toBe('closed');
    expect((await caseOf(soc, wang.id)).status).toBe('disputed');
    const ended = await t.http.get(`/api/v1/public/disclosures/${did}`).expect(200);
    expect(ended.body.status).toBe('ended');

    // The family returns the money; the treasurer records it, and the app retries the request.
    t.clock.set('2026-12-08T02:00:00Z');
    const recover = () =>
      t.http
        .post(`${soc.url}/cases/${wang.id}/recovery`)
        .set(soc.treasurer.auth)
        .set('Idempotency-Key', 'story-2-recovery')
        .send({ amountFen: AID, account: 'bank', reference: '王某某退回救助款 农行流水 0107' });
    const first = await recover().expect(201);
    expect(first.body).toEqual({
      entryId: expect.any(String),
      caseId: wang.id,
      amountFen: AID,
      account: 'bank',
      recoveredAt: '2026-12-08T02:00:00.000Z',
    });
    const retried = await recover().expect(201);
    expect(retried.body).toEqual(first.body);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect((await caseOf(soc, wang.id)).status).toBe('recovered');

    // The books: reconciled, the balance as before the payment, one payment and one recovery.
    const recon = await get(soc, '/fund/reconciliation', soc.treasurer);
    expect(recon).toMatchObject({ ok: true, unbalancedEntries: 0, seqGapFree: true, heldFen: 0 });
    const fund = await get(soc, '/fund', soc.treasurer);
    expect(fund).toMatchObject({
      balanceFen: beforePayment.balanceFen,
      heldFen: 0, // before the payment 小王's approved aid was held; now nothing is
      availableFen: beforePayment.balanceFen,
      accounts: [
        { code: 'bank', balanceFen: 800_000 - OTHER },
        { code: 'cash', balanceFen: 200_000 },
        { code: 'donations', balanceFen: 1_000_000 },
        { code: 'recoveries', balanceFen: AID },
        { code: 'aid', balanceFen: OTHER + AID },
      ],
      totals: { donatedFen: 1_000_000, aidPaidFen: OTHER + AID, recoveredFen: AID },
    });
    const entries = await entriesOf(soc);
    const ofWang = entries.filter((e) => e.ref?.id === wang.id);
    expect(ofWang.map((e) => e.kind)).toEqual(['aid_payment', 'recovery']);
    const [paid, back] = ofWang;
    expect(paid).toMatchObject({ id: payment.entryId, memo: '农行转账 0002' });
    expect(paid.lines).toEqual(
      expect.arrayContaining([
        { account: 'aid', debitFen: AID, creditFen: 0 },
        { account: 'bank', debitFen: 0, creditFen: AID },
      ]),
    );
    expect(back).toMatchObject({ id: first.body.entryId, memo: '王某某退回救助款 农行流水 0107' });
    expect(back.lines).toEqual(
      expect.arrayContaining([
        { account: 'bank', debitFen: AID, creditFen: 0 },
        { account: 'recoveries', debitFen: 0, creditFen: AID },
      ]),
    );
    for (const e of [paid, back]) expect(e.lines).toHaveLength(2);
    expect(entries.filter((e) => e.kind === 'recovery')).toHaveLength(1);

    // The public board agrees with the books: gifts in, aid out (both cases, as paid), the balance.
    const board = await t.http.get(`/api/v1/public/societies/${soc.id}`).expect(200);
    expect(board.body.fund).toEqual({
      balanceFen: fund.balanceFen,
      donatedThisYearFen: fund.totals.donatedFen,
      aidPaidThisYearFen: fund.totals.aidPaidFen,
      recoveredThisYearFen: 150_000,
      aidedThisYear: 2,
    });
    // A resident can follow the money from the public page alone.
    expect(board.body.fund.balanceFen).toBe(
      board.body.fund.donatedThisYearFen -
        board.body.fund.aidPaidThisYearFen +
        board.body.fund.recoveredThisYearFen,
    );

    // The audit chain verifies; each resident reads the answer to their objection.
    const verified = await get(soc, '/audit/verification', soc.supervisor);
    expect(verified).toMatchObject({ ok: true, checked: expect.any(Number) });
    expect(verified.firstBrokenSeq).toBeUndefined();
    const tracked = async (code: string) =>
      (await t.http.get(`/api/v1/public/objections/${code}`).expect(200)).body;
    expect(await tracked(itemCode)).toEqual({
      status: 'upheld',
      response: '经入户核查，该户确有房产和车辆，异议成立，救助款予以追回。',
      createdAt: '2026-12-02T03:00:00.000Z',
      resolvedAt: '2026-12-03T09:00:00.000Z',
    });
    expect(await tracked(wholeCode)).toEqual({
      status: 'dismissed',
      response: '为保护受助人隐私，公示不含住址，异议不成立。',
      createdAt: '2026-12-02T04:00:00.000Z',
      resolvedAt: '2026-12-03T08:00:00.000Z',
    });

    // The case's timeline tells the story in order; the other case's ends with the period.
    const timeline = (await caseOf(soc, wang.id)).timeline as { at: string; action: string; actor: string }[];
    expect(timeline.map((e) => e.action)).toEqual([
      'created',
      'open_vote',
      'approve',
      'pay',
      'publicize',
      'dispute',
      'recover',
    ]);
    expect(timeline.slice(-3)).toEqual([
      { at: '2026-11-30T06:00:00.000Z', action: 'publicize', actor: soc.secretary.id },
      { at: '2026-12-03T09:00:00.000Z', action: 'dispute', actor: soc.supervisor.id },
      { at: '2026-12-08T02:00:00.000Z', action: 'recover', actor: soc.treasurer.id },
    ]);
    expect(actions(await caseOf(soc, other.id)).slice(-2)).toEqual(['publicize', 'end_disclosure']);
  });

  it('clears the dispute instead: the case closes with the money paid, no recovery, the books still reconcile', async () => {
    const { soc, wang, other, beforePayment } = await upToTheDispute();
    const clear = (caseId: string) =>
      t.http
        .post(`${soc.url}/cases/${caseId}/clear`)
        .set(soc.supervisor.auth)
        .send({ reason: '复核后确认房产已于年初出售用于治疗，维持救助决定。' });

    // Only a disputed case can be cleared: the other one, merely publicized, is refused.
    t.clock.set('2026-12-04T02:00:00Z');
    expect((await clear(other.id).expect(409)).body).toMatchObject({
      code: 'INVALID_STATE',
      details: { status: 'publicized', action: 'clear' },
    });
    const cleared = await clear(wang.id).expect(200);
    expect(cleared.body).toMatchObject({ status: 'closed', allowedActions: [] });
    expect(actions(cleared.body)).toEqual([
      'created',
      'open_vote',
      'approve',
      'pay',
      'publicize',
      'dispute',
      'clear',
    ]);

    // The period ends: the other case closes too; the cleared one is left as it is.
    t.clock.set('2026-12-06T16:01:00Z');
    expect(await endJobTick(t)).toMatchObject({ ran: true, failed: false });
    expect((await caseOf(soc, other.id)).status).toBe('closed');
    expect(actions(await caseOf(soc, wang.id)).at(-1)).toBe('clear');

    // No money came back: the fund is short of the payment, and it all reconciles.
    const recon = await get(soc, '/fund/reconciliation', soc.treasurer);
    expect(recon).toMatchObject({ ok: true, unbalancedEntries: 0, seqGapFree: true });
    const fund = await get(soc, '/fund', soc.treasurer);
    expect(fund).toMatchObject({
      balanceFen: beforePayment.balanceFen - AID,
      totals: { donatedFen: 1_000_000, aidPaidFen: OTHER + AID, recoveredFen: 0 },
    });
    const entries = await entriesOf(soc);
    expect(entries.filter((e) => e.kind === 'recovery')).toEqual([]);
    expect(entries.filter((e) => e.ref?.id === wang.id).map((e) => e.kind)).toEqual(['aid_payment']);
    const board = await t.http.get(`/api/v1/public/societies/${soc.id}`).expect(200);
    expect(board.body.fund).toMatchObject({ balanceFen: fund.balanceFen, aidPaidThisYearFen: OTHER + AID });
    expect((await get(soc, '/audit/verification', soc.supervisor)).ok).toBe(true);
  });
});
