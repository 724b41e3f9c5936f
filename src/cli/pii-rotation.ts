import type { Type } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { PLATFORM_CHAIN } from '../audit/domain/hash-chain';
import { UsersService } from '../auth/users.service';
import { AttachmentsService } from '../cases/attachments.service';
import { CasesService } from '../cases/cases.service';
import { PiiCipher } from '../common/crypto/pii-cipher';
import type { PiiRotationBatch } from '../common/crypto/pii-rotation';
import { ObjectionsService } from '../disclosures/objections.service';
import { DonorsService } from '../donors/donors.service';
import { LeadsService } from '../leads/leads.service';
import { WebhooksService } from '../notifications/webhooks.service';

/** One table's part of a rotation: its owner's batch, and how many rows a batch takes at most. */
export interface RotationStep {
  table: string;
  /** Documents are large: fewer of them a batch. */
  maxBatch?: number;
  batch: PiiRotationBatch;
}

/** Every table that holds ciphertexts, each rotated through the service of the module that owns it. */
export function rotationSteps(get: <T>(type: Type<T>) => T): RotationStep[] {
  return [
    { table: 'users', batch: (n) => get(UsersService).rotatePii(n) },
    { table: 'donors', batch: (n) => get(DonorsService).rotatePii(n) },
    { table: 'cases', batch: (n) => get(CasesService).rotatePii(n) },
    { table: 'case_attachments', maxBatch: 20, batch: (n) => get(AttachmentsService).rotatePii(n) },
    { table: 'objections', batch: (n) => get(ObjectionsService).rotatePii(n) },
    { table: 'leads', batch: (n) => get(LeadsService).rotatePii(n) },
    { table: 'webhooks', batch: (n) => get(WebhooksService).rotatePii(n) },
  ];
}

export interface RotationOptions {
  batchSize: number;
  /** Runs a batch as a request would (a CLS context for its transaction). */
  run: <T>(fn: () => Promise<T>) => Promise<T>;
  log: (line: string) => void;
}

/** Deadlock, serialization failure, lock timeout: the batch rolled back whole; take it again. */
const RETRYABLE = new Set(['40P01', '40001', '55P03']);
const MAX_ATTEMPTS = 5;

/**
 * Re-encrypts every ciphertext not under the current key, table after table, a batch per transaction
 * (each batch commits alone: a crash loses at most the batch, and a rerun carries on). Rows being
 * written by the running service wait for their writers (FOR UPDATE) or are taken by a later batch.
 * Returns the rows rewritten per table; all zero when there was nothing left (a no-op).
 */
export async function rotateAll(
  steps: RotationStep[],
  options: RotationOptions,
): Promise<Record<string, number>> {
  const done: Record<string, number> = {};
  for (const step of steps) {
    const size = Math.min(options.batchSize, step.maxBatch ?? options.batchSize);
    done[step.table] = 0;
    for (;;) {
      const n = await withRetry(() => options.run(() => step.batch(size)), options.log, step.table);
      done[step.table] += n;
      if (n > 0) options.log(`${step.table}: ${done[step.table]} rows re-encrypted so far`);
      if (n < size) break;
    }
  }
  return done;
}

async function withRetry<T>(fn: () => Promise<T>, log: (line: string) => void, table: string): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (!code || !RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw e;
      log(`${table}: batch rolled back (${code}), taking it again`);
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

/** The whole command: rotate, then one audit event on the installation chain when anything changed. */
export async function rotatePii(
  get: <T>(type: Type<T>) => T,
  options: RotationOptions,
): Promise<{ keyId: string; rows: Record<string, number>; total: number }> {
  const cipher = get(PiiCipher);
  const keyId = cipher.currentPrefix.subarray(1).toString('hex');
  const rows = await rotateAll(rotationSteps(get), options);
  const total = Object.values(rows).reduce((a, b) => a + b, 0);
  if (total > 0) {
    await options.run(() =>
      get(AuditService).record({
        societyId: PLATFORM_CHAIN,
        actorId: null, // the console operator
        action: 'pii.rotated',
        entity: 'pii_key',
        entityId: keyId,
        data: { keyId, rows },
      }),
    );
  }
  return { keyId, rows, total };
}
