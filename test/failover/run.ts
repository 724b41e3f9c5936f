// `npm run test:failover`: the primary of a real HA pair dies under load, and nothing acknowledged
// is lost or duplicated. pg_auto_failover on loopback (cluster.ts); the app in its own process with a
// multi-host DATABASE_URL (target_session_attrs=read-write); clients that post donations and
// transfers with Idempotency-Keys and retry an unanswered request with the same key, as the
// console does. Exits non-zero on any broken promise. Knobs: FAILOVER_CLIENTS (8),
// FAILOVER_SECONDS_BEFORE (10) and _AFTER (15) the kill, FAILOVER_KILLS (2: back and forth).
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { JwtService } from '@nestjs/jwt';
import { Pool } from 'pg';
import { runMigrations } from '../../src/database/migrate';
import { multiHostClient, parseMultiHostUrl } from '../../src/database/multi-host';
import { Api } from '../../bench/seed';
import { freePort } from '../../bench/procs';
import { expectInvariants } from '../support/invariants';
import { ensurePackages, startCluster, waitFor, type Cluster } from './cluster';

const ROOT = join(__dirname, '..', '..');
const CLIENTS = Number(process.env.FAILOVER_CLIENTS ?? 8);
const BEFORE_S = Number(process.env.FAILOVER_SECONDS_BEFORE ?? 10);
const AFTER_S = Number(process.env.FAILOVER_SECONDS_AFTER ?? 15);
const KILLS = Number(process.env.FAILOVER_KILLS ?? 2);
const SOCIETIES = 3;
/** The app's JSON log lines (warnings and errors), for a look after a run. */
const APP_LOG = process.env.FAILOVER_APP_LOG ?? join(tmpdir(), 'huzhu-failover-app.log');

const log = (s: string) => console.log(`[failover] ${s}`);

interface Target {
  sid: string;
  token: string;
  donorId: string;
}

interface Acked {
  sid: string;
  kind: 'donation' | 'transfer';
  key: string;
  id: string;
  amountFen: number;
}

async function startApp(url: string, secret: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      JWT_SECRET: secret,
      PII_KEY: randomBytes(32).toString('base64'),
      ADMIN_PASSWORD: randomBytes(12).toString('hex'),
      DEMO: '0',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
    },
    stdio: ['ignore', openSync(APP_LOG, 'w'), 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(
    () =>
      fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      ),
    120,
    'the app',
  );
  return { url: base, child };
}

/** One request, retried with the same Idempotency-Key until the server gives a definite answer. */
async function untilAnswered(
  base: string,
  path: string,
  token: string,
  body: unknown,
  key: string,
  tally: Map<string, number>,
): Promise<{ status: number; json: { id?: string; code?: string } }> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(`${base}/api/v1${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      const json = (await res.json()) as { id?: string; code?: string };
      if (res.status < 500) return { status: res.status, json };
      tally.set(`${res.status} ${json.code ?? ''}`, (tally.get(`${res.status} ${json.code ?? ''}`) ?? 0) + 1);
    } catch {
      tally.set('no answer', (tally.get('no answer') ?? 0) + 1);
    }
    if (attempt > 400) throw new Error(`${path}: no definite answer after ${attempt} attempts`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main(): Promise<void> {
  const bin = ensurePackages(log);
  const ports = [await freePort(), await freePort(), await freePort()] as [number, number, number];
  let cluster: Cluster | undefined;
  let app: ChildProcess | undefined;
  // Whatever ends this process, the app and the clusters go with it.
  process.once('exit', () => {
    app?.kill('SIGKILL');
    cluster?.stop();
  });
  try {
    cluster = await startCluster(bin, ports, log);
    await cluster.quickFailover();
    log(`HA pair up: ${cluster.url}`);
    await runMigrations(cluster.url);
    const secret = randomBytes(32).toString('hex');
    const started = await startApp(cluster.url, secret);
    app = started.child;
    const target = parseMultiHostUrl(cluster.url)!;
    const db = new Pool({ connectionString: target.firstHostUrl, Client: multiHostClient(target), max: 2 });
    // An idle connection to the primary that is killed errors: the pool drops it (no crash here).
    db.on('error', () => undefined);
    const api = new Api(started.url, new JwtService({ secret, signOptions: { expiresIn: 3600 } }));

    // Societies, each with a treasurer and a donor, through the API (users by SQL, as the bench does).
    const [admin] = (await db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'admin'`)).rows;
    const adminToken = api.token(admin.id, 'admin');
    const targets: Target[] = [];
    for (let i = 0; i < SOCIETIES; i++) {
      const { id: sid } = await api.call<{ id: string }>('POST', '/societies', adminToken, {
        name: `故障切换互助社${i}`,
        regionCode: '341702001001',
      });
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO users (username, display_name, password_hash) VALUES ($1, $1, '!failover: no login') RETURNING id`,
        [`failover_treasurer_${i}`],
      );
      await api.call('POST', `/societies/${sid}/members`, adminToken, {
        userId: rows[0].id,
        roles: ['treasurer'],
      });
      const token = api.token(rows[0].id, `failover_treasurer_${i}`);
      const donor = await api.call<{ id: string }>('POST', `/societies/${sid}/donors`, token, {
        kind: 'individual',
        name: `捐赠人${i}`,
      });
      targets.push({ sid, token, donorId: donor.id });
    }

    // The load: donations (cash or bank) and small transfers, each request retried with its key.
    const acked: Acked[] = [];
    const refused = new Map<string, number>();
    const retried = new Map<string, number>();
    const receivedAt = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    let running = true;
    let sent = 0;
    const client = async (n: number) => {
      let i = 0;
      while (running) {
        const t = targets[(n + i++) % targets.length];
        const key = randomUUID();
        const transfer = i % 4 === 0;
        const amountFen = 100 + Math.floor(Math.random() * 10_000);
        const body = transfer
          ? {
              from: i % 8 === 0 ? 'bank' : 'cash',
              to: i % 8 === 0 ? 'cash' : 'bank',
              amountFen: 50,
              memo: `t${n}-${i}`,
            }
          : {
              donorId: t.donorId,
              amountFen,
              channel: i % 2 ? 'cash' : 'bank_transfer',
              receivedAt,
              reference: key.slice(0, 8),
            };
        const path = transfer ? `/societies/${t.sid}/fund/transfers` : `/societies/${t.sid}/donations`;
        sent++;
        const { status, json } = await untilAnswered(started.url, path, t.token, body, key, retried);
        if (status === 201 && json.id) {
          acked.push({
            sid: t.sid,
            kind: transfer ? 'transfer' : 'donation',
            key,
            id: json.id,
            amountFen: transfer ? 50 : amountFen,
          });
        } else {
          refused.set(`${status} ${json.code ?? ''}`, (refused.get(`${status} ${json.code ?? ''}`) ?? 0) + 1);
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, n) => client(n));

    const failovers: { killed: string; promoted: string; ms: number }[] = [];
    for (let k = 0; k < KILLS; k++) {
      await new Promise((r) => setTimeout(r, BEFORE_S * 1000));
      const primary = await cluster.primary();
      assert.ok(primary, 'a primary before the kill');
      log(
        `kill -9 of ${primary.name} (the primary, port ${primary.port}) under load, ${acked.length} acknowledged so far…`,
      );
      cluster.kill(primary);
      const c = cluster;
      const ms = await waitFor(
        async () => {
          const p = await c.primary();
          return !!p && p.name !== primary.name;
        },
        180,
        'a promoted standby',
      );
      const promoted = (await cluster.primary())!;
      log(`${promoted.name} promoted after ${(ms / 1000).toFixed(1)} s`);
      failovers.push({ killed: primary.name, promoted: promoted.name, ms });
      // The dead node's keeper is started again: it rejoins as the new standby (for the next kill).
      if (k < KILLS - 1) {
        await cluster.restart(primary);
        await waitFor(
          async () => (await c.states()).sort().join() === 'primary,secondary',
          180,
          'the old primary back as the standby',
        );
        log(`${primary.name} is back, as the standby`);
      }
    }
    await new Promise((r) => setTimeout(r, AFTER_S * 1000));
    running = false;
    await Promise.all(clients);

    // While the pair fails over, the app answers 503 (and nothing else of the 5xx): clear to a client.
    const otherFailures = [...retried.keys()].filter((k) => !k.startsWith('503 ') && k !== 'no answer');
    assert.deepEqual(otherFailures, [], 'only 503s (or no answer) while failing over');

    // Every acknowledged write is there, once.
    let lost = 0;
    for (const a of acked) {
      const table = a.kind === 'donation' ? 'donations' : 'ledger_entries';
      const { rows } = await db.query(`SELECT 1 FROM ${table} WHERE id = $1`, [a.id]);
      if (rows.length !== 1) lost++;
    }
    assert.equal(lost, 0, `${lost} acknowledged writes lost`);
    for (const t of targets) {
      const donations = acked.filter((a) => a.sid === t.sid && a.kind === 'donation');
      const { rows } = await db.query<{ n: number; sum: string; gaps: number }>(
        `SELECT count(*)::int AS n, coalesce(sum(amount_fen), 0)::text AS sum,
                (max(substring(receipt_no from 6)::int) - count(*))::int AS gaps
           FROM donations WHERE society_id = $1`,
        [t.sid],
      );
      assert.equal(rows[0].n, donations.length, 'one donation per acknowledged key, no more');
      assert.equal(
        Number(rows[0].sum),
        donations.reduce((s, a) => s + a.amountFen, 0),
        'donated amounts',
      );
      assert.equal(rows[0].gaps, 0, 'receipt numbers without gaps');
      const rec = await api.call<{ ok: boolean }>('GET', `/societies/${t.sid}/fund/reconciliation`, t.token);
      assert.equal(rec.ok, true, 'the fund reconciles');
      const audit = await api.call<{ ok: boolean }>(
        'GET',
        `/societies/${t.sid}/audit/verification`,
        adminToken,
      );
      assert.equal(audit.ok, true, 'the audit chain verifies');
    }
    // And every invariant of the bank test (test/support/invariants.ts), read from the new primary in
    // one snapshot: balanced entries, cached = recomputed balances, holds, gap-free numbers, chains.
    const primary = await cluster.primary();
    assert.ok(primary, 'a primary at the end');
    const report = await expectInvariants(`postgres://postgres@127.0.0.1:${primary.port}/huzhu`);
    await db.end();
    const fmt = (m: Map<string, number>) => [...m].map(([k, v]) => `${k}: ${v}`).join(', ') || 'none';
    log(
      `PASSED: ${sent} requests by ${CLIENTS} clients over ${SOCIETIES} societies; ${acked.length} acknowledged ` +
        `(${acked.filter((a) => a.kind === 'donation').length} donations, ${acked.filter((a) => a.kind === 'transfer').length} transfers), ` +
        `all present once, none lost; definite refusals: ${fmt(refused)}; retried answers: ${fmt(retried)}; ` +
        `failovers: ${failovers.map((f) => `${f.killed} killed → ${f.promoted} in ${(f.ms / 1000).toFixed(1)} s`).join('; ')}; ` +
        `every invariant holds over ${report.counts.entries} ledger entries and ${report.counts.auditEvents} audit events; ` +
        'funds reconcile, audit chains verify, receipt numbers gap-free; the app was never restarted.',
    );
  } finally {
    app?.kill('SIGKILL');
    cluster?.stop();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
