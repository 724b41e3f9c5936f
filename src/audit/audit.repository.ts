import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { MoreThan } from 'typeorm';
import type { Tx } from '../database/tx';
import { AuditEventEntity, AuditHeadEntity } from './audit-event.entity';
import { ChainRow, GENESIS_HASH, STORED_FIELDS, StoredField } from './domain/hash-chain';

/** The column of each stored field (TypeScript makes every field of the domain's list have one). */
export const AUDIT_COLUMNS: Record<StoredField, string> = {
  societyId: 'society_id',
  seq: 'seq',
  at: 'at',
  actorId: 'actor_id',
  action: 'action',
  entity: 'entity',
  entityId: 'entity_id',
  data: 'data',
  prevHash: 'prev_hash',
  hash: 'hash',
};

const param = (field: StoredField) => `$${STORED_FIELDS.indexOf(field) + 1}`;

/** The event and the new head in one statement (one round trip while the head is locked). */
const APPEND_SQL = `WITH e AS (
     INSERT INTO audit_events (${STORED_FIELDS.map((f) => AUDIT_COLUMNS[f]).join(', ')})
     VALUES (${STORED_FIELDS.map(param).join(', ')}))
   UPDATE audit_heads SET seq = ${param('seq')}, hash = ${param('hash')} WHERE society_id = ${param('societyId')}`;

/** The chain heads and the append-only events: all SQL of the audit trail. */
@Injectable()
export class AuditRepository {
  constructor(private readonly txHost: TransactionHost<Tx>) {}

  private get events() {
    return this.txHost.tx.getRepository(AuditEventEntity);
  }

  /** Locks the chain's head (FOR UPDATE); the first event of a chain creates it (genesis) first. */
  async lockHead(societyId: string): Promise<{ seq: number; hash: string }> {
    const tx = this.txHost.tx;
    const lock = async () => {
      const rows = (await tx.query(`SELECT seq, hash FROM audit_heads WHERE society_id = $1 FOR UPDATE`, [
        societyId,
      ])) as { seq: string; hash: string }[];
      return rows.map((r) => ({ seq: Number(r.seq), hash: r.hash }))[0];
    };
    const head = await lock();
    if (head) return head;
    await tx.query(
      `INSERT INTO audit_heads (society_id, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (society_id) DO NOTHING`,
      [societyId, GENESIS_HASH],
    );
    return (await lock())!;
  }

  /** Writes the event and moves the head to it; the head must be locked (lockHead). */
  async append(row: ChainRow): Promise<void> {
    await this.txHost.tx.query(
      APPEND_SQL,
      STORED_FIELDS.map((f) => (f === 'data' ? JSON.stringify(row.data) : row[f])),
    );
  }

  /** Up to `take` events of a chain after `afterSeq`, oldest first. */
  async after(societyId: string, afterSeq: number, take: number): Promise<AuditEventEntity[]> {
    return this.events.find({
      where: { societyId, ...(afterSeq > 0 ? { seq: MoreThan(afterSeq) } : {}) },
      order: { seq: 'ASC' },
      take,
    });
  }

  async head(societyId: string): Promise<{ seq: number; hash: string } | null> {
    return this.txHost.tx.getRepository(AuditHeadEntity).findOneBy({ societyId });
  }

  /** The first event after `afterSeq` dated before `before`, null when none. */
  async firstDatedBefore(
    societyId: string,
    afterSeq: number,
    before: Date,
  ): Promise<{ seq: number; at: Date } | null> {
    const rows = (await this.txHost.tx.query(
      `SELECT seq, at FROM audit_events WHERE society_id = $1 AND seq > $2 AND at < $3 ORDER BY seq LIMIT 1`,
      [societyId, afterSeq, before],
    )) as { seq: string; at: Date }[];
    return rows.length ? { seq: Number(rows[0].seq), at: rows[0].at } : null;
  }

  /** The hash of one event of a chain, null when there is no such event. */
  async hashAt(societyId: string, seq: number): Promise<{ seq: number; hash: string } | null> {
    const row = await this.events.findOne({ select: { seq: true, hash: true }, where: { societyId, seq } });
    return row ? { seq: row.seq, hash: row.hash } : null;
  }
}
