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
