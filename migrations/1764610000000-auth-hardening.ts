import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Token versions (a password change or deactivation revokes issued tokens at once) and login
 * throttling per username and client address, with a slower back-off per username.
 */
export class AuthHardening1764610000000 implements MigrationInterface {
  name = 'AuthHardening1764610000000';

  async up(q: QueryRunner): Promise<void> {
    // Put in every JWT as `ver` and compared on each request; bumping it revokes the user's tokens.
    await q.query(`ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0`);
    // Deactivation revokes whoever does it (service, CLI or SQL), so a later reactivation does not
    // bring old tokens back to life.
    await q.query(`
      CREATE FUNCTION users_revoke_tokens_on_deactivation() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.token_version := OLD.token_version + 1;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER users_deactivation_revokes_tokens BEFORE UPDATE OF active ON users
      FOR EACH ROW WHEN (OLD.active AND NOT NEW.active)
      EXECUTE FUNCTION users_revoke_tokens_on_deactivation()`);

    // Per username (known or not, so the answer never tells which) and client address: the lock hurts
    // the guessing address, not the owner elsewhere. succeeded_at marks an address the owner used.
    await q.query(`DROP TABLE login_failures`);
    await q.query(`
      CREATE TABLE login_client_failures (
        username_key    text NOT NULL,
        client          text NOT NULL,
        failures        integer NOT NULL DEFAULT 0,
        first_failed_at timestamptz,
        locked_until    timestamptz,
        succeeded_at    timestamptz,
        PRIMARY KEY (username_key, client)
      )`);
    // Per username over every address: past a threshold, one attempt per growing delay.
    await q.query(`
      CREATE TABLE login_backoff (
        username_key    text PRIMARY KEY,
        failures        integer NOT NULL,
        first_failed_at timestamptz NOT NULL,
        next_attempt_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_backoff, login_client_failures`);
    await q.query(`
      CREATE TABLE login_failures (
        username_key   text PRIMARY KEY,
        failures       integer NOT NULL,
        first_failed_at timestamptz NOT NULL,
        locked_until   timestamptz
      )`);
    await q.query(`DROP TRIGGER users_deactivation_revokes_tokens ON users`);
    await q.query(`DROP FUNCTION users_revoke_tokens_on_deactivation()`);
    await q.query(`ALTER TABLE users DROP COLUMN token_version`);
  }
}
