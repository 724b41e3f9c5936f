// Scenarios 1 and 5 of issue 14 on `npm run bench:data`'s city: the public reads a QR code leads to —
// GET /api/v1/public/societies/:sid/disclosures and the board /p/:sid — at 50 connections, the app
// (started with the city's PII key, as growth.ts does) against bare node:http + pg answering the
// same question in one query (bench/bare-server.ts); interleaved rounds, autocannon in its own
// process, medians. Scenario 5: the app's peak RSS (VmHWM of its process) over all of it.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { cityPiiKey } from './city';
import { CITY_URL } from './data';
import type { LoadResult } from './load';
import { load, Server, startApp, startBare } from './procs';
import { machine, median, Row } from './report';

const env = process.env;
const SEED = Number(env.BENCH_DATA_SEED ?? 1);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(env.BENCH_SECONDS ?? 10);
const WARMUP = Number(env.BENCH_WARMUP ?? 3);
const CONNECTIONS = 50;
const BASE = 'https://huzhu.example.cn'; // the printed links, the same for both servers
/** The society measured: this rank by number of notices (1 = the largest; Zipf makes rank 10 typical of a busy one). */
const RANK = Number(env.BENCH_PUBLIC_RANK ?? 10);

export interface PublicBench {
  rows: Row[];
  notes: string[];
}

/** Resident set now and its high-water mark since the process started, MiB (Linux /proc). */
export function rssOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

async function pick(): Promise<{ sid: string; active: number; version: string } | null> {
  const c = new Client({ connectionString: CITY_URL });
  try {
    await c.connect();
    const { rows } = await c.query<{ sid: string; active: string }>(
      `SELECT society_id AS sid, count(*) FILTER (WHERE status = 'active') AS active
         FROM disclosures GROUP BY 1 ORDER BY count(*) DESC, 1 OFFSET $1 LIMIT 1`,
      [RANK - 1],
    );
    const v = (await c.query<{ v: string }>('SELECT version() AS v')).rows[0].v;
    return rows[0] ? { sid: rows[0].sid, active: Number(rows[0].active), version: v } : null;
  } catch {
    return null;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export async function benchPublic(log: (line: string) => void): Promise<PublicBench | null> {
  const target = await pick();
  if (!target) {
    log(`public: no generated data at ${CITY_URL} — run \`npm run bench:data\` first; skipped`);
    return null;
  }
  if (env.BENCH_SWC !== '1' && env.BENCH_SKIP_BUILD !== '1') {
    log('building (npm run build)…');
    execSync('npm run build', { cwd: `${__dirname}/..`, stdio: 'ignore' });
  }
  const servers: Server[] = [];
  try {
    const app = await startApp({
      DATABASE_URL: CITY_URL,
      JWT_SECRET: randomBytes(32).toString('hex'),
      PII_KEY: cityPiiKey(SEED),
      LOG_LEVEL: 'silent',
      SCHEDULER: 'off',
      DEMO: '0',
      PUBLIC_BASE_URL: BASE,
    });
    servers.push(app);
    const bare = await startBare({ DATABASE_URL: CITY_URL, PUBLIC_BASE_URL: BASE });
    servers.push(bare);
    const idle = rssOf(app.child.pid!);
    const { sid } = target;
    const paths = {
      list: {
        app: `${app.url}/api/v1/public/societies/${sid}/disclosures`,
        bare: `${bare.url}/public/societies/${sid}/disclosures`,
      },
      board: { app: `${app.url}/p/${sid}`, bare: `${bare.url}/p/${sid}` },
    };
    // The same answer from both (the list's JSON; the board's HTML bar nothing).
    const [a, b] = await Promise.all(
      [fetch(paths.list.app), fetch(paths.list.bare)].map((p) => p.then((r) => r.json())),
    );
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('public list: app and bare answers differ');
    const [ha, hb] = await Promise.all(
      [fetch(paths.board.app), fetch(paths.board.bare)].map((p) => p.then((r) => r.text())),
    );
    if (ha !== hb) log('WARNING: the board pages differ between app and bare');

    const c = { kind: 'get' as const, connections: CONNECTIONS };
    log(`warm-up ${WARMUP} s each…`);
    for (const k of ['list', 'board'] as const)
      for (const s of ['app', 'bare'] as const) await load({ ...c, url: paths[k][s], seconds: WARMUP });
    const warm = rssOf(app.child.pid!);
    log(
      `after warm-up: app RSS ${warm.rss.toFixed(0)} MiB, peak ${warm.hwm.toFixed(0)} MiB (idle ${idle.rss.toFixed(0)})`,
    );
    const r: Record<'list' | 'board', Record<'app' | 'bare', LoadResult[]>> = {
      list: { app: [], bare: [] },
      board: { app: [], bare: [] },
    };
    for (let round = 1; round <= ROUNDS; round++) {
      for (const k of ['list', 'board'] as const)
        for (const s of ['app', 'bare'] as const)
          r[k][s].push(await load({ ...c, url: paths[k][s], seconds: SECONDS }));
      const f = (x: LoadResult[]) => `${x[round - 1].rps.toFixed(0)}/s p99 ${x[round - 1].p99} ms`;
      const mem = rssOf(app.child.pid!);
      log(`round ${round}: app RSS ${mem.rss.toFixed(0)} MiB now, ${mem.hwm.toFixed(0)} MiB peak so far`);
      log(
        `round ${round}: list app ${f(r.list.app)}, bare ${f(r.list.bare)}; board app ${f(r.board.app)}, bare ${f(r.board.bare)}`,
      );
    }
    const peak = rssOf(app.child.pid!);
    const bad = [...r.list.app, ...r.list.bare, ...r.board.app, ...r.board.bare].filter(
      (x) => x.non2xx || x.errors,
    );
    if (bad.length)
      log(`WARNING: ${bad.length} run(s) had non-2xx answers or errors: ${JSON.stringify(bad)}`);

    const rps = (xs: LoadResult[]) => median(xs.map((x) => x.rps));
    const p99 = (xs: LoadResult[]) => median(xs.map((x) => x.p99));
    const rows: Row[] = [];
    for (const [k, name, min] of [
      ['list', 'GET public/societies/:sid/disclosures', 0.8],
      ['board', 'GET /p/:sid (board page)', 1],
    ] as const) {
      const t = rps(r[k].app) / rps(r[k].bare);
      const l = p99(r[k].app) / p99(r[k].bare);
      rows.push(
        {
          scenario: `${name}, 50 connections — throughput`,
          measured: `${rps(r[k].app).toFixed(0)} req/s`,
          baseline: `${rps(r[k].bare).toFixed(0)} req/s (bare node:http + pg, one query)`,
          ratio: t,
          target: `≥ ${min}×`,
          ok: t >= min,
        },
        {
          scenario: `${name}, 50 connections — p99`,
          measured: `${p99(r[k].app)} ms`,
          baseline: `${p99(r[k].bare)} ms`,
          ratio: l,
          target: '≤ 2×',
          ok: l <= 2,
        },
      );
    }
    rows.push({
      scenario: 'memory: the app’s peak RSS during the public reads (VmHWM)',
      measured: `${peak.hwm.toFixed(0)} MiB`,
      baseline: `${idle.rss.toFixed(0)} MiB idle after start`,
      ratio: null,
      target: '≤ 300 MiB',
      ok: peak.hwm <= 300,
    });
    return {
      rows,
      notes: [
        `Society ${sid} (rank ${RANK} by notices: ${target.active} active); ${ROUNDS} interleaved rounds × ${SECONDS} s after ${WARMUP} s warm-up, ` +
          `${CONNECTIONS} connections, autocannon in its own process, no client caching (every request answered in full); ` +
          `app = ${env.BENCH_SWC === '1' ? 'src via @swc-node/register' : 'node dist/src/main.js (npm run build)'}, LOG_LEVEL=silent; medians of the rounds.`,
        '',
        machine(target.version),
      ],
    };
  } finally {
    for (const s of servers) await s.stop();
  }
}
