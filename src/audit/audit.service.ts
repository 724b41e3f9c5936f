import { Transactional } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { limitOf, Page, PageQueryDto, decodeCursor, toPage } from '../common/pagination';
import { AuditRepository } from './audit.repository';
import { Anchor, AnchorProblem, checkAnchor, notBefore } from './domain/anchors';
import {
  appendEvent,
  GENESIS_HASH,
  finishVerification,
  startVerification,
  StoredEvent,
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

/** A point of a hash chain: an event's seq and hash. */
export interface ChainPoint {
  seq: number;
  hash: string;
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
  constructor(
    private readonly events: AuditRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends an event in the caller's transaction (so it commits with the change it records).
   * The chain head row is locked: concurrent writers to one society append one after another.
   */
  @Transactional()
  async record(event: AuditRecord): Promise<AuditEventDto> {
    const head = await this.events.lockHead(event.societyId);
    const data = JSON.parse(JSON.stringify(event.data)) as Record<string, unknown>; // what jsonb will give back
    const row = appendEvent(head, { ...event, data, at: this.clock.now() });
    await this.events.append(row);
    return toDto(row);
  }

  async list(societyId: string, query: PageQueryDto): Promise<Page<AuditEventDto>> {
    const limit = limitOf(query);
    const after = decodeCursor(query.cursor, ['seq']);
    const rows = await this.events.after(societyId, after ? (after[0] as number) : 0, limit + 1);
    return toPage(rows, limit, (r) => [r.seq], toDto);
  }

  /**
   * The chain's head now: the seq and hash of its last event (seq 0 and the genesis hash before the
   * first). A disclosure prints it, so anyone can check later that the chain still passes through it.
   */
  async head(societyId: string): Promise<ChainPoint> {
    const head = await this.events.head(societyId);
    return head ? { seq: head.seq, hash: head.hash } : { seq: 0, hash: GENESIS_HASH };
  }

  /** The seq and hash of event `seq` of the chain; null for no such event. Hashes only, never data. */
  async pointAt(societyId: string, seq: number): Promise<ChainPoint | null> {
    return this.events.hashAt(societyId, seq);
  }

  /**
   * Checks the chain against heads noted outside it (domain/anchors.ts): each must still be the event
   * at its seq, and no later event may be dated before the anchor was taken. Verify the chain itself
   * too (verify): anchors say nothing about events that no longer hash.
   */
  async checkAnchors(societyId: string, anchors: readonly Anchor[]): Promise<AnchorProblem[]> {
    const last = (await this.head(societyId)).seq;
    const problems: AnchorProblem[] = [];
    for (const anchor of [...anchors].sort((a, b) => a.seq - b.seq)) {
      const problem = checkAnchor(anchor, await this.events.hashAt(societyId, anchor.seq), last);
      if (problem) problems.push(problem);
      const earliest = notBefore(anchor);
      const backdated = earliest && (await this.events.firstDatedBefore(societyId, anchor.seq, earliest));
      if (backdated) problems.push({ kind: 'backdated', anchor, ...backdated });
    }
    return problems;
  }

  /** Recomputes the whole chain from the stored events, in batches. */
  async verify(societyId: string): Promise<VerificationDto> {
    const head = await this.events.head(societyId);
    let state = startVerification();
    let lastSeq = 0;
    for (;;) {
      const batch = await this.events.after(societyId, lastSeq, VERIFY_BATCH);
      state = verifyBatch(state, batch);
      if (state.firstBrokenSeq !== undefined || batch.length < VERIFY_BATCH) break;
      lastSeq = batch[batch.length - 1].seq;
    }
    return finishVerification(state, head && head.seq > 0 ? head : null);
  }
}

function toDto(e: StoredEvent): AuditEventDto {
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
