import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { Tx } from '../database/tx';
import { SocietyEntity } from './society.entity';

/** A society's own fields, as written (the id is generated). */
export type SocietyFields = Omit<SocietyEntity, 'id'>;

/** All SQL on societies (memberships: memberships.repository.ts). */
@Injectable()
export class SocietiesRepository {
  constructor(private readonly txHost: TransactionHost<Tx>) {}

  private get repo() {
    return this.txHost.tx.getRepository(SocietyEntity);
  }

  async insert(fields: SocietyFields): Promise<SocietyEntity> {
    const society = this.repo.create(fields);
    await this.repo.insert(society);
    return society;
  }

  async update(id: string, changes: Partial<SocietyFields>): Promise<void> {
    await this.repo.update({ id }, changes);
  }

  async find(id: string): Promise<SocietyEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /** These societies (ids not found are left out), in one statement. */
  async findMany(ids: readonly string[]): Promise<SocietyEntity[]> {
    return this.repo.findBy({ id: In([...ids]) });
  }

  /** The society, locked until the transaction ends (FOR UPDATE). */
  async lock(id: string): Promise<SocietyEntity | null> {
    return this.repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async exists(id: string): Promise<boolean> {
    return this.repo.existsBy({ id });
  }

  /** Whether the installation has any society at all (the demo seeds only an empty one). */
  async any(): Promise<boolean> {
    return this.repo.exists();
  }

  async allNames(): Promise<{ id: string; name: string }[]> {
    return this.repo.find({ select: { id: true, name: true }, order: { name: 'ASC', id: 'ASC' } });
  }

  /**
   * A page by (region code, id) after `after`: every society, or those whose region code starts with
   * `regionPrefix` (digits only, checked by the caller; a prefix range, so the index is used).
   */
  async regionPage(
    regionPrefix: string | null,
    after: [string, string] | null,
    take: number,
  ): Promise<SocietyEntity[]> {
    const qb = this.repo
      .createQueryBuilder('s')
      .orderBy('s.region_code', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .take(take);
    if (regionPrefix !== null) qb.where('s.region_code LIKE :prefix', { prefix: `${regionPrefix}%` });
    if (after) qb.andWhere('(s.region_code, s.id) > (:code, :id)', { code: after[0], id: after[1] });
    return qb.getMany();
  }

  /**
   * A page by (name, id) after `after`: every society, or only those where `memberId` has an active
   * membership.
   */
  async page(
    memberId: string | null,
    after: [string, string] | null,
    take: number,
  ): Promise<SocietyEntity[]> {
    const qb = this.repo
      .createQueryBuilder('s')
      .orderBy('s.name', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .take(take);
    if (memberId !== null) {
      qb.where(
        'EXISTS (SELECT 1 FROM memberships m WHERE m.society_id = s.id AND m.user_id = :uid AND m.active)',
        { uid: memberId },
      );
    }
    if (after) qb.andWhere('(s.name, s.id) > (:name, :id)', { name: after[0], id: after[1] });
    return qb.getMany();
  }
}
