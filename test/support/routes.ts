import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { API_PREFIX } from '../../src/app.factory';
import { AccessRule, accessRuleOf } from '../../src/common/access/access.decorators';

/** "METHOD /path" (Fastify's `:param` syntax) for every route Fastify serves, HEAD included. */
export function servedRoutes(app: NestFastifyApplication): string[] {
  const fastify = app.getHttpAdapter().getInstance() as unknown as {
    printRoutes(opts: { commonPrefix: boolean }): string;
  };
  // printRoutes prints a tree; rebuild full paths from its indentation.
  const routes: string[] = [];
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

export interface NestRoute {
  /** "METHOD /path" as Fastify serves it. */
  route: string;
  /** "Controller.method", for messages. */
  handler: string;
  rule: AccessRule | null;
}

const join = (...parts: string[]) =>
  `/${parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;

/**
 * Every route handler of every Nest controller, with the access rule it declares. The global
 * prefix is applied unless Fastify serves the route without it (the prefix's exclusions, e.g. /health).
 */
export function nestRoutes(app: NestFastifyApplication): NestRoute[] {
  const served = new Set(servedRoutes(app));
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const out: NestRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as abstract new (...args: never[]) => unknown;
      const prototype = controller.prototype as Record<string, (...args: never[]) => unknown>;
      const bases = [Reflect.getMetadata(PATH_METADATA, controller) as string | string[]].flat();
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (paths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        for (const base of bases) {
          for (const path of [paths].flat()) {
            const bare = `${method} ${join(base, path)}`;
            const prefixed = `${method} ${join(API_PREFIX, base, path)}`;
            out.push({
              route: served.has(prefixed) || !served.has(bare) ? prefixed : bare,
              handler: `${controller.name}.${name}`,
              rule: accessRuleOf(reflector, handler, controller),
            });
          }
        }
      }
    }
  }
  return out;
}
