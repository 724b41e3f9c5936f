// Scenario 3 of issue 14, growth: on the generated city (`npm run bench:data`), the first page of the
// largest society's cases, ledger entries and audit events against a page 10,000 items deep, and the
// same on the 1% copy (as deep as its largest society goes); then the whole oversight report over the
// city's 600 societies against the copy's 6. Requests are sequential on one connection (latency, not
// throughput), first and deep pages interleaved request by request, so load from others touches both.
import { JwtService } from '@nestjs/jwt';
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { cityPiiKey } from './city';
import { CITY_URL, copyUrl } from './data';
import { Server, startApp } from './procs';
import { machine, median, Row } from './report';

const env = process.env;
const SEED = Number(env.BENCH_DATA_SEED ?? 1);
const SAMPLES = Number(env.BENCH_GROWTH_SAMPLES ?? 60);
const DEPTH = 10_000;
const PAGE = 50;

export interface GrowthBench {
  rows: Row[];
  notes: string[];
}

interface Target {
  app: Server;
  sid: string;
  secretary: string;
  overseer: string;
  societies: number;
}

async function target(url: string, jwt: JwtService, secret: string): Promise<Target> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ sid: string; uid: string; username: string }>(
      `SELECT e.society_id AS sid, u.id AS uid, u.username
         FROM (SELECT society_id, count(*) n FROM ledger_entries GROUP BY 1 ORDER BY 2 DESC LIMIT 1) e
         JOIN memberships m ON m.society_id = e.society_id AND 'secretary' = ANY (m.roles)
         JOIN users u ON u.id = m.user_id`,
    );
    const { rows: ov } = await c.query<{ id: string; username: string }>(
      `SELECT id, username FROM users WHERE platform_role = 'overseer' LIMIT 1`,
    );
    const { rows: n } = await c.query<{ n: string }>(`SELECT count(*) AS n FROM societies`);
    const app = await startApp({
      DATABASE_URL: url,
      JWT_SECRET: secret,
      PII_KEY: cityPiiKey(SEED),
      LOG_LEVEL: 'silent',
      SCHEDULER: 'off',
      DEMO: '0',
    });
    return {
      app,
      sid: rows[0].sid,
      secretary: jwt.sign({ sub: rows[0].uid, username: rows[0].username, ver: 0 }),
      overseer: jwt.sign({ sub: ov[0].id, username: ov[0].username, ver: 0 }),
      societies: Number(n[0].n),
    };
  } finally {
    await c.end();
  }
}

async function get(t: Target, path: string, token: string): Promise<{ ms: number; body: unknown }> {
  const started = process.hrtime.bigint();
  const res = await fetch(`${t.app.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body: unknown = await res.json();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(body)}`);
  return { ms, body };
}

/**
 * The cursor `depth` items into a list (walked 200 at a time); for a shorter list the deepest cursor
 * that still has a full page after it.
 */
async function cursorAt(t: Target, path: string, depth: number): Promise<{ cursor: string; depth: number }> {
  const marks: { seen: number; cursor: string }[] = [];
  let cursor: string | null = null;
  let seen = 0;
  for (;;) {
    const sep = path.includes('?') ? '&' : '?';
    const limit = Math.min(200, depth - seen);
    const q = `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = (await get(t, q, t.secretary)).body as { items: unknown[]; nextCursor: string | null };
    seen += page.items.length;
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
    marks.push({ seen, cursor });
    if (seen >= depth) return { cursor, depth: seen };
  }
  const usable = marks.filter((m) => m.seen <= seen - PAGE).pop();
  if (!usable) throw new Error(`${path}: fewer than ${2 * PAGE} items`);
  return { cursor: usable.cursor, depth: usable.seen };
}

async function pgVersion(): Promise<string | null> {
  const c = new Client({ connectionString: CITY_URL });
  await c.connect();
  try {
    return (await c.query<{ version: string }>('SELECT version()')).rows[0].version;
  } finally {
    await c.end();
  }
}

async function oversightMs(t: Target): Promise<number> {
  let cursor: string | null = null;
  let ms = 0;
  do {
    const q = `/oversight/societies?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const r = await get(t, q, t.overseer);
    ms += r.ms;
    cursor = (r.body as { nextCursor: string | null }).nextCursor;
  } while (cursor);
  return ms;
}

export async function benchGrowth(log: (line: string) => void): Promise<GrowthBench | null> {
  for (const url of [CITY_URL, copyUrl()]) {
    const c = new Client({ connectionString: url });
    try {
      await c.connect();
      await c.query(`SELECT 1 FROM ledger_entries LIMIT 1`);
    } catch {
      log(`growth: no generated data at ${url} — run \`npm run bench:data\` first; skipped`);
      return null;
    } finally {
      await c.end().catch(() => undefined);
    }
  }
  if (env.BENCH_SWC !== '1' && env.BENCH_SKIP_BUILD !== '1') {
    log('building (npm run build)…');
    execSync('npm run build', { cwd: `${__dirname}/..`, stdio: 'ignore' });
  }
  const secret = randomBytes(32).toString('hex');
  const jwt = new JwtService({ secret });
  const city = await target(CITY_URL, jwt, secret);
  const copy = await target(copyUrl(), jwt, secret);
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    const lists: [string, (sid: string) => string][] = [
      ['cases', (sid) => `/societies/${sid}/cases`],
      ['ledger entries', (sid) => `/societies/${sid}/fund/entries`],
      ['audit events', (sid) => `/societies/${sid}/audit`],
    ];
    for (const [name, path] of lists) {
      for (const [label, t] of [
        ['city', city],
        ['1% copy', copy],
      ] as const) {
        const base = path(t.sid);
        const deep = await cursorAt(t, base, DEPTH);
        const first = `${base}?limit=${PAGE}`;
        const far = `${base}?limit=${PAGE}&cursor=${encodeURIComponent(deep.cursor)}`;
        for (let i = 0; i < 5; i++) await get(t, i % 2 ? far : first, t.secretary); // warm
        const a: number[] = [];
        const b: number[] = [];
        for (let i = 0; i < SAMPLES; i++) {
          a.push((await get(t, first, t.secretary)).ms);
          b.push((await get(t, far, t.secretary)).ms);
        }
        const ratio = median(b) / median(a);
        rows.push({
          scenario: `${name}, ${label}: page ${deep.depth.toLocaleString('en')} deep vs first — p50`,
          measured: `${median(b).toFixed(1)} ms`,
          baseline: `${median(a).toFixed(1)} ms (first page)`,
          ratio,
          target: '≤ 1.5×',
          ok: ratio <= 1.5,
        });
        log(
          `${name} (${label}): first ${median(a).toFixed(1)} ms, ${deep.depth} deep ${median(b).toFixed(1)} ms`,
        );
      }
    }
    // The oversight report, whole (every page), over all societies: interleaved runs, medians.
    const big: number[] = [];
    const small: number[] = [];
    for (let i = 0; i < 2; i++) await oversightMs(city);
    for (let i = 0; i < Math.max(5, SAMPLES / 6); i++) {
      big.push(await oversightMs(city));
      small.push(await oversightMs(copy));
    }
    const costRatio = median(big) / median(small);
    const sizeRatio = city.societies / copy.societies;
    rows.push({
      scenario: `oversight report, ${city.societies} vs ${copy.societies} societies — cost growth / society growth`,
      measured: `${median(big).toFixed(0)} ms (${costRatio.toFixed(1)}× the small one)`,
      baseline: `${median(small).toFixed(1)} ms; ${sizeRatio.toFixed(0)}× the societies`,
      ratio: costRatio / sizeRatio,
      target: '≤ 1×',
      ok: costRatio / sizeRatio <= 1,
    });
    notes.push(
      `Largest society: city ${city.sid}, copy ${copy.sid}; ${SAMPLES} sequential requests per point, first and ` +
        `deep interleaved; app = ${env.BENCH_SWC === '1' ? 'src via @swc-node/register' : 'node dist/src/main.js'}.`,
      '',
      machine((await pgVersion()) ?? ''),
    );
    return { rows, notes };
  } finally {
    await city.app.stop();
    await copy.app.stop();
  }
}
