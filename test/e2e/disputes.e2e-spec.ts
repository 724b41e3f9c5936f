import { randomUUID } from 'node:crypto';
import { endJobTick, objection, paidCase, publish } from '../support/disclosure-fixtures';
import { TestSociety } from '../support/fixtures';
import { withTestApp } from '../support/test-app';

/**
 * Disputes at their edges, through the HTTP API (objections.e2e-spec.ts, disclosure-lifecycle.e2e-spec.ts
 * and recovery.e2e-spec.ts cover each route on its own): objections resolved after the period ended,
 * several objections upheld on one case, and the recovery bounded by what was paid.
 */
describe('Disputes: objections upheld late or twice, and what a recovery may take back', () => {
  const t = withTestApp();

  async function funded(): Promise<TestSociety> {
    const soc = await t.fx.society({ board: 3 });
    await t.fx.donation(soc, { amountFen: 2_000_000 });
    return soc;
  }

  const resolve = (soc: TestSociety, oid: string, body: object) =>
    t.http.post(`${soc.url}/objections/${oid}/resolution`).set(soc.supervisor.auth).send(body);
  const upheld = (soc: TestSociety, oid: string) =>
    resolve(soc, oid, { decision: 'upheld', response: '经核查，异议成立' });
  const recover = (soc: TestSociety, caseId: string, amountFen: number) =>
    t.http
      .post(`${soc.url}/cases/${caseId}/recovery`)
      .set(soc.treasurer.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ amountFen });
  const caseOf = async (soc: TestSociety, caseId: string) =>
    (await t.http.get(`${soc.url}/cases/${caseId}`).set(soc.secretary.auth).expect(200)).body;
  const statuses = async (soc: TestSociety, ...cases: { id: string }[]) =>
    Promise.all(cases.map(async (c) => (await caseOf(soc, c.id)).status as string));
  const disputes = async (soc: TestSociety, caseId: string) =>
    (await caseOf(soc, caseId)).timeline.filter((e: { action: string }) => e.action === 'dispute');
  const auditOf = async (soc: TestSociety, action: string) =>
    (await t.http.get(`${soc.url}/audit?limit=200`).set(soc.supervisor.auth).expect(200)).body.items.filter(
      (e: { action: string }) => e.action === action,
    );
  const recoveries = async (soc: TestSociety) =>
    (
      await t.http.get(`${soc.url}/fund/entries?limit=200`).set(soc.treasurer.auth).expect(200)
    ).body.items.filter((e: { kind: string }) => e.kind === 'recovery');
  const reconciles = async (soc: TestSociety) => {
    const r = await t.http.get(`${soc.url}/fund/reconciliation`).set(soc.treasurer.auth).expect(200);
    expect(r.body).toMatchObject({ ok: true, unbalancedEntries: 0, seqGapFree: true });
  };

  afterEach(() => t.clock.reset());

  describe('an objection upheld after the period ended', () => {
    it('puts its own case in dispute and closes only the cases no open objection holds any more', async () => {
      const soc = await funded();
      const [a, b, c] = [
        await paidCase(t, soc, { amountFen: 10_000 }),
        await paidCase(t, soc, { amountFen: 20_000 }),
        await paidCase(t, soc, { amountFen: 30_000 }),
      ];
      const d = await publish(t, soc, [a.id, b.id, c.id]);
      // Another notice of the society, in its period with an objection of its own: never touched here.
      const x = await paidCase(t, soc, { amountFen: 10_000 });
      const other = await publish(t, soc, [x.id]);
      await objection(t, other.id, { caseNo: x.caseNo });
      const onA = await objection(t, d.id, { caseNo: a.caseNo });
      const onB = await objection(t, d.id, { caseNo: b.caseNo });
      const whole = await objection(t, d.id);

      // The period ends with all three objections open: the notice ends, no case closes.
      t.clock.set(new Date(new Date(d.endsAt).getTime() + 1000));
      await endJobTick(t);
      expect(await statuses(soc, a, b, c, x)).toEqual([
        'publicized',
        'publicized',
        'publicized',
        'publicized',
      ]);
      expect((await t.http.get(`/api/v1/public/disclosures/${d.id}`).expect(200)).body.status).toBe('ended');

      // A's objection upheld: A into dispute; B (its own objection) and C (the whole-notice one) held.
      expect((await upheld(soc, onA.id).expect(200)).body.disputedCaseId).toBe(a.id);
      expect(await statuses(soc, a, b, c)).toEqual(['disputed', 'publicized', 'publicized']);

      // The whole-notice objection dismissed: C is settled and closes; B still waits for its own.
      await resolve(soc, whole.id, { decision: 'dismissed', response: '不成立' }).expect(200);
      expect(await statuses(soc, a, b, c)).toEqual(['disputed', 'publicized', 'closed']);

      // B's upheld: B into dispute too; nothing closes, nothing closed reopens.
      await upheld(soc, onB.id).expect(200);
      expect(await statuses(soc, a, b, c)).toEqual(['disputed', 'disputed', 'closed']);
      const resolved = await auditOf(soc, 'objection.resolved');
      expect(
        resolved.map(
          (e: { data: { decision: string; disputedCaseNo: string | null; closedCaseNos: string[] } }) => [
            e.data.decision,
            e.data.disputedCaseNo,
            e.data.closedCaseNos,
          ],
        ),
      ).toEqual([
        ['upheld', a.caseNo, []],
        ['dismissed', null, [c.caseNo]],
        ['upheld', b.caseNo, []],
      ]);

      // The job again: the disputed cases stay disputed until recovered or cleared.
      await endJobTick(t);
      expect(await statuses(soc, a, b, c)).toEqual(['disputed', 'disputed', 'closed']);
      await recover(soc, a.id, 10_000).expect(201);
      await t.http
        .post(`${soc.url}/cases/${b.id}/clear`)
        .set(soc.supervisor.auth)
        .send({ reason: '复核后不予追回' })
        .expect(200);
      expect(await statuses(soc, a, b, c, x)).toEqual(['recovered', 'closed', 'closed', 'publicized']);
      // Each case moved once per step: one dispute, one end.
      expect((await caseOf(soc, c.id)).timeline.slice(-2)).toMatchObject([
        { action: 'publicize' },
        { action: 'end_disclosure', actor: soc.supervisor.id },
      ]);
      expect([(await disputes(soc, a.id)).length, (await disputes(soc, b.id)).length]).toEqual([1, 1]);
      await reconciles(soc);
    });
  });

  describe('two objections to the same case, both upheld', () => {
    it('one after the other: one dispute, and the money recovered once', async () => {
      const soc = await funded();
      const c = await paidCase(t, soc, { amountFen: 50_000 });
      const d = await publish(t, soc, [c.id]);
      const first = await objection(t, d.id, { caseNo: c.caseNo, content: '该户有两套房' });
      const second = await objection(t, d.id, { caseNo: c.caseNo, content: '该户今年买了新车' });
      t.clock.set(new Date(Date.now() + 60_000));

      const one = await upheld(soc, first.id).expect(200);
      const two = await upheld(soc, second.id).expect(200);
      expect([one.body.disputedCaseId, two.body.disputedCaseId]).toEqual([c.id, c.id]);
      for (const o of [first, second]) {
        const tracked = await t.http.get(`/api/v1/public/objections/${o.trackingCode}`).expect(200);
        expect(tracked.body.status).toBe('upheld');
      }
      expect(await disputes(soc, c.id)).toEqual([
        expect.objectContaining({ at: one.body.resolvedAt, actor: soc.supervisor.id }),
      ]);
      expect(await auditOf(soc, 'case.dispute')).toHaveLength(1);

      await recover(soc, c.id, 50_000).expect(201);
      const again = await recover(soc, c.id, 50_000).expect(409);
      expect(again.body).toMatchObject({
        code: 'INVALID_STATE',
        details: { status: 'recovered', action: 'recover' },
      });
      expect(await recoveries(soc)).toHaveLength(1);
      expect((await caseOf(soc, c.id)).status).toBe('recovered');
      await reconciles(soc);
    });

    it('at the same moment (real parallel requests): both upheld, one dispute', async () => {
      const soc = await funded();
      const c = await paidCase(t, soc, { amountFen: 50_000 });
      const d = await publish(t, soc, [c.id]);
      const os = [
        await objection(t, d.id, { caseNo: c.caseNo }),
        await objection(t, d.id, { caseNo: c.caseNo }),
      ];
      const answers = await Promise.all(os.map((o) => upheld(soc, o.id)));
      expect(answers.map((r) => [r.status, r.body.disputedCaseId])).toEqual([
        [200, c.id],
        [200, c.id],
      ]);
      expect(await disputes(soc, c.id)).toHaveLength(1);
      expect((await caseOf(soc, c.id)).status).toBe('disputed');
    });

    it('the second after the money came back: upheld too, the case stays recovered', async () => {
      const soc = await funded();
      const c = await paidCase(t, soc, { amountFen: 50_000 });
      const d = await publish(t, soc, [c.id]);
      const first = await objection(t, d.id, { caseNo: c.caseNo });
      const second = await objection(t, d.id, { caseNo: c.caseNo });
      await upheld(soc, first.id).expect(200);
      await recover(soc, c.id, 50_000).expect(201);
      const before = await caseOf(soc, c.id);

      const res = await upheld(soc, second.id).expect(200);
      expect(res.body).toMatchObject({ status: 'upheld', disputedCaseId: c.id });
      expect(await caseOf(soc, c.id)).toEqual(before);
      expect(await recoveries(soc)).toHaveLength(1);
      const tracked = await t.http.get(`/api/v1/public/objections/${second.trackingCode}`).expect(200);
      expect(tracked.body).toMatchObject({ status: 'upheld', response: '经核查，异议成立' });
      await reconciles(soc);
    });

    it('the second after the dispute was cleared: not upheld (409, the case stays closed), dismissed', async () => {
      const soc = await funded();
      const c = await paidCase(t, soc, { amountFen: 50_000 });
      const d = await publish(t, soc, [c.id]);
      const first = await objection(t, d.id, { caseNo: c.caseNo });
      const second = await objection(t, d.id, { caseNo: c.caseNo });
      await upheld(soc, first.id).expect(200);
      await t.http
        .post(`${soc.url}/cases/${c.id}/clear`)
        .set(soc.supervisor.auth)
        .send({ reason: '复核后维持救助' })
        .expect(200);
      const before = await caseOf(soc, c.id);

      const refused = await upheld(soc, second.id).expect(409);
      expect(refused.body).toMatchObject({
        code: 'INVALID_STATE',
        details: { caseNo: c.caseNo, status: 'closed' },
      });
      expect(await caseOf(soc, c.id)).toEqual(before);
      await resolve(soc, second.id, { decision: 'dismissed', response: '已复核，维持救助' }).expect(200);
      expect(await caseOf(soc, c.id)).toEqual(before);
    });
  });

  describe('the amount of a recovery', () => {
    it('is bounded by what was paid, not by what was approved', async () => {
      const soc = await funded();
      const c = await t.fx.approvedCase(soc, { amountFen: 200_000 });
      await t.http
        .post(`${soc.url}/cases/${c.id}/payment`)
        .set(soc.treasurer.auth)
        .send({ amountFen: 120_000 })
        .expect(201);
      const d = await publish(t, soc, [c.id]);
      await upheld(soc, (await objection(t, d.id, { caseNo: c.caseNo })).id).expect(200);

      const over = await recover(soc, c.id, 120_001).expect(422);
      expect(over.body).toMatchObject({ code: 'AMOUNT_EXCEEDS_APPROVED', details: { paidFen: 120_000 } });
      expect(await recoveries(soc)).toEqual([]);
      expect((await caseOf(soc, c.id)).status).toBe('disputed');
      await recover(soc, c.id, 120_000).expect(201);
      const fund = await t.http.get(`${soc.url}/fund`).set(soc.treasurer.auth).expect(200);
      expect(fund.body).toMatchObject({
        balanceFen: 2_000_000,
        heldFen: 0,
        totals: { aidPaidFen: 120_000, recoveredFen: 120_000 },
      });
      await reconciles(soc);
    });
  });
});
