import fc from 'fast-check';
import { parseReceivedAt } from '../../src/donors/domain/received-at';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * receivedAt used to be parsed by PostgreSQL (`date_trunc('milliseconds', $1::timestamptz)`); it is
 * parsed in donors/domain now, so it can be checked against the Clock. Both must agree on what is a
 * real date-time and on the instant.
 */
describe('parseReceivedAt agrees with PostgreSQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { validateResponses: false });
  });
  afterAll(() => t.close());

  const pad = (n: number, w = 2) => String(n).padStart(w, '0');

  /** What PostgreSQL makes of the text, or null when it refuses it (a 22xxx error). */
  async function postgres(text: string, dateOnly: boolean): Promise<string | null> {
    try {
      const sql = dateOnly
        ? `SELECT to_char($1::date, 'YYYY-MM-DD') AS v`
        : `SELECT to_char(date_trunc('milliseconds', $1::timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS v`;
      return (await t.db.query(sql, [text])).rows[0].v as string;
    } catch (e) {
      if ((e as { code?: string }).code?.startsWith('22')) return null;
      throw e;
    }
  }

  const field = (min: number, max: number) => fc.integer({ min, max });

  it('on dates', async () => {
    await fc.assert(
      fc.asyncProperty(field(1, 9999), field(0, 13), field(0, 32), async (y, m, d) => {
        const text = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
        const ours = parseReceivedAt(text);
        expect([text, ours ? ours.date : null]).toEqual([text, await postgres(text, true)]);
      }),
      { numRuns: 300 },
    );
  });

  it('on date-times with an offset', async () => {
    const frac = fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: undefined });
    const offset = fc.oneof(
      fc.constant('Z'),
      fc
        .tuple(fc.constantFrom('+', '-'), field(0, 17), field(0, 61))
        .map(([s, h, m]) => `${s}${pad(h)}:${pad(m)}`),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(field(1900, 2100), field(1, 12), field(1, 31)),
        fc.tuple(field(0, 25), field(0, 61), fc.option(field(0, 61), { nil: undefined }), frac),
        offset,
        async ([y, mo, d], [h, mi, s, f], off) => {
          const time = `${pad(h)}:${pad(mi)}${s === undefined ? '' : `:${pad(s)}${f === undefined ? '' : `.${f}`}`}`;
          const text = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${time}${off}`;
          const ours = parseReceivedAt(text)?.instant?.toISOString() ?? null;
          expect([text, ours]).toEqual([text, await postgres(text, false)]);
        },
      ),
      { numRuns: 500 },
    );
  });
});
