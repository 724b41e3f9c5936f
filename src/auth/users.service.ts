import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { AuditService } from '../audit/audit.service';
import { PLATFORM_CHAIN } from '../audit/domain/hash-chain';
import { PlatformRole, Principal, SocietyRole } from '../common/access/roles';
import { normalizeMobile } from '../common/cn-ids/mobile';
import { PiiCipher } from '../common/crypto/pii-cipher';
import { AppError } from '../common/errors/app-error';
import { maskPhone } from '../common/masking';
import { decodeCursor, limitOf, Page, toPage } from '../common/pagination';
import type { Tx } from '../database/tx';
import { pgCode, PG_UNIQUE_VIOLATION } from '../database/pg-errors';
import { CreateUserDto, UserQueryDto, UserResponseDto } from './dto/auth.dto';
import { hashPassword } from './passwords';
import { UserEntity } from './user.entity';

interface CallerRow {
  id: string;
  username: string;
  display_name: string;
  platform_role: PlatformRole | null;
  roles: SocietyRole[] | null;
  society_exists: boolean;
}

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
    private readonly txHost: TransactionHost<Tx>,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditService,
  ) {}

  private get repo() {
    return this.txHost.tx.getRepository(UserEntity);
  }

  @Transactional()
  async create(dto: CreateUserDto, actor: Principal | null): Promise<UserResponseDto> {
    const phone = dto.phone ? normalizeMobile(dto.phone) : null;
    const user = this.repo.create({
      username: dto.username,
      displayName: dto.displayName.trim(),
      passwordHash: await hashPassword(dto.password),
      phoneEnc: phone ? this.cipher.encrypt(phone) : null,
      platformRole: dto.platformRole ?? null,
      active: true,
    });
    try {
      await this.repo.insert(user);
    } catch (e) {
      if (pgCode(e) === PG_UNIQUE_VIOLATION) {
        throw new AppError(
          'CONFLICT',
          { field: 'username' },
          { zh: '用户名已被使用', en: 'The username is taken' },
        );
      }
      throw e;
    }
    const created = await this.findOrFail(user.id);
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
    return this.toDto(created);
  }

  async search(query: UserQueryDto): Promise<Page<UserResponseDto>> {
    const limit = limitOf(query);
    const after = decodeCursor(query.cursor, ['text', 'uuid']);
    const qb = this.repo
      .createQueryBuilder('u')
      .addSelect('u.phoneEnc')
      .addSelect('lower(u.username)', 'username_key')
      .orderBy('lower(u.username)', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(limit + 1);
    if (query.q) {
      const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.where('(u.username ILIKE :like OR u.display_name ILIKE :like)', { like });
    }
    if (after) qb.andWhere('(lower(u.username), u.id) > (:k, :id)', { k: after[0], id: after[1] });
    const rows = await qb.getMany();
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
   * active roles there and whether that society exists (read-only: those tables belong to societies/).
   */
  async findCaller(id: string, tokenVersion: number, societyId?: string): Promise<Caller | null> {
    if (!isUUID(id)) return null;
    const sid = societyId !== undefined && isUUID(societyId) ? societyId : null;
    const [row] = (await this.txHost.tx.query(
      `SELECT u.id, u.username, u.display_name, u.platform_role, m.roles, s.id IS NOT NULL AS society_exists
         FROM users u
         LEFT JOIN societies s ON s.id = $3::uuid
         LEFT JOIN memberships m ON m.society_id = $3::uuid AND m.user_id = u.id AND m.active
        WHERE u.id = $1 AND u.active AND u.token_version = $2`,
      [id, tokenVersion, sid],
    )) as CallerRow[];
    if (!row) return null;
    return {
      user: {
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        platformRole: row.platform_role,
      },
      society:
        societyId === undefined
          ? null
          : { id: societyId, roles: row.roles ?? [], exists: row.society_exists },
    };
  }

  /** For login: the active user with this username (any case), with the password hash. */
  async findForLogin(username: string): Promise<UserEntity | null> {
    return this.repo
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.username) = lower(:username) AND u.active', { username })
      .getOne();
  }

  async passwordHashOf(id: string): Promise<string> {
    const u = await this.repo
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id })
      .getOne();
    if (!u) throw AppError.notFound('user');
    return u.passwordHash;
  }

  /** Also revokes every token issued to the user so far (token_version + 1). */
  @Transactional()
  async setPassword(id: string, plain: string, actorId: string | null): Promise<void> {
    await this.repo.update(
      { id },
      {
        passwordHash: await hashPassword(plain),
        passwordChangedAt: () => 'now()',
        tokenVersion: () => 'token_version + 1',
      },
    );
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
    const u = isUUID(id)
      ? await this.repo.findOne({ select: { id: true, displayName: true }, where: { id } })
      : null;
    return u?.displayName ?? null;
  }

  async adminExists(): Promise<boolean> {
    return this.repo.existsBy({ platformRole: 'admin', active: true });
  }

  private async findOrFail(id: string): Promise<UserEntity> {
    const u = await this.repo
      .createQueryBuilder('u')
      .addSelect('u.phoneEnc')
      .where('u.id = :id', { id })
      .getOne();
    if (!u) throw AppError.notFound('user');
    return u;
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
}
