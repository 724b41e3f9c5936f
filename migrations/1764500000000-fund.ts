import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fund: a small double-entry ledger per society (accounts, immutable entries and lines with a
 * gap-free seq), holds on the fund, gap-free counters, idempotency keys, donors and donations.
 */
export class Fund1764500000000 implements MigrationInterface {
  name = 'Fund1764500000000';

  async up(q: QueryRunner): Promise<void> {
    // Gap-free numbers (entry seq, receipt numbers): a row locked by the transaction that takes a number.
    await q.query(`
      CREATE TABLE counters (
        society_id uuid NOT NULL REFERENCES societies (id),
        name       text NOT NULL,
        value      bigint NOT NULL CHECK (value >= 0),
        PRIMARY KEY (society_id, name)
      )`);

    // One fund per society: the row every money-moving transaction locks first. Its balance is the
    // sum of the asset accounts, cached here so the database itself guarantees held <= balance.
    await q.query(`
      CREATE TABLE funds (
        society_id  uuid PRIMARY KEY REFERENCES societies (id),
        balance_fen bigint NOT NULL DEFAULT 0 CHECK (balance_fen >= 0),
        held_fen    bigint NOT NULL DEFAULT 0 CHECK (held_fen >= 0),
        CONSTRAINT funds_available_check CHECK (held_fen <= balance_fen)
      )`);

    await q.query(`
      CREATE TABLE accounts (
        society_id  uuid NOT NULL REFERENCES societies (id),
        code        text NOT NULL CHECK (code IN ('bank', 'cash', 'donations', 'recoveries', 'aid')),
        type        text NOT NULL CHECK (type IN ('asset', 'income', 'expense')),
        -- on the account's normal side: debit - credit for assets and expenses, credit - debit for income
        balance_fen bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (society_id, code),
        CONSTRAINT accounts_asset_nonnegative CHECK (type <> 'asset' OR balance_fen >= 0),
        CHECK (type = CASE WHEN code IN ('bank', 'cash') THEN 'asset'
                           WHEN code = 'aid' THEN 'expense' ELSE 'income' END)
      )`);

    // Accounts and the fund exist from the moment the society does, in the same transaction.
    await q.query(`
      CREATE FUNCTION create_society_fund() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO funds (society_id) VALUES (NEW.id);
        INSERT INTO accounts (society_id, code, type) VALUES
          (NEW.id, 'bank', 'asset'), (NEW.id, 'cash', 'asset'), (NEW.id, 'donations', 'income'),
          (NEW.id, 'recoveries', 'income'), (NEW.id, 'aid', 'expense');
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER societies_create_fund AFTER INSERT ON societies
      FOR EACH ROW EXECUTE FUNCTION create_society_fund()`);
    await q.query(`
      INSERT INTO funds (society_id) SELECT id FROM societies;
      INSERT INTO accounts (society_id, code, type)
        SELECT s.id, a.code, a.type FROM societies s CROSS JOIN (VALUES
          ('bank', 'asset'), ('cash', 'asset'), ('donations', 'income'), ('recoveries', 'income'), ('aid', 'expense')
        ) AS a (code, type)`);

    await q.query(`
      CREATE TABLE ledger_entries (
        society_id uuid NOT NULL REFERENCES societies (id),
        id         uuid NOT NULL DEFAULT gen_random_uuid(),
        seq        bigint NOT NULL CHECK (seq > 0),
        kind       text NOT NULL CHECK (kind IN ('donation', 'donation_void', 'aid_payment', 'recovery', 'transfer')),
        posted_at  timestamptz NOT NULL DEFAULT now(),
        memo       text,
        ref_type   text,
        ref_id     uuid,
        created_by uuid REFERENCES users (id),
        PRIMARY KEY (society_id, id),
        UNIQUE (society_id, seq)
      )`);
    await q.query(`CREATE INDEX ledger_entries_posted_idx ON ledger_entries (society_id, posted_at)`);
    await q.query(`CREATE INDEX ledger_entries_ref_idx ON ledger_entries (society_id, ref_type, ref_id)`);
    await q.query(`
      CREATE TABLE ledger_lines (
        society_id   uuid NOT NULL,
        entry_id     uuid NOT NULL,
        line_no      smallint NOT NULL CHECK (line_no > 0),
        account_code text NOT NULL,
        debit_fen    bigint NOT NULL DEFAULT 0 CHECK (debit_fen >= 0),
        credit_fen   bigint NOT NULL DEFAULT 0 CHECK (credit_fen >= 0),
        PRIMARY KEY (society_id, entry_id, line_no),
        FOREIGN KEY (society_id, entry_id) REFERENCES ledger_entries (society_id, id),
        FOREIGN KEY (society_id, account_code) REFERENCES accounts (society_id, code),
        CHECK ((debit_fen = 0) <> (credit_fen = 0))
      )`);

    // Every entry balances and has at least two lines, checked at commit (lines arrive after the entry).
    await q.query(`
      CREATE FUNCTION check_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        lines integer; debits numeric; credits numeric;
        sid uuid := NEW.society_id;
        -- lines carry entry_id, entries their own id
        eid uuid := coalesce(to_jsonb(NEW) ->> 'entry_id', to_jsonb(NEW) ->> 'id')::uuid;
      BEGIN
        SELECT count(*), coalesce(sum(debit_fen), 0), coalesce(sum(credit_fen), 0) INTO lines, debits, credits
          FROM ledger_lines WHERE society_id = sid AND entry_id = eid;
        IF lines < 2 OR debits <> credits OR debits = 0 THEN
          RAISE EXCEPTION 'ledger entry % does not balance (% lines, debits %, credits %)', eid, lines, debits, credits
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_entry_balanced()`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER ledger_lines_balanced AFTER INSERT ON ledger_lines
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_entry_balanced()`);
    // Immutable: mistakes are corrected by a reversing entry, never by editing.
    for (const table of ['ledger_entries', 'ledger_lines']) {
      await q.query(`
        CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION reject_change()`);
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION reject_change()`);
    }

    // Reservations on the fund (TigerBeetle's pending transfers): a vote holds its amount; the
    // payment settles it; a rejected or withdrawn case releases it.
    await q.query(`
      CREATE TABLE holds (
        society_id  uuid NOT NULL REFERENCES societies (id),
        id          uuid NOT NULL DEFAULT gen_random_uuid(),
        amount_fen  bigint NOT NULL CHECK (amount_fen > 0),
        status      text NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'released', 'settled')),
        settled_fen bigint CHECK (settled_fen > 0 AND settled_fen <= amount_fen),
        entry_id    uuid,
        ref_type    text,
        ref_id      uuid,
        created_at  timestamptz NOT NULL DEFAULT now(),
        closed_at   timestamptz,
        PRIMARY KEY (society_id, id),
        FOREIGN KEY (society_id, entry_id) REFERENCES ledger_entries (society_id, id),
        CHECK ((status = 'held') = (closed_at IS NULL)),
        CHECK ((status = 'settled') = (settled_fen IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX holds_open_idx ON holds (society_id) WHERE status = 'held'`);

    // Idempotency-Key records, written in the transaction of the effect they guard.
    await q.query(`
      CREATE TABLE idempotency_keys (
        society_id    uuid NOT NULL REFERENCES societies (id),
        key           text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
        request_hash  text NOT NULL,
        status_code   integer,
        response_body text,
        created_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (society_id, key)
      )`);

    await q.query(`
      CREATE TABLE donors (
        society_id  uuid NOT NULL REFERENCES societies (id),
        id          uuid NOT NULL DEFAULT gen_random_uuid(),
        kind        text NOT NULL CHECK (kind IN ('individual', 'enterprise', 'retired_cadre',
                      'migrant_entrepreneur', 'collective', 'government', 'other')),
        name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        phone_enc   bytea,
        phone_hmac  text,
        credit_code text,
        anonymous   boolean NOT NULL DEFAULT false,
        note        text,
        created_by  uuid REFERENCES users (id),
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (society_id, id)
      )`);
    await q.query(`CREATE INDEX donors_name_idx ON donors (society_id, name, id)`);
    await q.query(
      `CREATE INDEX donors_phone_idx ON donors (society_id, phone_hmac) WHERE phone_hmac IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE donations (
        society_id   uuid NOT NULL REFERENCES societies (id),
        id           uuid NOT NULL DEFAULT gen_random_uuid(),
        receipt_no   text NOT NULL,
        donor_id     uuid NOT NULL,
        amount_fen   bigint NOT NULL CHECK (amount_fen > 0 AND amount_fen <= 1000000000000),
        received_at  timestamptz NOT NULL,
        received_on  date NOT NULL,
        channel      text NOT NULL CHECK (channel IN ('cash', 'bank_transfer', 'wechat', 'alipay', 'other')),
        account_code text NOT NULL CHECK (account_code IN ('cash', 'bank')),
        reference    text,
        note         text,
        status       text NOT NULL DEFAULT 'recorded' CHECK (status IN ('recorded', 'voided')),
        entry_id     uuid NOT NULL,
        void_entry_id uuid,
        void_reason  text,
        voided_at    timestamptz,
        voided_by    uuid REFERENCES users (id),
        recorded_by  uuid REFERENCES users (id),
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (society_id, id),
        UNIQUE (society_id, receipt_no),
        FOREIGN KEY (society_id, donor_id) REFERENCES donors (society_id, id),
        FOREIGN KEY (society_id, entry_id) REFERENCES ledger_entries (society_id, id),
        FOREIGN KEY (society_id, void_entry_id) REFERENCES ledger_entries (society_id, id),
        CHECK ((status = 'voided') = (void_entry_id IS NOT NULL AND voided_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX donations_received_idx ON donations (society_id, received_at, id)`);
    await q.query(`CREATE INDEX donations_donor_idx ON donations (society_id, donor_id, received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE donations, donors, idempotency_keys, holds, ledger_lines, ledger_entries, accounts, funds, counters`,
    );
    await q.query(`DROP TRIGGER societies_create_fund ON societies`);
    await q.query(`DROP FUNCTION create_society_fund(), check_entry_balanced()`);
  }
}
