import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import type { SocietyRole } from '../common/access/roles';
import type { Tx } from '../database/tx';
import { MembershipEntity, SocietyEntity } from './society.entity';

/** A membership with the exact key of its place in the list (started_at to the microsecond). */
export interface MembershipPageRow {
  membership: MembershipEntity;
  startedKey: string;
}

interface PageRaw {
  id: string;
  society_id: string;
  user_id: string;
  roles: SocietyRole[];
  active: boolean;
  started_at: Date;
  ended_at: Date | null;
  started_key: string;
}

/** All SQL on memberships, through TypeORM's repository and query builder. */
@Injectable()
export class MembershipsRepository {
  constructor(private readonly txHost: TransactionHost<Tx>) {}

  private get repo() {
    return this.txHost.tx.getRepository(MembershipEntity);
  }

  async activeRoles(societyId: string, userId: string): Promise<SocietyRole[]> {
    const m = await this.repo.findOne({
      where: { societyId, userId, active: true },
      select: { roles: true },
    });
    return m?.roles ?? [];
  }

  /** The society's active members with their roles (e.g. the board when a vote opens). */
  async active(societyId: string): Promise<{ userId: string; roles: SocietyRole[] }[]> {
    const rows = await this.repo.find({
      where: { societyId, active: true },
      select: { userId: true, roles: true },
      order: { startedAt: 'ASC', id: 'ASC' },
    });
    return rows.map((m) => ({ userId: m.userId, roles: m.roles }));
  }

  /** The user's active memberships with the society's name, by society name. */
  async ofUser(userId: string): Promise<{ societyId: string; societyName: string; roles: SocietyRole[] }[]> {
    const rows = await this.repo
      .createQueryBuilder('m')
      .innerJoin(SocietyEntity, 's', 's.id = m.societyId')
      .select(['m.societyId AS society_id', 's.name AS name', 'm.roles AS roles'])
      .where('m.userId = :userId AND m.active', { userId })
      .orderBy('s.name', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .getRawMany<{ society_id: string; name: string; roles: SocietyRole[] }>();
    return rows.map((r) => ({ societyId: r.society_id, societyName: r.name, roles: r.roles }));
  }

  /** A page by (started_at, id) after `after` ([started_at as text, id]). */
  async page(
    societyId: string,
    includeInactive: boolean,
    after: [string, string] | null,
    take: number,
  ): Promise<MembershipPageRow[]> {
    const qb = this.repo
      .createQueryBuilder('m')
      .select([
        'm.id AS id',
        'm.societyId AS society_id',
        'm.userId AS user_id',
        'm.roles AS roles',
        'm.active AS active',
        'm.startedAt AS started_at',
        'm.endedAt AS ended_at',
      ])
      // The cursor keeps microseconds, which a JavaScript Date would drop.
      .addSelect('m.started_at::text', 'started_key')
      .where('m.societyId = :societyId', { societyId })
      .orderBy('m.startedAt', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(take);
    if (!includeInactive) qb.andWhere('m.active');
    if (after) {
      qb.andWhere('(m.started_at, m.id) > (CAST(:startedKey AS timestamptz), CAST(:id AS uuid))', {
        startedKey: after[0],
        id: after[1],
      });
    }
    const rows = await qb.getRawMany<PageRaw>();
    return rows.map((r) => ({
      membership: {
        id: r.id,
        societyId: r.society_id,
        userId: r.user_id,
        roles: r.roles,
        active: r.active,
        startedAt: r.started_at,
        endedAt: r.ended_at,
      },
      startedKey: r.started_key,
    }));
  }

  async insert(m: Omit<MembershipEntity, 'id'>): Promise<MembershipEntity> {
    const membership = this.repo.create(m);
    await this.repo.insert(membership);
    return membership;
  }

  /** The user's active membership, locked until the transaction ends (FOR UPDATE). */
  async lockActive(societyId: string, userId: string): Promise<MembershipEntity | null> {
    return this.repo.findOne({
      where: { societyId, userId, active: true },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async setRoles(societyId: string, id: string, roles: SocietyRole[]): Promise<void> {
    await this.repo.update({ societyId, id }, { roles });
  }

  /** Ends the membership at `at`; the row stays as history. */
  async end(societyId: string, id: string, at: Date): Promise<void> {
    await this.repo.update({ societyId, id }, { active: false, endedAt: at });
  }
}
