import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { AuditService } from '../audit/audit.service';
import { Principal, SocietyRole } from '../common/access/roles';
import { AppError } from '../common/errors/app-error';
import { decodeCursor, limitOf, Page, toPage } from '../common/pagination';
import type { Tx } from '../database/tx';
import { pgCode, pgConstraint, PG_FOREIGN_KEY_VIOLATION, PG_UNIQUE_VIOLATION } from '../database/pg-errors';
import { mayChangeMembership } from './domain/membership';
import { AddMemberDto, MemberQueryDto, MemberResponseDto, UpdateMemberDto } from './dto/member.dto';
import { MembershipEntity } from './society.entity';

interface MemberRow {
  user_id: string;
  username: string;
  display_name: string;
  roles: SocietyRole[];
  active: boolean;
  started_at: Date;
  ended_at: Date | null;
  id: string;
  started_key: string;
}

/** Who holds which roles in which society, with history: ending a membership keeps its row. */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly txHost: TransactionHost<Tx>,
    private readonly audit: AuditService,
  ) {}

  private get repo() {
    return this.txHost.tx.getRepository(MembershipEntity);
  }

  /** The caller's active roles in a society ([] when none, or when the id is not a UUID). */
  async activeRoles(societyId: string, userId: string): Promise<SocietyRole[]> {
    if (!isUUID(societyId)) return [];
    const m = await this.repo.findOne({
      where: { societyId, userId, active: true },
      select: { roles: true },
    });
    return m?.roles ?? [];
  }

  /** Active memberships of a user, with the society's name (for /auth/me). */
  async ofUser(userId: string): Promise<{ societyId: string; societyName: string; roles: SocietyRole[] }[]> {
    const rows = (await this.txHost.tx.query(
      `SELECT m.society_id, s.name, m.roles FROM memberships m JOIN societies s ON s.id = m.society_id
        WHERE m.user_id = $1 AND m.active ORDER BY s.name, s.id`,
      [userId],
    )) as { society_id: string; name: string; roles: SocietyRole[] }[];
    return rows.map((r) => ({ societyId: r.society_id, societyName: r.name, roles: r.roles }));
  }

  async list(societyId: string, query: MemberQueryDto): Promise<Page<MemberResponseDto>> {
    const limit = limitOf(query);
    const after = decodeCursor(query.cursor, ['time', 'uuid']);
    const params: unknown[] = [societyId, limit + 1];
    let where = 'm.society_id = $1';
    if (!query.includeInactive) where += ' AND m.active';
    if (after) {
      params.push(after[0], after[1]);
      where += ` AND (m.started_at, m.id) > ($3::timestamptz, $4::uuid)`;
    }
    // users is the platform's user table: read here only for names, written only by auth/.
    const rows = (await this.txHost.tx.query(
      `SELECT m.id, m.user_id, u.username, u.display_name, m.roles, m.active, m.started_at, m.ended_at,
              m.started_at::text AS started_key
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE ${where} ORDER BY m.started_at, m.id LIMIT $2`,
      params,
    )) as MemberRow[];
    return toPage(rows, limit, (r) => [r.started_key, r.id], toMemberDto);
  }

  @Transactional()
  async add(societyId: string, dto: AddMemberDto, actor: Principal): Promise<MemberResponseDto> {
    assertMayChange(actor, dto.userId);
    const membership = this.repo.create({ societyId, userId: dto.userId, roles: dto.roles, active: true });
    try {
      await this.repo.insert(membership);
    } catch (e) {
      if (pgCode(e) === PG_UNIQUE_VIOLATION) {
        throw new AppError(
          'CONFLICT',
          { field: 'userId' },
          {
            zh: '该用户已是本互助社成员',
            en: 'The user is already a member of this society',
          },
        );
      }
      if (pgCode(e) === PG_FOREIGN_KEY_VIOLATION) {
        throw AppError.notFound(pgConstraint(e)?.includes('user_id') ? 'user' : 'society');
      }
      throw e;
    }
    await this.audit.record({
      societyId,
      actorId: actor.id,
      action: 'member.added',
      entity: 'membership',
      entityId: membership.id,
      data: { userId: dto.userId, roles: dto.roles },
    });
    return this.get(societyId, dto.userId);
  }

  @Transactional()
  async updateRoles(
    societyId: string,
    userId: string,
    dto: UpdateMemberDto,
    actor: Principal,
  ): Promise<MemberResponseDto> {
    assertMayChange(actor, userId);
    const membership = await this.findActive(societyId, userId);
    const before = membership.roles;
    await this.repo.update({ societyId, id: membership.id }, { roles: dto.roles });
    await this.audit.record({
      societyId,
      actorId: actor.id,
      action: 'member.roles_changed',
      entity: 'membership',
      entityId: membership.id,
      data: { userId, from: before, to: dto.roles },
    });
    return this.get(societyId, userId);
  }

  /** Ends the membership; the row stays as history and the user may be added again later. */
  @Transactional()
  async deactivate(societyId: string, userId: string, actor: Principal): Promise<void> {
    assertMayChange(actor, userId);
    const membership = await this.findActive(societyId, userId);
    await this.repo.update({ societyId, id: membership.id }, { active: false, endedAt: () => 'now()' });
    await this.audit.record({
      societyId,
      actorId: actor.id,
      action: 'member.deactivated',
      entity: 'membership',
      entityId: membership.id,
      data: { userId, roles: membership.roles },
    });
  }

  private async findActive(societyId: string, userId: string): Promise<MembershipEntity> {
    const m = isUUID(userId)
      ? await this.repo.findOne({
          where: { societyId, userId, active: true },
          lock: { mode: 'pessimistic_write' },
        })
      : null;
    if (!m) throw AppError.notFound('member');
    return m;
  }

  private async get(societyId: string, userId: string): Promise<MemberResponseDto> {
    const rows = (await this.txHost.tx.query(
      `SELECT m.id, m.user_id, u.username, u.display_name, m.roles, m.active, m.started_at, m.ended_at, '' AS started_key
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.society_id = $1 AND m.user_id = $2 AND m.active`,
      [societyId, userId],
    )) as MemberRow[];
    return toMemberDto(rows[0]);
  }
}

function assertMayChange(actor: Principal, userId: string): void {
  if (!mayChangeMembership(actor, userId)) {
    throw new AppError('FORBIDDEN', undefined, {
      zh: '不能更改自己的成员身份或角色，请由其他秘书或管理员操作',
      en: 'You cannot change your own membership or roles; another secretary or an administrator can',
    });
  }
}

function toMemberDto(r: MemberRow): MemberResponseDto {
  return {
    userId: r.user_id,
    username: r.username,
    displayName: r.display_name,
    roles: r.roles,
    active: r.active,
    since: new Date(r.started_at).toISOString(),
    until: r.ended_at ? new Date(r.ended_at).toISOString() : null,
  };
}
