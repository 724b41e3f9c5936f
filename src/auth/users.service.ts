import { Transactional } from '@nestjs-cls/transactional';
import { reencrypted } from '../common/crypto/pii-rotation';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { AuditService } from '../audit/audit.service';
import { PLATFORM_CHAIN } from '../audit/domain/hash-chain';
import { Principal, SocietyRole } from '../common/access/roles';
import { Clock } from '../common/clock';
import { normalizeMobile } from '../common/cn-ids/mobile';
import { PiiCipher } from '../common/crypto/pii-cipher';
import { AppError } from '../common/errors/app-error';
import { maskPhone } from '../common/masking';
import { decodeCursor, limitOf, Page, toPage } from '../common/pagination';
import { CreateUserDto, UserQueryDto, UserResponseDto } from './dto/auth.dto';
import { hashPassword } from './passwords';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';

/** Who calls, and their standing in the society of the route's `:sid` (null without one). */
export interface Caller {
  user: Principal;
  society: SocietyAccess | null;
}

export interface SocietyAccess {
  id: string;
  roles: SocietyRole[];
  exists: boolean;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async create(dto: CreateUserDto, actor: Principal | null): Promise<UserResponseDto> {
    const phone = dto.phone ? normalizeMobile(dto.phone) : null;
    // A taken username is a unique violation: 409 CONFLICT (common/errors/unique-violation.ts).
    const user = await this.users.insert({
      username: dto.username,
      displayName: dto.displayName.trim(),
      passwordHash: await hashPassword(dto.password),
      phoneEnc: phone ? this.cipher.encrypt(phone) : null,
      platformRole: dto.platformRole ?? null,
      at: this.clock.now(),
    });
    await this.audit.record({
      societyId: PLATFORM_CHAIN,
      actorId: actor?.id ?? null,
      action: 'user.created',
      entity: 'user',
      entityId: user.id,
      data: {
        username: user.username,
        platformRole: user.platformRole,
        phone: phone ? maskPhone(phone) : null,
      },
    });
    return this.toDto(user);
  }

  async search(query: UserQueryDto): Promise<Page<UserResponseDto>> {
    const limit = limitOf(query);
    const after = decodeCursor(query.cursor, ['text', 'uuid']) as [string, string] | null;
    const rows = await this.users.search(query.q, after, limit + 1);
    return toPage(
      rows,
      limit,
      (u) => [u.username.toLowerCase(), u.id],
      (u) => this.toDto(u),
    );
  }

  /**
   * The caller of an authenticated request, in one query: the active user whose tokens of this
   * version are still valid (null once revoked) and, for a route under `/societies/:sid`, the caller's
   * active roles there and whether that society exists.
   */
  async findCaller(id: string, tokenVersion: number, societyId?: string): Promise<Caller | null> {
    if (!isUUID(id)) return null;
    const sid = societyId !== undefined && isUUID(societyId) ? societyId : null;
    const read = await this.users.findCaller(id, tokenVersion, sid);
    if (!read) return null;
    return {
      user: read.user,
      society:
        societyId === undefined ? null : { id: societyId, roles: read.roles, exists: read.societyExists },
    };
  }

  /** For login: the active user with this username (any case), with the password hash. */
  async findForLogin(username: string): Promise<UserEntity | null> {
    return this.users.findForLogin(username);
  }

  async passwordHashOf(id: string): Promise<string> {
    const hash = await this.users.passwordHashOf(id);
    if (hash === null) throw AppError.notFound('user');
    return hash;
  }

  /** Also revokes every token issued to the user so far (token_version + 1). */
  @Transactional()
  async setPassword(id: string, plain: string, actorId: string | null): Promise<void> {
    await this.users.setPassword(id, await hashPassword(plain), this.clock.now());
    await this.audit.record({
      societyId: PLATFORM_CHAIN,
      actorId,
      action: 'user.password_changed',
      entity: 'user',
      entityId: id,
      data: {},
    });
  }

  /** A user's display name (e.g. the cashier a receipt names), or null for no such user. */
  async displayName(id: string): Promise<string | null> {
    return (await this.users.namesOf([id])).get(id)?.displayName ?? null;
  }

  async adminExists(): Promise<boolean> {
    return this.users.adminExists();
  }

  private toDto(u: UserEntity): UserResponseDto {
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      phoneMasked: u.phoneEnc ? maskPhone(this.cipher.decrypt(u.phoneEnc)) : null,
      platformRole: u.platformRole,
      active: u.active,
      createdAt: u.createdAt.toISOString(),
    };
  }

  /** One batch of pii:rotate: users' phones re-encrypted under the current key; how many rows. */
  @Transactional()
  async rotatePii(limit: number): Promise<number> {
    const rows = await this.users.phonesToRotate(this.cipher.currentPrefix, limit);
    for (const r of rows) await this.users.setPhoneEnc(r.id, reencrypted(this.cipher, r.phoneEnc)!);
    return rows.length;
  }
}
