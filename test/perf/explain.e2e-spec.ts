// Every list and report query on data of the city's shape (issue 14): a smaller city generated into
// this file's database (bench/city.ts, the generator of `npm run bench:data`), ANALYZEd, then every
// read route is called through HTTP while the statements the app sends are captured at the pg
// driver — so the test follows the repositories' SQL as it changes — and each SELECT is EXPLAINed
// with its own parameters. A sequential scan over a large table fails the test.
// Generating takes a while on a busy machine, so the generated database is kept on the server as a
// template named by a hash of the generator, the migrations and the shape (`huzhu_city_tpl_<hash>`):
// a later run copies it (CREATE DATABASE … TEMPLATE) in seconds; a changed generator or schema makes
// a new one. This file's copy is dropped with the run's other databases (global-teardown).
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { hashPassword } from '../../src/auth/passwords';
import { PiiCipher } from '../../src/common/crypto/pii-cipher';
import { cityPiiKey, CityReport, generateCity, scaled } from '../../bench/city';
import { databaseUrl, ENV_SERVER_URL, ENV_TEMPLATE, withAdminClient } from '../setup/test-server';
import { withTestApp } from '../support/test-app';

/** Above this many rows a table is large: reading all of it for one page is the bug. */
const LARGE = 5_000;
/** 5% of the city: 30 societies, 50,000 entries, 10,000 cases, 2,500 notices (the largest ≈ 14%). */
const SHAPE = scaled(0.05);
const SEED = 14;

const ROOT = join(__dirname, '..', '..');
const KEY = createHash('sha256')
  .update(readFileSync(join(ROOT, 'bench', 'city.ts')))
  .update(
    readdirSync(join(ROOT, 'migrations'))
      .sort()
      .map((f) => readFileSync(join(ROOT, 'migrations', f), 'utf8'))
      .join('\n'),
  )
  .update(JSON.stringify({ SHAPE, SEED }))
  .digest('hex')
  .slice(0, 16);
const CITY_TEMPLATE = `huzhu_city_tpl_${KEY}`;
const SERVER = process.env[ENV_SERVER_URL]!;
const COPY = `${process.env[ENV_TEMPLATE]}_city_${randomBytes(4).toString('hex')}`;

/** The generated city's template on the test server (made once, under a lock), and the report. */
async function cityTemplate(): Promise<CityReport> {
  return withAdminClient(SERVER, async (admin) => {
    await admin.query(`SELECT pg_advisory_lock(hashtext('huzhu-city-template'))`);
    try {
      const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [CITY_TEMPLATE]);
      if (!rowCount) {
        const building = `${CITY_TEMPLATE}_building`;
        await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
        await admin.query(`CREATE DATABASE ${building} TEMPLATE ${process.env[ENV_TEMPLATE]}`);
        const c = new Client({ connectionString: databaseUrl(SERVER, building) });
        await c.connect();
        try {
          const report = await generateCity(
            c,
            { ...SHAPE, seed: SEED, now: new Date() },
            new PiiCipher(cityPiiKey(SEED)),
            await hashPassword('explain-test-password'),
          );
          await c.query(`CREATE TABLE city_report AS SELECT $1::jsonb AS report`, [JSON.stringify(report)]);
        } finally {
          await c.end();
        }
        await admin.query(`ALTER DATABASE ${building} RENAME TO ${CITY_TEMPLATE}`);
      }
      await admin.query(`CREATE DATABASE ${COPY} TEMPLATE ${CITY_TEMPLATE}`);
    } finally {
      await admin.query(`SELECT pg_advisory_unlock(hashtext('huzhu-city-template'))`);
    }
    const c = new Client({ connectionString: databaseUrl(SERVER, COPY) });
    await c.connect();
    try {
      const { rows } = await c.query<{ report: CityReport }>(`SELECT report FROM city_report`);
      return rows[0].report;
    } finally {
      await c.end();
    }
  });
}

interface Captured {
  text: string;
  values: unknown[];
  route: string;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function seqScans(node: PlanNode, out: string[] = []): string[] {
  if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) out.push(node['Relation Name']);
  for (const child of node.Plans ?? []) seqScans(child, out);
  return out;
}

describe('EXPLAIN of every list and report query on city-shaped data', () => {
  let city: CityReport;
  beforeAll(async () => {
    city = await cityTemplate();
  }, 900_000);
  // On the copy of the generated city, with its PII key.
  const t = withTestApp({ PII_KEY: cityPiiKey(SEED) }, { databaseUrl: databaseUrl(SERVER, COPY) });
  const captured: Captured[] = [];
  let route: string | null = null;
  const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  let original = proto.query;
  afterAll(() => {
    proto.query = original;
  });

  beforeAll(() => {
    // Capture what the app's pg clients send while a route is being called (t.db's own EXPLAINs are
    // sent with no route set).
    original = proto.query;
    proto.query = function (this: Client, ...args: unknown[]) {
      if (route && this !== t.db) {
        const [first, second] = args;
        const text = typeof first === 'string' ? first : (first as { text?: string })?.text;
        const values = Array.isArray(second) ? second : ((first as { values?: unknown[] })?.values ?? []);
        if (text) captured.push({ text, values, route });
      }
      return original.apply(this, args);
    };
  });

  async function call(path: string, token?: string): Promise<{ body: unknown }> {
    route = path;
    try {
      const req = t.http.get(path);
      const res = token ? await req.set('authorization', `Bearer ${token}`) : await req;
      expect([path, res.status]).toEqual([path, 200]);
      return res;
    } finally {
      route = null;
    }
  }

  /** The first page, then the page after it (the keyset condition). */
  async function pages(path: string, token?: string): Promise<unknown> {
    const first = (await call(path, token)).body as { items?: { id?: string }[]; nextCursor?: string | null };
    if (first.nextCursor) {
      const sep = path.includes('?') ? '&' : '?';
      await call(`${path}${sep}cursor=${encodeURIComponent(first.nextCursor)}`, token);
    }
    return first;
  }

  it('reads the largest society, the oversight report and the public pages with index scans only', async () => {
    const big = city.societies[0];
    const sec = t.token({ id: big.secretaryId, username: big.secretaryName });
    const { rows: sup } = await t.db.query<{ id: string; username: string }>(
      `SELECT u.id, u.username FROM users u JOIN memberships m ON m.user_id = u.id
        WHERE m.society_id = $1 AND 'supervisor' = ANY (m.roles)`,
      [big.id],
    );
    const supervisor = t.token(sup[0]);
    const overseer = t.token(city.overseer);
    const s = `/api/v1/societies/${big.id}`;

    const cases = (await pages(`${s}/cases?limit=50`, sec)) as { items: { id: string; caseNo: string }[] };
    await pages(`${s}/cases?status=closed&limit=50`, sec);
    await pages(`${s}/cases?status=voting`, sec);
    await call(`${s}/cases?q=${encodeURIComponent(cases.items[0].caseNo)}`, sec);
    await call(`${s}/cases/${cases.items[0].id}`, sec);
    await call(`${s}/cases/${cases.items[0].id}/vote`, sec);
    await pages(`${s}/fund/entries?limit=50`, sec);
    await pages(`${s}/fund/entries?from=2026-01-01&to=2026-06-30`, sec);
    await call(`${s}/fund`, sec);
    await call(`${s}/fund/reconciliation`, sec);
    const donors = (await pages(`${s}/donors`, sec)) as { items: { id: string }[] };
    await call(`${s}/donors?q=${encodeURIComponent('有限公司')}`, sec);
    await call(`${s}/donors/${donors.items[0].id}`, sec);
    await pages(`${s}/donations`, sec);
    await pages(`${s}/donations?donorId=${donors.items[0].id}`, sec);
    await pages(`${s}/donations?status=voided`, sec);
    await pages(`${s}/audit`, sec);
    const notices = (await pages(`${s}/disclosures`, sec)) as { items: { id: string }[] };
    await pages(`${s}/disclosures?status=active`, sec);
    await call(`${s}/disclosures/${notices.items[0].id}`, sec);
    await pages(`${s}/objections`, supervisor);
    await pages(`${s}/objections?status=upheld`, supervisor);
    await pages(`${s}/leads`, sec);
    await pages(`${s}/leads?status=new`, sec);
    await pages(`${s}/votes/pending-mine`, sec);
    await pages(`${s}/members`, sec);
    const month = new Date().toISOString().slice(0, 7);
    await call(`${s}/statements/${month}`, sec);
    await call(`${s}/statements/2025-03`, sec);
    await pages(`/api/v1/oversight/societies?limit=50`, overseer);
    await pages(`/api/v1/oversight/societies?regionPrefix=341702001`, overseer);
    await pages(`/api/v1/societies?limit=50`, overseer);

    await call(`/api/v1/public/societies/${big.id}`);
    await pages(`/api/v1/public/societies/${big.id}/disclosures`);
    await pages(`/api/v1/public/societies/${big.id}/disclosures?status=ended`);
    await call(`/api/v1/public/disclosures/${notices.items[0].id}`);
    await call(`/api/v1/public/societies/${big.id}/statements/${month}`);
    await call(`/api/v1/public/societies/${big.id}/audit-head`);
    await call(`/p/${big.id}`);
    await call(`/p/disclosures/${notices.items[0].id}`);

    // EXPLAIN each distinct read once, with the parameters it was sent with.
    const { rows: sizes } = await t.db.query<{ relname: string; n: number }>(
      `SELECT relname, reltuples::bigint AS n FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace`,
    );
    const rowsOf = new Map(sizes.map((r) => [r.relname, Number(r.n)]));
    expect(rowsOf.get('ledger_entries')).toBeGreaterThan(40_000);
    const reads = captured.filter(
      (c) => /^\s*(SELECT|WITH)\b/i.test(c.text) && !/\bFOR UPDATE\b/i.test(c.text),
    );
    const seen = new Set<string>();
    const problems: string[] = [];
    let explained = 0;
    for (const c of reads) {
      if (seen.has(c.text)) continue;
      seen.add(c.text);
      const { rows } = await t.db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `EXPLAIN (FORMAT JSON) ${c.text}`,
        c.values,
      );
      explained++;
      for (const table of seqScans(rows[0]['QUERY PLAN'][0].Plan)) {
        if ((rowsOf.get(table) ?? 0) > LARGE)
          problems.push(
            `${c.route}: Seq Scan on ${table} (${rowsOf.get(table)} rows) in\n    ${c.text.replace(/\s+/g, ' ')}`,
          );
      }
    }
    expect(explained).toBeGreaterThan(30);
    expect(problems).toEqual([]);
  });
});
