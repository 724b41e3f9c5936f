import { endJobTick } from '../support/disclosure-fixtures';
import { testIdNumber } from '../support/fixtures';
import { withTestApp } from '../support/test-app';

/**
 * The seed's story, its second half (issue 9): 小范 (化名), aided with 1,000 yuan after a real vote, is
 * publicized the next day; a neighbour objects; the supervisors check and dismiss the objection; the
 * 7-day period ends by the job; the case is closed, and the notice stays readable as published.
 */
describe('The seed: publicized after payment, objected to, dismissed, closed at the end of the period', () => {
  const t = withTestApp();

  it('takes the paid case from notice to closed', async () => {
    const soc = await t.fx.society({ board: 9 });
    await t.fx.donation(soc, { amountFen: 500_000, receivedAt: '2026-11-28' });

    // Filed and voted the evening of 11-29 (Shanghai), paid the next morning.
    t.clock.set('2026-11-29T11:00:00Z');
    const c = await t.fx.approvedCase(soc, {
      amountFen: 100_000,
      pseudonym: '小范',
      description: '白血病病情加重，无法工作，家庭收入中断',
      applicant: { name: '范某某', idNumber: testIdNumber('19880716', 235) },
    });
    t.clock.set('2026-11-30T01:30:00Z');
    await t.http
      .post(`${soc.url}/cases/${c.id}/payment`)
      .set(soc.treasurer.auth)
      .send({ amountFen: 100_000, account: 'bank' })
      .expect(201);

    // That afternoon the secretary posts the notice for the 7-day period.
    t.clock.set('2026-11-30T06:00:00Z');
    const notice = await t.http
      .post(`${soc.url}/disclosures`)
      .set(soc.secretary.auth)
      .send({ caseIds: [c.id], note: '公示期内如有异议，请向本社监事会反映。' })
      .expect(201);
    const did = notice.body.id as string;
    expect(notice.body).toMatchObject({
      noticeNo: '2026-001',
      periodFrom: '2026-11-30',
      periodTo: '2026-12-06',
      items: [
        {
          caseNo: c.caseNo,
          displayName: '小范（化名）',
          categoryLabel: '因病',
          amountFen: 100_000,
          approvedOn: '2026-11-29',
          paidOn: '2026-11-30',
          vote: { eligible: 9, cast: 6, approve: 6 },
        },
      ],
    });

    // A resident scans the QR code, reads the notice and objects, anonymously.
    const page = await t.http.get(`/api/v1/public/disclosures/${did}`).expect(200);
    expect(page.body.items[0].displayName).toBe('小范（化名）');
    t.clock.set('2026-12-02T03:00:00Z');
    const objected = await t.http
      .post(`/api/v1/public/disclosures/${did}/objections`)
      .send({ content: '听说该户家里还有一辆车，是否符合救助条件？', caseNo: c.caseNo })
      .expect(201);
    const code = objected.body.trackingCode as string;

    // The supervisor checks with the village and dismisses it with an answer the resident can read.
    const open = await t.http.get(`${soc.url}/objections?status=open`).set(soc.supervisor.auth).expect(200);
    expect(open.body.items).toHaveLength(1);
    t.clock.set('2026-12-03T08:00:00Z');
    await t.http
      .post(`${soc.url}/objections/${open.body.items[0].id}/resolution`)
      .set(soc.supervisor.auth)
      .send({ decision: 'dismissed', response: '经核查，该车辆为营运用车且已抵押，不影响救助条件。' })
      .expect(200);
    const tracked = await t.http.get(`/api/v1/public/objections/${code}`).expect(200);
    expect(tracked.body).toMatchObject({ status: 'dismissed', resolvedAt: '2026-12-03T08:00:00.000Z' });

    // Still publicized until the period ends: 00:00 on 12-07 in Shanghai.
    t.clock.set('2026-12-06T15:59:00Z');
    await endJobTick(t);
    const during = await t.http.get(`${soc.url}/cases/${c.id}`).set(soc.secretary.auth).expect(200);
    expect(during.body.status).toBe('publicized');
    t.clock.set('2026-12-06T16:01:00Z');
    expect(await endJobTick(t)).toMatchObject({ ran: true, done: 1, failed: false });

    const closed = await t.http.get(`${soc.url}/cases/${c.id}`).set(soc.secretary.auth).expect(200);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.timeline.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'open_vote',
      'approve',
      'pay',
      'publicize',
      'end_disclosure',
    ]);
    const ended = await t.http.get(`/api/v1/public/disclosures/${did}`).expect(200);
    expect(ended.body).toMatchObject({
      status: 'ended',
      items: page.body.items,
      checkCode: page.body.checkCode,
    });
    const board = await t.http.get(`/api/v1/public/societies/${soc.id}`).expect(200);
    expect(board.body.fund).toEqual({
      balanceFen: 400_000,
      donatedThisYearFen: 500_000,
      aidPaidThisYearFen: 100_000,
      recoveredThisYearFen: 0,
      aidedThisYear: 1,
    });
    const verified = await t.http.get(`${soc.url}/audit/verification`).set(soc.supervisor.auth).expect(200);
    expect(verified.body.ok).toBe(true);
    const head = await t.http
      .get(`/api/v1/public/societies/${soc.id}/audit-head/${notice.body.auditHead.seq}`)
      .expect(200);
    expect(head.body).toEqual(notice.body.auditHead);
  });
});
