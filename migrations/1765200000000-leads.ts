import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Leads from monitoring platforms (API.md "Leads from monitoring platforms (主动发现)"): the intake
 * keys a society gives a platform (stored as the SHA-256 of the key: keys are 32 random bytes, so a
 * fast hash is right) and the warnings the platforms send, each a lead of that society until it is
 * turned into a case or dismissed. The subject's ID number, phone and address are encrypted like a
 * case's (PiiCipher), the ID number also as its HMAC. Every key and foreign key includes society_id.
 */
export class Leads1765200000000 implements MigrationInterface {
  name = 'Leads1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE intake_keys (
        society_id uuid NOT NULL REFERENCES societies (id),
        id         uuid NOT NULL DEFAULT gen_random_uuid(),
        name       text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        -- Hex SHA-256 of the whole key; the key itself is shown once and never stored.
        key_hash   text NOT NULL CHECK (key_hash ~ '^[0-9a-f]{64}$'),
        -- The key's first 8 characters, to tell keys apart in a list.
        key_prefix text NOT NULL CHECK (char_length(key_prefix) = 8),
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL,
        revoked_at timestamptz,
        PRIMARY KEY (society_id, id),
        UNIQUE (society_id, key_hash)
      )`);
    // The intake route knows only the key: its hash finds the key (and so the society).
    await q.query(`CREATE INDEX intake_keys_hash_idx ON intake_keys (key_hash)`);
    await q.query(`CREATE INDEX intake_keys_list_idx ON intake_keys (society_id, created_at, id)`);

    await q.query(`
      CREATE TABLE leads (
        society_id        uuid NOT NULL REFERENCES societies (id),
        id                uuid NOT NULL DEFAULT gen_random_uuid(),
        intake_key_id     uuid NOT NULL,
        external_id       text NOT NULL CHECK (char_length(external_id) BETWEEN 1 AND 200),
        subject_name      text NOT NULL CHECK (char_length(subject_name) BETWEEN 1 AND 50),
        subject_id_enc    bytea,
        subject_id_hmac   text,
        subject_phone_enc bytea,
        subject_address_enc bytea,
        indicators        jsonb NOT NULL CHECK (jsonb_typeof(indicators) = 'array'),
        observed_at       timestamptz NOT NULL,
        received_at       timestamptz NOT NULL,
        status            text NOT NULL CHECK (status IN ('new', 'converted', 'dismissed')),
        case_id           uuid,
        dismiss_reason    text,
        resolved_by       uuid REFERENCES users (id),
        resolved_at       timestamptz,
        PRIMARY KEY (society_id, id),
        UNIQUE (society_id, external_id),
        FOREIGN KEY (society_id, intake_key_id) REFERENCES intake_keys (society_id, id),
        FOREIGN KEY (society_id, case_id) REFERENCES cases (society_id, id),
        CHECK ((subject_id_enc IS NULL) = (subject_id_hmac IS NULL)),
        CHECK ((status = 'converted') = (case_id IS NOT NULL)),
        CHECK ((status = 'dismissed') = (dismiss_reason IS NOT NULL)),
        CHECK ((status = 'new') = (resolved_at IS NULL))
      )`);
    await q.query(`CREATE INDEX leads_list_idx ON leads (society_id, received_at DESC, id DESC)`);
    await q.query(`CREATE INDEX leads_status_idx ON leads (society_id, status, received_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE leads, intake_keys`);
  }
}
