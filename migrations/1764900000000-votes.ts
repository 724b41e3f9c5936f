import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Board votes (API.md "Votes"): the vote on a case's aid (its rules frozen at opening, its hold on
 * the fund), the voters eligible at opening (recusal marks a row, never deletes it) and the ballots.
 * At most one open vote per case; a case may be voted again after no_quorum. Every key and foreign
 * key includes society_id (DESIGN.md "Scaling": one shard per society).
 */
export class Votes1764900000000 implements MigrationInterface {
  name = 'Votes1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE votes (
        society_id    uuid NOT NULL REFERENCES societies (id),
        id            uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id       uuid NOT NULL,
        amount_fen    bigint NOT NULL CHECK (amount_fen > 0 AND amount_fen <= 1000000000000),
        mode          text NOT NULL CHECK (mode IN ('remote', 'meeting')),
        status        text NOT NULL CHECK (status IN ('open', 'closed', 'cancelled')),
        outcome       text CHECK (outcome IN ('approved', 'rejected', 'no_quorum')),
        -- The society's rules when the vote opened: a settings change does not move a vote under way.
        quorum        text NOT NULL,
        approval      text NOT NULL,
        approval_rule text NOT NULL CHECK (approval_rule IN ('at_least', 'more_than')),
        hold_id       uuid NOT NULL,
        opened_by     uuid NOT NULL REFERENCES users (id),
        opens_at      timestamptz NOT NULL,
        closes_at     timestamptz NOT NULL CHECK (closes_at > opens_at),
        closed_at     timestamptz,
        closed_by     uuid REFERENCES users (id),
        close_reason  text CHECK (close_reason IN ('decided', 'deadline', 'secretary', 'case_left_voting')),
        PRIMARY KEY (society_id, id),
        FOREIGN KEY (society_id, case_id) REFERENCES cases (society_id, id),
        FOREIGN KEY (society_id, hold_id) REFERENCES holds (society_id, id),
        CHECK ((status = 'closed') = (outcome IS NOT NULL)),
        CHECK ((status = 'open') = (closed_at IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX votes_one_open_idx ON votes (society_id, case_id) WHERE status = 'open'`,
    );
    await q.query(`CREATE INDEX votes_case_idx ON votes (society_id, case_id, opens_at DESC, id DESC)`);
    // The deadline job looks across societies for open votes past closes_at.
    await q.query(`CREATE INDEX votes_due_idx ON votes (closes_at, society_id, id) WHERE status = 'open'`);

    await q.query(`
      CREATE TABLE vote_voters (
        society_id     uuid NOT NULL,
        vote_id        uuid NOT NULL,
        voter_id       uuid NOT NULL REFERENCES users (id),
        recused        boolean NOT NULL DEFAULT false,
        recusal_reason text,
        recused_at     timestamptz,
        PRIMARY KEY (society_id, vote_id, voter_id),
        FOREIGN KEY (society_id, vote_id) REFERENCES votes (society_id, id),
        CHECK (recused = (recused_at IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX vote_voters_voter_idx ON vote_voters (society_id, voter_id) WHERE NOT recused`,
    );

    await q.query(`
      CREATE TABLE ballots (
        society_id  uuid NOT NULL,
        id          uuid NOT NULL DEFAULT gen_random_uuid(),
        vote_id     uuid NOT NULL,
        voter_id    uuid NOT NULL,
        choice      text NOT NULL CHECK (choice IN ('approve', 'reject', 'abstain')),
        comment     text,
        mode        text NOT NULL CHECK (mode IN ('remote', 'meeting')),
        recorded_by uuid REFERENCES users (id),
        cast_at     timestamptz NOT NULL,
        PRIMARY KEY (society_id, id),
        UNIQUE (society_id, vote_id, voter_id),
        FOREIGN KEY (society_id, vote_id, voter_id) REFERENCES vote_voters (society_id, vote_id, voter_id),
        CHECK ((mode = 'meeting') = (recorded_by IS NOT NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ballots, vote_voters, votes`);
  }
}
