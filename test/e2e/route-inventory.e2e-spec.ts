import { nestRoutes, servedRoutes } from '../support/routes';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Every route the application serves has an explicit access rule: @Public(), @Authenticated() or
 * @Roles(...) (src/common/access/roles.ts, `accessRuleOf`). A route added without one fails here,
 * before it ships open to any signed-in user.
 */
describe('Route inventory: every served route declares who may call it', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** Served by Fastify, not by a Nest handler: the OpenAPI document and its UI, public by design (API.md). */
  const NOT_NEST = /^(GET|HEAD) \/api\/docs(-json|-yaml|\/.*)?$/;

  it('every Nest route handler declares an access rule', () => {
    const routes = nestRoutes(t.app);
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((r) => r.rule === null).map((r) => `${r.route} (${r.handler})`)).toEqual([]);
  });

  it('every route Fastify serves is one of those handlers (or the API docs)', () => {
    const handled = new Set(nestRoutes(t.app).map((r) => r.route));
    const served = servedRoutes(t.app);
    expect(served.length).toBeGreaterThan(20);
    const unexplained = served.filter(
      (r) => !handled.has(r) && !handled.has(r.replace(/^HEAD /, 'GET ')) && !NOT_NEST.test(r),
    );
    expect(unexplained).toEqual([]);
    // And the other way round: no handler the inventory knows of is missing from Fastify.
    expect([...handled].filter((r) => !served.includes(r))).toEqual([]);
  });

  it('the routes open to anyone, and to any signed-in user, are exactly these (review any change)', () => {
    const byKind = (kind: string) =>
      nestRoutes(t.app)
        .filter((r) => r.rule?.kind === kind)
        .map((r) => r.route)
        .sort();
    expect(byKind('public')).toEqual(['GET /health', 'POST /api/v1/auth/login']);
    expect(byKind('authenticated')).toEqual([
      'GET /api/v1/auth/me',
      'GET /api/v1/societies',
      'POST /api/v1/auth/password',
    ]);
  });
});
