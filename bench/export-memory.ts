// Scenario 5 of issue 14, second half: the export of a very large ledger (`npm run bench -- export`,
// also part of a plain `npm run bench`; BENCH_ENTRIES=1000000 by default).
// A fresh database, 1,000,000 ledger entries bulk-loaded with generate_series, the app started as
// start:prod runs it (npm run build first; BENCH_SWC=1 runs the sources), then entries.csv downloaded
// over HTTP while the server's RSS is sampled every 100 ms from /proc. Prints the RSS before, the
// peak during the export, the time and the size; the database is dropped at the end.
import { JwtService } from '@nestjs/jwt';
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runMigrations } from '../src/database/migrate';
import { bulkLedgerEntries } from '../test/support/bulk-ledger';
import { Server, startApp } from './procs';
import { rssOf } from './public';
import type { Row } from './report';

const env = process.env;
const SERVER_URL = env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ENTRIES = Number(env.BENCH_ENTRIES ?? 1_000_000);
const SAMPLE_MS = 100;

function dbUrl(name: string): string {
  const u = new URL(SERVER_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(sql: string): Promise<void> {
  const c = new Client({ connectionString: SERVER_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** The resident set of a process now, in bytes (public.ts reads /proc). */
const rssBytes = (pid: number) => rssOf(pid).rss * 1024 * 1024;

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export interface ExportBench {
  rows: Row[];
  notes: string[];
}

export async function benchExport(log: (line: string) => void): Promise<ExportBench> {
  const name = `huzhu_export_bench_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const db = new Client({ connectionString: dbUrl(name) });
  let app: Server | undefined;
  try {
    await runMigrations(dbUrl(name));
    await db.connect();
    const [{ id: sid }] = (
      await db.query<{ id: string }>(
        `INSERT INTO societies (name, region_code, timezone, settings, created_at, updated_at)
         VALUES ('导出压测互助社', '341702001001', 'Asia/Shanghai', '{}'::jsonb, now(), now()) RETURNING id`,
      )
    ).rows;
    const [overseer] = (
      await db.query<{ id: string }>(
        `INSERT INTO users (username, display_name, password_hash, platform_role)
         VALUES ('bench_overseer', '压测监管', '!bench: no login', 'overseer') RETURNING id`,
      )
    ).rows;
    let t0 = Date.now();
    await bulkLedgerEntries(db, sid, ENTRIES, new Date('2020-01-01T00:00:00Z'));
    await db.query('VACUUM ANALYZE ledger_entries');
    await db.query('VACUUM ANALYZE ledger_lines');
    log(`loaded ${ENTRIES.toLocaleString('en')} entries in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    if (env.BENCH_SWC !== '1' && env.BENCH_SKIP_BUILD !== '1') {
      log('building (npm run build)…');
      execSync('npm run build', { cwd: `${__dirname}/..`, stdio: 'ignore' });
    }
    const secret = randomBytes(32).toString('hex');
    app = await startApp({
      DATABASE_URL: dbUrl(name),
      JWT_SECRET: secret,
      PII_KEY: randomBytes(32).toString('base64'),
      ADMIN_PASSWORD: randomBytes(12).toString('hex'),
      LOG_LEVEL: 'warn',
      SCHEDULER: 'off',
    });
    const pid = app.child.pid!;
    const token = new JwtService({ secret }).sign({ sub: overseer.id, username: 'bench_overseer', ver: 0 });
    await new Promise((r) => setTimeout(r, 1000));
    const before = rssBytes(pid);
    let peak = before;
    const samples: number[] = [];
    const timer = setInterval(() => {
      samples.push(rssBytes(pid));
      peak = Math.max(peak, samples[samples.length - 1]);
    }, SAMPLE_MS);

    t0 = Date.now();
    const res = await fetch(`${app.url}/api/v1/societies/${sid}/export/entries.csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.status !== 200 || !res.body) throw new Error(`export answered ${res.status}`);
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (const b of chunk) if (b === 0x0a) lines++;
    }
    const seconds = (Date.now() - t0) / 1000;
    clearInterval(timer);
    peak = Math.max(peak, rssBytes(pid));

    log(
      `entries.csv: ${lines.toLocaleString('en')} lines (entries + header), ${mib(bytes)} in ${seconds.toFixed(1)} s`,
    );
    log(
      `server RSS: ${mib(before)} before, peak ${mib(peak)} during the export (sampled every ${SAMPLE_MS} ms)`,
    );
    // Flat means no trend: the RSS through the export, at each tenth of its duration.
    const tenths = Array.from(
      { length: 10 },
      (_, i) => samples[Math.floor((i * samples.length) / 10)] ?? NaN,
    );
    log(
      `server RSS by tenths of the export: ${tenths.map((x) => (x / 1024 / 1024).toFixed(0)).join(' ')} MiB`,
    );
    if (lines !== ENTRIES + 1) throw new Error(`expected ${ENTRIES + 1} lines`);
    // Flat: the resident set at the end of the export no higher than early in it (a leak or a buffered
    // answer grows with the rows written), and the whole export within the same 300 MiB as scenario 1.
    const tenth = (i: number) =>
      Math.max(
        ...samples.slice(Math.floor((i * samples.length) / 10), Math.floor(((i + 1) * samples.length) / 10)),
      );
    const [early, late] = [tenth(1), tenth(9)];
    const flat = late <= early * 1.1;
    return {
      rows: [
        {
          scenario: `export of ${ENTRIES.toLocaleString('en')} ledger entries (entries.csv) — the app's RSS, end vs early`,
          measured: `${mib(late)}, the highest in the last tenth`,
          baseline: `${mib(early)}, the highest in the second tenth (${mib(before)} before)`,
          ratio: late / early,
          target: 'flat (≤ 1.1×)',
          ok: flat,
        },
        {
          scenario: `export of ${ENTRIES.toLocaleString('en')} ledger entries — the app's peak RSS`,
          measured: mib(peak),
          baseline: `${mib(before)} before`,
          ratio: null,
          target: '≤ 300 MiB',
          ok: peak <= 300 * 1024 * 1024,
        },
      ],
      notes: [
        `One society with ${ENTRIES.toLocaleString('en')} entries (bulk-loaded), its entries.csv (${mib(bytes)}, ` +
          `${seconds.toFixed(0)} s) read by a client as fast as it can; RSS of the app's process from /proc every ${SAMPLE_MS} ms, ` +
          `by tenths of the export: ${tenths.map((x) => (x / 1024 / 1024).toFixed(0)).join(' ')} MiB.`,
      ],
    };
  } finally {
    await app?.stop();
    await db.end().catch(() => undefined);
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

if (require.main === module)
  benchExport((line) => console.log(line)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
