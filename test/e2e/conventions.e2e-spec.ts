import { TestApp, withTestApp } from '../support/test-app';

describe('Conventions (API.md)', () => {
  const t = withTestApp();

  it('GET /health answers ok with the database up', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('answers errors in the contract format with a request id, Chinese by default', async () => {
    const res = await t.http.get('/api/v1/auth/me').expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED', message: '请先登录' });
    expect(res.body.requestId).toEqual(res.headers['x-request-id']);
    expect(res.headers['content-type']).toMatch(/application\/json/);
  });

  it('answers in English with Accept-Language: en', async () => {
    const res = await t.http.get('/api/v1/auth/me').set('Accept-Language', 'en-US,en;q=0.9').expect(401);
    expect(res.body.message).toBe('Authentication is required');
  });

  it('keeps a sane incoming X-Request-Id and replaces a bad one', async () => {
    const kept = await t.http.get('/health').set('X-Request-Id', 'abc-123');
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const replaced = await t.http.get('/health').set('X-Request-Id', '<script>');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 404 NOT_FOUND for an unknown route', async () => {
    const res = await t.http.get('/api/v1/no-such-thing').set(t.admin.auth).expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });

  it('rejects malformed JSON with 400 and writes nothing', async () => {
    const before = await t.db.query('SELECT count(*)::int AS n FROM societies');
    const res = await t.http
      .post('/api/v1/societies')
      .set(t.admin.auth)
      .set('Content-Type', 'application/json')
      .send('{"name": "x", ')
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual({ body: ['请求体不是有效的 JSON'] });
    const after = await t.db.query('SELECT count(*)::int AS n FROM societies');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('rejects unknown body properties with field details', async () => {
    const res = await t.http
      .post('/api/v1/societies')
      .set(t.admin.auth)
      .set('Accept-Language', 'en')
      .send({ name: '甲村互助社', regionCode: '341702001001', color: 'red' })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.color).toEqual(['property color should not exist']);
  });

  it('rejects wrong types field by field, in Chinese by default', async () => {
    const res = await t.http
      .post('/api/v1/societies')
      .set(t.admin.auth)
      .send({ name: 42, regionCode: 341702001001 })
      .expect(400);
    expect(Object.keys(res.body.details).sort()).toEqual(['name', 'regionCode']);
    expect(res.body.details.name).toContain('必须是字符串');
    expect(res.body.details.regionCode).toContain('必须是 12 位村（社区）级统计用区划代码');
  });

  it('rejects bodies over 1 MiB with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await t.http
      .post('/api/v1/societies')
      .set(t.admin.auth)
      .send({ name: 'x', regionCode: '341702001001', address: 'x'.repeat(1024 * 1024) })
      .expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('rejects unknown query parameters and bad limits', async () => {
    expect(
      (await t.http.get('/api/v1/societies?limit=0').set(t.admin.auth).expect(400)).body.details.limit,
    ).toBeDefined();
    expect((await t.http.get('/api/v1/societies?limit=201').set(t.admin.auth).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      (await t.http.get('/api/v1/societies?foo=1').set(t.admin.auth).expect(400)).body.details.foo,
    ).toBeDefined();
    expect(
      (await t.http.get('/api/v1/societies?cursor=%%%').set(t.admin.auth).expect(400)).body.details.cursor,
    ).toBeDefined();
  });

  it('pages lists with an opaque cursor until nextCursor is null', async () => {
    for (let i = 0; i < 5; i++) await t.fx.society({ roles: [] });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.http
        .get('/api/v1/societies')
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set(t.admin.auth)
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((s: { id: string }) => s.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    const all = await t.db.query('SELECT id FROM societies');
    expect(seen.length).toBe(all.rowCount);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('sets security headers (helmet)', async () => {
    const res = await t.http.get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('serves OpenAPI covering every route, with examples', async () => {
    const res = await t.http.get('/api/docs-json').expect(200);
    const paths = Object.keys(res.body.paths);
    for (const p of [
      '/api/v1/auth/login',
      '/api/v1/auth/me',
      '/api/v1/auth/password',
      '/api/v1/users',
      '/api/v1/societies',
      '/api/v1/societies/{sid}',
      '/api/v1/societies/{sid}/members',
      '/api/v1/societies/{sid}/members/{userId}',
      '/api/v1/societies/{sid}/audit',
      '/api/v1/societies/{sid}/audit/verification',
      '/health',
    ]) {
      expect(paths).toContain(p);
    }
    // Every route the application serves is documented (Fastify's own list, minus the docs themselves
    // the residents' HTML pages under /p/ and the web console's files at /app/ with the redirect of / to
    // it (common/http/console.ts), which are no part of the JSON API).
    const documented = new Set(
      Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const served = routeList(t).filter(
      (r) =>
        !r.includes('/api/docs') &&
        !/^[A-Z]+ \/p\//.test(r) &&
        !/^GET \/(app\*?)?$/.test(r) &&
        !r.startsWith('HEAD '),
    );
    expect(served.length).toBeGreaterThan(10);
    expect(served.filter((r) => !documented.has(r))).toEqual([]);
    expect(res.body.components.schemas.CreateSocietyDto.properties.regionCode.example).toBe('341702001001');
    await t.http.get('/api/docs').expect(200);
  });
});

/** "METHOD /path" for every route registered with Fastify. */
function routeList(t: TestApp): string[] {
  const routes: string[] = [];
  const fastify = t.app.getHttpAdapter().getInstance() as unknown as {
    printRoutes(opts: { commonPrefix: boolean; includeMeta?: boolean }): string;
  };
  // printRoutes prints a tree; rebuild full paths from its indentation.
  const stack: string[] = [];
  for (const line of fastify.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+) \(([A-Z, ]+)\)/.exec(line) ?? /^([│ ]*)[├└]── (\S+)$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    stack[depth] = m[2];
    if (m[3]) for (const method of m[3].split(', ')) routes.push(`${method} ${stack.join('')}`);
  }
  return routes;
}
