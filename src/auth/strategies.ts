import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy as JwtStrategyBase } from 'passport-jwt';
import { Strategy as LocalStrategyBase } from 'passport-local';
import { Principal } from '../common/access/roles';
import { fieldError } from '../common/errors/validation';
import { AppError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { AuthService, JwtPayload, LoginPrincipal, toPrincipal } from './auth.service';
import { clientKey } from './client-address';
import { UsersService } from './users.service';

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

/**
 * Every authenticated request re-reads the user (one query), so a deactivated user, or a token
 * issued before the last password change (an older `ver`), is out at once.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(JwtStrategyBase) {
  constructor(
    config: AppConfig,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.JWT_SECRET,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(payload: JwtPayload): Promise<Principal> {
    // A token without `ver` predates token versions: it cannot be revoked, so it is refused.
    if (!Number.isInteger(payload.ver)) throw new AppError('UNAUTHENTICATED');
    const user = await this.users.findActive(payload.sub, payload.ver);
    if (!user) throw new AppError('UNAUTHENTICATED');
    return toPrincipal(user);
  }
}
