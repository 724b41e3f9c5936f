// The request path against its baselines, side by side: the authenticated donation list against a
// bare node:http + pg server, donation POSTs against pgbench (tpcb-like). Interleaved rounds, load
// from a separate process, medians; then the ledger of every society must reconcile.
import { JwtService } from '@nestjs/jwt';
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runMigrations } from '../src/database/migrate';
import type { LoadResult } from './load';
import { load, pgbench, pgbenchRun, Server, startApp, startBare } from './procs';
import { machine, median, Row } from './report';
import { Api, seed, Seeded } from './seed';

const env = process.env;
const SERVER_URL = env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(env.BENCH_SECONDS ?? 10);
const WARMUP = Number(env.BENCH_WARMUP ?? 3);
const CONNECTIONS = 16;
const SOCIETIES = 8;
const LIST_ROWS = 60; // more than one page of 50
const PGBENCH_SCALE = Number(env.BENCH_PGBENCH_SCALE ?? 16); // ≥ 16 branches: 16 clients rarely collide

export interface HttpBench {
  rows: Row[];
  perRequest: string;
  reconciled: string;
  machine: string;
  settings: string;
}

function dbUrl(name: string): string {
  const u = new URL(SERVER_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: SERVER_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Statements (and BEGIN/COMMIT/SAVEPOINT…) the server sends per request, over `n` sequential requests. */
async function perRequest(server: Server, n: number, request: (i: number) => Promise<unknown>) {
  const before = await server.count();
  for (let i = 0; i < n; i++) await request(i);
  const after = await server.count();
  const f = (x: number) => (x / n).toFixed(1).replace(/\.0$/, '');
  return `${f(after.statements - before.statements)} statements (${f(after.txControl - before.txControl)} of them BEGIN/COMMIT/SAVEPOINT)`;
}

export async function benchHttp(log: (line: string) => void): Promise<HttpBench> {
  const tag = randomBytes(4).toString('hex');
  const appDb = `huzhu_bench_${tag}`;
  const pgbDb = `huzhu_bench_${tag}_pgbench`;
  const servers: Server[] = [];
  const pgVersion = await admin(async (c) => {
    await c.query(`CREATE DATABASE ${appDb}`);
    await c.query(`CREATE DATABASE ${pgbDb}`);
    return (await c.query<{ v: string }>('SELECT version() AS v')).rows[0].v;
  });
  const db = new Client({ connectionString: dbUrl(appDb) });
  try {
    await runMigrations(dbUrl(appDb));
    if (env.BENCH_SWC !== '1') {
      log('building (npm run build) to measure compiled JS as start:prod runs it…');
      execSync('npm run build', { cwd: `${__dirname}/..`, stdio: 'ignore' });
    }
    const secret = randomBytes(32).toString('hex');
    const app = await startApp({
      DATABASE_URL: dbUrl(appDb),
      JWT_SECRET: secret,
      PII_KEY: randomBytes(32).toString('base64'),
      ADMIN_PASSWORD: randomBytes(12).toString('hex'),
      LOG_LEVEL: 'silent',
    });
    servers.push(app);
    const bare = await startBare({ DATABASE_URL: dbUrl(appDb) });
    servers.push(bare);
    await db.connect();
    const api = new Api(app.url, new JwtService({ secret, signOptions: { expiresIn: 6 * 3600 } }));
    log(`seeding ${SOCIETIES} societies and ${LIST_ROWS} donations through the API…`);
    const data = await seed(db, api, SOCIETIES, LIST_ROWS);
    log(`pgbench -i -s ${PGBENCH_SCALE} (its own database)…`);
    await pgbench(['-i', '-q', '-s', String(PGBENCH_SCALE), dbUrl(pgbDb)]);

    const listPath = `/societies/${data.reader.sid}/donations?limit=50`;
    const listApp = { kind: 'get' as const, url: `${app.url}/api/v1${listPath}`, token: data.reader.token };
    const listBare = { kind: 'get' as const, url: `${bare.url}${listPath}` };
    const donations = (targets: Seeded['targets']) => ({
      kind: 'donations' as const,
      baseUrl: app.url,
      targets,
      receivedAt: data.receivedAt,
    });
    const spread = donations(data.targets);
    const one = donations(data.targets.slice(0, 1));
    const c = { connections: CONNECTIONS };

    let posted = 0;
    const post = async (s: ReturnType<typeof donations>, seconds: number) => {
      const r = await load({ ...s, ...c, seconds });
      posted += r.ok;
      return r;
    };

    // Statements per request, counted in the servers' pg clients (pg_stat_statements needs a restart).
    const t = data.targets[0];
    const counts = {
      list: await perRequest(app, 20, () => api.call('GET', listPath, data.reader.token)),
      bare: await perRequest(bare, 20, () => fetch(listBare.url).then((r) => r.text())),
      donation: await perRequest(app, 10, (i) =>
        api.call(
          'POST',
          `/societies/${t.sid}/donations`,
          t.token,
          { donorId: t.donorId, amountFen: 500, channel: 'cash', receivedAt: data.receivedAt },
          `count-${i}`,
        ),
      ),
    };
    posted += 10;

    log(`warm-up ${WARMUP} s each…`);
    await load({ ...listApp, ...c, seconds: WARMUP });
    await load({ ...listBare, ...c, seconds: WARMUP });
    await post(spread, WARMUP);
    await pgbenchRun(dbUrl(pgbDb), CONNECTIONS, WARMUP);

    const r = { listApp: [] as LoadResult[], listBare: [] as LoadResult[], spread: [] as LoadResult[] };
    const rOne: LoadResult[] = [];
    const rPg: { tps: number; latencyMs: number }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      r.listApp.push(await load({ ...listApp, ...c, seconds: SECONDS }));
      r.listBare.push(await load({ ...listBare, ...c, seconds: SECONDS }));
      r.spread.push(await post(spread, SECONDS));
      rPg.push(await pgbenchRun(dbUrl(pgbDb), CONNECTIONS, SECONDS));
      rOne.push(await post(one, SECONDS));
      const f = (x: LoadResult) => `${x.rps.toFixed(0)}/s p99 ${x.p99} ms`;
      log(
        `round ${round}: list app ${f(r.listApp[round - 1])}, bare ${f(r.listBare[round - 1])}; ` +
          `donations ×8 ${f(r.spread[round - 1])}, ×1 ${f(rOne[round - 1])}; pgbench ${rPg[round - 1].tps.toFixed(0)} tps`,
      );
    }
    const bad = [...r.listApp, ...r.listBare, ...r.spread, ...rOne].filter((x) => x.non2xx || x.errors);
    if (bad.length)
      log(`WARNING: ${bad.length} run(s) had non-2xx answers or errors: ${JSON.stringify(bad)}`);

    const rows = summarise(r, rOne, rPg);
    const reconciled = await reconcile(db, api, data, posted);
    return {
      rows,
      perRequest: [
        `- authenticated list: ${counts.list} per request (bare server: ${counts.bare})`,
        `- donation POST with Idempotency-Key: ${counts.donation} per request`,
      ].join('\n'),
      reconciled,
      machine: machine(pgVersion),
      settings:
        `${ROUNDS} interleaved rounds × ${SECONDS} s after ${WARMUP} s warm-up, ${CONNECTIONS} connections, ` +
        `autocannon in its own process; app = ${env.BENCH_SWC === '1' ? 'src via @swc-node/register' : 'node dist/src/main.js (npm run build)'}, LOG_LEVEL=silent; ` +
        `pgbench tpcb-like -c ${CONNECTIONS} -j 2, scale ${PGBENCH_SCALE}; medians of the rounds.`,
    };
  } finally {
    await db.end().catch(() => undefined);
    for (const s of servers) await s.stop();
    await admin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${appDb} WITH (FORCE)`);
      await c.query(`DROP DATABASE IF EXISTS ${pgbDb} WITH (FORCE)`);
    });
  }
}

function summarise(
  r: { listApp: LoadResult[]; listBare: LoadResult[]; spread: LoadResult[] },
  rOne: LoadResult[],
  rPg: { tps: number; latencyMs: number }[],
): Row[] {
  const rps = (xs: LoadResult[]) => median(xs.map((x) => x.rps));
  const p99 = (xs: LoadResult[]) => median(xs.map((x) => x.p99));
  const tps = median(rPg.map((x) => x.tps));
  const pgLat = median(rPg.map((x) => x.latencyMs));
  const listRatio = rps(r.listApp) / rps(r.listBare);
  const p99Ratio = p99(r.listApp) / p99(r.listBare);
  const spreadRatio = rps(r.spread) / tps;
  const oneRatio = rps(rOne) / tps;
  const s = (x: number) => `${x.toFixed(0)} req/s`;
  return [
    {
      scenario: 'GET donations?limit=50, authenticated — throughput',
      measured: s(rps(r.listApp)),
      baseline: `${s(rps(r.listBare))} (bare node:http + pg)`,
      ratio: listRatio,
      target: '≥ 0.8×',
      ok: listRatio >= 0.8,
    },
    {
      scenario: 'GET donations?limit=50, authenticated — p99',
      measured: `${p99(r.listApp)} ms`,
      baseline: `${p99(r.listBare)} ms`,
      ratio: p99Ratio,
      target: '≤ 2×',
      ok: p99Ratio <= 2,
    },
    {
      scenario: 'POST donations, 8 societies',
      measured: `${s(rps(r.spread))}, p99 ${p99(r.spread)} ms`,
      baseline: `${tps.toFixed(0)} tps (pgbench tpcb-like, mean ${pgLat.toFixed(1)} ms)`,
      ratio: spreadRatio,
      target: '≥ 0.3×',
      ok: spreadRatio >= 0.3,
    },
    {
      scenario: 'POST donations, 1 society (serialised on its fund row)',
      measured: `${s(rps(rOne))}, p99 ${p99(rOne)} ms`,
      baseline: `${tps.toFixed(0)} tps (pgbench)`,
      ratio: oneRatio,
      target: 'report',
      ok: null,
    },
  ];
}

/**
 * Every society's books must still balance, each donation must have its entry, receipt numbers must
 * be gap-free, and no accepted POST may be missing (a few more may be stored: answers still in flight
 * when autocannon stopped are not counted as accepted).
 */
async function reconcile(db: Client, api: Api, data: Seeded, posted: number): Promise<string> {
  const results = await Promise.all(
    data.targets.map((t) =>
      api.call<{ ok: boolean }>('GET', `/societies/${t.sid}/fund/reconciliation`, t.token),
    ),
  );
  const [c] = (
    await db.query<{ n: string; entries: string; gaps: string }>(
      `SELECT (SELECT count(*) FROM donations) AS n,
              (SELECT count(*) FROM ledger_entries WHERE kind = 'donation') AS entries,
              (SELECT count(*) FROM (SELECT 1 FROM donations GROUP BY society_id, left(receipt_no, 4)
                HAVING max(right(receipt_no, 6)::int) <> count(*)) g) AS gaps`,
    )
  ).rows;
  const expected = data.donations + posted;
  const ok =
    results.every((x) => x.ok) && Number(c.n) >= expected && c.n === c.entries && Number(c.gaps) === 0;
  const line =
    `${results.filter((x) => x.ok).length}/${results.length} societies reconcile; ` +
    `${c.n} donations stored (${expected} answered 201 within the runs), ${c.entries} donation entries, ` +
    `receipt numbers ${c.gaps === '0' ? 'gap-free' : `with gaps in ${c.gaps} series`}`;
  if (!ok) throw new Error(`the ledger does not reconcile after the run: ${line}`);
  return line;
}
