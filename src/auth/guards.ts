import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { routeAccess, routeSocietyId, takesNoBearer } from '../common/access/access.decorators';
import { AppError } from '../common/errors/app-error';
import { fieldError } from '../common/errors/validation';
import { MembershipsService } from '../societies/memberships.service';
import { SocietiesService } from '../societies/societies.service';
import { BearerRequest, JwtStrategy } from './strategies';

/** Global: a valid bearer token on every route not marked @Public() or @KeyAuthenticated(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly bearer: JwtStrategy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (takesNoBearer(this.reflector, context)) return true;
    const request = context.switchToHttp().getRequest<BearerRequest>();
    const caller = await this.bearer.authenticate(request, routeSocietyId(this.reflector, context));
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
 * Global, after authentication: the route's @Can() action against the caller, by the policy table
 * (common/access/policy.ts). A society action counts society roles in the route's society only (the
 * path parameter its controller names with @SocietyParam). A user with no role there gets 403; a
 * platform admin/overseer passes the membership check but still needs its platform role in the
 * policy, and gets 404 for an unknown society. A route that declares no rule is refused.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly memberships: MembershipsService,
    private readonly societies: SocietiesService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = routeAccess(this.reflector, context);
    // An API-key route's own guard has checked the key (it runs after these global guards, so a
    // missing or wrong key is its 401).
    if (rule?.kind === 'public' || rule?.kind === 'authenticated' || rule?.kind === 'key') return true;
    if (!rule) throw AppError.forbidden();
    const user = context.switchToHttp().getRequest<BearerRequest>().user!;
    const platformRole = user.platformRole;
    const required: readonly string[] = rule.roles;

    if (rule.scope === 'platform') {
      if (platformRole && required.includes(platformRole)) return true;
      throw AppError.forbidden();
    }

    const sid = routeSocietyId(this.reflector, context);
    if (sid === undefined) {
      // A wiring mistake, not the caller's: fail closed (route-inventory.e2e-spec.ts catches it first).
      throw new Error(`${rule.action} is a society action but the route names no society (@SocietyParam)`);
    }
    // Read together with the user by JwtAuthGuard; looked up here only if that did not happen.
    const request = context.switchToHttp().getRequest<BearerRequest>();
    const access =
      request.societyAccess?.id === sid
        ? request.societyAccess
        : { roles: await this.memberships.activeRoles(sid, user.id), exists: undefined };
    const roles = access.roles;
    if (roles.length === 0 && !platformRole) throw AppError.forbidden();
    const allowed =
      roles.some((r) => required.includes(r)) || (platformRole !== null && required.includes(platformRole));
    if (!allowed) throw AppError.forbidden();
    if (roles.length === 0 && !(access.exists ?? (await this.societies.exists(sid)))) {
      throw AppError.notFound('society');
    }
    return true;
  }
}
