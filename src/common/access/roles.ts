import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
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

/** Marks a public operation in the OpenAPI document (it becomes `security: []` there). */
export const OPENAPI_PUBLIC_MARK = 'x-huzhu-public';

/** No authentication (public pages, login, health). */
export const Public = () =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(OPENAPI_PUBLIC_MARK, true));

/**
 * Who may call the route (API.md "Roles"). Society roles are checked in the society named by the
 * route's `:sid`; platform roles anywhere. Without this decorator any signed-in user may call it.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ user: Principal }>().user;
});
