import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { IS_PUBLIC, Role, ROLES } from '../common/access/roles';
import { AppError } from '../common/errors/app-error';
import { fieldError } from '../common/errors/validation';
import { MembershipsService } from '../societies/memberships.service';
import { SocietiesService } from '../societies/societies.service';
import { BearerRequest, JwtStrategy } from './strategies';

/** Global: a valid bearer token on every route not marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly bearer: JwtStrategy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (isPublic(this.reflector, context)) return true;
    const request = context.switchToHttp().getRequest<BearerRequest>();
    const caller = await this.bearer.authenticate(request);
    request.user = caller.user;
    request.societyAccess = caller.society;
    return true;
  }
}

/** For POST /auth/login: passport-local, with our errors instead of passport's. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override handleRequest<T>(err: unknown, user: T, info: { message?: string } | undefined): T {
    if (err) throw err as Error;
    if (!user) {
      // passport-local fails before validate() only when a field is missing.
      throw fieldError(
        'username',
        '用户名和密码均为必填',
        info?.message ?? 'username and password are required',
      );
    }
    return user;
  }
}

/**
 * Global, after authentication: the route's @Roles() against the caller. Society roles count in the
 * society of `:sid` only. A user with no role there gets 403; a platform admin/overseer passes the
 * membership check but still needs its platform role on the route, and gets 404 for an unknown society.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly memberships: MembershipsService,
    private readonly societies: SocietiesService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (isPublic(this.reflector, context)) return true;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<BearerRequest & { params?: Record<string, string> }>();
    const user = request.user!;
    const sid = request.params?.sid;
    const platformRole = user.platformRole;

    if (sid === undefined) {
      if (!required || (platformRole && required.includes(platformRole))) return true;
      throw AppError.forbidden();
    }

    // Read together with the user by JwtAuthGuard; looked up here only if that did not happen.
    const access =
      request.societyAccess?.id === sid
        ? request.societyAccess
        : { roles: await this.memberships.activeRoles(sid, user.id), exists: undefined };
    const roles = access.roles;
    if (roles.length === 0 && !platformRole) throw AppError.forbidden();
    const allowed =
      !required ||
      roles.some((r) => required.includes(r)) ||
      (platformRole !== null && required.includes(platformRole));
    if (!allowed) throw AppError.forbidden();
    if (roles.length === 0 && !(access.exists ?? (await this.societies.exists(sid)))) {
      throw AppError.notFound('society');
    }
    return true;
  }
}

function isPublic(reflector: Reflector, context: ExecutionContext): boolean {
  return !!reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
}
