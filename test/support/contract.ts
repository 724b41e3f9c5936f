import { Writable } from 'node:stream';
import type { Client } from 'pg';
import { ERROR_CODES } from '../../src/common/errors/error-codes';

interface Res {
  status: number;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * The problems of an error answer against the contract (API.md "Errors"), [] when it conforms:
 * `{statusCode, code, message, details?, requestId}`, the request id also in X-Request-Id, JSON,
 * and the security headers every answer carries.
 */
export function contractErrorProblems(res: Res): string[] {
  const problems: string[] = [];
  const body = res.body as Record<string, unknown> | null;
  if (!body || typeof body !== 'object') return [`body is not a JSON object: ${JSON.stringify(res.body)}`];
  if (body.statusCode !== res.status) problems.push(`statusCode ${String(body.statusCode)} ≠ ${res.status}`);
  const code = body.code as keyof typeof ERROR_CODES;
  if (typeof code !== 'string' || ERROR_CODES[code]?.status !== res.status) {
    problems.push(`code ${String(code)} is not a contract code for ${res.status}`);
  }
  if (typeof body.message !== 'string' || body.message === '') problems.push('no message');
  if (typeof body.requestId !== 'string' || body.requestId !== res.headers['x-request-id']) {
    problems.push('requestId missing or not the X-Request-Id header');
  }
  const extra = Object.keys(body).filter(
    (k) => !['statusCode', 'code', 'message', 'details', 'requestId'].includes(k),
  );
  if (extra.length) problems.push(`unexpected keys ${extra.join(', ')}`);
  if (!String(res.headers['content-type']).startsWith('application/json')) problems.push('not JSON');
  if (res.headers['x-content-type-options'] !== 'nosniff' || !res.headers['content-security-policy']) {
    problems.push('security headers missing');
  }
  return problems;
}

export function expectContractError(res: Res, status: number, code: string): void {
  expect({ status: res.status, code: (res.body as { code?: string }).code }).toEqual({ status, code });
  expect(contractErrorProblems(res)).toEqual([]);
}

/**
 * A cheap picture of everything stored: per table, its row count and a hash of its rows. Equal
 * pictures before and after a request mean it wrote nothing (inserts, updates and deletes alike).
 */
export async function dbSnapshot(db: Client, exclude: string[] = []): Promise<Record<string, string>> {
  const { rows: tables } = await db.query<{ t: string }>(
    `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const parts = tables
    .map((r) => r.t)
    .filter((t) => !exclude.includes(t))
    .map(
      (t) =>
        `SELECT '${t}' AS t, count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS v FROM "${t}" x`,
    );
  const { rows } = await db.query<{ t: string; v: string }>(parts.join(' UNION ALL '));
  return Object.fromEntries(rows.map((r) => [r.t, r.v]));
}

/** A log destination a test can read back. */
export function logCapture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  return { stream, text: () => chunks.join('') };
}
