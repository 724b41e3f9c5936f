import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { Principal } from '../common/access/roles';
import { AppError } from '../common/errors/app-error';
import { fieldError } from '../common/errors/validation';
import { AppConfig } from '../config/app-config';
import { MembershipsService } from '../societies/memberships.service';
import { ChangePasswordDto, LoginResponseDto, MeResponseDto } from './dto/auth.dto';
import { LoginThrottle } from './login-throttle';
import { dummyPasswordHash, verifyPassword } from './passwords';
import { UserEntity } from './user.entity';
import { UsersService } from './users.service';

export interface JwtPayload {
  sub: string;
  username: string;
  /** The user's token_version when issued: a password change or deactivation bumps it (revoking). */
  ver: number;
}

/** The caller of POST /auth/login once the password is checked, with what its token must carry. */
export interface LoginPrincipal extends Principal {
  tokenVersion: number;
}

const BAD_CREDENTIALS = { zh: '用户名或密码错误', en: 'Wrong username or password' };

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');
  private firstAdmin?: { username: string; password: string };

  constructor(
    private readonly users: UsersService,
    private readonly memberships: MembershipsService,
    private readonly throttle: LoginThrottle,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  /** Same answer, and about the same time, for an unknown user and a wrong password. */
  async verifyCredentials(username: string, password: string, client: string): Promise<LoginPrincipal> {
    await this.throttle.assertMayAttempt(username, client);
    const user = await this.users.findForLogin(username);
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !ok) {
      await this.throttle.recordFailure(username, client);
      throw new AppError('UNAUTHENTICATED', undefined, BAD_CREDENTIALS);
    }
    await this.throttle.recordSuccess(username, client);
    return { ...toPrincipal(user), tokenVersion: user.tokenVersion };
  }

  async login({ tokenVersion, ...user }: LoginPrincipal): Promise<LoginResponseDto> {
    const payload: JwtPayload = { sub: user.id, username: user.username, ver: tokenVersion };
    return {
      accessToken: await this.jwt.signAsync(payload),
      tokenType: 'Bearer',
      expiresIn: this.config.JWT_TTL_SECONDS,
      user,
    };
  }

  async me(user: Principal): Promise<MeResponseDto> {
    return { ...user, memberships: await this.memberships.ofUser(user.id) };
  }

  /** Revokes every token of the user, the caller's included: they log in again with the new password. */
  async changePassword(user: Principal, dto: ChangePasswordDto, client: string): Promise<void> {
    await this.throttle.assertMayAttempt(user.username, client);
    if (!(await verifyPassword(await this.users.passwordHashOf(user.id), dto.currentPassword))) {
      await this.throttle.recordFailure(user.username, client);
      throw fieldError('currentPassword', '当前密码不正确', 'The current password is wrong');
    }
    if (dto.currentPassword === dto.newPassword) {
      throw fieldError(
        'newPassword',
        '新密码不能与当前密码相同',
        'The new password must differ from the current one',
      );
    }
    await this.users.setPassword(user.id, dto.newPassword, user.id);
  }

  /** The generated first-admin login, handed out once: main.ts prints it when the start completes. */
  takeFirstAdminLogin(): { username: string; password: string } | undefined {
    const login = this.firstAdmin;
    this.firstAdmin = undefined;
    return login;
  }

  /** The first admin: from ADMIN_PASSWORD, or (embedded mode only) a generated one printed once. */
  async onApplicationBootstrap(): Promise<void> {
    if (await this.users.adminExists()) return;
    const username = this.config.ADMIN_USERNAME;
    let password = this.config.ADMIN_PASSWORD;
    if (!password && !this.config.embedded) {
      this.logger.warn(
        'no admin user exists: set ADMIN_PASSWORD (and ADMIN_USERNAME) and restart to create one',
      );
      return;
    }
    const generated = !password;
    password ??= randomBytes(12).toString('base64url');
    try {
      await this.users.create({ username, password, displayName: '管理员', platformRole: 'admin' }, null);
    } catch (e) {
      if (e instanceof AppError && e.code === 'CONFLICT') {
        if (await this.users.adminExists()) return; // another instance created it just now
        this.logger.warn(
          `no admin exists, but the username "${username}" is taken by another user: set ADMIN_USERNAME`,
        );
        return;
      }
      throw e;
    }
    if (generated) {
      this.firstAdmin = { username, password };
      this.logger.log(`created the first admin "${username}" with a generated password (printed below)`);
    } else {
      this.logger.log(`created the first admin "${username}" from ADMIN_PASSWORD`);
    }
  }
}

export function toPrincipal(u: UserEntity): Principal {
  return { id: u.id, username: u.username, displayName: u.displayName, platformRole: u.platformRole };
}
