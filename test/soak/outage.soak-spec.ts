import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedServer, startEmbeddedServer } from '../../src/database/embedded-server';
import { runMigrations } from '../../src/database/migrate';
import { createTestDatabase, uniqueName } from '../setup/test-server';
import { AppProcess, startAppProcess } from '../support/app-process';
import { BankSociety, checkAcknowledged, runBank, summarize } from '../support/bank';
import { bankSocieties } from '../support/bank';
import { createFixtures } from '../support/fixtures';
import { expectInvariants } from '../support/invariants';
import { Relay } from '../support/tcp-relay';
import { startTestApp, TEST_PII_KEY, TestApp } from '../support/test-app';

/**
 * The database stopped under the bank workload (issue 15), twice over: once by cutting a TCP relay
 * between the service and PostgreSQL, once by an immediate stop (SIGQUIT, as a crash) of a private
 * PostgreSQL started for this test (the machine's shared server is never touched). While it is down
 * the service answers 503 SERVICE_UNAVAILABLE and keeps running; when it is back the same process
 * serves again (/health, writes), the clients' keyed retries take effect once, and every invariant
 * holds. OUTAGE_MS sets how long each outage lasts (default 4 s); BANK_OPS the operations.
 */
describe('Database outage under load', () => {
  const OUTAGE_MS = Number(process.env.OUTAGE_MS ?? 4000);
  const OPS = Number(process.env.BANK_OPS ?? 800);

  async function underLoad(
    t: TestApp,
    databaseUrl: string,
    appDatabaseUrl: string,
    stop: () => Promise<void>,
    start: () => Promise<void>,
  ) {
    const admin = await createFixtures(t).user({ platformRole: 'admin' });
    const societies: BankSociety[] = await bankSocieties({ ...t, admin, fx: createFixtures(t, admin) }, 2);
    const app: AppProcess = await startAppProcess({
      DATABASE_URL: appDatabaseUrl,
      JWT_SECRET: t.config.JWT_SECRET,
      PII_KEY: TEST_PII_KEY,
      OBJECTION_RATE_LIMIT: '10000',
    });
    const pid = app.child.pid;
    const seed = Number(process.env.BANK_SEED ?? Math.floor(Math.random() * 2 ** 31));
    let done = 0;
    const probes: { status: number; code?: string; message?: string; retryAfter: string | null }[] = [];
    let recoveredInMs = -1;
    const fault = (async () => {
      while (done < OPS / 3) await new Promise((r) => setTimeout(r, 20));
      await stop();
      const since = Date.now();
      const soc = societies[0];
      while (Date.now() - since < OUTAGE_MS) {
        const res = await fetch(`${app.url}/api/v1/societies/${soc.id}/donations`, {
          method: 'POST',
          headers: { ...soc.treasurer.auth, 'content-type': 'application/json' },
          body: JSON.stringify({
            donorId: soc.donorId,
            amountFen: 100,
            receivedAt: new Date().toISOString(),
            channel: 'cash',
          }),
        });
        const body = (await res.json()) as { code?: string; message?: string };
        probes.push({
          status: res.status,
          code: body.code,
          message: body.message,
          retryAfter: res.headers.get('retry-after'),
        });
        await new Promise((r) => setTimeout(r, 500));
      }
      expect((await fetch(`${app.url}/health`)).status).toBe(503);
      await start();
      const back = Date.now();
      while ((await fetch(`${app.url}/health`)).status !== 200) {
        if (Date.now() - back > 60_000) throw new Error('the service did not recover within 60 s');
        await new Promise((r) => setTimeout(r, 200));
      }
      recoveredInMs = Date.now() - back;
    })();
    const result = await runBank({
      baseUrl: () => app.url,
      societies,
      seed,
      operations: OPS,
      clients: 6,
      readers: 1,
      retry: true,
      databaseUrl,
      snapshotEveryMs: 2000,
      onOperation: (n) => (done = n),
    });
    await fault;
    process.stdout.write(
      `${summarize(result)}\nrecovered ${recoveredInMs} ms after the database returned; probes: ${JSON.stringify(probes.map((p) => `${p.status} ${p.code ?? ''}`))}\n`,
    );
    try {
      expect(app.alive()).toBe(true);
      expect(app.child.pid).toBe(pid);
      expect(probes.length).toBeGreaterThan(0);
      for (const p of probes) {
        expect(p).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', retryAfter: '5' });
        expect(p.message).toMatch(/数据库暂时不可用/);
      }
      expect(result.unexpected).toEqual([]);
      expect(result.badReads).toEqual([]);
      expect(result.snapshotViolations).toEqual([]);
      expect(result.retries).toBeGreaterThan(0);
      await expectInvariants(databaseUrl);
      // nothing half-written: the probes' gifts made nothing, every acknowledged move is there once
      expect(
        await checkAcknowledged(
          databaseUrl,
          result,
          societies.map((s) => s.id),
        ),
      ).toEqual([]);
      // a write after the outage
      const soc = societies[0];
      const after = await fetch(`${app.url}/api/v1/societies/${soc.id}/fund/transfers`, {
        method: 'POST',
        headers: { ...soc.treasurer.auth, 'content-type': 'application/json' },
        body: JSON.stringify({ from: 'bank', to: 'cash', amountFen: 1 }),
      });
      expect([201, 409]).toContain(after.status);
    } finally {
      await app.stop();
    }
  }

  it('through a TCP relay cut and restored', async () => {
    const db = await createTestDatabase();
    const relay = Relay.to(db.url);
    await relay.open();
    const t = await startTestApp({}, { databaseUrl: db.url, validateResponses: false });
    try {
      await underLoad(
        t,
        db.url,
        relay.url(db.url),
        () => relay.cut(),
        () => relay.open(),
      );
    } finally {
      await t.close();
      await relay.cut();
      await db.drop();
    }
  });

  it('through an immediate stop of a private PostgreSQL and its restart', async () => {
    const dir = join(tmpdir(), uniqueName('huzhu-outage-pg'));
    const settings = { fsync: 'off', max_connections: '100' };
    let server: EmbeddedServer = await startEmbeddedServer({
      dir,
      password: 'outage',
      persistent: true,
      settings,
    });
    const port = server.port;
    const admin = new Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('CREATE DATABASE huzhu_outage');
    await admin.end();
    const url = new URL(server.url);
    url.pathname = '/huzhu_outage';
    const databaseUrl = url.toString();
    await runMigrations(databaseUrl);
    const t = await startTestApp({}, { databaseUrl, validateResponses: false });
    try {
      await underLoad(
        t,
        databaseUrl,
        databaseUrl,
        async () => {
          // pg_ctl stop -m immediate: SIGQUIT to the postmaster; no checkpoint, crash recovery at start
          const pid = Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
          process.kill(pid, 'SIGQUIT');
          while (isAlive(pid)) await new Promise((r) => setTimeout(r, 50));
        },
        async () => {
          server = await startEmbeddedServer({ dir, password: 'outage', persistent: true, settings, port });
        },
      );
    } finally {
      await t.close().catch(() => undefined);
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
