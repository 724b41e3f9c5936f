import { randomUUID } from 'node:crypto';
import { endJobTick, objection, paidCase, publish } from '../support/disclosure-fixtures';
import { TestSociety } from '../support/fixtures';
import { withTestApp } from '../support/test-app';

/** API.md "Disclosures": reading notices, withdrawing one, and the end of the period (the job). */
describe('Disclosures: list, withdraw, and the end of the period', () => {
  const t = withTestApp();
  const DAY = 86_400_000;

  async function funded(): Promise<TestSociety> {
    const soc = await t.fx.society({ board: 3 });
    await t.fx.donation(soc, { amountFen: 1_000_000 });
    return soc;
  }

  const statusOf = async (soc: TestSociety, caseId: string) =>
    (await t.http.get(`${soc.url}/cases/${caseId}`).set(soc.secretary.auth).expect(200)).body
      .status as string;

  const withdraw = (soc: TestSociety, did: string, body: object = { reason: '公示信息有误' }) =>
    t.http.post(`${soc.url}/disclosures/${did}/withdraw`).set(soc.secretary.auth).send(body);

  afterEach(() => t.clock.reset());

  describe('GET …/disclosures and …/disclosures/:did', () => {
    it('lists newest first, by status, a page at a time, to every reader of the society', async () => {
      const soc = await funded();
      t.clock.set('2026-11-30T02:00:00Z');
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const c = await paidCase(t, soc, { amountFen: 10_000 });
        t.clock.advance(60_000);
        ids.push((await publish(t, soc, [c.id])).id);
      }
      await withdraw(soc, ids[0]).expect(200);

      const all = await t.http.get(`${soc.url}/disclosures`).set(soc.board.auth).expect(200);
      expect(all.body.items.map((d: { id: string }) => d.id)).toEqual([...ids].reverse());
      expect(all.body.nextCursor).toBeNull();
      const withdrawn = await t.http
        .get(`${soc.url}/disclosures?status=withdrawn`)
        .set(soc.supervisor.auth)
        .expect(200);
      expect(withdrawn.body.items.map((d: { id: string }) => d.id)).toEqual([ids[0]]);
      const first = await t.http.get(`${soc.url}/disclosures?limit=2`).set(soc.treasurer.auth).expect(200);
      expect(first.body.items).toHaveLength(2);
      const rest = await t.http
        .get(`${soc.url}/disclosures?limit=2&cursor=${first.body.nextCursor}`)
        .set(soc.treasurer.auth)
        .expect(200);
      expect(rest.body).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
      await t.http.get(`${soc.url}/disclosures?status=closed`).set(soc.secretary.auth).expect(400);
      await t.http.get(`${soc.url}/disclosures?cursor=bogus`).set(soc.secretary.auth).expect(400);
    });

    it('answers one notice, 404 for another society’s, an unknown id or one that is no UUID', async () => {
      const soc = await funded();
      const d = await publish(t, soc, [(await paidCase(t, soc, { amountFen: 10_000 })).id]);
      const got = await t.http.get(`${soc.url}/disclosures/${d.id}`).set(soc.secretary.auth).expect(200);
      expect(got.body).toEqual(d);
      const other = await t.fx.society({ roles: ['secretary'] });
      for (const url of [`${other.url}/disclosures/${d.id}`, `${other.url}/disclosures/${randomUUID()}`]) {
        const res = await t.http.get(url).set(other.secretary.auth).expect(404);
        expect(res.body.details).toEqual({ entity: 'disclosure' });
      }
      await t.http.get(`${soc.url}/disclosures/not-a-uuid`).set(soc.secretary.auth).expect(404);
    });
  });

  describe('POST …/disclosures/:did/withdraw', () => {
    it('takes an active notice down: its cases return to paid and may be published again', async () => {
      const soc = await funded();
      const [a, b] = [
        await paidCase(t, soc, { amountFen: 10_000 }),
        await paidCase(t, soc, { amountFen: 20_000 }),
      ];
      const d = await publish(t, soc, [a.id, b.id]);
      const res = await withdraw(soc, d.id, { reason: '  公示信息有误，更正后重新公示 ' }).expect(200);
      expect(res.body).toMatchObject({
        id: d.id,
        status: 'withdrawn',
        withdrawnAt: expect.any(String),
        withdrawReason: '公示信息有误，更正后重新公示',
        items: d.items, // the internal view still shows what was published
        endedAt: null,
      });
      expect([await statusOf(soc, a.id), await statusOf(soc, b.id)]).toEqual(['paid', 'paid']);
      const audit = await t.http.get(`${soc.url}/audit?limit=200`).set(soc.secretary.auth).expect(200);
      expect(
        audit.body.items.find((e: { action: string }) => e.action === 'disclosure.withdrawn').data,
      ).toEqual({
        noticeNo: d.noticeNo,
        caseNos: [a.caseNo, b.caseNo],
        reason: '公示信息有误，更正后重新公示',
      });

      const again = await withdraw(soc, d.id).expect(409);
      expect(again.body.code).toBe('DISCLOSURE_NOT_ACTIVE');
      const republished = await t.http
        .post(`${soc.url}/disclosures`)
        .set(soc.secretary.auth)
        .send({ caseIds: [a.id] })
        .expect(201);
      expect(republished.body.noticeNo).not.toBe(d.noticeNo);
    });

    it('is refused while an objection is open or a case disputed, and past the end of the period', async () => {
      const soc = await funded();
      const [a, b] = [
        await paidCase(t, soc, { amountFen: 10_000 }),
        await paidCase(t, soc, { amountFen: 20_000 }),
      ];
      const d = await publish(t, soc, [a.id, b.id]);
      const o = await objection(t, d.id, { caseNo: a.caseNo });
      const open = await withdraw(soc, d.id).expect(409);
      expect(open.body).toMatchObject({
        code: 'INVALID_STATE',
        details: { openObjections: 1, disputedCases: [] },
      });

      await t.http
        .post(`${soc.url}/objections/${o.id}/resolution`)
        .set(soc.supervisor.auth)
        .send({ decision: 'upheld', response: '情况属实' })
        .expect(200);
      const disputed = await withdraw(soc, d.id).expect(409);
      expect(disputed.body.details).toEqual({ openObjections: 0, disputedCases: [a.caseNo] });
      expect([await statusOf(soc, a.id), await statusOf(soc, b.id)]).toEqual(['disputed', 'publicized']);

      const later = await publish(t, soc, [(await paidCase(t, soc, { amountFen: 10_000 })).id]);
      t.clock.set(new Date(new Date(later.endsAt).getTime() + 1000));
      const late = await withdraw(soc, later.id).expect(409);
      expect(late.body.code).toBe('DISCLOSURE_NOT_ACTIVE');
    });

    it('races an objection consistently (real parallel requests): withdrawn without it, or refused with it', async () => {
      const soc = await funded();
      for (let round = 0; round < 4; round++) {
        const d = await publish(t, soc, [(await paidCase(t, soc, { amountFen: 10_000 })).id]);
        const [w, o] = await Promise.all([
          withdraw(soc, d.id),
          t.http.post(`/api/v1/public/disclosures/${d.id}/objections`).send({ content: '有误' }),
        ]);
        const objections = await t.db.query(
          `SELECT count(*)::int AS n FROM objections WHERE disclosure_id = $1`,
          [d.id],
        );
        if (w.status === 200) {
          expect([o.status, o.body.code, objections.rows[0].n]).toEqual([409, 'DISCLOSURE_NOT_ACTIVE', 0]);
        } else {
          expect([w.status, w.body.code, o.status, objections.rows[0].n]).toEqual([
            409,
            'INVALID_STATE',
            201,
            1,
          ]);
        }
      }
    });

    it('400 for a blank or missing reason; 404 for a notice of another society', async () => {
      const soc = await funded();
      const d = await publish(t, soc, [(await paidCase(t, soc, { amountFen: 10_000 })).id]);
      for (const body of [{}, { reason: ' \u3000 ' }, { reason: '理'.repeat(501) }]) {
        const res = await withdraw(soc, d.id, body).expect(400);
        expect(Object.keys(res.body.details)).toEqual(['reason']);
      }
      const other = await t.fx.society({ roles: ['secretary'] });
      await t.http
        .post(`${other.url}/disclosures/${d.id}/withdraw`)
        .set(other.secretary.auth)
        .send({ reason: '误发' })
        .expect(404);
      const still = await t.http.get(`${soc.url}/disclosures/${d.id}`).set(soc.secretary.auth).expect(200);
      expect(still.body.status).toBe('active');
    });
  });

  describe('the end job (disclosures.end-expired)', () => {
    it('ends a notice at the end of its period and closes its settled cases; idempotent; catches up', async () => {
      const soc = await funded();
      t.clock.set('2026-11-30T02:00:00Z');
      const [a, b, x] = [
        await paidCase(t, soc, { amountFen: 10_000 }),
        await paidCase(t, soc, { amountFen: 20_000 }),
        await paidCase(t, soc, { amountFen: 30_000 }),
      ];
      const d1 = await publish(t, soc, [a.id, b.id]);
      t.clock.advance(DAY);
      const d2 = await publish(t, soc, [x.id]);

      // A second before the end: nothing is due.
      t.clock.set(new Date(new Date(d1.endsAt).getTime() - 1000));
      expect(await endJobTick(t)).toMatchObject({ ran: true, done: 0 });

      // Down for two weeks: the first tick after restart ends both.
      t.clock.set(new Date(new Date(d2.endsAt).getTime() + 14 * DAY));
      const now = t.clock.now().toISOString();
      // The job works across societies: other tests' notices fall due too.
      const due = await t.db.query(
        `SELECT count(*)::int AS n FROM disclosures WHERE status = 'active' AND ends_at <= $1`,
        [now],
      );
      expect(due.rows[0].n).toBeGreaterThanOrEqual(2);
      expect(await endJobTick(t)).toMatchObject({ ran: true, done: due.rows[0].n, failed: false });
      for (const d of [d1, d2]) {
        const got = await t.http.get(`${soc.url}/disclosures/${d.id}`).set(soc.secretary.auth).expect(200);
        expect(got.body).toMatchObject({ status: 'ended', endedAt: now });
      }
      expect([await statusOf(soc, a.id), await statusOf(soc, b.id), await statusOf(soc, x.id)]).toEqual([
        'closed',
        'closed',
        'closed',
      ]);
      expect(await endJobTick(t)).toMatchObject({ ran: true, done: 0 });
      const audit = await t.http.get(`${soc.url}/audit?limit=200`).set(soc.secretary.auth).expect(200);
      const ended = audit.body.items.filter((e: { action: string }) => e.action === 'disclosure.ended');
      expect(ended.map((e: { data: unknown }) => e.data)).toEqual([
        { noticeNo: d1.noticeNo, closedCaseNos: [a.caseNo, b.caseNo] },
        { noticeNo: d2.noticeNo, closedCaseNos: [x.caseNo] },
      ]);
      expect(ended.every((e: { actorId: string | null }) => e.actorId === null)).toBe(true);
    });

    it('leaves open a case an objection names, and every case while one names the whole notice', async () => {
      const soc = await funded();
      const [a, b] = [
        await paidCase(t, soc, { amountFen: 10_000 }),
        await paidCase(t, soc, { amountFen: 20_000 }),
      ];
      const [c, e] = [
        await paidCase(t, soc, { amountFen: 10_000 }),
        await paidCase(t, soc, { amountFen: 20_000 }),
      ];
      const one = await publish(t, soc, [a.id, b.id]);
      const whole = await publish(t, soc, [c.id, e.id]);
      await objection(t, one.id, { caseNo: a.caseNo });
      await objection(t, whole.id);
      t.clock.set(new Date(new Date(whole.endsAt).getTime() + 1000));
      expect(await endJobTick(t)).toMatchObject({ failed: false });
      expect(await Promise.all([a, b, c, e].map((k) => statusOf(soc, k.id)))).toEqual([
        'publicized',
        'closed',
        'publicized',
        'publicized',
      ]);
    });

    it('leaves a withdrawn notice alone', async () => {
      const soc = await funded();
      const a = await paidCase(t, soc, { amountFen: 10_000 });
      const d = await publish(t, soc, [a.id]);
      await withdraw(soc, d.id).expect(200);
      t.clock.set(new Date(new Date(d.endsAt).getTime() + DAY));
      expect(await endJobTick(t)).toMatchObject({ failed: false });
      expect(await statusOf(soc, a.id)).toBe('paid');
      const got = await t.http.get(`${soc.url}/disclosures/${d.id}`).set(soc.secretary.auth).expect(200);
      expect(got.body).toMatchObject({ status: 'withdrawn', endedAt: null });
    });
  });
});
