import { randomUUID } from 'node:crypto';
import { PiiCipher } from '../../src/common/crypto/pii-cipher';
import { endJobTick, objection, paidCase, publish } from '../support/disclosure-fixtures';
import { TestSociety } from '../support/fixtures';
import { dumpAllRows, encodedForms } from '../support/plaintext-scan';
import { TEST_PII_KEY, withTestApp } from '../support/test-app';

/** API.md "Disclosures … and objections": residents object; the supervisors resolve. */
describe('Objections', () => {
  const t = withTestApp();
  const CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

  async function notice(cases = 2) {
    const soc = await t.fx.society({ board: 3 });
    await t.fx.donation(soc, { amountFen: 1_000_000 });
    const paid = [];
    for (let i = 0; i < cases; i++) paid.push(await paidCase(t, soc, { amountFen: 10_000 * (i + 1) }));
    const d = await publish(
      t,
      soc,
      paid.map((c) => c.id),
    );
    return { soc, d, cases: paid };
  }

  const submit = (did: string, body: object) =>
    t.http.post(`/api/v1/public/disclosures/${did}/objections`).send(body);
  const resolve = (soc: TestSociety, oid: string, body: object, who = soc.supervisor) =>
    t.http.post(`${soc.url}/objections/${oid}/resolution`).set(who.auth).send(body);
  const statusOf = async (soc: TestSociety, caseId: string) =>
    (await t.http.get(`${soc.url}/cases/${caseId}`).set(soc.secretary.auth).expect(200)).body
      .status as string;

  afterEach(() => t.clock.reset());

  describe('POST /public/disclosures/:did/objections', () => {
    it('takes an objection without signing in: a tracking code; contacts encrypted; audited without them', async () => {
      const { soc, d, cases } = await notice();
      const name = '李秀英';
      const phone = '13955661234';
      const res = await submit(d.id, {
        content: '  据我所知，该户今年已获得过同类救助。 ',
        caseNo: cases[1].caseNo,
        contactName: name,
        contactPhone: `+86 ${phone}`,
      }).expect(201);
      expect(res.body).toEqual({ trackingCode: expect.stringMatching(CODE) });

      const [row] = (
        await t.db.query(`SELECT * FROM objections WHERE tracking_code = $1`, [
          res.body.trackingCode.replace(/-/g, ''),
        ])
      ).rows;
      expect(row).toMatchObject({
        society_id: soc.id,
        disclosure_id: d.id,
        case_id: cases[1].id,
        content: null, // the resident's words are encrypted too (migration 1765400000000)
        status: 'open',
      });
      expect(new PiiCipher(TEST_PII_KEY).decrypt(row.content_enc)).toBe(
        '据我所知，该户今年已获得过同类救助。',
      );
      const db = await dumpAllRows(t.db);
      for (const secret of [name, phone, '该户今年已获得过同类救助'])
        for (const form of encodedForms(secret))
          expect({ secret, found: db.includes(form) }).toEqual({ secret, found: false });

      const audit = await t.http.get(`${soc.url}/audit?limit=200`).set(soc.secretary.auth).expect(200);
      const received = audit.body.items.find((e: { action: string }) => e.action === 'objection.received');
      expect(received).toMatchObject({
        actorId: null,
        entity: 'objection',
        entityId: row.id,
        data: { disclosureId: d.id, noticeNo: d.noticeNo, caseNo: cases[1].caseNo, withContact: true },
      });

      const list = await t.http.get(`${soc.url}/objections`).set(soc.supervisor.auth).expect(200);
      expect(list.body.items).toEqual([
        {
          id: row.id,
          disclosureId: d.id,
          noticeNo: d.noticeNo,
          caseNo: cases[1].caseNo,
          content: '据我所知，该户今年已获得过同类救助。',
          contactName: '李**',
          contactPhone: '139****1234',
          status: 'open',
          response: null,
          createdAt: expect.any(String),
          resolvedAt: null,
          resolvedBy: null,
          disputedCaseId: null,
        },
      ]);
    });

    it('lets the resident follow it by the code, however it is typed; 404 for an unknown or malformed code', async () => {
      const { d } = await notice(1);
      const { trackingCode } = (await submit(d.id, { content: '金额与实际不符' }).expect(201)).body;
      for (const typed of [trackingCode, trackingCode.toLowerCase(), trackingCode.replace(/-/g, ' ')]) {
        const res = await t.http.get(`/api/v1/public/objections/${encodeURIComponent(typed)}`).expect(200);
        expect(res.body).toEqual({
          status: 'open',
          response: null,
          createdAt: expect.any(String),
          resolvedAt: null,
        });
        expect(res.headers['cache-control']).toBe('no-store');
      }
      for (const bad of ['0000-0000-0000', 'not-a-code', 'ABCD-EFGH-JKMU', 'x'.repeat(60)]) {
        const res = await t.http.get(`/api/v1/public/objections/${bad}`).expect(404);
        expect(res.body.details).toEqual({ entity: 'objection' });
      }
    });

    it.each([
      ['no content', {}, 'content'],
      ['blank content', { content: ' \n\u3000 ' }, 'content'],
      ['content over 2000 characters', { content: '异'.repeat(2001) }, 'content'],
      ['a caseNo not on the notice', { content: '有误', caseNo: '1999-0001' }, 'caseNo'],
      ['a bad phone', { content: '有误', contactPhone: '12345' }, 'contactPhone'],
      ['a landline (mobiles only)', { content: '有误', contactPhone: '0566-2021234' }, 'contactPhone'],
      ['a contact name over 50 characters', { content: '有误', contactName: '名'.repeat(51) }, 'contactName'],
      ['an unknown field', { content: '有误', email: 'a@b.c' }, 'email'],
    ])('400 for %s', async (_what, body, field) => {
      const { d } = await notice(1);
      const res = await submit(d.id, body).expect(400);
      expect(Object.keys(res.body.details)).toEqual([field]);
    });

    it('accepts 2000 characters once trimmed, and an objection to the whole notice', async () => {
      const { soc, d } = await notice(1);
      await submit(d.id, { content: ` ${'异'.repeat(2000)}  ` }).expect(201);
      const list = await t.http.get(`${soc.url}/objections`).set(soc.secretary.auth).expect(200);
      expect(list.body.items[0]).toMatchObject({ caseNo: null, contactName: null, contactPhone: null });
    });

    it('404 for an unknown notice or an id that is no UUID', async () => {
      await submit(randomUUID(), { content: '有误' }).expect(404);
      await submit('not-a-uuid', { content: '有误' }).expect(404);
    });

    it('409 DISCLOSURE_NOT_ACTIVE on a withdrawn notice, past the end (before the job), and once ended', async () => {
      const { soc, d } = await notice(1);
      await t.http
        .post(`${soc.url}/disclosures/${d.id}/withdraw`)
        .set(soc.secretary.auth)
        .send({ reason: '误发' })
        .expect(200);
      expect((await submit(d.id, { content: '有误' }).expect(409)).body.code).toBe('DISCLOSURE_NOT_ACTIVE');

      const other = await notice(1);
      t.clock.set(other.d.endsAt);
      expect((await submit(other.d.id, { content: '有误' }).expect(409)).body.code).toBe(
        'DISCLOSURE_NOT_ACTIVE',
      );
      await endJobTick(t);
      expect((await submit(other.d.id, { content: '有误' }).expect(409)).body.code).toBe(
        'DISCLOSURE_NOT_ACTIVE',
      );
      const rows = await t.db.query(
        `SELECT count(*)::int AS n FROM objections WHERE disclosure_id = ANY($1)`,
        [[d.id, other.d.id]],
      );
      expect(rows.rows[0].n).toBe(0);
    });
  });

  describe('GET …/objections', () => {
    it('pages newest first, filters by status; the board may not read them; another society sees none', async () => {
      const { soc, d } = await notice(1);
      t.clock.set('2026-12-01T02:00:00Z');
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        t.clock.advance(60_000);
        ids.push((await objection(t, d.id, { content: `异议 ${i}` })).id);
      }
      await resolve(soc, ids[1], { decision: 'dismissed', response: '不成立' }).expect(200);
      const first = await t.http.get(`${soc.url}/objections?limit=2`).set(soc.secretary.auth).expect(200);
      expect(first.body.items.map((o: { id: string }) => o.id)).toEqual([ids[2], ids[1]]);
      const rest = await t.http
        .get(`${soc.url}/objections?limit=2&cursor=${first.body.nextCursor}`)
        .set(soc.secretary.auth)
        .expect(200);
      expect(rest.body).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
      const open = await t.http.get(`${soc.url}/objections?status=open`).set(soc.supervisor.auth).expect(200);
      expect(open.body.items.map((o: { id: string }) => o.id)).toEqual([ids[2], ids[0]]);
      const dismissed = await t.http
        .get(`${soc.url}/objections?status=dismissed`)
        .set(soc.supervisor.auth)
        .expect(200);
      expect(dismissed.body.items.map((o: { id: string }) => o.id)).toEqual([ids[1]]);
      await t.http.get(`${soc.url}/objections?status=closed`).set(soc.supervisor.auth).expect(400);
      await t.http.get(`${soc.url}/objections`).set(soc.board.auth).expect(403);
      // Another society sees none of them.
      const other = await t.fx.society({ roles: ['supervisor'] });
      const none = await t.http.get(`${other.url}/objections`).set(other.supervisor.auth).expect(200);
      expect(none.body.items).toEqual([]);
    });
  });

  describe('POST …/objections/:oid/resolution', () => {
    it('dismisses: the objector reads the answer; the case stays publicized; a second resolution is 409', async () => {
      const { soc, d, cases } = await notice(1);
      const o = await objection(t, d.id, { caseNo: cases[0].caseNo });
      const res = await resolve(soc, o.id, {
        decision: 'dismissed',
        response: ' 经核查，情况属实，异议不成立。 ',
      }).expect(200);
      expect(res.body).toMatchObject({
        id: o.id,
        status: 'dismissed',
        response: '经核查，情况属实，异议不成立。',
        resolvedAt: expect.any(String),
        resolvedBy: soc.supervisor.id,
        disputedCaseId: null,
      });
      const tracked = await t.http.get(`/api/v1/public/objections/${o.trackingCode}`).expect(200);
      expect(tracked.body).toMatchObject({ status: 'dismissed', response: '经核查，情况属实，异议不成立。' });
      expect(await statusOf(soc, cases[0].id)).toBe('publicized');
      const again = await resolve(soc, o.id, { decision: 'upheld', response: '改判' }).expect(409);
      expect(again.body).toMatchObject({ code: 'INVALID_STATE', details: { status: 'dismissed' } });
      const audit = await t.http.get(`${soc.url}/audit?limit=200`).set(soc.supervisor.auth).expect(200);
      expect(
        audit.body.items.find((e: { action: string }) => e.action === 'objection.resolved'),
      ).toMatchObject({
        actorId: soc.supervisor.id,
        entityId: o.id,
        data: {
          disclosureId: d.id,
          noticeNo: d.noticeNo,
          caseNo: cases[0].caseNo,
          decision: 'dismissed',
          disputedCaseNo: null,
          closedCaseNos: [],
        },
      });
    });

    it("upholds: the objection's case goes into dispute; a second upheld objection leaves it disputed", async () => {
      const { soc, d, cases } = await notice(2);
      const o1 = await objection(t, d.id, { caseNo: cases[1].caseNo });
      const o2 = await objection(t, d.id, { caseNo: cases[1].caseNo });
      const res = await resolve(soc, o1.id, { decision: 'upheld', response: '情况属实，追回救助款' }).expect(
        200,
      );
      expect(res.body).toMatchObject({ status: 'upheld', disputedCaseId: cases[1].id });
      expect(await statusOf(soc, cases[1].id)).toBe('disputed');
      expect(await statusOf(soc, cases[0].id)).toBe('publicized');
      // Naming another case than the objection's own is refused; repeating it is fine.
      const wrong = await resolve(soc, o2.id, {
        decision: 'upheld',
        response: '同上',
        caseId: cases[0].id,
      }).expect(400);
      expect(Object.keys(wrong.body.details)).toEqual(['caseId']);
      await resolve(soc, o2.id, { decision: 'upheld', response: '同上', caseId: cases[1].id }).expect(200);
      expect(await statusOf(soc, cases[1].id)).toBe('disputed');
    });

    it('on an objection to the whole notice, upheld needs the case: 400 without it or for one not on it', async () => {
      const { soc, d, cases } = await notice(2);
      const o = await objection(t, d.id);
      const elsewhere = await notice(1);
      for (const caseId of [undefined, randomUUID(), elsewhere.cases[0].id]) {
        const res = await resolve(soc, o.id, { decision: 'upheld', response: '属实', caseId }).expect(400);
        expect(Object.keys(res.body.details)).toEqual(['caseId']);
      }
      const dismissWithCase = await resolve(soc, o.id, {
        decision: 'dismissed',
        response: '不成立',
        caseId: cases[0].id,
      }).expect(400);
      expect(Object.keys(dismissWithCase.body.details)).toEqual(['caseId']);
      // Nothing was written by the refusals.
      expect(await statusOf(soc, cases[0].id)).toBe('publicized');
      const ok = await resolve(soc, o.id, {
        decision: 'upheld',
        response: '属实',
        caseId: cases[0].id.toUpperCase(),
      }).expect(200);
      expect(ok.body).toMatchObject({ caseNo: null, disputedCaseId: cases[0].id });
      expect(await statusOf(soc, cases[0].id)).toBe('disputed');
    });

    it('after the end of the period, settles what the objection held: its cases close', async () => {
      const { soc, d, cases } = await notice(2);
      const whole = await objection(t, d.id);
      const one = await objection(t, d.id, { caseNo: cases[0].caseNo });
      t.clock.set(new Date(new Date(d.endsAt).getTime() + 1000));
      await endJobTick(t);
      expect([await statusOf(soc, cases[0].id), await statusOf(soc, cases[1].id)]).toEqual([
        'publicized',
        'publicized',
      ]);
      // The whole-notice objection dismissed: the second case is settled; the first still held.
      await resolve(soc, whole.id, { decision: 'dismissed', response: '不成立' }).expect(200);
      expect([await statusOf(soc, cases[0].id), await statusOf(soc, cases[1].id)]).toEqual([
        'publicized',
        'closed',
      ]);
      // Upheld: the first case goes into dispute, to be recovered or cleared, not closed.
      const res = await resolve(soc, one.id, { decision: 'upheld', response: '属实' }).expect(200);
      expect(res.body.disputedCaseId).toBe(cases[0].id);
      expect(await statusOf(soc, cases[0].id)).toBe('disputed');
      const audit = await t.http.get(`${soc.url}/audit?limit=200`).set(soc.supervisor.auth).expect(200);
      const resolved = audit.body.items.filter((e: { action: string }) => e.action === 'objection.resolved');
      expect(resolved.map((e: { data: { closedCaseNos: string[] } }) => e.data.closedCaseNos)).toEqual([
        [cases[1].caseNo],
        [],
      ]);
    });

    it('two resolutions of one objection at once: one wins, the other is a 409 (real parallel requests)', async () => {
      const { soc, d, cases } = await notice(1);
      const o = await objection(t, d.id, { caseNo: cases[0].caseNo });
      const results = await Promise.all([
        resolve(soc, o.id, { decision: 'dismissed', response: '不成立' }),
        resolve(soc, o.id, { decision: 'upheld', response: '属实' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const won = results.find((r) => r.status === 200)!.body as { status: string };
      expect(await statusOf(soc, cases[0].id)).toBe(won.status === 'upheld' ? 'disputed' : 'publicized');
    });

    it('400 for a bad decision or a blank response; 404 for another society’s objection; only the supervisor', async () => {
      const { soc, d } = await notice(1);
      const o = await objection(t, d.id);
      for (const body of [
        { decision: 'maybe', response: '看看' },
        { decision: 'dismissed', response: '  ' },
        { decision: 'dismissed' },
        { decision: 'dismissed', response: '长'.repeat(1001) },
        { decision: 'upheld', response: '属实', caseId: 'abc' },
      ]) {
        await resolve(soc, o.id, body).expect(400);
      }
      const other = await t.fx.society({ roles: ['supervisor'] });
      await resolve(other as TestSociety, o.id, { decision: 'dismissed', response: '不成立' }).expect(404);
      await resolve(soc, randomUUID(), { decision: 'dismissed', response: '不成立' }).expect(404);
      for (const who of [soc.secretary, soc.board, soc.treasurer])
        await resolve(soc, o.id, { decision: 'dismissed', response: '不成立' }, who).expect(403);
      const list = await t.http.get(`${soc.url}/objections`).set(soc.supervisor.auth).expect(200);
      expect(list.body.items[0].status).toBe('open');
    });
  });
});
