import { objection, paidCase, publish } from '../support/disclosure-fixtures';
import { TestSociety } from '../support/fixtures';
import { withTestApp } from '../support/test-app';

/**
 * Two reads added for the console: the paid cases waiting for a notice with their deadline
 * (GET …/disclosures/awaiting) and one objection (GET …/objections/:oid).
 */
describe('Disclosures: what waits for a notice, and one objection', () => {
  const t = withTestApp();

  async function funded(): Promise<TestSociety> {
    const soc = await t.fx.society({ board: 3, settings: { disclosureDeadlineDays: 10 } });
    await t.fx.donation(soc, { amountFen: 1_000_000 });
    return soc;
  }

  afterEach(() => t.clock.reset());

  it('lists the paid cases oldest payment first, with the public item, the due day and the days left', async () => {
    const soc = await funded();
    t.clock.set('2026-11-10T02:00:00Z'); // 10:00 in Shanghai
    const late = await paidCase(t, soc, { amountFen: 100_000, pseudonym: '小范' });
    t.clock.set('2026-11-27T02:00:00Z');
    const fresh = await paidCase(t, soc, { amountFen: 50_000, pseudonym: '小李' });
    t.clock.set('2026-11-29T02:00:00Z');
    const publishedLater = await paidCase(t, soc, { amountFen: 20_000 });
    await publish(t, soc, [publishedLater.id]);

    const res = await t.http.get(`${soc.url}/disclosures/awaiting`).set(soc.secretary.auth).expect(200);
    expect(res.body).toEqual({
      items: [
        {
          caseId: late.id,
          item: {
            caseNo: late.caseNo,
            displayName: '小范（化名）',
            category: 'serious_illness',
            categoryLabel: '因病',
            amountFen: 100_000,
            approvedOn: '2026-11-10',
            paidOn: '2026-11-10',
            vote: { eligible: 3, cast: 2, approve: 2 },
          },
          paidAt: '2026-11-10T02:00:00.000Z',
          dueOn: '2026-11-20',
          daysLeft: -9,
          overdue: true,
        },
        {
          caseId: fresh.id,
          item: expect.objectContaining({
            caseNo: fresh.caseNo,
            displayName: '小李（化名）',
            amountFen: 50_000,
          }),
          paidAt: '2026-11-27T02:00:00.000Z',
          dueOn: '2026-12-07',
          daysLeft: 8,
          overdue: false,
        },
      ],
      nextCursor: null,
    });

    // Keyset pages: one at a time, the same two in the same order.
    const first = await t.http
      .get(`${soc.url}/disclosures/awaiting?limit=1`)
      .set(soc.supervisor.auth)
      .expect(200);
    expect(first.body.items.map((i: { caseId: string }) => i.caseId)).toEqual([late.id]);
    const second = await t.http
      .get(`${soc.url}/disclosures/awaiting?limit=1&cursor=${first.body.nextCursor}`)
      .set(soc.supervisor.auth)
      .expect(200);
    expect(second.body.items.map((i: { caseId: string }) => i.caseId)).toEqual([fresh.id]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('answers one objection of the society, and 404 for another society’s', async () => {
    const soc = await funded();
    const other = await funded();
    const c = await paidCase(t, soc, { amountFen: 100_000 });
    const d = await publish(t, soc, [c.id]);
    const o = await objection(t, d.id, {
      content: '该户今年已获救助',
      caseNo: c.caseNo,
      contactPhone: '13800138000',
    });

    const res = await t.http.get(`${soc.url}/objections/${o.id}`).set(soc.supervisor.auth).expect(200);
    expect(res.body).toEqual(
      expect.objectContaining({
        id: o.id,
        disclosureId: d.id,
        noticeNo: d.noticeNo,
        caseNo: c.caseNo,
        content: '该户今年已获救助',
        contactPhone: '138****8000',
        status: 'open',
      }),
    );
    const missing = await t.http
      .get(`${other.url}/objections/${o.id}`)
      .set(other.supervisor.auth)
      .expect(404);
    expect(missing.body.code).toBe('NOT_FOUND');
  });
});
