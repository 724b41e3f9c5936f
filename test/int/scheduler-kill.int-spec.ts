import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase } from '../setup/test-server';

/**
 * kill -9 of a service process in the middle of a scheduled job, then a start on the same database:
 * every due item is done exactly once (the killed transaction rolls back, the killed session's lock
 * goes with its connection, the next instance's first tick catches up). The service is the real app
 * with a slow test job (test/support/scheduler-probe-service.ts); the votes job will get the same.
 */
const ROOT = join(__dirname, '..', '..');
const ITEMS = 12;

function startService(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let out = '';
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'test/support/scheduler-probe-service.ts'],
    { cwd: ROOT, env: { PATH: process.env.PATH!, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out };
}

function exited(child: ChildProcess): Promise<unknown> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((r) => child.once('exit', r));
}

describe('scheduler: kill -9 while a job is due, then a restart', () => {
  let db: { url: string; drop: () => Promise<void> };
  let client: Client;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await Promise.all(children.map(exited));
    await client?.end();
    await db?.drop();
  });

  const counts = async () =>
    (
      await client.query<{ pending: number; once: number; more: number }>(
        `SELECT count(*) FILTER (WHERE done_count = 0)::int AS pending,
                count(*) FILTER (WHERE done_count = 1)::int AS once,
                count(*) FILTER (WHERE done_count > 1)::int AS more FROM scheduler_probe`,
      )
    ).rows[0];

  async function until(check: () => Promise<boolean>, what: string, output: () => string): Promise<void> {
    const deadline = Date.now() + 45_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('does every due item exactly once', async () => {
    await client.query(
      `CREATE TABLE scheduler_probe (id serial PRIMARY KEY, due_at timestamptz NOT NULL,
         done_count int NOT NULL DEFAULT 0, done_at timestamptz)`,
    );
    await client.query(
      `INSERT INTO scheduler_probe (due_at) SELECT now() - interval '1 minute' FROM generate_series(1, $1::int)`,
      [ITEMS],
    );
    const env = {
      DATABASE_URL: db.url,
      JWT_SECRET: randomBytes(32).toString('hex'),
      PII_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
      SCHEDULER: 'on',
    };

    const first = startService(env);
    children.push(first.child);
    // Killed mid-run: some items done, one in a transaction that has not committed.
    await until(async () => (await counts()).once >= 3, 'the first items', first.output);
    first.child.kill('SIGKILL');
    await exited(first.child);
    const atKill = await counts();
    expect(atKill.pending).toBeGreaterThan(0);
    expect(atKill.more).toBe(0);

    const second = startService(env);
    children.push(second.child);
    await until(async () => (await counts()).pending === 0, 'the rest', second.output);
    await new Promise((r) => setTimeout(r, 600)); // three more periods: nothing is done again
    expect(await counts()).toEqual({ pending: 0, once: ITEMS, more: 0 });
    second.child.kill('SIGTERM');
    await exited(second.child);
  });
});
