import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';

export const SOCIETY_ROLES = ['secretary', 'board', 'treasurer', 'supervisor', 'collector'] as const;
export type SocietyRole = (typeof SOCIETY_ROLES)[number];
export const PLATFORM_ROLES = ['admin', 'overseer'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];
export type Role = SocietyRole | PlatformRole;

/** The caller, as the JWT strategy loads it for every authenticated request. */
export interface Principal {
  id: string;
  username: string;
  displayName: string;
  platformRole: PlatformRole | null;
}

export const IS_PUBLIC = 'huzhu:public';
export const ROLES = 'huzhu:roles';
export const AUTHENTICATED = 'huzhu:authenticated';

/** Marks a public operation in the OpenAPI document (it becomes `security: []` there). */
export const OPENAPI_PUBLIC_MARK = 'x-huzhu-public';

/** No authentication (public pages, login, health). */
export const Public = () =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(OPENAPI_PUBLIC_MARK, true));

/**
 * Who may call the route (API.md "Roles"). Society roles are checked in the society named by the
 * route's `:sid`; platform roles anywhere.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/**
 * Any signed-in user (e.g. GET /auth/me). Said explicitly, like @Public() and @Roles(), so that a
 * route without any rule stands out (test/e2e/route-inventory.e2e-spec.ts fails on one).
 */
export const Authenticated = () => SetMetadata(AUTHENTICATED, true);

export type AccessRule = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'roles'; roles: Role[] };

/** The access rule a route handler declares, on itself or its controller; null when it declares none. */
export function accessRuleOf(
  reflector: Reflector,
  handler: (...args: never[]) => unknown,
  controller: abstract new (...args: never[]) => unknown,
): AccessRule | null {
  const targets = [handler, controller];
  if (reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets)) return { kind: 'public' };
  const roles = reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
  if (roles?.length) return { kind: 'roles', roles };
  if (reflector.getAllAndOverride<boolean | undefined>(AUTHENTICATED, targets))
    return { kind: 'authenticated' };
  return null;
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ user: Principal }>().user;
});
