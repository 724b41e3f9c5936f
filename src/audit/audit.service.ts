import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { MoreThan } from 'typeorm';
import { limitOf, Page, PageQueryDto, decodeCursor, toPage } from '../common/pagination';
import type { Tx } from '../database/tx';
import { AuditEventEntity, AuditHeadEntity } from './audit-event.entity';
import {
  chainHash,
  finishVerification,
  GENESIS_HASH,
  startVerification,
  verifyBatch,
} from './domain/hash-chain';

export interface AuditRecord {
  societyId: string;
  actorId: string | null;
  /** What happened, e.g. `society.created`, `member.roles_changed`. */
  action: string;
  entity: string;
  entityId: string | null;
  /** What changed. Never personal data in clear: masked values only. */
  data: Record<string, unknown>;
}

export interface AuditEventDto {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  data: Record<string, unknown>;
  hash: string;
  prevHash: string;
}

export interface VerificationDto {
  ok: boolean;
  checked: number;
  firstBrokenSeq?: number;
}

const VERIFY_BATCH = 1000;

/** The append-only, hash-chained event log; one chain per society. */
@Injectable()
export class AuditService {
  constructor(private readonly txHost: TransactionHost<Tx>) {}

  /**
   * Appends an event in the caller's transaction (so it commits with the change it records).
   * The chain head row is locked: concurrent writers to one society append one after another.
   */
  @Transactional()
  async record(event: AuditRecord): Promise<AuditEventDto> {
    const head = await this.lockHead(event.societyId);
    const seq = Number(head.seq) + 1;
    const at = new Date();
    const data = JSON.parse(JSON.stringify(event.data)) as Record<string, unknown>; // what jsonb will give back
    const hash = chainHash(head.hash, { ...event, seq, at, data });
    const row: AuditEventEntity = { ...event, data, seq, at, prevHash: head.hash, hash };
    // The event and the new head in one statement (one round trip while the head is locked).
    await this.txHost.tx.query(
      `WITH e AS (
         INSERT INTO audit_events (society_id, seq, at, actor_id, action, entity, entity_id, data, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10))
       UPDATE audit_heads SET seq = $2, hash = $10 WHERE society_id = $1`,
      [
        row.societyId,
        seq,
        at,
        row.actorId,
        row.action,
        row.entity,
        row.entityId,
        JSON.stringify(data),
        row.prevHash,
        hash,
      ],
    );
    return toDto(row);
  }

  /** Locks the chain's head; the first event of a chain creates it (genesis) first. */
  private async lockHead(societyId: string): Promise<{ seq: string; hash: string }> {
    const tx = this.txHost.tx;
    const lock = () =>
      tx.query(`SELECT seq, hash FROM audit_heads WHERE society_id = $1 FOR UPDATE`, [societyId]) as Promise<
        { seq: string; hash: string }[]
      >;
    const [head] = await lock();
    if (head) return head;
    await tx.query(
      `INSERT INTO audit_heads (society_id, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (society_id) DO NOTHING`,
      [societyId, GENESIS_HASH],
    );
    return (await lock())[0];
  }

  async list(societyId: string, query: PageQueryDto): Promise<Page<AuditEventDto>> {
    const limit = limitOf(query);
    const after = decodeCursor(query.cursor, ['seq']);
    const rows = await this.txHost.tx.getRepository(AuditEventEntity).find({
      where: { societyId, ...(after ? { seq: MoreThan(after[0] as number) } : {}) },
      order: { seq: 'ASC' },
      take: limit + 1,
    });
    return toPage(rows, limit, (r) => [r.seq], toDto);
  }

  /** Recomputes the whole chain from the stored events, in batches. */
  async verify(societyId: string): Promise<VerificationDto> {
    const repo = this.txHost.tx.getRepository(AuditEventEntity);
    const head = await this.txHost.tx.getRepository(AuditHeadEntity).findOneBy({ societyId });
    let state = startVerification();
    let lastSeq = 0;
    for (;;) {
      const batch = await repo.find({
        where: { societyId, seq: MoreThan(lastSeq) },
        order: { seq: 'ASC' },
        take: VERIFY_BATCH,
      });
      state = verifyBatch(state, batch);
      if (state.firstBrokenSeq !== undefined || batch.length < VERIFY_BATCH) break;
      lastSeq = batch[batch.length - 1].seq;
    }
    return finishVerification(state, head && head.seq > 0 ? head : null);
  }
}

function toDto(e: AuditEventEntity): AuditEventDto {
  return {
    seq: e.seq,
    at: e.at.toISOString(),
    actorId: e.actorId,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    data: e.data,
    hash: e.hash,
    prevHash: e.prevHash,
  };
}
