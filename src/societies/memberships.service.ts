import { Transactional } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { AuditService } from '../audit/audit.service';
import { Principal, SocietyRole } from '../common/access/roles';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { decodeCursor, limitOf, Page, toPage } from '../common/pagination';
import { pgCode, pgConstraint, PG_FOREIGN_KEY_VIOLATION } from '../database/pg-errors';
import { mayChangeMembership } from './domain/membership';
import { AddMemberDto, MemberQueryDto, MemberResponseDto, UpdateMemberDto } from './dto/member.dto';
import { MembershipsRepository } from './memberships.repository';
import { MembershipEntity } from './society.entity';
import { UserDirectory, UserNames } from './user-directory';

/** Who holds which roles in which society, with history: ending a membership keeps its row. */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly memberships: MembershipsRepository,
    private readonly users: UserDirectory,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The caller's active roles in a society ([] when none, or when the id is not a UUID: the access guard asks before the UUID pipe). */
  async activeRoles(societyId: string, userId: string): Promise<SocietyRole[]> {
    if (!isUUID(societyId)) return [];
    return this.memberships.activeRoles(societyId, userId);
  }

  /** The society's active members and their roles (votes: the board at the moment a vote opens). */
  async activeMembers(societyId: string): Promise<{ userId: string; roles: SocietyRole[] }[]> {
    return this.memberships.active(societyId);
  }

  /** Active memberships of a user, with the society's name (for /auth/me). */
  async ofUser(userId: string): Promise<{ societyId: string; societyName: string; roles: SocietyRole[] }[]> {
    return this.memberships.ofUser(userId);
  }

  /** A page of members; their names come from auth/ (UserDirectory), one read for the page. */
  async list(societyId: string, query: MemberQueryDto): Promise<Page<MemberResponseDto>> {
    const limit = limitOf(query);
    const after = decodeCursor(query.cursor, ['time', 'uuid']) as [string, string] | null;
    const rows = await this.memberships.page(societyId, query.includeInactive === true, after, limit + 1);
    const names = await this.users.namesOf(rows.slice(0, limit).map((r) => r.membership.userId));
    return toPage(
      rows,
      limit,
      (r) => [r.startedKey, r.membership.id],
      (r) => toMemberDto(r.membership, names),
    );
  }

  @Transactional()
  async add(societyId: string, dto: AddMemberDto, actor: Principal): Promise<MemberResponseDto> {
    assertMayChange(actor, dto.userId);
    let membership: MembershipEntity;
    try {
      membership = await this.memberships.insert({
        societyId,
        userId: dto.userId,
        roles: dto.roles,
        active: true,
        startedAt: this.clock.now(),
        endedAt: null,
      });
    } catch (e) {
      // An active member already: a unique violation, 409 CONFLICT (common/errors/unique-violation.ts).
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
    return this.toDto(membership);
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
    await this.memberships.setRoles(societyId, membership.id, dto.roles);
    await this.audit.record({
      societyId,
      actorId: actor.id,
      action: 'member.roles_changed',
      entity: 'membership',
      entityId: membership.id,
      data: { userId, from: before, to: dto.roles },
    });
    return this.toDto({ ...membership, roles: dto.roles });
  }

  /** Ends the membership; the row stays as history and the user may be added again later. */
  @Transactional()
  async deactivate(societyId: string, userId: string, actor: Principal): Promise<void> {
    assertMayChange(actor, userId);
    const membership = await this.findActive(societyId, userId);
    await this.memberships.end(societyId, membership.id, this.clock.now());
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
    const m = await this.memberships.lockActive(societyId, userId);
    if (!m) throw AppError.notFound('member');
    return m;
  }

  private async toDto(m: MembershipEntity): Promise<MemberResponseDto> {
    return toMemberDto(m, await this.users.namesOf([m.userId]));
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

function toMemberDto(m: MembershipEntity, names: Map<string, UserNames>): MemberResponseDto {
  const user = names.get(m.userId);
  if (!user) throw new Error(`membership ${m.id} names user ${m.userId}, who does not exist`);
  return {
    userId: m.userId,
    username: user.username,
    displayName: user.displayName,
    roles: m.roles,
    active: m.active,
    since: m.startedAt.toISOString(),
    until: m.endedAt ? m.endedAt.toISOString() : null,
  };
}
