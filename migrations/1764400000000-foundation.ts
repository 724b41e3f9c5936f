import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users, societies, memberships and the hash-chained audit trail.
 * Society-owned tables carry society_id in every key, so they can be distributed by it later.
 */
export class Foundation1764400000000 implements MigrationInterface {
  name = 'Foundation1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username            text NOT NULL CHECK (length(username) BETWEEN 3 AND 64),
        display_name        text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
        password_hash       text NOT NULL,
        phone_enc           bytea,
        platform_role       text CHECK (platform_role IN ('admin', 'overseer')),
        active              boolean NOT NULL DEFAULT true,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_username_key ON users (lower(username))`);
    await q.query(`CREATE INDEX users_created_idx ON users (created_at, id)`);

    // Failed logins per username (known or not, so the answer never tells which).
    await q.query(`
      CREATE TABLE login_failures (
        username_key   text PRIMARY KEY,
        failures       integer NOT NULL,
        first_failed_at timestamptz NOT NULL,
        locked_until   timestamptz
      )`);

    await q.query(`
      CREATE TABLE societies (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        region_code   text NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
        address       text,
        contact_phone text,
        timezone      text NOT NULL,
        settings      jsonb NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX societies_region_name_key ON societies (region_code, name)`);
    await q.query(`CREATE INDEX societies_region_idx ON societies (region_code text_pattern_ops)`);

    await q.query(`
      CREATE TABLE memberships (
        society_id uuid NOT NULL REFERENCES societies (id),
        id         uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id    uuid NOT NULL REFERENCES users (id),
        roles      text[] NOT NULL CHECK (
                     cardinality(roles) > 0
                     AND roles <@ ARRAY['secretary', 'board', 'treasurer', 'supervisor', 'collector']::text[]),
        active     boolean NOT NULL DEFAULT true,
        started_at timestamptz NOT NULL DEFAULT now(),
        ended_at   timestamptz,
        PRIMARY KEY (society_id, id),
        CHECK (active = (ended_at IS NULL))
      )`);
    // One active membership per user and society; ended ones stay as history.
    await q.query(
      `CREATE UNIQUE INDEX memberships_active_key ON memberships (society_id, user_id) WHERE active`,
    );
    await q.query(`CREATE INDEX memberships_user_idx ON memberships (user_id) WHERE active`);

    // The audit trail: one hash chain per society (the nil UUID is the platform's own chain).
    await q.query(`
      CREATE TABLE audit_events (
        society_id uuid NOT NULL,
        seq        bigint NOT NULL CHECK (seq > 0),
        at         timestamptz NOT NULL,
        actor_id   uuid,
        action     text NOT NULL,
        entity     text NOT NULL,
        entity_id  text,
        data       jsonb NOT NULL,
        prev_hash  text NOT NULL,
        hash       text NOT NULL,
        PRIMARY KEY (society_id, seq)
      )`);
    await q.query(`
      CREATE TABLE audit_heads (
        society_id uuid PRIMARY KEY,
        seq        bigint NOT NULL,
        hash       text NOT NULL
      )`);
    // Append-only: rows cannot be changed or removed through normal access. A superuser who
    // bypasses this is caught by the hash chain.
    await q.query(`
      CREATE FUNCTION reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% on % is not allowed: the table is append-only', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION reject_change()`);
    await q.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION reject_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_heads, audit_events, memberships, societies, login_failures, users`);
    await q.query(`DROP FUNCTION reject_change()`);
  }
}
