import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/tx';

/** An intake key as stored: never the key, only its hash and first characters. */
export interface IntakeKeyRecord {
  societyId: string;
  id: string;
  name: string;
  keyPrefix: string;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
}

interface KeyRow {
  society_id: string;
  id: string;
  name: string;
  key_prefix: string;
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
}

const KEY_COLUMNS = `society_id, id, name, key_prefix, created_by, created_at, revoked_at`;

function toKey(r: KeyRow): IntakeKeyRecord {
  return {
    societyId: r.society_id,
    id: r.id,
    name: r.name,
    keyPrefix: r.key_prefix,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at),
    revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at),
  };
}

/** All SQL of intake keys. */
@Injectable()
export class IntakeKeysRepository {
  constructor(private readonly txHost: TransactionHost<Tx>) {}

  private get tx() {
    return this.txHost.tx;
  }

  async insertKey(
    societyId: string,
    k: { name: string; keyHash: string; keyPrefix: string; createdBy: string; createdAt: Date },
  ): Promise<IntakeKeyRecord> {
    const [row] = (await this.tx.query(
      `INSERT INTO intake_keys (society_id, name, key_hash, key_prefix, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${KEY_COLUMNS}`,
      [societyId, k.name, k.keyHash, k.keyPrefix, k.createdBy, k.createdAt],
    )) as KeyRow[];
    return toKey(row);
  }

  /** The key with this hash, whatever its society, revoked or not. */
  async findKeyByHash(keyHash: string): Promise<IntakeKeyRecord | null> {
    const [row] = (await this.tx.query(`SELECT ${KEY_COLUMNS} FROM intake_keys WHERE key_hash = $1 LIMIT 1`, [
      keyHash,
    ])) as KeyRow[];
    return row ? toKey(row) : null;
  }

  /** The society's keys, oldest first (a society has a handful: one per platform). */
  async keys(societyId: string): Promise<IntakeKeyRecord[]> {
    const rows = (await this.tx.query(
      `SELECT ${KEY_COLUMNS} FROM intake_keys WHERE society_id = $1 ORDER BY created_at, id`,
      [societyId],
    )) as KeyRow[];
    return rows.map(toKey);
  }

  /** Revokes a key not yet revoked: null when there is no such key in the society, or it was revoked. */
  async revokeKey(societyId: string, id: string, at: Date): Promise<IntakeKeyRecord | null> {
    // In a CTE: a bare UPDATE answers [rows, count] through TypeORM, a SELECT just the rows.
    const [row] = (await this.tx.query(
      `WITH revoked AS (
         UPDATE intake_keys SET revoked_at = $3 WHERE society_id = $1 AND id = $2 AND revoked_at IS NULL
         RETURNING ${KEY_COLUMNS})
       SELECT * FROM revoked`,
      [societyId, id, at],
    )) as KeyRow[];
    return row ? toKey(row) : null;
  }

  async findKey(societyId: string, id: string): Promise<IntakeKeyRecord | null> {
    const [row] = (await this.tx.query(
      `SELECT ${KEY_COLUMNS} FROM intake_keys WHERE society_id = $1 AND id = $2`,
      [societyId, id],
    )) as KeyRow[];
    return row ? toKey(row) : null;
  }
}
