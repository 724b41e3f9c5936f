import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { TEST_PII_KEY, withTestApp } from '../support/test-app';
import { openVote, votingSociety } from '../support/vote-fixtures';

/**
 * Votes under real parallel connections (DESIGN.md "Tests"): every request below runs on its own
 * pooled connection at the same time as the others; the case row lock (then the vote's, then the
 * fund's) is what keeps the outcome single.
 */
describe('Votes under concurrency', () => {
  const t = withTestApp();

  const count = async (sql: string, params: unknown[]) =>
    Number((await t.db.query<{ n: string }>(sql, params)).rows[0].n);

  it("counts the same member's ballot sent 10 times at once once", async () => {
    const { soc, c, url } = await votingSociety(t, 9);
    await openVote(t, soc, c.id);
    const member = soc.boardMembers[0];
    const res = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.http.post(`${url}/ballots`).set(member.auth).send({ choice: 'approve' }),
      ),
    );
    expect(res.map((r) => r.status).sort()).toEqual([201, ...Array<number>(9).fill(409)]);
    for (const r of res.filter((x) => x.status === 409))
      expect(r.body).toMatchObject({ code: 'ALREADY_VOTED' });
    expect(await count(`SELECT count(*) AS n FROM ballots WHERE voter_id = $1`, [member.id])).toBe(1);
  });

  it('gives one outcome when the deciding ballot and the secretary’s close race', async () => {
    for (let round = 0; round < 5; round++) {
      const { soc, c, url } = await votingSociety(t, 3, 500_000);
      await openVote(t, soc, c.id, { amountFen: 200_000 });
      const [a, b] = soc.boardMembers;
      await t.http.post(`${url}/ballots`).set(a.auth).send({ choice: 'approve' }).expect(201);
      // b's approval decides (2 of 3: approved); the close alone would find 1 of 3 (no quorum)
      const [ballot, close] = await Promise.all([
        t.http.post(`${url}/ballots`).set(b.auth).send({ choice: 'approve' }),
        t.http.post(`${url}/close`).set(soc.secretary.auth),
      ]);
      const status = (
        (await t.http.get(`${soc.url}/cases/${c.id}`).set(soc.secretary.auth)).body as {
          status: string;
        }
      ).status;
      const held = ((await t.http.get(`${soc.url}/fund`).set(soc.secretary.auth)).body as { heldFen: number })
        .heldFen;
      const outcomes = (
        await t.db.query<{ action: string }>(
          `SELECT action FROM case_events WHERE case_id = $1 AND action IN ('approve', 'reject', 'no_quorum')`,
          [c.id],
        )
      ).rows.map((r) => r.action);
      expect(outcomes).toHaveLength(1);
      if (ballot.status === 201) {
        // the ballot came first and decided; the close found the vote closed
        expect([status, held, close.status, (close.body as { code: string }).code]).toEqual([
          'approved',
          200_000,
          409,
          'VOTE_CLOSED',
        ]);
      } else {
        expect([status, held, ballot.status, (ballot.body as { code: string }).code, close.status]).toEqual([
          'draft',
          0,
          409,
          'VOTE_CLOSED',
          200,
        ]);
      }
      expect(
        await count(`SELECT count(*) AS n FROM votes WHERE case_id = $1 AND status = 'closed'`, [c.id]),
      ).toBe(1);
    }
  });

  it('never holds more than is available when votes open in parallel', async () => {
    const soc = await t.fx.society({ board: 3 });
    await t.fx.donation(soc, { amountFen: 100_000 });
    const cases = await Promise.all(Array.from({ length: 10 }, () => t.fx.case(soc)));
    const res = await Promise.all(
      cases.map((c) =>
        t.http.post(`${soc.url}/cases/${c.id}/vote`).set(soc.secretary.auth).send({ amountFen: 30_000 }),
      ),
    );
    const statuses = res.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, ...Array<number>(7).fill(409)]);
    for (const r of res.filter((x) => x.status === 409))
      expect(r.body).toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    const fund = (await t.http.get(`${soc.url}/fund`).set(soc.secretary.auth).expect(200)).body as {
      heldFen: number;
      availableFen: number;
    };
    expect(fund).toMatchObject({ heldFen: 90_000, availableFen: 10_000 });
    // the refused cases are still drafts, without a vote
    expect(await count(`SELECT count(*) AS n FROM votes WHERE society_id = $1`, [soc.id])).toBe(3);
  });

  describe('kill -9 while a vote expires, then a restart', () => {
    const ROOT = join(__dirname, '..', '..');
    const children: ChildProcess[] = [];
    const exited = (child: ChildProcess) =>
      child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise((r) => child.once('exit', r));
    afterAll(async () => {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      await Promise.all(children.map(exited));
    });

    function start(): { child: ChildProcess; output: () => string } {
      let out = '';
      const child = spawn(process.execPath, ['-r', '@swc-node/register', 'test/support/service-process.ts'], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH!,
          DATABASE_URL: t.config.DATABASE_URL!,
          JWT_SECRET: t.config.JWT_SECRET,
          PII_KEY: TEST_PII_KEY,
          LOG_LEVEL: 'warn',
          SCHEDULER: 'on',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
      children.push(child);
      return { child, output: () => out };
    }

    async function until(check: () => Promise<boolean>, what: string, output: () => string) {
      const deadline = Date.now() + 45_000;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${output()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }

    it('closes the vote exactly once', async () => {
      const { soc, c } = await votingSociety(t, 3);
      const v = await openVote(t, soc, c.id, { amountFen: 40_000 });
      // Due now (the services below run on real time).
      await t.db.query(
        `UPDATE votes SET opens_at = now() - interval '2 days', closes_at = now() - interval '1 day' WHERE id = $1`,
        [v.id],
      );
      // Hold the case row: the first instance's closing transaction starts and waits inside it.
      const blocker = new Client({ connectionString: t.config.DATABASE_URL });
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [c.id]);
      const first = start();
      await until(
        async () =>
          (await count(
            `SELECT count(*) AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
              WHERE NOT l.granted AND a.datname = current_database() AND a.pid <> pg_backend_pid()`,
            [],
          )) > 0,
        'the first instance to wait on the case inside its closing transaction',
        first.output,
      );
      first.child.kill('SIGKILL');
      await exited(first.child);
      await blocker.query('ROLLBACK');
      await blocker.end();
      expect((await t.db.query(`SELECT status FROM votes WHERE id = $1`, [v.id])).rows).toEqual([
        { status: 'open' },
      ]);

      const second = start();
      await until(
        async () =>
          (await t.db.query(`SELECT status FROM votes WHERE id = $1`, [v.id])).rows[0].status !== 'open',
        'the restarted instance to close the vote',
        second.output,
      );
      await new Promise((r) => setTimeout(r, 500));
      expect((await t.db.query(`SELECT status, outcome FROM votes WHERE id = $1`, [v.id])).rows).toEqual([
        { status: 'closed', outcome: 'no_quorum' },
      ]);
      expect(
        await count(
          `SELECT count(*) AS n FROM audit_events WHERE entity_id = $1 AND action = 'vote.closed'`,
          [v.id],
        ),
      ).toBe(1);
      expect(
        await count(`SELECT count(*) AS n FROM case_events WHERE case_id = $1 AND action = 'no_quorum'`, [
          c.id,
        ]),
      ).toBe(1);
      const holds = await t.db.query<{ id: string; status: string }>(
        `SELECT h.id, h.status FROM holds h JOIN votes v ON v.society_id = h.society_id AND v.hold_id = h.id
          WHERE v.id = $1`,
        [v.id],
      );
      expect(holds.rows.map((h) => h.status)).toEqual(['released']);
      expect(
        await count(
          `SELECT count(*) AS n FROM audit_events WHERE entity_id = $1 AND action = 'fund.hold_released'`,
          [holds.rows[0].id],
        ),
      ).toBe(1);
      second.child.kill('SIGTERM');
      await exited(second.child);
    });
  });
});
