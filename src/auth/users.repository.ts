import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { PlatformRole, Principal, SocietyRole } from '../common/access/roles';
import type { Tx } from '../database/tx';
import { UserDirectory, UserNames } from '../societies/user-directory';
import { UserEntity } from './user.entity';

/** The caller of a request as findCaller reads it. */
export interface CallerRead {
  user: Principal;
  /** Active roles in the society asked about ([] without one, or without a membership there). */
  roles: SocietyRole[];
  societyExists: boolean;
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  phoneEnc: Buffer | null;
  platformRole: PlatformRole | null;
  at: Date;
}

interface CallerRow {
  id: string;
  username: string;
  display_name: string;
  platform_role: PlatformRole | null;
  roles: SocietyRole[] | null;
  society_exists: boolean;
}

/** All SQL on users. Also the names member lists show (UserDirectory, for societies/). */
@Injectable()
export class UsersRepository implements UserDirectory {
  constructor(private readonly txHost: TransactionHost<Tx>) {}

  private get repo() {
    return this.txHost.tx.getRepository(UserEntity);
  }

  /** Inserts an active user; the row as stored (phone included). */
  async insert(user: NewUser): Promise<UserEntity> {
    const { at, ...fields } = user;
    const row = this.repo.create({ ...fields, active: true, createdAt: at, passwordChangedAt: at });
    await this.repo.insert(row);
    return row;
  }

  /** Users by username or display name (`q` anywhere in either), after `after` in (lower(username), id). */
  async search(q: string | undefined, after: [string, string] | null, take: number): Promise<UserEntity[]> {
    const qb = this.repo
      .createQueryBuilder('u')
      .addSelect('u.phoneEnc')
      .addSelect('lower(u.username)', 'username_key')
      .orderBy('lower(u.username)', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(take);
    if (q) {
      const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.where('(u.username ILIKE :like OR u.display_name ILIKE :like)', { like });
    }
    if (after) qb.andWhere('(lower(u.username), u.id) > (:k, :id)', { k: after[0], id: after[1] });
    return qb.getMany();
  }

  /**
   * The active user whose tokens of this version are valid, with its active roles in `societyId` and
   * whether that society exists, in one statement: it runs on every authenticated request. The one
   * read of another module's tables (societies, memberships) in SQL, for that speed; listed as such in
   * test/architecture/sql-ownership.spec.ts.
   */
  async findCaller(id: string, tokenVersion: number, societyId: string | null): Promise<CallerRead | null> {
    const [row] = (await this.txHost.tx.query(
      `SELECT u.id, u.username, u.display_name, u.platform_role, m.roles, s.id IS NOT NULL AS society_exists
         FROM users u
         LEFT JOIN societies s ON s.id = $3::uuid
         LEFT JOIN memberships m ON m.society_id = $3::uuid AND m.user_id = u.id AND m.active
        WHERE u.id = $1 AND u.active AND u.token_version = $2`,
      [id, tokenVersion, societyId],
    )) as CallerRow[];
    if (!row) return null;
    return {
      user: {
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        platformRole: row.platform_role,
      },
      roles: row.roles ?? [],
      societyExists: row.society_exists,
    };
  }

  /** The active user with this username (any case), with the password hash. */
  async findForLogin(username: string): Promise<UserEntity | null> {
    return this.repo
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.username) = lower(:username) AND u.active', { username })
      .getOne();
  }

  async passwordHashOf(id: string): Promise<string | null> {
    const u = await this.repo
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id })
      .getOne();
    return u?.passwordHash ?? null;
  }

  /** The new hash, changed `at`; token_version + 1 revokes every token issued so far. */
  async setPassword(id: string, passwordHash: string, at: Date): Promise<void> {
    await this.repo.update(
      { id },
      { passwordHash, passwordChangedAt: at, tokenVersion: () => 'token_version + 1' },
    );
  }

  async adminExists(): Promise<boolean> {
    return this.repo.existsBy({ platformRole: 'admin', active: true });
  }

  async namesOf(ids: readonly string[]): Promise<Map<string, UserNames>> {
    if (ids.length === 0) return new Map();
    const rows = await this.repo.find({
      select: { id: true, username: true, displayName: true },
      where: { id: In([...new Set(ids)]) },
    });
    return new Map(rows.map((u) => [u.id, { username: u.username, displayName: u.displayName }]));
  }

  /** Users whose phone is not under the current key (`prefix`), locked, at most `limit` (pii:rotate). */
  async phonesToRotate(prefix: Buffer, limit: number): Promise<{ id: string; phoneEnc: Buffer }[]> {
    const rows = (await this.txHost.tx.query(
      `SELECT id, phone_enc FROM users
        WHERE phone_enc IS NOT NULL AND substring(phone_enc FROM 1 FOR octet_length($1::bytea)) <> $1::bytea
        ORDER BY id LIMIT $2 FOR UPDATE`,
      [prefix, limit],
    )) as { id: string; phone_enc: Buffer }[];
    return rows.map((r) => ({ id: r.id, phoneEnc: r.phone_enc }));
  }

  async setPhoneEnc(id: string, phoneEnc: Buffer): Promise<void> {
    await this.txHost.tx.query(`UPDATE users SET phone_enc = $2 WHERE id = $1`, [id, phoneEnc]);
  }
}
