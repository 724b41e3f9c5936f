import { CasesService } from '../../src/cases/cases.service';
import { publish, withdraw } from '../support/disclosure-fixtures';
import { disputedCase, paidCase } from '../support/dispute-fixtures';
import { TestSociety } from '../support/fixtures';
import { withTestApp } from '../support/test-app';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Overdue publication (API.md "Disclosures": due within `disclosureDeadlineDays` of payment, later is
 * overdue in oversight), through CasesService.overdueDisclosures: no route yet, oversight comes later.
 */
describe('CasesService.overdueDisclosures', () => {
  const t = withTestApp();
  const overdue = (s: TestSociety) => t.run(() => t.app.get(CasesService).overdueDisclosures(s.id));
  const AMOUNT = 10_000;

  afterEach(() => t.clock.reset());

  it("lists the paid cases past the deadline in the society's days, oldest payment first", async () => {
    // 10:00 on 29 November 2026 in Shanghai (the default zone); deadline 10 days (the default).
    t.clock.set('2026-11-29T02:00:00Z');
    const s = await t.fx.society();
    await t.fx.donation(s, { amountFen: 1_000_000 });
    const pay = (paidAt: string) => paidCase(t, s, { amountFen: AMOUNT, paidAt });

    const lastMinute = await pay('2026-11-18T23:59:59+08:00'); // due 28 Nov: a day late
    const inTime = await pay('2026-11-19T00:00:00+08:00'); // due today, 29 Nov: in time
    const early = await pay('2026-11-01'); // 00:00 on 1 Nov in Shanghai: due 11 Nov
    const published = await pay('2026-11-01');
    await publish(t, s, [published.id]);
    const republish = await pay('2026-11-05'); // published, then the notice withdrawn: due again
    await withdraw(t, s, (await publish(t, s, [republish.id])).id);
    await disputedCase(t, s, { amountFen: AMOUNT, paidAt: '2026-11-01' });
    await t.fx.approvedCase(s, { amountFen: AMOUNT }); // not paid: nothing to publish yet
    const elsewhere = await t.fx.society();
    await t.fx.donation(elsewhere, { amountFen: AMOUNT });
    await paidCase(t, elsewhere, { amountFen: AMOUNT, paidAt: '2026-11-01' });

    expect(await overdue(s)).toEqual([
      {
        caseId: early.id,
        caseNo: early.caseNo,
        paidAt: new Date('2026-10-31T16:00:00Z'),
        dueOn: '2026-11-11',
        daysOverdue: 18,
      },
      {
        caseId: republish.id,
        caseNo: republish.caseNo,
        paidAt: new Date('2026-11-04T16:00:00Z'),
        dueOn: '2026-11-15',
        daysOverdue: 14,
      },
      {
        caseId: lastMinute.id,
        caseNo: lastMinute.caseNo,
        paidAt: new Date('2026-11-18T15:59:59Z'),
        dueOn: '2026-11-28',
        daysOverdue: 1,
      },
    ]);

    // 23:59:59 in Shanghai: still the 29th, nothing new. Midnight: the 30th, and the last one is late.
    t.clock.set('2026-11-29T15:59:59Z');
    expect((await overdue(s)).map((o) => o.caseId)).toEqual([early.id, republish.id, lastMinute.id]);
    t.clock.advance(1000);
    expect((await overdue(s)).map((o) => [o.caseNo, o.daysOverdue])).toEqual([
      [early.caseNo, 19],
      [republish.caseNo, 15],
      [lastMinute.caseNo, 2],
      [inTime.caseNo, 1],
    ]);

    // Published at last: off the list.
    await publish(t, s, [early.id]);
    expect((await overdue(s)).map((o) => o.caseId)).toEqual([republish.id, lastMinute.id, inTime.id]);
  });

  it("follows the society's own time zone and deadline", async () => {
    // 21:00 on 28 November in New York (already the 29th in Shanghai); deadline 3 days.
    t.clock.set('2026-11-29T02:00:00Z');
    const s = await t.fx.society({ timezone: 'America/New_York', settings: { disclosureDeadlineDays: 3 } });
    await t.fx.donation(s, { amountFen: 1_000_000 });
    const c = await paidCase(t, s, { amountFen: AMOUNT, paidAt: '2026-11-25' }); // 00:00 in New York
    expect(await overdue(s)).toEqual([]); // due on the 28th, which it still is in New York

    t.clock.advance(3 * HOUR); // midnight in New York: the 29th
    expect(await overdue(s)).toEqual([
      {
        caseId: c.id,
        caseNo: c.caseNo,
        paidAt: new Date('2026-11-25T05:00:00Z'),
        dueOn: '2026-11-28',
        daysOverdue: 1,
      },
    ]);

    // A longer deadline (a settings change) applies to the cases already paid.
    await t.http
      .patch(s.url)
      .set(s.secretary.auth)
      .send({ settings: { disclosureDeadlineDays: 10 } })
      .expect(200);
    expect(await overdue(s)).toEqual([]);
    t.clock.advance(7 * DAY);
    expect((await overdue(s)).map((o) => [o.dueOn, o.daysOverdue])).toEqual([['2026-12-05', 1]]);
  });

  it('answers NOT_FOUND for a society that does not exist', async () => {
    await expect(
      t.run(() => t.app.get(CasesService).overdueDisclosures('00000000-0000-4000-8000-00000000abcd')),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
