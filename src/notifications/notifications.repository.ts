import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/tx';

/** A society's webhook as stored (its secret still encrypted); `events` null: every type. */
export interface WebhookRecord {
  societyId: string;
  url: string;
  secretEnc: Buffer;
  events: string[] | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewOutboxEvent {
  type: string;
  occurredAt: Date;
  data: Record<string, unknown>;
  dedupeKey: string | null;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** A delivery the dispatcher claimed, with its event. */
export interface ClaimedDelivery {
  societyId: string;
  eventId: string;
  attempts: number;
  type: string;
  occurredAt: Date;
  data: Record<string, unknown>;
}

/** A delivery as the log shows it. */
export interface DeliveryRecord {
  eventId: string;
  type: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

interface WebhookRow {
  society_id: string;
  url: string;
  secret_enc: Buffer;
  events: string[] | null;
  created_at: Date;
  updated_at: Date;
}

const toWebhook = (r: WebhookRow): WebhookRecord => ({
  societyId: r.society_id,
  url: r.url,
  secretEnc: r.secret_enc,
  events: r.events,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

/** All SQL of notifications: the webhooks, the outbox and the deliveries. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly txHost: TransactionHost<Tx>) {}

  private get tx() {
    return this.txHost.tx;
  }

  async findWebhook(societyId: string): Promise<WebhookRecord | null> {
    const rows = (await this.tx.query(
      `SELECT society_id, url, secret_enc, events, created_at, updated_at FROM webhooks WHERE society_id = $1`,
      [societyId],
    )) as WebhookRow[];
    return rows.length ? toWebhook(rows[0]) : null;
  }

  /** Creates or replaces the society's webhook (created_at kept on a replacement). */
  async upsertWebhook(
    societyId: string,
    w: { url: string; secretEnc: Buffer; events: string[] | null },
    now: Date,
  ): Promise<WebhookRecord> {
    const rows = (await this.tx.query(
      `INSERT INTO webhooks (society_id, url, secret_enc, events, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (society_id) DO UPDATE
         SET url = EXCLUDED.url, secret_enc = EXCLUDED.secret_enc, events = EXCLUDED.events,
             updated_at = EXCLUDED.updated_at
       RETURNING society_id, url, secret_enc, events, created_at, updated_at`,
      [societyId, w.url, w.secretEnc, w.events, now],
    )) as WebhookRow[];
    return toWebhook(rows[0]);
  }

  /** Removes the society's webhook; false when it had none. */
  async deleteWebhook(societyId: string): Promise<boolean> {
    // A CTE, so the statement answers rows (TypeORM answers [rows, count] for a bare DELETE).
    const rows = (await this.tx.query(
      `WITH gone AS (DELETE FROM webhooks WHERE society_id = $1 RETURNING society_id)
       SELECT count(*)::int AS n FROM gone`,
      [societyId],
    )) as { n: number }[];
    return rows[0].n > 0;
  }

  /** The event's id; null when an event with the same dedupe key was recorded before. */
  async insertEvent(societyId: string, e: NewOutboxEvent): Promise<string | null> {
    const rows = (await this.tx.query(
      `INSERT INTO outbox_events (society_id, type, occurred_at, data, dedupe_key)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (society_id, dedupe_key) DO NOTHING
       RETURNING id`,
      [societyId, e.type, e.occurredAt, JSON.stringify(e.data), e.dedupeKey],
    )) as { id: string }[];
    return rows.length ? rows[0].id : null;
  }

  async insertDelivery(societyId: string, eventId: string, now: Date): Promise<void> {
    await this.tx.query(
      `INSERT INTO webhook_deliveries (society_id, event_id, status, attempts, next_attempt_at, created_at)
       VALUES ($1, $2, 'pending', 0, $3, $3)`,
      [societyId, eventId, now],
    );
  }

  /**
   * Claims up to `limit` pending deliveries due at `now` (any society), oldest due first, by moving
   * their next attempt to `leaseUntil`: one statement, rows another dispatcher holds skipped (SKIP
   * LOCKED). A dispatcher that dies mid-delivery leaves them to be claimed again after the lease.
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
    const rows = (await this.tx.query(
      `WITH due AS (
         SELECT society_id, event_id FROM webhook_deliveries
          WHERE status = 'pending' AND next_attempt_at <= $1
          ORDER BY next_attempt_at, society_id, event_id
          LIMIT $3
          FOR UPDATE SKIP LOCKED),
       claimed AS (
         UPDATE webhook_deliveries d SET next_attempt_at = $2
           FROM due
          WHERE d.society_id = due.society_id AND d.event_id = due.event_id
         RETURNING d.society_id, d.event_id, d.attempts)
       SELECT c.society_id, c.event_id, c.attempts, e.type, e.occurred_at, e.data
         FROM claimed c
         JOIN outbox_events e ON e.society_id = c.society_id AND e.id = c.event_id
        ORDER BY e.occurred_at, c.event_id`,
      [now, leaseUntil, limit],
    )) as {
      society_id: string;
      event_id: string;
      attempts: number;
      type: string;
      occurred_at: Date;
      data: Record<string, unknown>;
    }[];
    return rows.map((r) => ({
      societyId: r.society_id,
      eventId: r.event_id,
      attempts: Number(r.attempts),
      type: r.type,
      occurredAt: new Date(r.occurred_at),
      data: r.data,
    }));
  }

  /** The outcome of one attempt (attempts counts it); only a still-pending delivery changes. */
  async recordAttempt(
    societyId: string,
    eventId: string,
    a: {
      attempts: number;
      status: DeliveryStatus;
      nextAttemptAt: Date | null;
      lastError: string | null;
      deliveredAt: Date | null;
    },
  ): Promise<void> {
    await this.tx.query(
      `UPDATE webhook_deliveries
          SET attempts = $3, status = $4, next_attempt_at = COALESCE($5, next_attempt_at),
              last_error = $6, delivered_at = $7
        WHERE society_id = $1 AND event_id = $2 AND status = 'pending'`,
      [societyId, eventId, a.attempts, a.status, a.nextAttemptAt, a.lastError, a.deliveredAt],
    );
  }

  /** The society's deliveries, newest first, after the keyset cursor (created_at, event_id). */
  async deliveriesPage(
    societyId: string,
    after: [string, string] | null,
    take: number,
  ): Promise<DeliveryRecord[]> {
    const rows = (await this.tx.query(
      `SELECT d.event_id, e.type, d.status, d.attempts, d.last_error, d.delivered_at, d.created_at
         FROM webhook_deliveries d
         JOIN outbox_events e ON e.society_id = d.society_id AND e.id = d.event_id
        WHERE d.society_id = $1
          AND ($2::timestamptz IS NULL OR (d.created_at, d.event_id) < ($2::timestamptz, $3::uuid))
        ORDER BY d.created_at DESC, d.event_id DESC LIMIT $4`,
      [societyId, after?.[0] ?? null, after?.[1] ?? null, take],
    )) as {
      event_id: string;
      type: string;
      status: DeliveryStatus;
      attempts: number;
      last_error: string | null;
      delivered_at: Date | null;
      created_at: Date;
    }[];
    return rows.map((r) => ({
      eventId: r.event_id,
      type: r.type,
      status: r.status,
      attempts: Number(r.attempts),
      lastError: r.last_error,
      deliveredAt: r.delivered_at === null ? null : new Date(r.delivered_at),
      createdAt: new Date(r.created_at),
    }));
  }

  /** Webhooks whose secret is not under the current key (`prefix`), locked, at most `limit` (pii:rotate). */
  async secretsToRotate(prefix: Buffer, limit: number): Promise<{ societyId: string; secretEnc: Buffer }[]> {
    const rows = (await this.tx.query(
      `SELECT society_id, secret_enc FROM webhooks
        WHERE substring(secret_enc FROM 1 FOR octet_length($1::bytea)) <> $1::bytea
        ORDER BY society_id LIMIT $2 FOR UPDATE`,
      [prefix, limit],
    )) as { society_id: string; secret_enc: Buffer }[];
    return rows.map((r) => ({ societyId: r.society_id, secretEnc: r.secret_enc }));
  }

  /** The secret re-encrypted by a rotation: the same secret, so not a change of the webhook (no updated_at). */
  async setSecretEnc(societyId: string, secretEnc: Buffer): Promise<void> {
    await this.tx.query(`UPDATE webhooks SET secret_enc = $2 WHERE society_id = $1`, [societyId, secretEnc]);
  }
}
