import { CASE_STATUSES } from '../../src/cases/domain/case-status';
import { DemoSeeder } from '../../src/demo/demo.seeder';
import { withTestApp } from '../support/test-app';

/**
 * The demo society of a first start (issue 10): seeded through the services on an empty database, it
 * shows the whole product — every role, every kind of donor, a case in every status, 小范's published
 * notice — with books that reconcile and an audit chain that verifies; seeded once, and only when wanted.
 */
const ADMIN = { ADMIN_PASSWORD: 'the demo admin passphrase' };

async function counts(db: { query: (sql: string) => Promise<{ rows: Record<string, number>[] }> }) {
  const { rows } = await db.query(
    `SELECT (SELECT count(*)::int FROM societies) AS societies,
            (SELECT count(*)::int FROM users) AS users,
            (SELECT count(*)::int FROM donations) AS donations,
            (SELECT count(*)::int FROM cases) AS cases,
            (SELECT count(*)::int FROM ledger_entries) AS entries,
            (SELECT count(*)::int FROM audit_events) AS events`,
  );
  return rows[0];
}

describe('The demo society (DEMO=1, DATABASE_URL)', () => {
  const t = withTestApp({ DEMO: '1', ...ADMIN });
  const api = '/api/v1';

  it('is seeded once on an empty database, as real use would have built it', async () => {
    const started = Date.now();
    const logins = await t.app.get(DemoSeeder).seedIfEmpty();
    expect(logins).toBeDefined();
    const { societyId: sid, password } = logins!;
    const soc = `${api}/societies/${sid}`;
    // The app's clock reads real time again once the story is told.
    expect(Math.abs(t.clock.now().getTime() - Date.now())).toBeLessThan(5_000);

    // Every demo user logs in with the one password; the secretary sees the society as founded.
    const login = async (username: string) => {
      const res = await t.http.post(`${api}/auth/login`).send({ username, password }).expect(200);
      return { Authorization: `Bearer ${res.body.accessToken as string}` };
    };
    expect(logins!.users).toHaveLength(13);
    const secretary = await login('demo.secretary');
    const supervisor = await login('demo.supervisor');
    const society = await t.http.get(soc).set(secretary).expect(200);
    expect(society.body).toMatchObject({
      name: '秋浦街道月亮湖社区救急难互助社（演示）',
      regionCode: '341702001012',
      timezone: 'Asia/Shanghai',
      contactPhone: '0566-2812345',
      settings: { quorum: '2/3', approval: '2/3', approvalRule: 'at_least' },
    });

    // One society with every role: a secretary, nine board members, a cashier, a supervisor, a collector.
    const members = await t.http.get(`${soc}/members`).set(secretary).expect(200);
    const roles = (members.body.items ?? members.body).flatMap((m: { roles: string[] }) => m.roles);
    const byRole = (r: string) => roles.filter((x: string) => x === r).length;
    expect([
      byRole('secretary'),
      byRole('board'),
      byRole('treasurer'),
      byRole('supervisor'),
      byRole('collector'),
    ]).toEqual([1, 9, 1, 1, 1]);
    for (const u of logins!.users) await login(u.username);

    // A dozen donors and more, of every kind, and their receipted gifts (one voided: entered twice).
    const donors = await t.http.get(`${soc}/donors?limit=200`).set(supervisor).expect(200);
    expect(donors.body.items.length).toBeGreaterThanOrEqual(12);
    expect(new Set(donors.body.items.map((d: { kind: string }) => d.kind))).toEqual(
      new Set([
        'individual',
        'enterprise',
        'retired_cadre',
        'migrant_entrepreneur',
        'collective',
        'government',
        'other',
      ]),
    );
    expect(donors.body.items.some((d: { anonymous: boolean }) => d.anonymous)).toBe(true);
    const gifts = await t.http.get(`${soc}/donations?limit=200`).set(supervisor).expect(200);
    expect(gifts.body.items.length).toBeGreaterThanOrEqual(13);
    expect(gifts.body.items.filter((g: { status: string }) => g.status === 'voided')).toHaveLength(1);
    for (const g of gifts.body.items) expect(g.receiptNo).toMatch(/^\d{4}-\d{6}$/);

    // A case in every status of the state machine, each with its timeline; dates in the past.
    const cases = await t.http.get(`${soc}/cases?limit=200`).set(secretary).expect(200);
    const statuses = cases.body.items.map((c: { status: string }) => c.status).sort();
    expect(statuses).toEqual([...CASE_STATUSES].sort());
    const created = cases.body.items.map((c: { createdAt: string }) => Date.parse(c.createdAt));
    expect(Math.min(...created)).toBeLessThan(started - 20 * 86_400_000);
    expect(Math.max(...created)).toBeLessThanOrEqual(Date.now());
    const caseOf = (status: string) =>
      cases.body.items.find((c: { status: string }) => c.status === status) as { id: string };
    const voting = await t.http
      .get(`${soc}/cases/${caseOf('voting').id}/vote`)
      .set(secretary)
      .expect(200);
    expect(voting.body).toMatchObject({
      status: 'open',
      tally: { eligible: 8, cast: 3, outcome: 'pending' },
    });
    expect(Date.parse(voting.body.closesAt)).toBeGreaterThan(Date.now());
    const rejected = await t.http
      .get(`${soc}/cases/${caseOf('rejected').id}/vote`)
      .set(secretary)
      .expect(200);
    expect(rejected.body.tally.outcome).toBe('rejected');
    const fan = await t.http
      .get(`${soc}/cases/${caseOf('publicized').id}`)
      .set(secretary)
      .expect(200);
    expect(fan.body).toMatchObject({ pseudonym: '小范', category: 'serious_illness' });
    expect(fan.body.timeline.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'open_vote',
      'approve',
      'pay',
      'publicize',
    ]);
    const fanVote = await t.http
      .get(`${soc}/cases/${caseOf('publicized').id}/vote`)
      .set(secretary)
      .expect(200);
    expect(fanVote.body.tally).toMatchObject({ eligible: 9, cast: 6, approve: 6, outcome: 'approved' });
    expect(fanVote.body.ballots.every((b: { mode: string }) => b.mode === 'meeting')).toBe(true);

    // 小范's notice, published and public: 小范（化名）, 1,000 yuan, the vote of the nine.
    const active = await t.http.get(`${api}/public/societies/${sid}/disclosures?status=active`).expect(200);
    expect(active.body.items).toHaveLength(1);
    expect(active.body.items[0].items).toEqual([
      expect.objectContaining({
        displayName: '小范（化名）',
        amountFen: 100_000,
        categoryLabel: '因病',
        vote: { eligible: 9, cast: 6, approve: 6 },
      }),
    ]);
    const ended = await t.http.get(`${api}/public/societies/${sid}/disclosures?status=ended`).expect(200);
    expect(ended.body.items).toHaveLength(2);
    const objections = await t.http.get(`${soc}/objections?status=upheld`).set(supervisor).expect(200);
    expect(objections.body.items).toHaveLength(2);
    const page = await t.http.get(`${api}/public/societies/${sid}`).expect(200);
    expect(page.body.fund.balanceFen).toBe(6_500_000 - 650_000 + 150_000);

    // "My tasks" (the console's home) is not empty for the people who run the society: the secretary
    // has 吴建华's paid case to publicise, the cashier 郑大姐's approved case to pay, the collector a
    // draft, and the board members who have not voted the open vote.
    const tasksOf = async (who: { Authorization: string }) =>
      (await t.http.get(`${api}/me/tasks`).set(who).expect(200)).body.items as {
        kind: string;
        caseId?: string;
        societyId: string;
      }[];
    const secretaryTasks = await tasksOf(secretary);
    expect(secretaryTasks).toContainEqual(
      expect.objectContaining({ kind: 'disclosure', caseId: caseOf('paid').id, societyId: sid }),
    );
    expect(await tasksOf(await login('demo.cashier'))).toContainEqual(
      expect.objectContaining({ kind: 'payment', caseId: caseOf('approved').id }),
    );
    expect((await tasksOf(await login('demo.collector'))).map((x) => x.kind)).toContain('draft');
    const ballots = await Promise.all(
      Array.from({ length: 9 }, async (_, i) => (await tasksOf(await login(`demo.board${i + 1}`))).length),
    );
    expect(ballots.filter((n) => n > 0)).toHaveLength(5); // 8 eligible, 3 ballots cast

    // The books reconcile and the audit chain verifies.
    const recon = await t.http.get(`${soc}/fund/reconciliation`).set(supervisor).expect(200);
    expect(recon.body.ok).toBe(true);
    expect(recon.body.heldFen).toBe(300_000 + 150_000);
    const verified = await t.http.get(`${soc}/audit/verification`).set(supervisor).expect(200);
    expect(verified.body).toMatchObject({ ok: true });
    expect(verified.body.checked).toBeGreaterThan(100);

    // A second start creates nothing: there is a society.
    const before = await counts(t.db);
    expect(await t.app.get(DemoSeeder).seedIfEmpty()).toBeUndefined();
    expect(t.app.get(DemoSeeder).takeDemoLogins()).toMatchObject({ societyId: sid }); // once…
    expect(t.app.get(DemoSeeder).takeDemoLogins()).toBeUndefined(); // …and only once
    expect(await counts(t.db)).toEqual(before);
  });
});

describe('The demo society: when it is not seeded, or fails', () => {
  describe('DEMO=0, even in embedded mode', () => {
    const t = withTestApp({ DEMO: '0', ...ADMIN });
    it('creates nothing', async () => {
      t.config.embedded = true;
      try {
        expect(await t.app.get(DemoSeeder).seedIfEmpty()).toBeUndefined();
      } finally {
        t.config.embedded = false;
      }
      expect((await counts(t.db)).societies).toBe(0);
    });
  });

  describe('DATABASE_URL without DEMO', () => {
    const t = withTestApp(ADMIN);
    it('creates nothing', async () => {
      expect(await t.app.get(DemoSeeder).seedIfEmpty()).toBeUndefined();
      expect((await counts(t.db)).societies).toBe(0);
    });
  });

  describe('DEMO=1 on a database that already has a society', () => {
    const t = withTestApp({ DEMO: '1', ...ADMIN });
    it('creates nothing', async () => {
      await t.fx.society({ roles: ['secretary'] });
      const before = await counts(t.db);
      expect(await t.app.get(DemoSeeder).seedIfEmpty()).toBeUndefined();
      expect(await counts(t.db)).toEqual(before);
    });
  });

  describe('DEMO=1 when a step fails (a demo username taken)', () => {
    const t = withTestApp({ DEMO: '1', ...ADMIN });
    it('rolls everything back: no half demo, and the clock reads real time again', async () => {
      await t.fx.user({ username: 'demo.collector' });
      const before = await counts(t.db);
      // PostgreSQL's unique violation (23505), which main.ts logs before starting without a demo.
      await expect(t.app.get(DemoSeeder).seedIfEmpty()).rejects.toMatchObject({ code: '23505' });
      expect(await counts(t.db)).toEqual(before);
      expect(t.app.get(DemoSeeder).takeDemoLogins()).toBeUndefined();
      expect(Math.abs(t.clock.now().getTime() - Date.now())).toBeLessThan(5_000);
    });
  });
});
