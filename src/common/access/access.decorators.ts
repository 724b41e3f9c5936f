import { applyDecorators, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import { AccessPolicy, Action, POLICY } from './policy';

const IS_PUBLIC = 'huzhu:public';
const KEY_AUTH = 'huzhu:key-auth';
const AUTHENTICATED = 'huzhu:authenticated';
const CAN = 'huzhu:can';
const SOCIETY_PARAM = 'huzhu:society-param';

/** Marks a public operation in the OpenAPI document (it becomes `security: []` there). */
export const OPENAPI_PUBLIC_MARK = 'x-huzhu-public';

/** Marks an operation authenticated by an API key in the OpenAPI document (its `security` names the key). */
export const OPENAPI_KEY_MARK = 'x-huzhu-api-key';

/** No authentication (public pages, login, health). */
export const Public = () =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(OPENAPI_PUBLIC_MARK, true));

/**
 * Called by a machine with an API key (`Authorization: ApiKey <key>`), not by a signed-in user: no
 * bearer token is asked for, and the route's own guard checks the key (leads/api-key.guard.ts: the
 * monitoring platforms' intake). The key names the society, so the route's path does not.
 */
export const KeyAuthenticated = () =>
  applyDecorators(SetMetadata(KEY_AUTH, true), ApiExtension(OPENAPI_KEY_MARK, true));

/**
 * Any signed-in user (e.g. GET /auth/me). Said explicitly, like @Public() and @Can(), so that a
 * route without any rule stands out (test/e2e/route-inventory.e2e-spec.ts fails on one).
 */
export const Authenticated = () => SetMetadata(AUTHENTICATED, true);

/** Who may call the route: the roles of `action` in the policy table (common/access/policy.ts). */
export const Can = (action: Action) => SetMetadata(CAN, action);

/**
 * The path parameter that names the route's society (on the controller, or a handler to override):
 * society actions are checked there, and idempotency keys are kept per society.
 */
export const SocietyParam = (name: string) => SetMetadata(SOCIETY_PARAM, name);

export type AccessRule =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'key' }
  | ({ kind: 'action'; action: Action; societyParam: string | null } & AccessPolicy);

type Handler = (...args: never[]) => unknown;
type ControllerClass = abstract new (...args: never[]) => unknown;
/** A handler and its controller, as Reflector.getAllAndOverride takes them. */
type Targets = Parameters<Reflector['getAllAndOverride']>[1];

/** The access rule a route handler declares, on itself or its controller; null when it declares none. */
export function accessRuleOf(
  reflector: Reflector,
  handler: Handler,
  controller: ControllerClass,
): AccessRule | null {
  const targets: Targets = [handler, controller];
  if (reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets)) return { kind: 'public' };
  if (reflector.getAllAndOverride<boolean | undefined>(KEY_AUTH, targets)) return { kind: 'key' };
  const action = reflector.getAllAndOverride<Action | undefined>(CAN, targets);
  if (action) {
    return { kind: 'action', action, ...POLICY[action], societyParam: societyParamOf(reflector, targets) };
  }
  if (reflector.getAllAndOverride<boolean | undefined>(AUTHENTICATED, targets))
    return { kind: 'authenticated' };
  return null;
}

export function isPublicRoute(reflector: Reflector, context: ExecutionContext): boolean {
  return !!reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
}

/** A route that takes no bearer token: public, or authenticated by an API key (its own guard). */
export function takesNoBearer(reflector: Reflector, context: ExecutionContext): boolean {
  const targets = [context.getHandler(), context.getClass()];
  return isPublicRoute(reflector, context) || !!reflector.getAllAndOverride<boolean>(KEY_AUTH, targets);
}

/** The access rule of the route being served. */
export function routeAccess(reflector: Reflector, context: ExecutionContext): AccessRule | null {
  return accessRuleOf(reflector, context.getHandler() as Handler, context.getClass());
}

/**
 * The society the route being served names (the value of its `@SocietyParam`), undefined on a
 * route outside any society. Unchecked: the value is whatever the path holds.
 */
export function routeSocietyId(reflector: Reflector, context: ExecutionContext): string | undefined {
  const name = societyParamOf(reflector, [context.getHandler(), context.getClass()]);
  if (name === null) return undefined;
  const params = context.switchToHttp().getRequest<{ params?: Record<string, unknown> }>().params;
  const value = params?.[name];
  return typeof value === 'string' ? value : undefined;
}

function societyParamOf(reflector: Reflector, targets: Targets): string | null {
  return reflector.getAllAndOverride<string | undefined>(SOCIETY_PARAM, targets) ?? null;
}
