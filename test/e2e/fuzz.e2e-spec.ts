import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { SOCIETY_ROLES } from '../../src/common/access/roles';
import { contractErrorProblems, dbSnapshot, logCapture } from '../support/contract';
import { TEST_PASSWORD, TestUser } from '../support/fixtures';
import { FuzzRequest, OpenApiDoc, Operation, Pools, requestArb } from '../support/fuzz-inputs';
import { withTestApp } from '../support/test-app';

/**
 * Property-based fuzz of every write route (POST/PUT/PATCH) and every list's query, read from the
 * served OpenAPI document. Never a 5xx; every error in the contract's format; nothing written by a
 * 4xx; no name or phone sent ever in the log. `FUZZ_RUNS` inputs per operation (20 in `npm test`;
 * `npm run test:fuzz` runs many more). `FUZZ_REPORT=file` writes the figures.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
// Grows with the routes (every operation of the document is fuzzed): generous, so a busy machine does not fail it.
jest.setTimeout(Math.max(300_000, RUNS * 100 * 60));

describe('Fuzz: every write route and list query, from the OpenAPI document', () => {
  const log = logCapture();
  const sent = new Set<string>();
  const statuses: Record<string, number> = {};
  const t = withTestApp({ LOG_LEVEL: 'info' }, { logStream: log.stream });
  let doc: OpenApiDoc;
  let pools: Pools;
  let caller: TestUser;

  beforeAll(async () => {
    const { fx, admin } = t;
    // One caller with every role: platform admin, and all five roles in one real society.
    caller = await fx.user({ platformRole: 'admin' });
    const society = await fx.society({ name: '模糊测试互助社', roles: [] });
    await fx.member(society, [...SOCIETY_ROLES], caller);
    const other = await fx.member(society, ['board']);
    const donors = [await fx.donor(society, {}, caller), await fx.donor(society, {}, caller)];
    const donations = [];
    for (const donor of donors)
      donations.push(await fx.donation(society, { donor, amountFen: 500_000, by: caller }));
    donations.push(
      await fx.donation(society, { donor: donors[0], amountFen: 300_000, channel: 'cash', by: caller }),
    );
    const ids = {
      sid: [society.id],
      userId: [other.id],
      did: donors.map((d) => d.id),
      id: donations.map((d) => d.id),
      donorId: donors.map((d) => d.id),
    };
    pools = { ids, usernames: [caller.username, admin.username], passwords: [TEST_PASSWORD], cursors: [] };
    doc = (await t.http.get('/api/docs-json').expect(200)).body as OpenApiDoc;
  });

  afterAll(() => {
    if (process.env.FUZZ_REPORT) {
      const report = {
        runsPerOperation: RUNS,
        operations: operations().length,
        inputs: sum(statuses),
        statuses,
      };
      writeFileSync(process.env.FUZZ_REPORT, `${JSON.stringify(report, null, 2)}\n`);
    }
  });

  /** POST/PUT/PATCH operations, and GET operations that take a cursor (the lists). */
  function operations(): [string, string, Operation][] {
    return Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(
          ([method, op]) =>
            ['post', 'put', 'patch'].includes(method) ||
            (method === 'get' && (op.parameters ?? []).some((p) => p.in === 'query' && p.name === 'cursor')),
        )
        .map(([method, op]) => [method, path, op] as [string, string, Operation]),
    );
  }

  async function send(r: FuzzRequest) {
    let req = t.http[r.method as 'get' | 'post' | 'put' | 'patch'](r.url).set(caller.auth).set(r.headers);
    if (r.body !== undefined) req = req.send(r.body);
    return req.buffer(true);
  }

  it('finds the routes to fuzz in the document', () => {
    const ops = operations().map(([m, p]) => `${m.toUpperCase()} ${p}`);
    expect(ops.length).toBeGreaterThanOrEqual(19);
    expect(ops).toEqual(
      expect.arrayContaining(['POST /api/v1/auth/login', 'GET /api/v1/societies/{sid}/donations']),
    );
  });

  it('never answers 5xx, answers errors in the contract format, and writes nothing on a 4xx', async () => {
    // The picture after a 4xx is the picture before the next request: nothing runs in between.
    let last: Record<string, string> | null = null;
    for (const [method, path, op] of operations()) {
      // Failed logins and password checks are counted on purpose (throttling): on a 4xx from
      // /auth/login or /auth/password that table may change. So does a @RateLimit route's window
      // (common/http/rate-limit.ts): it counts every request, refused or invalid ones too.
      const counted = [
        'rate_limits',
        ...(path.includes('/auth/') ? ['login_client_failures', 'login_backoff'] : []),
      ];
      const without = (snap: Record<string, string>) =>
        Object.fromEntries(Object.entries(snap).filter(([table]) => !counted.includes(table)));
      const property = fc.asyncProperty(requestArb(method, path, op, doc, pools, sent), async (r) => {
        const before = last ?? (await dbSnapshot(t.db));
        last = null;
        const res = await send(r);
        const key = String(res.status);
        statuses[key] = (statuses[key] ?? 0) + 1;
        const where = `${r.method.toUpperCase()} ${r.url.slice(0, 300)} ${JSON.stringify(r.body?.slice(0, 300))}`;
        if (res.status >= 500) throw new Error(`${res.status} for ${where}: ${JSON.stringify(res.body)}`);
        if (res.status >= 400) {
          expect({ where, problems: contractErrorProblems(res) }).toEqual({ where, problems: [] });
          const after = await dbSnapshot(t.db);
          expect({ where, db: without(after) }).toEqual({ where, db: without(before) });
          last = after;
        } else if (method === 'get') {
          const next = (res.body as { nextCursor?: unknown }).nextCursor;
          if (typeof next === 'string') pools.cursors.push(next);
        }
      });
      await fc.assert(property, { numRuns: RUNS });
    }
    expect(sum(statuses)).toBeGreaterThanOrEqual(operations().length * RUNS);
  });

  it('left no name or phone it sent in the log', () => {
    expect(sent.size).toBeGreaterThan(10);
    const text = log.text();
    expect(text).toContain('request completed'); // the log was captured
    const escaped = (s: string) => JSON.stringify(s).slice(1, -1);
    expect([...sent].filter((s) => text.includes(s) || text.includes(escaped(s)))).toEqual([]);
    expect(text).not.toMatch(/"level":50/); // no error logged: no 5xx, no unhandled error
  });
});

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
