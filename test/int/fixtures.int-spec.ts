import { AuditService } from '../../src/audit/audit.service';
import { LedgerService } from '../../src/fund/ledger.service';
import { TEST_PASSWORD } from '../support/fixtures';
import { withTestApp } from '../support/test-app';

/** The fixtures build what the API would: audited, balanced, usable by their users, and all or nothing. */
describe('withTestApp() and its fixtures', () => {
  const t = withTestApp();

  it('starts with an administrator whose token and password work', async () => {
    const me = await t.http.get('/api/v1/auth/me').set(t.admin.auth).expect(200);
    expect(me.body).toMatchObject({ id: t.admin.id, platformRole: 'admin' });
    await t.http
      .post('/api/v1/auth/login')
      .send({ username: t.admin.username, password: TEST_PASSWORD })
      .expect(200);
  });

  it('gives fixture users one real argon2id hash of TEST_PASSWORD per file; other passwords hash afresh', async () => {
    const [a, b] = [await t.fx.user(), await t.fx.user()];
    const other = await t.http
      .post('/api/v1/users')
      .set(t.admin.auth)
      .send({ username: 'own_password', password: 'a long passphrase', displayName: '乙' })
      .expect(201);
    await t.http
      .post('/api/v1/users')
      .set(t.admin.auth)
      .send({ username: 'own_password2', password: 'a long passphrase', displayName: '丙' })
      .expect(201);
    const { rows } = await t.db.query<{ id: string; password_hash: string }>(
      `SELECT id, password_hash FROM users WHERE id = ANY($1) OR username LIKE 'own_password%' ORDER BY username`,
      [[a.id, b.id]],
    );
    const hashes = new Set(rows.map((r) => r.password_hash));
    expect(rows).toHaveLength(4);
    expect(hashes.size).toBe(3); // a and b share one; each own password got its own salt
    // The same algorithm and cost as the passwords hashed in production (the POST /users ones).
    expect(new Set([...hashes].map((h) => h.split('$').slice(0, 4).join('$')))).toEqual(
      new Set([expect.stringMatching(/^\$argon2id\$/)]),
    );
    await t.http
      .post('/api/v1/auth/login')
      .send({ username: b.username, password: TEST_PASSWORD })
      .expect(200);
    expect(other.body.id).toBeDefined();
  });

  it('builds a society with one member per role, board: n board members, each signed in', async () => {
    const soc = await t.fx.society({ board: 3, displayNames: { treasurer: '钱出纳' } });
    expect(soc.boardMembers).toHaveLength(3);
    expect(soc.board).toBe(soc.boardMembers[0]);
    expect(soc.treasurer.displayName).toBe('钱出纳');
    const members = await t.http.get(`${soc.url}/members`).set(soc.secretary.auth).expect(200);
    const roles = (m: { userId: string; roles: string[] }) => `${m.userId} ${m.roles.join()}`;
    expect(members.body.items.map(roles).sort()).toEqual(
      [
        { userId: soc.secretary.id, roles: ['secretary'] },
        ...soc.boardMembers.map((b) => ({ userId: b.id, roles: ['board'] })),
        { userId: soc.treasurer.id, roles: ['treasurer'] },
        { userId: soc.supervisor.id, roles: ['supervisor'] },
        { userId: soc.collector.id, roles: ['collector'] },
      ]
        .map(roles)
        .sort(),
    );
    const { rows } = await t.db.query(
      `SELECT action, actor_id FROM audit_events WHERE society_id = $1 ORDER BY seq`,
      [soc.id],
    );
    expect(rows).toEqual([
      { action: 'society.created', actor_id: t.admin.id },
      ...Array.from({ length: 7 }, () => ({ action: 'member.added', actor_id: t.admin.id })),
    ]);
    expect(await t.run(() => t.app.get(AuditService).verify(soc.id))).toEqual({ ok: true, checked: 8 });
  });

  it('staffs only the roles asked for', async () => {
    const soc = await t.fx.society({ roles: ['treasurer'] });
    const { rows } = await t.db.query(`SELECT user_id, roles FROM memberships WHERE society_id = $1`, [
      soc.id,
    ]);
    expect(rows).toEqual([{ user_id: soc.treasurer.id, roles: ['treasurer'] }]);
    expect(soc.boardMembers).toEqual([]);
  });

  it('records donations and transfers by the treasurer into balanced books', async () => {
    const soc = await t.fx.society({ roles: ['treasurer'] });
    const first = await t.fx.donation(soc, { amountFen: 100_000 });
    await t.fx.donation(soc, { amountFen: 5_000, channel: 'cash' });
    await t.fx.transfer(soc, { from: 'bank', to: 'cash', amountFen: 20_000 });
    expect(first).toMatchObject({ receiptNo: '2026-000001', recordedBy: soc.treasurer.id, account: 'bank' });
    const ledger = t.app.get(LedgerService);
    expect(await t.run(() => ledger.summary(soc.id))).toMatchObject({
      balanceFen: 105_000,
      accounts: expect.arrayContaining([
        { code: 'bank', balanceFen: 80_000 },
        { code: 'cash', balanceFen: 25_000 },
      ]),
    });
    expect((await t.run(() => ledger.reconcile(soc.id))).ok).toBe(true);
    const donors = await t.db.query(`SELECT count(*)::int AS n FROM donors WHERE society_id = $1`, [soc.id]);
    expect(donors.rows[0].n).toBe(1); // one default donor for the society's gifts
  });

  it('asks who acts when the society has no treasurer', async () => {
    const soc = await t.fx.society({ roles: ['secretary'] });
    await expect(t.fx.donation(soc, { amountFen: 1 })).rejects.toThrow(/no treasurer/);
  });

  it('builds all or nothing: fixtures inside fx.tx share its transaction and roll back with it', async () => {
    const count = async () =>
      (await t.db.query(`SELECT (SELECT count(*) FROM societies) + (SELECT count(*) FROM users) AS n`))
        .rows[0].n;
    const before = await count();
    let made: string | undefined;
    await expect(
      t.fx.tx(async () => {
        const soc = await t.fx.society();
        await t.fx.donation(soc, { amountFen: 1_000 });
        made = soc.id;
        throw new Error('stop here');
      }),
    ).rejects.toThrow('stop here');
    expect(made).toBeDefined();
    expect(await count()).toBe(before);
    expect((await t.db.query(`SELECT 1 FROM audit_events WHERE society_id = $1`, [made])).rowCount).toBe(0);
  });
});
