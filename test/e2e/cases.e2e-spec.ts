import { CasesService } from '../../src/cases/cases.service';
import { idCardCheckChar } from '../../src/common/cn-ids/id-card';
import { testIdNumber, TestSociety } from '../support/fixtures';
import { withTestApp } from '../support/test-app';

/** API.md "Emergency cases": file, list, search, read, patch, withdraw, reveal; and the service API. */
describe('Emergency cases', () => {
  const t = withTestApp();
  let soc: TestSociety;

  const body = (over: Record<string, unknown> = {}, applicant: Record<string, unknown> = {}) => ({
    applicant: {
      name: '范某某',
      idNumber: testIdNumber('19750315', 7),
      phone: '13912345678',
      address: '某某村 3 组 12 号',
      householdSize: 4,
      ...applicant,
    },
    category: 'serious_illness',
    description: '突发脑溢血住院',
    source: 'home_visit',
    requestedAmountFen: 300_000,
    ...over,
  });

  beforeAll(async () => {
    soc = await t.fx.society();
  });

  it('files a draft with a gap-free case number, masked personal data and a timeline', async () => {
    const res = await t.http.post(`${soc.url}/cases`).set(soc.secretary.auth).send(body()).expect(201);
    const year = new Date().getFullYear();
    expect(res.body).toMatchObject({
      caseNo: `${year}-0001`,
      status: 'draft',
      pseudonym: '小范',
      applicant: {
        name: '范某某',
        idNumberMasked: expect.stringContaining('*'),
        phoneMasked: '139****5678',
        householdSize: 4,
      },
      warnings: [],
      filedBy: soc.secretary.id,
    });
    expect(JSON.stringify(res.body)).not.toContain(testIdNumber('19750315', 7));
    const second = await t.http
      .post(`${soc.url}/cases`)
      .set(soc.secretary.auth)
      .send(body({}, { idNumber: testIdNumber('19750315', 8) }));
    expect(second.body.caseNo).toBe(`${year}-0002`);
    const got = await t.http.get(`${soc.url}/cases/${res.body.id}`).set(soc.board.auth).expect(200);
    expect(got.body.timeline).toEqual([
      { at: expect.any(String), action: 'created', actor: soc.secretary.id },
    ]);
  });

  it('numbers the 10,000th case of a year 10000, never truncating it to an earlier case’s number', async () => {
    const s = await t.fx.society();
    const year = new Date().getFullYear();
    const file = (seq: number) =>
      t.http
        .post(`${s.url}/cases`)
        .set(s.secretary.auth)
        .send(body({}, { idNumber: testIdNumber('19750315', seq) }))
        .expect(201);
    await file(1);
    await t.db.query(`UPDATE counters SET value = 9998 WHERE society_id = $1 AND name = $2`, [
      s.id,
      `case:${year}`,
    ]);
    expect((await file(2)).body.caseNo).toBe(`${year}-9999`);
    expect((await file(3)).body.caseNo).toBe(`${year}-10000`);
    expect((await file(4)).body.caseNo).toBe(`${year}-10001`);
  });

  it.each([
    [
      'a wrong check character',
      {
        idNumber:
          testIdNumber('19750315', 9).slice(0, 17) + (testIdNumber('19750315', 9).endsWith('1') ? '2' : '1'),
      },
    ],
    ['an impossible birth date', { idNumber: '341702' + '19750230' + '0011' }],
    ['an empty name', { name: '  ' }],
    ['a name of 51 characters', { name: '范'.repeat(51) }],
    ['a household of 0', { householdSize: 0 }],
    ['a household of 31', { householdSize: 31 }],
  ])('refuses %s with 400, changing nothing', async (_what, applicant) => {
    const before = await t.db.query('SELECT count(*)::int AS n FROM cases');
    const res = await t.http
      .post(`${soc.url}/cases`)
      .set(soc.secretary.auth)
      .send(body({}, applicant))
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(res.body.details)[0]).toMatch(/^applicant\./);
    expect((await t.db.query('SELECT count(*)::int AS n FROM cases')).rows).toEqual(before.rows);
  });

  it("refuses a birth date after the society's today, and unknown enum values", async () => {
    const year = new Date().getFullYear() + 1;
    const first17 = `341702${year}0101001`;
    await t.http
      .post(`${soc.url}/cases`)
      .set(soc.secretary.auth)
      .send(body({}, { idNumber: first17 + idCardCheckChar(first17) }))
      .expect(400);
    const res = await t.http
      .post(`${soc.url}/cases`)
      .set(soc.secretary.auth)
      .send(body({ category: 'lottery' }))
      .expect(400);
    expect(res.body.details).toHaveProperty('category');
    await t.http
      .post(`${soc.url}/cases`)
      .set(soc.secretary.auth)
      .send(body({ source: 'rumour' }))
      .expect(400);
  });

  it('searches by case number, pseudonym, exact name or ID number', async () => {
    const s = await t.fx.society();
    const a = await t.fx.case(s, {
      applicant: { name: '林某', idNumber: testIdNumber('19600101', 31) },
      pseudonym: '阿林',
    });
    const b = await t.fx.case(s, { applicant: { name: '陈某某', idNumber: testIdNumber('19600101', 32) } });
    const find = async (q: string) =>
      (
        (await t.http.get(`${s.url}/cases`).query({ q }).set(s.board.auth).expect(200)).body.items as {
          id: string;
        }[]
      ).map((c) => c.id);
    expect(await find(a.caseNo)).toEqual([a.id]);
    expect(await find('阿林')).toEqual([a.id]);
    expect(await find('陈某某')).toEqual([b.id]);
    expect(await find(testIdNumber('19600101', 32))).toEqual([b.id]);
    expect(await find('陈某')).toEqual([]); // names match exactly
    expect(await find('')).toEqual([b.id, a.id]);
    const drafts = await t.http
      .get(`${s.url}/cases`)
      .query({ status: 'withdrawn' })
      .set(s.board.auth)
      .expect(200);
    expect(drafts.body.items).toEqual([]);
  });

  it('lets a collector see and edit only their own drafts', async () => {
    const s = await t.fx.society();
    const mine = await t.fx.case(s, { by: s.collector });
    const theirs = await t.fx.case(s);
    const list = await t.http.get(`${s.url}/cases`).set(s.collector.auth).expect(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([mine.id]);
    await t.http.get(`${s.url}/cases/${theirs.id}`).set(s.collector.auth).expect(404);
    await t.http
      .patch(`${s.url}/cases/${theirs.id}`)
      .set(s.collector.auth)
      .send({ description: '改' })
      .expect(404);
    const edited = await t.http
      .patch(`${s.url}/cases/${mine.id}`)
      .set(s.collector.auth)
      .send({ description: '补充情况' })
      .expect(200);
    expect(edited.body.description).toBe('补充情况');
    // Once under vote it is no longer the collector's to see.
    await t.fx.tx(async () => {
      const cases = t.app.get(CasesService);
      await cases.transition(s.id, await cases.lockCase(s.id, mine.id), 'open_vote', s.secretary);
    });
    await t.http.get(`${s.url}/cases/${mine.id}`).set(s.collector.auth).expect(404);
  });

  it('patches drafts only, and keeps the timeline of every change', async () => {
    const s = await t.fx.society();
    const c = await t.fx.case(s);
    const res = await t.http
      .patch(`${s.url}/cases/${c.id}`)
      .set(s.secretary.auth)
      .send({
        requestedAmountFen: 200_000,
        applicant: { name: '范某某', idNumber: testIdNumber('19800101', 99), phone: '13800138000' },
      })
      .expect(200);
    expect(res.body).toMatchObject({
      requestedAmountFen: 200_000,
      applicant: { phoneMasked: '138****8000' },
    });
    await t.fx.tx(async () => {
      const cases = t.app.get(CasesService);
      await cases.transition(s.id, await cases.lockCase(s.id, c.id), 'open_vote', s.secretary);
    });
    const late = await t.http
      .patch(`${s.url}/cases/${c.id}`)
      .set(s.secretary.auth)
      .send({ description: '晚了' })
      .expect(409);
    expect(late.body.code).toBe('INVALID_STATE');
    const got = await t.http.get(`${s.url}/cases/${c.id}`).set(s.secretary.auth).expect(200);
    expect(got.body.timeline.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'edit',
      'open_vote',
    ]);
    expect(got.body.status).toBe('voting');
  });

  it('reveals the full data to the secretary, audited', async () => {
    const s = await t.fx.society();
    const id = testIdNumber('19900909', 5);
    const c = await t.fx.case(s, {
      applicant: { idNumber: id, phone: '13700001111', address: '某某镇 8 号' },
      payee: { name: '范某某', bankName: '农业银行', accountNo: '6228480012345678901' },
    });
    expect(c.payee).toEqual({
      name: '范某某',
      bankName: '农业银行',
      accountNoMasked: expect.stringContaining('*'),
    });
    const res = await t.http.post(`${s.url}/cases/${c.id}/reveal`).set(s.supervisor.auth).expect(200);
    expect(res.body).toMatchObject({
      applicant: { idNumber: id, phone: '13700001111', address: '某某镇 8 号' },
      payee: { accountNo: '6228480012345678901' },
    });
    await t.http.post(`${s.url}/cases/${c.id}/reveal`).set(s.board.auth).expect(403);
    const audit = await t.http.get(`${s.url}/audit`).set(s.secretary.auth).expect(200);
    const revealed = audit.body.items.filter((e: { action: string }) => e.action === 'case.revealed');
    expect(revealed).toEqual([expect.objectContaining({ actorId: s.supervisor.id, entityId: c.id })]);
    expect(JSON.stringify(audit.body)).not.toContain(id);
  });

  it('withdraws a draft with a reason; a withdrawn case cannot be withdrawn again', async () => {
    const s = await t.fx.society();
    const c = await t.fx.case(s);
    await t.http.post(`${s.url}/cases/${c.id}/withdraw`).set(s.secretary.auth).send({}).expect(400);
    const res = await t.http
      .post(`${s.url}/cases/${c.id}/withdraw`)
      .set(s.secretary.auth)
      .send({ reason: '已获医保报销' })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'withdrawn', allowedActions: [] });
    const again = await t.http
      .post(`${s.url}/cases/${c.id}/withdraw`)
      .set(s.secretary.auth)
      .send({ reason: '再' })
      .expect(409);
    expect(again.body.code).toBe('INVALID_STATE');
  });

  it('warns of aid this year here and elsewhere, without naming the other society', async () => {
    const here = await t.fx.society();
    const there = await t.fx.society();
    const id = testIdNumber('19550505', 3);
    const pay = async (s: TestSociety, caseId: string) =>
      t.fx.tx(async () => {
        const cases = t.app.get(CasesService);
        for (const action of ['open_vote', 'approve', 'pay'] as const) {
          await cases.transition(
            s.id,
            await cases.lockCase(s.id, caseId),
            action,
            s.secretary,
            action === 'pay' ? { paidAt: new Date() } : {},
          );
        }
      });
    const first = await t.fx.case(there, { applicant: { idNumber: id } });
    expect(first.warnings).toEqual([]);
    await pay(there, first.id);
    const second = await t.fx.case(here, { applicant: { idNumber: id } });
    expect(second.warnings).toEqual([{ code: 'AIDED_ELSEWHERE_THIS_YEAR' }]);
    expect(JSON.stringify(second)).not.toContain(there.id);
    await pay(here, second.id);
    const third = await t.http
      .post(`${here.url}/cases`)
      .set(here.secretary.auth)
      .send(body({}, { idNumber: id }))
      .expect(201);
    expect(third.body.warnings).toEqual([{ code: 'AIDED_THIS_YEAR' }, { code: 'AIDED_ELSEWHERE_THIS_YEAR' }]);
    // The service method the vote opening calls gives them again.
    const warnings = await t.fx.tx(async () => {
      const cases = t.app.get(CasesService);
      return cases.aidWarnings(here.id, await cases.lockCase(here.id, third.body.id));
    });
    expect(warnings).toEqual([{ code: 'AIDED_THIS_YEAR' }, { code: 'AIDED_ELSEWHERE_THIS_YEAR' }]);
  });

  it('transition() refuses a move the state machine does not allow, writing nothing', async () => {
    const s = await t.fx.society();
    const c = await t.fx.case(s);
    const cases = t.app.get(CasesService);
    await expect(
      t.fx.tx(async () => cases.transition(s.id, await cases.lockCase(s.id, c.id), 'pay', s.treasurer)),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
    const events = await t.db.query('SELECT action FROM case_events WHERE case_id = $1', [c.id]);
    expect(events.rows).toEqual([{ action: 'created' }]);
  });

  // Regression: a POST without a documented body (reveal) answered an undocumented 415 to a text body.
  it('documents 415 on reveal, which takes no body, for a body that is not JSON', async () => {
    const c = await t.fx.case(soc);
    const res = await t.http
      .post(`${soc.url}/cases/${c.id}/reveal`)
      .set(soc.secretary.auth)
      .set('Content-Type', 'text/plain')
      .send('hello')
      .expect(415);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as {
      paths: Record<string, { post: { responses: Record<string, unknown> } }>;
    };
    expect(Object.keys(doc.paths['/api/v1/societies/{sid}/cases/{cid}/reveal'].post.responses)).toContain(
      '415',
    );
  });

  it('answers 404 for a case of another society', async () => {
    const other = await t.fx.society();
    const c = await t.fx.case(other);
    await t.http.get(`${soc.url}/cases/${c.id}`).set(soc.secretary.auth).expect(404);
  });
});
