import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy as JwtStrategyBase } from 'passport-jwt';
import { Strategy as LocalStrategyBase } from 'passport-local';
import { Principal } from '../common/access/roles';
import { fieldError } from '../common/errors/validation';
import { AppError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { AuthService, JwtPayload, toPrincipal } from './auth.service';
import { UsersService } from './users.service';

@Injectable()
export class LocalStrategy extends PassportStrategy(LocalStrategyBase) {
  constructor(private readonly auth: AuthService) {
    super();
  }

  validate(username: unknown, password: unknown): Promise<Principal> {
    if (typeof username !== 'string' || username.length > 64) {
      throw fieldError('username', '必须是字符串', 'username must be a string');
    }
    if (typeof password !== 'string' || password.length > 200) {
      throw fieldError('password', '必须是字符串', 'password must be a string');
    }
    return this.auth.verifyCredentials(username, password);
  }
}

/** Every authenticated request re-reads the user, so a deactivated user is out at once. */
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
    const user = await this.users.findActive(payload.sub);
    if (!user) throw new AppError('UNAUTHENTICATED');
    return toPrincipal(user);
  }
}
