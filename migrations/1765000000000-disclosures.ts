import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Disclosures (API.md "Disclosures (publicize later) and objections"): the public notice of paid
 * cases with its frozen snapshot (what was published stays published, whatever happens to the cases
 * later) and its SHA-256, the cases it names, and residents' objections to it. Every key and foreign
 * key includes society_id (DESIGN.md "Scaling": one shard per society).
 */
export class Disclosures1765000000000 implements MigrationInterface {
  name = 'Disclosures1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE disclosures (
        society_id      uuid NOT NULL REFERENCES societies (id),
        id              uuid NOT NULL DEFAULT gen_random_uuid(),
        notice_no       text NOT NULL,
        status          text NOT NULL CHECK (status IN ('active', 'withdrawn', 'ended')),
        note            text,
        published_by    uuid NOT NULL REFERENCES users (id),
        published_at    timestamptz NOT NULL,
        ends_at         timestamptz NOT NULL CHECK (ends_at > published_at),
        -- The public snapshot as published, and the SHA-256 of its canonical JSON (the check code).
        snapshot        jsonb NOT NULL,
        snapshot_sha256 text NOT NULL CHECK (snapshot_sha256 ~ '^[0-9a-f]{64}$'),
        withdrawn_at    timestamptz,
        withdrawn_by    uuid REFERENCES users (id),
        withdraw_reason text,
        ended_at        timestamptz,
        PRIMARY KEY (society_id, id),
        UNIQUE (society_id, notice_no),
        CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL)),
        CHECK ((status = 'ended') = (ended_at IS NOT NULL))
      )`);
    // Public routes name a notice by id alone (the QR code): a plain index, uuids being unique anyway
    // (every unique constraint keeps society_id, DESIGN.md "Scaling").
    await q.query(`CREATE INDEX disclosures_id_idx ON disclosures (id)`);
    await q.query(
      `CREATE INDEX disclosures_society_idx ON disclosures (society_id, published_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX disclosures_public_idx ON disclosures (society_id, status, published_at DESC, id DESC)`,
    );
    // The end job looks across societies for active notices past ends_at.
    await q.query(
      `CREATE INDEX disclosures_due_idx ON disclosures (ends_at, society_id, id) WHERE status = 'active'`,
    );

    await q.query(`
      CREATE TABLE disclosure_items (
        society_id    uuid NOT NULL,
        disclosure_id uuid NOT NULL,
        case_id       uuid NOT NULL,
        position      int NOT NULL CHECK (position BETWEEN 1 AND 50),
        case_no       text NOT NULL,
        PRIMARY KEY (society_id, disclosure_id, case_id),
        UNIQUE (society_id, disclosure_id, case_no),
        UNIQUE (society_id, disclosure_id, position),
        FOREIGN KEY (society_id, disclosure_id) REFERENCES disclosures (society_id, id),
        FOREIGN KEY (society_id, case_id) REFERENCES cases (society_id, id)
      )`);
    await q.query(`CREATE INDEX disclosure_items_case_idx ON disclosure_items (society_id, case_id)`);

    await q.query(`
      CREATE TABLE objections (
        society_id        uuid NOT NULL,
        id                uuid NOT NULL DEFAULT gen_random_uuid(),
        disclosure_id     uuid NOT NULL,
        case_id           uuid,          -- the item objected to (its caseNo); null: the whole notice
        tracking_code     text NOT NULL, -- 12 Crockford base32 chars, random (60 bits)
        content           text NOT NULL CHECK (char_length(content) BETWEEN 1 AND 2000),
        contact_name_enc  bytea,
        contact_phone_enc bytea,
        status            text NOT NULL CHECK (status IN ('open', 'dismissed', 'upheld')),
        response          text,
        created_at        timestamptz NOT NULL,
        resolved_at       timestamptz,
        resolved_by       uuid REFERENCES users (id),
        disputed_case_id  uuid,          -- the case an upheld objection put in dispute
        PRIMARY KEY (society_id, id),
        UNIQUE (society_id, tracking_code),
        FOREIGN KEY (society_id, disclosure_id) REFERENCES disclosures (society_id, id),
        FOREIGN KEY (society_id, disclosure_id, case_id)
          REFERENCES disclosure_items (society_id, disclosure_id, case_id),
        FOREIGN KEY (society_id, disclosure_id, disputed_case_id)
          REFERENCES disclosure_items (society_id, disclosure_id, case_id),
        CHECK ((status = 'open') = (resolved_at IS NULL))
      )`);
    // The public lookup by tracking code knows no society.
    await q.query(`CREATE INDEX objections_tracking_idx ON objections (tracking_code)`);
    await q.query(
      `CREATE INDEX objections_society_idx ON objections (society_id, status, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX objections_open_idx ON objections (society_id, disclosure_id) WHERE status = 'open'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE objections, disclosure_items, disclosures`);
  }
}
