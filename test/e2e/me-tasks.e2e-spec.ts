import { CasesService } from '../../src/cases/cases.service';
import type { TestSociety, TestUser } from '../support/fixtures';
import { objection, paidCase, publish } from '../support/disclosure-fixtures';
import { lead } from '../support/lead-fixtures';
import { openVote } from '../support/vote-fixtures';
import { withTestApp, type TestContext } from '../support/test-app';

/**
 * GET /me/tasks (API.md "Auth and users"): what waits for the caller across their societies, by their
 * roles in each — the console's home screen. Built through the services; asked over HTTP.
 */
interface Task {
  societyId: string;
  societyName: string;
  kind: string;
  caseId?: string;
  caseNo?: string;
  voteId?: string;
  objectionId?: string;
  disclosureId?: string;
  leadId?: string;
  title: string;
  dueAt?: string;
  daysLeft?: number;
  overdue: boolean;
}

const DAY = 86_400_000;

async function tasksOf(t: TestContext, who: TestUser): Promise<{ items: Task[]; truncated: boolean }> {
  const res = await t.http.get('/api/v1/me/tasks').set(who.auth).expect(200);
  return res.body as { items: Task[]; truncated: boolean };
}

/** One society with something waiting for every role: a case of every kind of task and a lead. */
async function busySociety(t: TestContext, name: string) {
  const soc = await t.fx.society({ name, board: 3 });
  await t.fx.donation(soc, { amountFen: 1_000_000, receivedAt: '2026-11-20' });
  const secretaryDraft = await t.fx.case(soc, { requestedAmountFen: 50_000 });
  const collectorDraft = await t.fx.case(soc, { by: soc.collector, requestedAmountFen: 60_000 });
  const underVote = await t.fx.case(soc);
  const vote = await openVote(t, soc, underVote.id, { amountFen: 70_000 });
  const approved = await t.fx.approvedCase(soc, { amountFen: 100_000 });
  const paid = await paidCase(t, soc, { amountFen: 80_000 });
  const published = await paidCase(t, soc, { amountFen: 90_000 });
  const notice = await publish(t, soc, [published.id]);
  const objected = await objection(t, notice.id, { caseNo: published.caseNo });
  const leadId = await lead(t, soc, {
    subject: { name: '范某某' },
    indicators: [{ code: 'MEDICAL_OOP_HIGH', label: '医疗费用自付比例高' }],
  });
  return {
    soc,
    secretaryDraft,
    collectorDraft,
    underVote,
    vote,
    approved,
    paid,
    published,
    notice,
    objected,
    leadId,
  };
}

describe('GET /me/tasks', () => {
  const t = withTestApp();
  let a: Awaited<ReturnType<typeof busySociety>>;
  let b: Awaited<ReturnType<typeof busySociety>>;
  const NOW = new Date('2026-11-20T02:00:00Z'); // 10:00 in Asia/Shanghai

  beforeAll(async () => {
    t.clock.set(NOW);
    a = await busySociety(t, '甲村救急难互助社');
    b = await busySociety(t, '乙村救急难互助社');
  });

  const only = (items: Task[], sid: string) => expect(items.every((i) => i.societyId === sid)).toBe(true);

  it("the board member: the open vote without their ballot, one tap from it (the vote's id)", async () => {
    const { items } = await tasksOf(t, a.soc.board);
    expect(items).toEqual([
      {
        societyId: a.soc.id,
        societyName: '甲村救急难互助社',
        kind: 'ballot',
        caseId: a.underVote.id,
        caseNo: a.underVote.caseNo,
        voteId: a.vote.id,
        title: expect.stringMatching(new RegExp(`^${a.underVote.caseNo} .+（化名） 待投票 ¥700\\.00$`)),
        dueAt: a.vote.closesAt,
        overdue: false,
      },
    ]);
  });

  it('the treasurer: the approved case to pay, due by the end of the next local day', async () => {
    const { items } = await tasksOf(t, a.soc.treasurer);
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'payment',
        caseId: a.approved.id,
        caseNo: a.approved.caseNo,
        title: expect.stringMatching(/ 待付款 ¥1,000\.00$/),
        // Approved on 2026-11-20 (Shanghai): due by the end of 2026-11-21 there.
        dueAt: '2026-11-21T15:59:59.999Z',
        daysLeft: 1,
        overdue: false,
      }),
    ]);
    only(items, a.soc.id);
  });

  it('the secretary: the paid case to publicise (with its deadline) and their own drafts, not the collector’s', async () => {
    const { items } = await tasksOf(t, a.soc.secretary);
    expect(items.map((i) => [i.kind, i.caseId])).toEqual([
      ['disclosure', a.paid.id],
      ['draft', a.secretaryDraft.id],
    ]);
    // Paid on 2026-11-20: due within 10 local days, by the end of 2026-11-30 in Shanghai.
    expect(items[0]).toMatchObject({
      dueAt: '2026-11-30T15:59:59.999Z',
      daysLeft: 10,
      overdue: false,
      title: expect.stringMatching(/ 待公示 ¥800\.00$/),
    });
    expect(items[1]).toMatchObject({ overdue: false, title: expect.stringMatching(/ 草稿 ¥500\.00$/) });
    expect(items[1].dueAt).toBeUndefined();
    only(items, a.soc.id);
  });

  it('the supervisor: the open objection, with the notice and the case it names', async () => {
    const { items } = await tasksOf(t, a.soc.supervisor);
    expect(items).toEqual([
      {
        societyId: a.soc.id,
        societyName: '甲村救急难互助社',
        kind: 'objection',
        caseId: a.published.id,
        caseNo: a.published.caseNo,
        objectionId: a.objected.id,
        disclosureId: a.notice.id,
        title: `公示 ${a.notice.noticeNo} 收到异议 · 案件 ${a.published.caseNo}`,
        overdue: false,
      },
    ]);
  });

  it('the collector: the new lead (its subject masked) and their own drafts', async () => {
    const { items } = await tasksOf(t, a.soc.collector);
    expect(items.map((i) => [i.kind, i.leadId ?? i.caseId])).toEqual([
      ['lead', a.leadId],
      ['draft', a.collectorDraft.id],
    ]);
    expect(items[0].title).toBe('监测预警 范** · 医疗费用自付比例高');
    expect(items[0].caseId).toBeUndefined();
    only(items, a.soc.id);
  });

  it('a user without a role, or with a platform role only, has none', async () => {
    const outsider = await t.fx.user();
    expect(await tasksOf(t, outsider)).toEqual({ items: [], truncated: false });
    expect(await tasksOf(t, t.admin)).toEqual({ items: [], truncated: false });
  });

  it('another society’s tasks never appear, and anonymous callers get 401', async () => {
    for (const who of [b.soc.secretary, b.soc.board, b.soc.treasurer, b.soc.supervisor, b.soc.collector]) {
      const { items } = await tasksOf(t, who);
      expect(items.length).toBeGreaterThan(0);
      only(items, b.soc.id);
    }
    await t.http.get('/api/v1/me/tasks').expect(401);
  });

  it('several societies: each by the roles held there, one list', async () => {
    // The treasurer of 乙 who is also a supervisor and a board member of 甲 — joining 甲's board after
    // its vote opened, so not eligible in it (the board at opening votes).
    const both = await t.fx.user({ displayName: '两社兼职' });
    await t.fx.member(b.soc, ['treasurer'], both);
    await t.fx.member(a.soc, ['supervisor', 'board'], both);
    const { items } = await tasksOf(t, both);
    // 乙's payment (dated) first, then 甲's objection; no ballot: not eligible in a vote opened before.
    expect(items.map((i) => [i.societyName, i.kind])).toEqual([
      ['乙村救急难互助社', 'payment'],
      ['甲村救急难互助社', 'objection'],
    ]);
  });

  it('a vote on a case withdrawn under vote waits for nobody', async () => {
    const c = await t.fx.case(a.soc);
    await openVote(t, a.soc, c.id, { amountFen: 10_000 });
    expect((await tasksOf(t, a.soc.board)).items.map((i) => i.caseId)).toContain(c.id);
    await t.fx.tx(() =>
      t.app.get(CasesService).withdraw(a.soc.id, c.id, { reason: '申请人已获其他救助' }, a.soc.secretary),
    );
    expect((await tasksOf(t, a.soc.board)).items.map((i) => i.caseId)).not.toContain(c.id);
  });
});

describe('GET /me/tasks: deadlines, overdue and order', () => {
  const t = withTestApp();
  let soc: TestSociety;

  beforeAll(async () => {
    t.clock.set('2026-11-01T01:00:00Z'); // 09:00 in Shanghai, 2026-11-01
    soc = await t.fx.society({ name: '丙村救急难互助社', board: 3 });
    await t.fx.donation(soc, { amountFen: 1_000_000, receivedAt: '2026-11-01' });
  });

  it('overdue first (most overdue first, "past dueAt"), then by deadline, then the undated; red stays red', async () => {
    const early = await paidCase(t, soc, { amountFen: 10_000 }); // paid 11-01: due by the end of 11-11
    t.clock.advance(3 * DAY);
    const later = await paidCase(t, soc, { amountFen: 20_000 }); // paid 11-04: due by the end of 11-14
    const draft = await t.fx.case(soc, { requestedAmountFen: 30_000 });
    t.clock.advance(5 * DAY); // 11-09
    const recent = await paidCase(t, soc, { amountFen: 40_000 }); // paid 11-09: due by the end of 11-19
    t.clock.set('2026-11-15T01:00:00Z'); // 11-15: early 4 days overdue, later 1, recent 4 days left

    const { items } = await tasksOf(t, soc.secretary);
    expect(items.map((i) => [i.caseId, i.overdue, i.daysLeft])).toEqual([
      [early.id, true, -4],
      [later.id, true, -1],
      [recent.id, false, 4],
      [draft.id, false, undefined],
    ]);
    expect(items[0].dueAt).toBe('2026-11-11T15:59:59.999Z');

    // The last millisecond of the due day is still in time; the next one is overdue.
    t.clock.set('2026-11-19T15:59:59.999Z');
    expect((await tasksOf(t, soc.secretary)).items.find((i) => i.caseId === recent.id)).toMatchObject({
      overdue: false,
      daysLeft: 0,
    });
    t.clock.set('2026-11-19T16:00:00.000Z');
    expect((await tasksOf(t, soc.secretary)).items.find((i) => i.caseId === recent.id)).toMatchObject({
      overdue: true,
      daysLeft: -1,
    });
  });

  it('an approved case unpaid past the next day is overdue for the treasurer; a vote is due when it closes', async () => {
    t.clock.set('2026-12-01T12:00:00Z'); // 20:00 in Shanghai, 12-01
    const approved = await t.fx.approvedCase(soc, { amountFen: 50_000 });
    const c = await t.fx.case(soc);
    const vote = await openVote(t, soc, c.id, { amountFen: 5_000, closesAt: '2026-12-02T04:00:00Z' });
    const payment = async () => (await tasksOf(t, soc.treasurer)).items.find((i) => i.caseId === approved.id);
    expect(await payment()).toMatchObject({ dueAt: '2026-12-02T15:59:59.999Z', daysLeft: 1, overdue: false });
    const ballot = (await tasksOf(t, soc.board)).items.find((i) => i.kind === 'ballot');
    expect(ballot).toMatchObject({ voteId: vote.id, dueAt: '2026-12-02T04:00:00.000Z', overdue: false });
    t.clock.set('2026-12-02T16:00:00Z'); // 12-03 in Shanghai
    expect(await payment()).toMatchObject({ daysLeft: -1, overdue: true });
    // Past its closing time a vote waits for no ballot (the deadline job closes it).
    expect((await tasksOf(t, soc.board)).items.filter((i) => i.kind === 'ballot')).toEqual([]);
  });
});
