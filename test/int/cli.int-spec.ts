// `npm run cli` commands against a test database (DATABASE_URL mode), each run as a real process.
import { PLATFORM_CHAIN } from '../../src/audit/domain/hash-chain';
import { runCli } from '../support/cli';
import { TEST_PASSWORD } from '../support/fixtures';
import { TEST_PII_KEY, withTestApp } from '../support/test-app';

describe('admin CLI', () => {
  const t = withTestApp();
  let env: Record<string, string>;

  beforeAll(() => {
    env = { DATABASE_URL: t.config.DATABASE_URL, JWT_SECRET: t.config.JWT_SECRET, PII_KEY: TEST_PII_KEY };
  });

  const login = (username: string, password: string) =>
    t.http.post('/api/v1/auth/login').send({ username, password });

  describe('admin:create', () => {
    it('creates the user and prints only its generated password, which logs in', async () => {
      const run = await runCli(
        ['admin:create', 'cli_overseer', '--display-name', '王督导', '--platform-role', 'overseer'],
        env,
      );
      expect(run).toMatchObject({ code: 0 });
      const password = run.stdout.trim();
      expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
      const res = await login('cli_overseer', password).expect(200);
      expect(res.body.user).toMatchObject({ displayName: '王督导', platformRole: 'overseer' });
      const { rows } = await t.db.query(
        `SELECT actor_id FROM audit_events WHERE society_id = $1 AND action = 'user.created' AND entity_id = $2`,
        [PLATFORM_CHAIN, res.body.user.id],
      );
      expect(rows).toEqual([{ actor_id: null }]); // the console operator, not a user
    });

    it('makes an admin by default, named after the username', async () => {
      const run = await runCli(['admin:create', 'cli_admin'], env);
      expect(run.code).toBe(0);
      const res = await login('cli_admin', run.stdout.trim()).expect(200);
      expect(res.body.user).toMatchObject({ displayName: 'cli_admin', platformRole: 'admin' });
    });

    it('refuses a taken username, a bad one and an unknown role (exit 1, no password printed)', async () => {
      const runs = await Promise.all(
        [
          ['admin:create', t.admin.username],
          ['admin:create', 'a b'],
          ['admin:create', 'cli_king', '--platform-role', 'king'],
        ].map((args) => runCli(args, env)),
      );
      expect(runs.map((r) => [r.code, r.stdout])).toEqual([
        [1, ''],
        [1, ''],
        [1, ''],
      ]);
      expect(runs[0]!.stderr).toContain('error: The username is taken');
      expect(runs[1]!.stderr).toContain('error: username must be 3–64 letters');
      expect(runs[2]!.stderr).toContain('platformRole must be one of the following values: admin, overseer');
      const { rows } = await t.db.query(`SELECT 1 FROM users WHERE username IN ('a b', 'cli_king')`);
      expect(rows).toEqual([]);
    });
  });

  describe('admin:reset-password', () => {
    it('prints a new password: it logs in, the old one no longer does, and the change is audited', async () => {
      const user = await t.fx.user({ platformRole: 'admin' });
      await login(user.username, TEST_PASSWORD).expect(200);
      const run = await runCli(['admin:reset-password', user.username], env);
      expect(run.code).toBe(0);
      const password = run.stdout.trim();
      expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
      await login(user.username, password).expect(200);
      await login(user.username, TEST_PASSWORD).expect(401);
      const { rows } = await t.db.query(
        `SELECT actor_id FROM audit_events WHERE action = 'user.password_changed' AND entity_id = $1`,
        [user.id],
      );
      expect(rows).toEqual([{ actor_id: null }]);
    });

    it('exits 1 for an unknown user, changing nothing', async () => {
      const run = await runCli(['admin:reset-password', 'nobody_here'], env);
      expect(run).toMatchObject({ code: 1, stdout: '' });
      expect(run.stderr).toContain('no active user "nobody_here"');
    });
  });

  describe('audit:verify', () => {
    it('checks the installation chain and every society: exit 0 intact, 1 broken, 2 unknown', async () => {
      const intact = await t.fx.society({ roles: [] });
      const edited = await t.fx.society({ roles: ['secretary'] }); // two events: created, member added
      const emptied = await t.fx.society({ roles: [] });

      const before = await runCli(['audit:verify'], env);
      expect(before.code).toBe(0);
      expect(before.stdout).toContain(`ok      ${PLATFORM_CHAIN} (installation)`);
      for (const s of [intact, edited, emptied]) expect(before.stdout).toContain(`ok      ${s.id}`);

      // Behind the append-only trigger: one event edited; another society's chain deleted, head and all.
      await t.db.query('SET session_replication_role = replica');
      await t.db.query(`UPDATE audit_events SET data = '{}' WHERE society_id = $1 AND seq = 2`, [edited.id]);
      await t.db.query(`DELETE FROM audit_events WHERE society_id = $1`, [emptied.id]);
      await t.db.query(`DELETE FROM audit_heads WHERE society_id = $1`, [emptied.id]);
      await t.db.query('SET session_replication_role = DEFAULT');

      const after = await runCli(['audit:verify'], env);
      expect(after.code).toBe(1);
      expect(after.stdout).toContain(
        `BROKEN  ${edited.id} ${edited.name}: intact up to seq 1, first broken seq 2`,
      );
      expect(after.stdout).toContain(`BROKEN  ${emptied.id} ${emptied.name}: no events at all`);
      expect(after.stdout).toContain(`ok      ${intact.id}`);
      expect(after.stdout).toMatch(/\n2 of 4 chains intact\n$/); // installation + 3 societies

      const one = await runCli(['audit:verify', intact.id], env);
      expect(one.code).toBe(0);
      expect(one.stdout).toBe(`ok      ${intact.id}: 1 events\n1 of 1 chains intact\n`);
      const unknown = await runCli(['audit:verify', '5b0c2f1e-7a3d-4c2b-9e8f-0a1b2c3d4e5f'], env);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('no society 5b0c2f1e-7a3d-4c2b-9e8f-0a1b2c3d4e5f');
    });
  });
});
