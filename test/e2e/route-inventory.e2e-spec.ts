import { PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { ParsedPipe } from '../../src/common/http/parsed-param';
import { UuidPipe } from '../../src/common/http/uuid.pipe';
import { nestRoutes, servedRoutes } from '../support/routes';
import { withTestApp } from '../support/test-app';

/**
 * Every route the application serves has an explicit access rule: @Public(), @Authenticated(),
 * @KeyAuthenticated() or @Can(action) (src/common/access/access.decorators.ts, `accessRuleOf`; the roles are in
 * common/access/policy.ts). A route added without one fails here, before it ships open to any
 * signed-in user.
 */
describe('Route inventory: every served route declares who may call it', () => {
  const t = withTestApp();

  /**
   * Served by Fastify, not by a Nest handler, public by design: the OpenAPI document and its UI (API.md),
   * and the web console's static files with the redirect of / to it (common/http/console.ts).
   */
  const NOT_NEST = /^(GET|HEAD) (\/api\/docs(-json|-yaml|\/.*)?|\/|\/app\*?|\/app\/\*)$/;

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
    expect(byKind('public')).toEqual([
      'GET /api/v1/public/disclosures/:did',
      'GET /api/v1/public/disclosures/:did/notice.pdf',
      'GET /api/v1/public/objections/:trackingCode',
      'GET /api/v1/public/societies/:sid',
      'GET /api/v1/public/societies/:sid/audit-head',
      'GET /api/v1/public/societies/:sid/audit-head/:seq',
      'GET /api/v1/public/societies/:sid/disclosures',
      'GET /api/v1/public/societies/:sid/statements/:period',
      'GET /api/v1/public/societies/:sid/statements/:period.pdf',
      'GET /health',
      // The residents' HTML pages (disclosures/pages.controller.ts), outside the API and its document.
      'GET /p/:sid',
      'GET /p/disclosures/:did',
      'GET /p/objections/:code',
      'POST /api/v1/auth/login',
      'POST /api/v1/public/disclosures/:did/objections',
      'POST /p/disclosures/:did/objections',
    ]);
    expect(byKind('authenticated')).toEqual([
      'GET /api/v1/auth/me',
      'GET /api/v1/me/tasks',
      'GET /api/v1/societies',
      'POST /api/v1/auth/password',
    ]);
    // Machines with an API key (@KeyAuthenticated()): the route's own guard checks the key.
    expect(byKind('key')).toEqual(['POST /api/v1/intake/warnings']);
  });

  it('a society action is only on a route whose path names the society (@SocietyParam)', () => {
    const routes = nestRoutes(t.app).filter((r) => r.rule?.kind === 'action');
    expect(routes.length).toBeGreaterThan(20);
    const wrong = routes.filter((r) => {
      if (r.rule?.kind !== 'action') return false;
      const names = r.rule.societyParam !== null && r.route.includes(`/:${r.rule.societyParam}`);
      return (r.rule.scope === 'society') !== names;
    });
    expect(wrong.map((r) => `${r.route} (${r.handler})`)).toEqual([]);
    // And no path holds a society the access check would not see (the public routes name one openly).
    const unseen = nestRoutes(t.app).filter(
      (r) =>
        /\/societies\/:/.test(r.route) &&
        !(r.rule?.kind === 'action' && r.rule.scope === 'society') &&
        !(r.rule?.kind === 'public' && r.route.includes('/api/v1/public/')),
    );
    expect(unseen.map((r) => r.route)).toEqual([]);
  });

  it('every path parameter goes through the UUID pipe (ids) or the parsing pipe (seq, tracking codes)', () => {
    const scanner = new MetadataScanner();
    const unchecked: string[] = [];
    let checked = 0;
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const controller = wrapper.metatype as new (...args: never[]) => unknown;
        const prototype = controller.prototype as Record<string, object>;
        const base = [Reflect.getMetadata(PATH_METADATA, controller) as string | string[]].flat().join('/');
        for (const name of scanner.getAllMethodNames(prototype)) {
          const path = Reflect.getMetadata(PATH_METADATA, prototype[name]) as string | undefined;
          if (path === undefined) continue;
          // Keyed "<RouteParamtypes>:<index>": the @Param() arguments and their pipes.
          const args = Object.entries(
            (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
              string,
              { data?: unknown; pipes?: unknown[] }
            >,
          );
          for (const [, param] of `${base}/${path}`.matchAll(/:(\w+)/g)) {
            const [, arg] =
              args.find(([key, a]) => key.startsWith(`${RouteParamtypes.PARAM}:`) && a.data === param) ?? [];
            if (arg?.pipes?.some((p) => p instanceof UuidPipe || p instanceof ParsedPipe)) checked++;
            else unchecked.push(`${controller.name}.${name} :${param}`);
          }
        }
      }
    }
    expect(unchecked).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });
});
