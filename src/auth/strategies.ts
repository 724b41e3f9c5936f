import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy as LocalStrategyBase } from 'passport-local';
import { Principal } from '../common/access/roles';
import { fieldError } from '../common/errors/validation';
import { AppError } from '../common/errors/app-error';
import { AuthService, JwtPayload, LoginPrincipal } from './auth.service';
import { clientKey } from '../common/http/client-address';
import { Caller, SocietyAccess, UsersService } from './users.service';

@Injectable()
export class LocalStrategy extends PassportStrategy(LocalStrategyBase) {
  constructor(private readonly auth: AuthService) {
    super({ passReqToCallback: true });
  }

  /** `request.ip` is the client as the trusted proxies saw it (TRUST_PROXY), else the peer. */
  validate(request: { ip?: string }, username: unknown, password: unknown): Promise<LoginPrincipal> {
    if (typeof username !== 'string' || username.length > 64) {
      throw fieldError('username', '必须是字符串', 'username must be a string');
    }
    if (typeof password !== 'string' || password.length > 200) {
      throw fieldError('password', '必须是字符串', 'password must be a string');
    }
    return this.auth.verifyCredentials(username, password, clientKey(request.ip));
  }
}

/** The request as the bearer check sees it. */
export interface BearerRequest {
  headers: { authorization?: string };
  user?: Principal;
  /** The caller's roles in the route's society, read with the user (for AccessGuard). */
  societyAccess?: SocietyAccess | null;
}

/**
 * Bearer tokens, without passport: passport-jwt handed jsonwebtoken the secret as a string, which it
 * turns into a key object on every request (first trying it as a public key, and failing). JwtService
 * verifies here with the one KeyObject of JwtModule (auth.module.ts), HS256 only, expiry enforced.
 *
 * Every authenticated request re-reads the user, so a deactivated user, or a token issued before the
 * last password change (an older `ver`), is out at once; the same query brings the caller's roles in
 * the route's society.
 */
@Injectable()
export class JwtStrategy {
  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersService,
  ) {}

  /** `societyId`: the route's society (AccessGuard's), whose roles are read in the same query. */
  async authenticate(request: BearerRequest, societyId: string | undefined): Promise<Caller> {
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new AppError('UNAUTHENTICATED');
    let payload: JwtPayload;
    try {
      payload = this.jwt.verify<JwtPayload>(token, { algorithms: ['HS256'] });
    } catch {
      throw new AppError('UNAUTHENTICATED');
    }
    // A token without `ver` predates token versions: it cannot be revoked, so it is refused.
    if (!Number.isInteger(payload.ver)) throw new AppError('UNAUTHENTICATED');
    const caller = await this.users.findCaller(payload.sub, payload.ver, societyId);
    if (!caller) throw new AppError('UNAUTHENTICATED');
    return caller;
  }
}

/** `Authorization: Bearer <token>`, the scheme in any case (as passport-jwt's extractor read it). */
export function bearerToken(header: string | undefined): string | null {
  const m = typeof header === 'string' ? /(\S+)\s+(\S+)/.exec(header) : null;
  return m && m[1].toLowerCase() === 'bearer' ? m[2] : null;
}
