import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Emergency cases (API.md "Emergency cases"): the case with its applicant's personal data encrypted
 * (AES-256-GCM, PII_KEY) and the ID number's HMAC for the duplicate-aid look-up, its timeline, and its
 * supporting documents stored encrypted in the database.
 */
export class Cases1764800000000 implements MigrationInterface {
  name = 'Cases1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cases (
        society_id           uuid NOT NULL REFERENCES societies (id),
        id                   uuid NOT NULL DEFAULT gen_random_uuid(),
        case_no              text NOT NULL,
        status               text NOT NULL CHECK (status IN ('draft', 'voting', 'approved', 'rejected', 'paid',
                               'publicized', 'disputed', 'recovered', 'closed', 'withdrawn')),
        applicant_name       text NOT NULL CHECK (char_length(applicant_name) BETWEEN 1 AND 50),
        applicant_id_enc     bytea NOT NULL,
        -- HMAC of the normalised ID number: the duplicate-aid check across societies, and search
        applicant_id_hmac    text NOT NULL,
        applicant_phone_enc  bytea,
        applicant_address_enc bytea,
        household_size       integer CHECK (household_size BETWEEN 1 AND 30),
        pseudonym            text NOT NULL CHECK (char_length(pseudonym) BETWEEN 1 AND 50),
        category             text NOT NULL CHECK (category IN ('serious_illness', 'accident', 'disaster', 'fire',
                               'sudden_hardship', 'other')),
        source               text NOT NULL CHECK (source IN ('self_application', 'collector_report',
                               'platform_warning', 'department_referral', 'home_visit', 'hotline')),
        description          text NOT NULL,
        requested_amount_fen bigint NOT NULL CHECK (requested_amount_fen > 0 AND requested_amount_fen <= 1000000000000),
        payee_name           text,
        payee_bank_name      text,
        payee_account_enc    bytea,
        warnings             jsonb NOT NULL DEFAULT '[]',
        filed_by             uuid NOT NULL REFERENCES users (id),
        created_at           timestamptz NOT NULL,
        updated_at           timestamptz NOT NULL,
        -- Filled later by votes and payment; nullable now so that they need no ALTER.
        hold_id              uuid,
        approved_amount_fen  bigint CHECK (approved_amount_fen > 0),
        vote_opened_by       uuid REFERENCES users (id),
        paid_entry_id        uuid,
        paid_at              timestamptz,
        PRIMARY KEY (society_id, id),
        UNIQUE (society_id, case_no),
        FOREIGN KEY (society_id, hold_id) REFERENCES holds (society_id, id),
        FOREIGN KEY (society_id, paid_entry_id) REFERENCES ledger_entries (society_id, id),
        CHECK ((payee_name IS NULL) = (payee_account_enc IS NULL))
      )`);
    await q.query(`CREATE INDEX cases_list_idx ON cases (society_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX cases_status_idx ON cases (society_id, status)`);
    // Installation-wide on purpose: AIDED_ELSEWHERE_THIS_YEAR looks in every society.
    await q.query(`CREATE INDEX cases_applicant_idx ON cases (applicant_id_hmac)`);

    // The timeline: every transition (and edit, document, reveal) with its actor and time.
    await q.query(`
      CREATE TABLE case_events (
        society_id uuid NOT NULL,
        id         uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id    uuid NOT NULL,
        at         timestamptz NOT NULL,
        action     text NOT NULL,
        actor_id   uuid REFERENCES users (id),
        from_status text,
        to_status  text,
        data       jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (society_id, id),
        FOREIGN KEY (society_id, case_id) REFERENCES cases (society_id, id)
      )`);
    await q.query(`CREATE INDEX case_events_case_idx ON case_events (society_id, case_id, at, id)`);

    await q.query(`
      CREATE TABLE case_attachments (
        society_id   uuid NOT NULL,
        id           uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id      uuid NOT NULL,
        kind         text NOT NULL CHECK (kind IN ('diagnosis', 'bill', 'household_proof', 'visit_photo', 'other')),
        content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
        bytes        integer NOT NULL CHECK (bytes > 0 AND bytes <= 10485760),
        sha256       text NOT NULL,
        data_enc     bytea NOT NULL,
        uploaded_by  uuid NOT NULL REFERENCES users (id),
        uploaded_at  timestamptz NOT NULL,
        PRIMARY KEY (society_id, id),
        FOREIGN KEY (society_id, case_id) REFERENCES cases (society_id, id)
      )`);
    await q.query(
      `CREATE INDEX case_attachments_case_idx ON case_attachments (society_id, case_id, uploaded_at, id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_attachments, case_events, cases`);
  }
}
