import { Client } from 'pg';
import { PaymentsService } from '../../src/cases/payments.service';
import { objection, paidCase, publish } from '../support/disclosure-fixtures';
import { TestSociety, TestUser } from '../support/fixtures';
import { withTestApp } from '../support/test-app';
import { openVote } from '../support/vote-fixtures';

interface Row {
  societyId: string;
  name: string;
  regionCode: string;
  balanceFen: number;
  availableFen: number;
  casesByStatus: Record<string, number>;
  aidPaidThisYearFen: number;
  medianHoursFiledToPaid: number | null;
  overdueDisclosures: number;
  openObjections: number;
  pendingVotes: number;
}

/** Statements sent to PostgreSQL while `call` runs (every pg client of this process). */
async function statementsOf(call: () => PromiseLike<unknown>): Promise<number> {
  let sent = 0;
  const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: Client, ...args: unknown[]) {
    sent++;
    return original.apply(this, args);
  };
  try {
    await call();
  } finally {
    proto.query = original;
  }
  return sent;
}

const HOUR = 3_600_000;

describe('GET /oversight/societies (issue 10): every society under a region prefix', () => {
  const t = withTestApp();
  let overseer: TestUser;

  beforeAll(async () => {
    overseer = await t.fx.user({ platformRole: 'overseer' });
  });
  afterEach(() => t.clock.reset());

  const list = (query: string, who: TestUser = overseer) =>
    t.http.get(`/api/v1/oversight/societies${query}`).set(who.auth);

  it('shows a society’s fund, cases by status, speed, overdue notices, open objections and votes', async () => {
    const now = Date.parse('2026-06-15T04:00:00Z');
    const soc = await t.fx.society({ regionCode: '440305001001', board: 3 });
    t.clock.set(new Date(now - 30 * 24 * HOUR));
    await t.fx.donation(soc, { amountFen: 1_000_000, receivedAt: '2026-05-16' });
    // Filed and paid 30 days ago after 24 hours: its notice (deadline 10 days) is overdue.
    const late = await t.fx.approvedCase(soc, { amountFen: 100_000 });
    t.clock.set(new Date(now - 29 * 24 * HOUR));
    await pay(soc, late, 100_000);
    // Filed and paid 2 days ago after 48 hours: published, and a resident objects.
    t.clock.set(new Date(now - 4 * 24 * HOUR));
    const published = await t.fx.approvedCase(soc, { amountFen: 50_000 });
    t.clock.set(new Date(now - 2 * 24 * HOUR));
    await pay(soc, published, 50_000);
    const notice = await publish(t, soc, [published.id]);
    await objection(t, notice.id);
    t.clock.set(new Date(now));
    await openVote(t, soc, (await t.fx.case(soc)).id, { amountFen: 20_000 });
    await t.fx.case(soc);

    const res = await list('?regionPrefix=440305').expect(200);
    expect(res.body).toEqual({ items: [expect.any(Object)], nextCursor: null });
    const row = (res.body as { items: Row[] }).items[0];
    expect(row).toEqual({
      societyId: soc.id,
      name: soc.name,
      regionCode: '440305001001',
      balanceFen: 850_000,
      availableFen: 830_000,
      casesByStatus: {
        draft: 1,
        voting: 1,
        approved: 0,
        rejected: 0,
        paid: 1,
        publicized: 1,
        disputed: 0,
        recovered: 0,
        closed: 0,
        withdrawn: 0,
      },
      aidPaidThisYearFen: 150_000,
      medianHoursFiledToPaid: 36,
      overdueDisclosures: 1,
      openObjections: 1,
      pendingVotes: 1,
    });
  });

  /** Pays an approved case its approved amount, now by the app's clock. */
  async function pay(soc: TestSociety, c: { id: string }, amountFen: number) {
    const payments = t.app.get(PaymentsService);
    await t.fx.tx(() => payments.pay(soc.id, c.id, { amountFen }, soc.treasurer));
  }

  it('counts this year’s aid in each society’s own time zone', async () => {
    // 2025-12-31T20:00Z is already 2026 in Shanghai (04:00) but still 2025 in New York (15:00).
    const payAt = Date.parse('2025-12-31T20:00:00Z');
    const shanghai = await t.fx.society({ regionCode: '450100001001', timezone: 'Asia/Shanghai' });
    const newYork = await t.fx.society({ regionCode: '450100001002', timezone: 'America/New_York' });
    for (const soc of [shanghai, newYork]) {
      t.clock.set(new Date(payAt - 2 * HOUR));
      await t.fx.donation(soc, { amountFen: 200_000, receivedAt: '2025-12-31' });
      t.clock.set(new Date(payAt));
      await paidCase(t, soc, { amountFen: 70_000 });
    }
    // 06:00Z on 1 January: 14:00 in Shanghai, 01:00 in New York — both in 2026 now.
    t.clock.set(new Date('2026-01-01T06:00:00Z'));
    const items = (await list('?regionPrefix=4501').expect(200)).body.items as Row[];
    expect(items.map((r) => [r.regionCode, r.aidPaidThisYearFen])).toEqual([
      ['450100001001', 70_000],
      ['450100001002', 0],
    ]);
    expect(items.map((r) => r.medianHoursFiledToPaid)).toEqual([0, 0]);
  });

  it('pages by region code, then id; a society with nothing has zeros and a null median', async () => {
    const made = [];
    for (const code of ['460200000003', '460100000002', '460100000001']) {
      made.push(await t.fx.society({ regionCode: code, roles: ['secretary'] }));
    }
    const first = await list('?regionPrefix=46&limit=2').expect(200);
    const page1 = first.body as { items: Row[]; nextCursor: string };
    expect(page1.items.map((r) => r.regionCode)).toEqual(['460100000001', '460100000002']);
    const second = await list(`?regionPrefix=46&limit=2&cursor=${page1.nextCursor}`).expect(200);
    const page2 = second.body as { items: Row[]; nextCursor: string | null };
    expect(page2.items.map((r) => r.regionCode)).toEqual(['460200000003']);
    expect(page2.nextCursor).toBeNull();
    expect(page2.items[0]).toMatchObject({
      balanceFen: 0,
      availableFen: 0,
      aidPaidThisYearFen: 0,
      medianHoursFiledToPaid: null,
      overdueDisclosures: 0,
      openObjections: 0,
      pendingVotes: 0,
    });
    expect(Object.values(page2.items[0].casesByStatus)).toEqual(Array(10).fill(0));
    // No prefix: every society, still in region order.
    const all = (await list('?limit=200').expect(200)).body.items as Row[];
    const codes = all.map((r) => r.regionCode);
    expect(codes).toEqual([...codes].sort());
    expect(codes).toEqual(expect.arrayContaining(made.map((s) => s.regionCode)));
  });

  it('is set-based: the same number of statements for 2 societies as for 20', async () => {
    for (let i = 0; i < 20; i++) {
      const soc = await t.fx.society({
        regionCode: `47010000${String(i).padStart(4, '0')}`,
        roles: ['secretary', 'treasurer'],
      });
      if (i < 2 || i % 3 === 0) await t.fx.donation(soc, { amountFen: 10_000 });
    }
    const two = await statementsOf(() => list('?regionPrefix=47&limit=2').expect(200));
    const twenty = await statementsOf(() => list('?regionPrefix=47&limit=20').expect(200));
    expect(twenty).toBe(two);
    // A request's own statements (the caller, BEGIN/COMMIT) plus one per module: a dozen, not 20 × 5.
    expect(two).toBeLessThan(15);
  });

  it('refuses a region prefix that is not 2–12 digits (400 naming the field)', async () => {
    for (const bad of ['abc', '12x', '1234567890123', '1', '%25', '34%2017']) {
      const res = await list(`?regionPrefix=${bad}`).expect(400);
      expect([bad, res.body.code, Object.keys(res.body.details as object)]).toEqual([
        bad,
        'VALIDATION_FAILED',
        ['regionPrefix'],
      ]);
    }
  });

  it('is for the platform roles only', async () => {
    const soc = await t.fx.society({ roles: ['secretary', 'supervisor'] });
    await list('', soc.secretary).expect(403);
    await list('', soc.supervisor).expect(403);
    await list('', t.admin).expect(200);
    await t.http.get('/api/v1/oversight/societies').expect(401);
  });
});
