import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (API.md "Notifications (webhooks)"): a society's webhook (its secret encrypted with
 * PiiCipher), the outbox of events written in the same transaction as the change they tell of, and
 * one delivery per event for the webhook (pending until delivered, or failed 24 h after the event).
 * Every key includes society_id (DESIGN.md "Scaling").
 */
export class Notifications1765100000000 implements MigrationInterface {
  name = 'Notifications1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhooks (
        society_id uuid NOT NULL REFERENCES societies (id),
        url        text NOT NULL CHECK (length(url) <= 2000),
        secret_enc bytea NOT NULL,
        -- NULL: every event type.
        events     text[] CHECK (events IS NULL OR cardinality(events) > 0),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (society_id)
      )`);

    await q.query(`
      CREATE TABLE outbox_events (
        society_id  uuid NOT NULL REFERENCES societies (id),
        id          uuid NOT NULL DEFAULT gen_random_uuid(),
        type        text NOT NULL,
        occurred_at timestamptz NOT NULL,
        data        jsonb NOT NULL,
        -- An event that must be raised once (e.g. disclosure.overdue:<caseId>); NULLs never collide.
        dedupe_key  text,
        PRIMARY KEY (society_id, id),
        UNIQUE (society_id, dedupe_key)
      )`);

    await q.query(`
      CREATE TABLE webhook_deliveries (
        society_id      uuid NOT NULL,
        event_id        uuid NOT NULL,
        status          text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz NOT NULL,
        -- What went wrong last: a status code or a network error's kind; never a secret or a body.
        last_error      text CHECK (length(last_error) <= 500),
        delivered_at    timestamptz,
        created_at      timestamptz NOT NULL,
        PRIMARY KEY (society_id, event_id),
        FOREIGN KEY (society_id, event_id) REFERENCES outbox_events (society_id, id),
        CHECK ((status = 'delivered') = (delivered_at IS NOT NULL))
      )`);
    // The dispatcher looks across societies for pending deliveries that are due.
    await q.query(
      `CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at, society_id, event_id)
        WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX webhook_deliveries_recent_idx ON webhook_deliveries (society_id, created_at DESC, event_id DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE outbox_events`);
    await q.query(`DROP TABLE webhooks`);
  }
}
