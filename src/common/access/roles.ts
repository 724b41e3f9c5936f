import { createParamDecorator, ExecutionContext } from '@nestjs/common';

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

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ user: Principal }>().user;
});
