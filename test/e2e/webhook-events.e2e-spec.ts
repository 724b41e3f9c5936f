import { SchedulerService } from '../../src/scheduler/scheduler.service';
import { testIdNumber } from '../support/fixtures';
import { withTestApp } from '../support/test-app';

interface OutboxRow {
  id: string;
  type: string;
  occurred_at: Date;
  data: Record<string, unknown>;
}

/**
 * API.md "Notifications": each event is recorded by the use case that makes the change, in its
 * transaction, once; `data` carries ids, numbers, amounts and statuses, never personal data.
 */
describe('Webhook events: each raised once by its use case', () => {
  const t = withTestApp();

  afterEach(() => t.clock.reset());

  it('vote.opened, vote.decided, case.paid, disclosure.published, objection.received, objection.resolved, disclosure.overdue', async () => {
    t.clock.set('2026-11-29T02:00:00Z');
    const soc = await t.fx.society({ board: 3 });
    await t.http
      .put(`${soc.url}/webhook`)
      .set(soc.secretary.auth)
      .send({ url: 'https://93.184.215.14/hook', secret: 'a-long-shared-secret' })
      .expect(200);
    await t.fx.donation(soc, { amountFen: 1_000_000 });
    const idNumber = testIdNumber('19700305', 77);
    const c = await t.fx.case(soc, {
      applicant: { name: '范小明', idNumber, phone: '13955661234', address: '安徽省池州市贵池区某街道12号' },
      payee: { name: '范小明', bankName: '池州农商银行', accountNo: '6228480012345678901' },
    });
    const events = async () =>
      (
        await t.db.query<OutboxRow>(
          `SELECT id, type, occurred_at, data FROM outbox_events WHERE society_id = $1 ORDER BY occurred_at, type`,
          [soc.id],
        )
      ).rows;
    const one = async (type: string) => {
      const rows = (await events()).filter((e) => e.type === type);
      expect([type, rows.length]).toEqual([type, 1]);
      return rows[0];
    };

    // The vote: opened by the secretary, decided by the third approval.
    const voteUrl = `${soc.url}/cases/${c.id}/vote`;
    const vote = await t.http.post(voteUrl).set(soc.secretary.auth).send({ amountFen: 80_000 }).expect(201);
    expect((await one('vote.opened')).data).toEqual({
      voteId: vote.body.id,
      caseId: c.id,
      caseNo: c.caseNo,
      amountFen: 80_000,
      mode: 'remote',
      closesAt: vote.body.closesAt,
    });
    expect((await events()).map((e) => e.type)).toEqual(['vote.opened']);
    for (const m of soc.boardMembers) {
      await t.http.post(`${voteUrl}/ballots`).set(m.auth).send({ choice: 'approve' }).expect(201);
      if ((await events()).some((e) => e.type === 'vote.decided')) break;
    }
    expect((await one('vote.decided')).data).toEqual({
      voteId: vote.body.id,
      caseId: c.id,
      caseNo: c.caseNo,
      outcome: 'approved',
      amountFen: 80_000,
      reason: 'decided',
    });

    // Pay first.
    t.clock.set('2026-11-29T03:00:00Z');
    await t.http
      .post(`${soc.url}/cases/${c.id}/payment`)
      .set(soc.treasurer.auth)
      .send({ amountFen: 80_000, account: 'bank' })
      .expect(201);
    expect((await one('case.paid')).data).toEqual({
      caseId: c.id,
      caseNo: c.caseNo,
      amountFen: 80_000,
      account: 'bank',
      paidAt: '2026-11-29T03:00:00.000Z',
    });

    // Twelve days later the notice is overdue (deadline 10 local days): raised once, however often the job runs.
    t.clock.set('2026-12-11T03:00:00Z');
    const scheduler = t.app.get(SchedulerService);
    expect(await scheduler.tick('disclosures.overdue')).toMatchObject({ ran: true, done: 1, failed: false });
    expect(await scheduler.tick('disclosures.overdue')).toMatchObject({ ran: true, done: 0 });
    expect((await one('disclosure.overdue')).data).toEqual({
      caseId: c.id,
      caseNo: c.caseNo,
      paidAt: '2026-11-29T03:00:00.000Z',
      dueOn: '2026-12-09',
      daysOverdue: 2,
    });

    // Publicize later.
    const d = await t.http
      .post(`${soc.url}/disclosures`)
      .set(soc.secretary.auth)
      .send({ caseIds: [c.id] })
      .expect(201);
    expect((await one('disclosure.published')).data).toEqual({
      disclosureId: d.body.id,
      noticeNo: d.body.noticeNo,
      caseIds: [c.id],
      caseNos: [c.caseNo],
      publishedAt: '2026-12-11T03:00:00.000Z',
      endsAt: d.body.endsAt,
    });
    // Published now: the job has nothing more to raise for it.
    expect(await scheduler.tick('disclosures.overdue')).toMatchObject({ ran: true, done: 0 });

    // A resident objects (with contact data), a supervisor dismisses it.
    await t.http
      .post(`/api/v1/public/disclosures/${d.body.id}/objections`)
      .send({
        content: '范小明家里有车，电话13955661234',
        caseNo: c.caseNo,
        contactName: '李秀英',
        contactPhone: '13811112222',
      })
      .expect(201);
    const received = await one('objection.received');
    expect(received.data).toEqual({
      objectionId: expect.any(String),
      disclosureId: d.body.id,
      noticeNo: d.body.noticeNo,
      caseId: c.id,
      caseNo: c.caseNo,
    });
    await t.http
      .post(`${soc.url}/objections/${received.data.objectionId as string}/resolution`)
      .set(soc.supervisor.auth)
      .send({ decision: 'dismissed', response: '经核查，异议不成立。' })
      .expect(200);
    expect((await one('objection.resolved')).data).toEqual({
      objectionId: received.data.objectionId,
      disclosureId: d.body.id,
      noticeNo: d.body.noticeNo,
      caseNo: c.caseNo,
      decision: 'dismissed',
      disputedCaseNo: null,
      closedCaseNos: [],
    });

    // Seven events, each once, each queued for the webhook; no personal data in any of them.
    const all = await events();
    expect(all.map((e) => e.type).sort()).toEqual(
      [
        'case.paid',
        'disclosure.overdue',
        'disclosure.published',
        'objection.received',
        'objection.resolved',
        'vote.decided',
        'vote.opened',
      ].sort(),
    );
    const { rows: queued } = await t.db.query(
      `SELECT event_id FROM webhook_deliveries WHERE society_id = $1 AND status = 'pending'`,
      [soc.id],
    );
    expect(queued).toHaveLength(7);
    const text = JSON.stringify(all.map((e) => e.data));
    for (const secret of [
      '范小明',
      idNumber,
      '13955661234',
      '某街道',
      '6228480012345678901',
      '李秀英',
      '13811112222',
      '家里有车',
    ])
      expect([secret, text.includes(secret)]).toEqual([secret, false]);
  });

  it('vote.decided also when the deadline job closes a vote, once; a vote cancelled by a withdrawal raises none', async () => {
    t.clock.set('2026-11-29T02:00:00Z');
    const soc = await t.fx.society({ board: 3 });
    await t.fx.donation(soc, { amountFen: 100_000 });
    const expiring = await t.fx.case(soc);
    const withdrawn = await t.fx.case(soc);
    for (const c of [expiring, withdrawn])
      await t.http
        .post(`${soc.url}/cases/${c.id}/vote`)
        .set(soc.secretary.auth)
        .send({ amountFen: 10_000, closesAt: '2026-11-30T02:00:00Z' })
        .expect(201);
    await t.http
      .post(`${soc.url}/cases/${withdrawn.id}/withdraw`)
      .set(soc.secretary.auth)
      .send({ reason: '申请人撤回' })
      .expect(200);
    t.clock.set('2026-11-30T02:00:01Z');
    const scheduler = t.app.get(SchedulerService);
    await scheduler.tick('votes.close-expired');
    await scheduler.tick('votes.close-expired');
    const { rows } = await t.db.query<OutboxRow>(
      `SELECT id, type, occurred_at, data FROM outbox_events WHERE society_id = $1 AND type = 'vote.decided'`,
      [soc.id],
    );
    expect(rows.map((r) => r.data)).toEqual([
      expect.objectContaining({ caseId: expiring.id, outcome: 'no_quorum', reason: 'deadline' }),
    ]);
  });
});
