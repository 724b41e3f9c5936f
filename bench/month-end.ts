// Scenario 4 of issue 14, month's end: on a copy of `npm run bench:data`'s city (the city itself is
// never written), 100 societies record their month's donations and pay their approved cases at 16
// connections, against pgbench (tpcb-like, its own database, 16 clients) — interleaved rounds, the
// load generator in its own process, medians. Then the books must hold: every society's
// reconciliation, every acknowledged payment and donation stored once, and the city's own
// invariants (checkCity: every entry balanced, cached balances = lines, held = open holds, gap-free
// seqs) over the whole copy.
import { JwtService } from '@nestjs/jwt';
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { idCardCheckChar } from '../src/common/cn-ids/id-card';
import { checkCity, cityPiiKey } from './city';
import { CITY_URL } from './data';
import type { DonationTarget, LoadResult, PaymentTarget, Scenario } from './load';
import { load, pgbench, pgbenchRun, Server, startApp } from './procs';
import { machine, median, Row } from './report';
import { databaseUrl, withAdminClient } from '../test/setup/test-server';
import { Api } from './seed';

const env = process.env;
const SEED = Number(env.BENCH_DATA_SEED ?? 1);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(env.BENCH_SECONDS ?? 10);
const WARMUP = Number(env.BENCH_WARMUP ?? 3);
const CONNECTIONS = 16;
const SOCIETIES = 100;
/** Approved cases prepared per society before the runs (each can be paid once). */
const CASES = Number(env.BENCH_MONTH_END_CASES ?? 30);
/** One request in this many is a payment; the rest are donations. */
const PAYMENT_EVERY = Number(env.BENCH_MONTH_END_PAYMENT_EVERY ?? 4);
const PGBENCH_SCALE = Number(env.BENCH_PGBENCH_SCALE ?? 16);

export interface MonthEndBench {
  rows: Row[];
  notes: string[];
}

interface Society {
  sid: string;
  rank: number;
  secretary: string;
  treasurer: string;
  board: string[];
  donorId: string;
}

/** 100 societies spread over the city's sizes (every 6th by number of ledger entries), with tokens. */
async function societies(c: Client, api: Api): Promise<Society[]> {
  const { rows } = await c.query<{
    sid: string;
    rank: string;
    people: { id: string; username: string; roles: string[] }[];
    donor: string;
  }>(
    `WITH ranked AS (
       SELECT society_id AS id, row_number() OVER (ORDER BY count(*) DESC, society_id) AS rank
         FROM ledger_entries GROUP BY society_id)
     SELECT r.id AS sid, r.rank,
            (SELECT json_agg(json_build_object('id', u.id, 'username', u.username, 'roles', m.roles))
               FROM memberships m JOIN users u ON u.id = m.user_id
              WHERE m.society_id = r.id AND m.active) AS people,
            (SELECT d.id FROM donors d WHERE d.society_id = r.id ORDER BY d.id LIMIT 1) AS donor
       FROM ranked r
      WHERE r.rank % 6 = 1
      ORDER BY r.rank LIMIT $1`,
    [SOCIETIES],
  );
  return rows.map((r) => {
    const token = (p: { id: string; username: string }) => api.token(p.id, p.username);
    const role = (name: string) => r.people.filter((p) => p.roles.includes(name));
    return {
      sid: r.sid,
      rank: Number(r.rank),
      secretary: token(role('secretary')[0]),
      treasurer: token(role('treasurer')[0]),
      board: role('board').map(token),
      donorId: r.donor,
    };
  });
}

/** `n` cases filed, voted and approved through the API, as the society would: the ones to pay. */
async function approvedCases(api: Api, s: Society, n: number, serial: number): Promise<PaymentTarget[]> {
  const out: PaymentTarget[] = [];
  for (let i = 0; i < n; i++) {
    const seq = serial * 1000 + i;
    const first17 = `341702${1950 + (seq % 50)}0${1 + (seq % 9)}1${seq % 10}${String(seq % 1000).padStart(3, '0')}`;
    const c = await api.call<{ id: string }>('POST', `/societies/${s.sid}/cases`, s.secretary, {
      applicant: { name: '月末某', idNumber: first17 + idCardCheckChar(first17) },
      category: 'sudden_hardship',
      description: '月末集中审批的救急申请',
      source: 'home_visit',
      requestedAmountFen: 50_000,
    });
    const amountFen = 10_000 + (seq % 40) * 1_000;
    await api.call('POST', `/societies/${s.sid}/cases/${c.id}/vote`, s.secretary, { amountFen });
    for (const member of s.board) {
      const b = await api.call<{ tally: { outcome: string } }>(
        'POST',
        `/societies/${s.sid}/cases/${c.id}/vote/ballots`,
        member,
        { choice: 'approve' },
      );
      if (b.tally.outcome !== 'pending') break;
    }
    out.push({ sid: s.sid, caseId: c.id, token: s.treasurer, amountFen });
  }
  return out;
}

/** Runs `fn` over `items`, `width` at a time. */
async function pool<T, R>(items: T[], width: number, fn: (x: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

async function exists(url: string): Promise<boolean> {
  try {
    return await withAdminClient(
      url,
      async (c) => (await c.query(`SELECT 1 FROM funds LIMIT 1`)).rowCount === 1,
    );
  } catch {
    return false;
  }
}

export async function benchMonthEnd(log: (line: string) => void): Promise<MonthEndBench | null> {
  if (!(await exists(CITY_URL))) {
    log(`month-end: no generated data at ${CITY_URL} — run \`npm run bench:data\` first; skipped`);
    return null;
  }
  const tag = randomBytes(4).toString('hex');
  const copyDb = `huzhu_month_end_${tag}`;
  const pgbDb = `huzhu_month_end_${tag}_pgbench`;
  const admin = databaseUrl(CITY_URL, 'postgres');
  const copyUrl = databaseUrl(CITY_URL, copyDb);
  const pgbUrl = databaseUrl(CITY_URL, pgbDb);
  const city = new URL(CITY_URL).pathname.slice(1);
  let app: Server | undefined;
  try {
    log(`copying the city (CREATE DATABASE ${copyDb} TEMPLATE ${city})…`);
    const t0 = Date.now();
    const version = await withAdminClient(admin, async (c) => {
      await c.query(`CREATE DATABASE ${copyDb} TEMPLATE ${city}`);
      await c.query(`CREATE DATABASE ${pgbDb}`);
      return (await c.query<{ v: string }>('SELECT version() AS v')).rows[0].v;
    });
    log(`  ${((Date.now() - t0) / 1000).toFixed(0)} s; pgbench -i -s ${PGBENCH_SCALE} (its own database)…`);
    await pgbench(['-i', '-q', '-s', String(PGBENCH_SCALE), pgbUrl]);
    if (env.BENCH_SWC !== '1' && env.BENCH_SKIP_BUILD !== '1') {
      log('building (npm run build)…');
      execSync('npm run build', { cwd: `${__dirname}/..`, stdio: 'ignore' });
    }
    const secret = randomBytes(32).toString('hex');
    app = await startApp({
      DATABASE_URL: copyUrl,
      JWT_SECRET: secret,
      PII_KEY: cityPiiKey(SEED),
      LOG_LEVEL: 'silent',
      SCHEDULER: 'off',
      DEMO: '0',
    });
    const api = new Api(app.url, new JwtService({ secret, signOptions: { expiresIn: 6 * 3600 } }));
    const db = new Client({ connectionString: copyUrl });
    await db.connect();
    try {
      const socs = await societies(db, api);
      log(`preparing ${CASES} approved cases in each of ${socs.length} societies through the API…`);
      const t1 = Date.now();
      const prepared = await pool(socs, 8, (s, i) => approvedCases(api, s, CASES, i));
      // Interleaved: consecutive payments go to different societies, as at a month's end.
      const payments = Array.from({ length: CASES }, (_, i) => prepared.map((p) => p[i])).flat();
      log(`  ${payments.length} approved cases in ${((Date.now() - t1) / 1000).toFixed(0)} s`);
      const before = await counts(db, socs);
      const receivedAt = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const targets: DonationTarget[] = socs.map((s) => ({
        sid: s.sid,
        token: s.treasurer,
        donorId: s.donorId,
      }));
      let used = 0;
      let acked = 0;
      // Per request (app) or transaction (pgbench): WAL written and blocks read into shared buffers
      // (not found there), from pg_current_wal_lsn and pg_stat_database around each run.
      const io = async (datname: string) =>
        (
          await db.query<{ wal: string; reads: string }>(
            `SELECT pg_current_wal_lsn() - '0/0' AS wal, blks_read AS reads
               FROM pg_stat_database WHERE datname = $1`,
            [datname],
          )
        ).rows[0];
      const perOp = (a: { wal: string; reads: string }, b: { wal: string; reads: string }, n: number) => ({
        walKiB: (Number(b.wal) - Number(a.wal)) / 1024 / n,
        reads: (Number(b.reads) - Number(a.reads)) / n,
      });
      const ioApp: { walKiB: number; reads: number }[] = [];
      const ioPg: { walKiB: number; reads: number }[] = [];
      const run = async (seconds: number): Promise<LoadResult> => {
        const scenario: Scenario = {
          kind: 'donations',
          baseUrl: app!.url,
          targets,
          payments: payments.slice(used),
          paymentEvery: PAYMENT_EVERY,
          receivedAt,
          connections: CONNECTIONS,
          seconds,
        };
        const a = await io(copyDb);
        const r = await load(scenario);
        ioApp.push(perOp(a, await io(copyDb), r.ok + r.non2xx));
        used += r.paymentsSent ?? 0;
        acked += r.ok;
        return r;
      };

      log(`warm-up ${WARMUP} s each…`);
      await run(WARMUP);
      await pgbenchRun(pgbUrl, CONNECTIONS, WARMUP);
      const rApp: LoadResult[] = [];
      const rPg: { tps: number; latencyMs: number }[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        rApp.push(await run(SECONDS));
        const a = await io(pgbDb);
        const pg = await pgbenchRun(pgbUrl, CONNECTIONS, SECONDS);
        ioPg.push(perOp(a, await io(pgbDb), pg.tps * SECONDS));
        rPg.push(pg);
        const x = rApp[round - 1];
        const f = (y: { walKiB: number; reads: number }) =>
          `${y.walKiB.toFixed(1)} KiB WAL, ${y.reads.toFixed(1)} reads`;
        log(
          `round ${round}: month's end ${x.rps.toFixed(0)}/s p99 ${x.p99} ms (${x.non2xx} non-2xx, ` +
            `${x.paymentsSent} payments sent; ${f(ioApp[round])} per request); ` +
            `pgbench ${pg.tps.toFixed(0)} tps (${f(ioPg[round - 1])} per transaction)`,
        );
      }
      if (used >= payments.length)
        log(`WARNING: the ${payments.length} prepared payments ran out; later requests were donations only`);
      const bad = rApp.filter((x) => x.non2xx || x.errors);
      if (bad.length)
        log(`WARNING: ${bad.length} run(s) had non-2xx answers or errors: ${JSON.stringify(bad)}`);

      log('checking the books (every society, then the whole copy)…');
      const books = await reconcile(api, db, socs, before, payments.slice(0, used), acked);
      const problems = await checkCity(db);
      if (problems.length)
        throw new Error(`the ledger breaks invariants after the run:\n  ${problems.join('\n  ')}`);
      const rps = median(rApp.map((x) => x.rps));
      const p99 = median(rApp.map((x) => x.p99));
      const tps = median(rPg.map((x) => x.tps));
      const ratio = rps / tps;
      return {
        rows: [
          {
            scenario: `month's end: donations and payments (1 in ${PAYMENT_EVERY}), ${socs.length} societies, ${CONNECTIONS} connections`,
            measured: `${rps.toFixed(0)} req/s, p99 ${p99} ms`,
            baseline: `${tps.toFixed(0)} tps (pgbench tpcb-like, mean ${median(rPg.map((x) => x.latencyMs)).toFixed(1)} ms)`,
            ratio,
            target: '≥ 0.3×',
            ok: ratio >= 0.3,
          },
          {
            scenario: "month's end: the books afterwards",
            measured: books,
            baseline: 'checkCity over the whole copy: no violation',
            ratio: null,
            target: 'reconciles',
            ok: true,
          },
        ],
        notes: [
          `On a copy of the city (${copyDb}, dropped afterwards); ${socs.length} societies, every 6th by size ` +
            `(ranks 1–${socs[socs.length - 1].rank}); ${payments.length} cases filed, voted and approved through the API beforehand ` +
            `(${CASES} each); each request a donation by the society's treasurer, every ${PAYMENT_EVERY}th the payment of the next approved case ` +
            `(societies interleaved), each with its own Idempotency-Key; ${ROUNDS} interleaved rounds × ${SECONDS} s after ${WARMUP} s warm-up, ` +
            `autocannon in its own process; pgbench tpcb-like -c ${CONNECTIONS} -j 2, scale ${PGBENCH_SCALE}, its own database; medians. ` +
            `app = ${env.BENCH_SWC === '1' ? 'src via @swc-node/register' : 'node dist/src/main.js (npm run build)'}, LOG_LEVEL=silent.`,
          '',
          machine(version),
        ],
      };
    } finally {
      await db.end().catch(() => undefined);
    }
  } finally {
    await app?.stop();
    await withAdminClient(admin, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${copyDb} WITH (FORCE)`);
      await c.query(`DROP DATABASE IF EXISTS ${pgbDb} WITH (FORCE)`);
    });
  }
}

interface Counts {
  donations: number;
  payments: number;
}

async function counts(db: Client, socs: Society[]): Promise<Counts> {
  const ids = socs.map((s) => s.sid);
  const { rows } = await db.query<{ donations: string; payments: string }>(
    `SELECT (SELECT count(*) FROM donations WHERE society_id = ANY($1)) AS donations,
            (SELECT count(*) FROM ledger_entries WHERE society_id = ANY($1) AND kind = 'aid_payment') AS payments`,
    [ids],
  );
  return { donations: Number(rows[0].donations), payments: Number(rows[0].payments) };
}

/**
 * Every society reconciles (its own endpoint); each case sent for payment is paid at most once, by
 * one entry; the requests answered 2xx are all stored (a few more may be: answers in flight when
 * autocannon stopped are not counted).
 */
async function reconcile(
  api: Api,
  db: Client,
  socs: Society[],
  before: Counts,
  sent: PaymentTarget[],
  acked: number,
): Promise<string> {
  const results = await pool(socs, 8, (s) =>
    api.call<{ ok: boolean }>('GET', `/societies/${s.sid}/fund/reconciliation`, s.treasurer),
  );
  const after = await counts(db, socs);
  const { rows } = await db.query<{ paid: string; entries: string; twice: string }>(
    `SELECT count(*) FILTER (WHERE c.paid_entry_id IS NOT NULL) AS paid,
            (SELECT count(*) FROM ledger_entries e WHERE e.kind = 'aid_payment' AND e.ref_id = ANY($1)) AS entries,
            (SELECT count(*) FROM (SELECT ref_id FROM ledger_entries WHERE kind = 'aid_payment' AND ref_id = ANY($1)
                                    GROUP BY 1 HAVING count(*) > 1) t) AS twice
       FROM cases c WHERE c.id = ANY($1)`,
    [sent.map((p) => p.caseId)],
  );
  const paid = Number(rows[0].paid);
  const donations = after.donations - before.donations;
  const payments = after.payments - before.payments;
  const ok =
    results.every((r) => r.ok) &&
    payments === paid &&
    Number(rows[0].entries) === paid &&
    rows[0].twice === '0' &&
    donations + payments >= acked;
  const line =
    `${results.filter((r) => r.ok).length}/${results.length} societies reconcile; ${donations} donations and ${payments} payments ` +
    `stored (${acked} answered 2xx), each paid case one entry`;
  if (!ok) throw new Error(`the books do not reconcile after the run: ${line}; ${JSON.stringify(rows[0])}`);
  return line;
}
