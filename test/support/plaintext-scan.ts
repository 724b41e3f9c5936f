import { execFile } from 'node:child_process';
import type { Client } from 'pg';

/** Every row of every table of the test database as text (bytea as hex), one string. */
export async function dumpAllRows(db: Client): Promise<string> {
  const { rows: tables } = await db.query<{ t: string }>(
    `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const texts: string[] = [];
  for (const { t: table } of tables) {
    const { rows } = await db.query<{ r: string }>(`SELECT row_to_json(x)::text AS r FROM "${table}" x`);
    texts.push(...rows.map((r) => r.r));
  }
  return texts.join('\n');
}

/** The ways a value could sit in a dump or a log line: plain, JSON-escaped, hex and base64. */
export function encodedForms(value: string): string[] {
  return [
    value,
    JSON.stringify(value).slice(1, -1),
    Buffer.from(value, 'utf8').toString('hex'),
    Buffer.from(value, 'utf8').toString('base64'),
  ];
}

/**
 * The whole database as `pg_dump` writes it (schema and data, bytea as hex), as an attacker with a
 * backup would see it; null when no `pg_dump` fits the server (none installed, or older than the
 * embedded server): then use dumpAllRows.
 */
export function pgDump(databaseUrl: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(
      'pg_dump',
      ['--no-owner', '--no-privileges', databaseUrl],
      { maxBuffer: 512 * 1024 * 1024, timeout: 120_000 },
      (error, stdout) => resolve(error ? null : stdout),
    );
  });
}

/** pg_dump's text when it can, else every row through SQL: which one, and the text. */
export async function dumpDatabase(db: Client, databaseUrl: string): Promise<{ via: string; text: string }> {
  const dumped = await pgDump(databaseUrl);
  return dumped === null ? { via: 'sql', text: await dumpAllRows(db) } : { via: 'pg_dump', text: dumped };
}
