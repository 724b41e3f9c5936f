// `npm run bench:data`: a city's installation (bench/city.ts) into BENCH_DATA_URL (default the
// `huzhu_city` database on the local server), and its 1% copy (6 societies, same shape) into the
// same name + `_1pct`. Both are dropped and made again: migrated, generated, checked, analysed.
// Knobs: BENCH_DATA_SEED (1), BENCH_DATA_SCALE (1 = 600 societies / 1,000,000 entries),
// BENCH_DATA_NOW (the installation's "now", ISO; default: this hour). The PII key is derived from the
// seed (cityPiiKey): a server reading this data must be given it (the benchmarks do).
import { Client } from 'pg';
import { hashPassword } from '../src/auth/passwords';
import { PiiCipher } from '../src/common/crypto/pii-cipher';
import { runMigrations } from '../src/database/migrate';
import { checkCity, cityPiiKey, CityReport, generateCity, scaled } from './city';

const env = process.env;
export const CITY_URL = env.BENCH_DATA_URL ?? 'postgres://postgres@127.0.0.1:5432/huzhu_city';
export const CITY_PASSWORD = 'bench-city-password';

export function copyUrl(url = CITY_URL): string {
  const u = new URL(url);
  u.pathname = `${u.pathname}_1pct`;
  return u.toString();
}

async function recreate(url: string): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  u.pathname = '/postgres';
  const c = new Client({ connectionString: u.toString() });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
}

async function build(url: string, factor: number, seed: number, now: Date): Promise<CityReport> {
  await recreate(url);
  await runMigrations(url);
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const shape = { ...scaled(factor), seed, now };
    console.log(`${url}: ${JSON.stringify(scaled(factor))}`);
    const report = await generateCity(
      c,
      shape,
      new PiiCipher(cityPiiKey(seed)),
      await hashPassword(CITY_PASSWORD),
      (line) => console.log(`  ${line}`),
    );
    const problems = await checkCity(c);
    if (problems.length) throw new Error(`generated data breaks invariants:\n  ${problems.join('\n  ')}`);
    const { rows } = await c.query<{ size: string }>(
      `SELECT pg_size_pretty(pg_database_size(current_database())) AS size`,
    );
    console.log(
      `  ${(report.ms / 1000).toFixed(0)} s, ${rows[0].size}; rows: ${JSON.stringify(report.rows)}`,
    );
    return report;
  } finally {
    await c.end();
  }
}

async function main(): Promise<void> {
  const seed = Number(env.BENCH_DATA_SEED ?? 1);
  const scale = Number(env.BENCH_DATA_SCALE ?? 1);
  const hour = new Date();
  hour.setUTCMinutes(0, 0, 0);
  const now = env.BENCH_DATA_NOW ? new Date(env.BENCH_DATA_NOW) : hour;
  const started = Date.now();
  await build(CITY_URL, scale, seed, now);
  await build(copyUrl(), scale / 100, seed, now);
  console.log(`bench:data done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

if (require.main === module)
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
