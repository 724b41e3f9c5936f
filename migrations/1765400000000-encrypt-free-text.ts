import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two free texts of personal data were stored in clear (SECURITY.md "Where personal data lives"):
 * a resident's objection (its words may carry the objector's own phone or name, or what they know of
 * the applicant's family) and a monitoring platform's indicators of a household (health and money:
 * sensitive personal information, 个人信息保护法 art. 28). From now on both are written encrypted
 * (PiiCipher, `content_enc`, `indicators_enc`). The key is not in the database, so rows written before
 * stay in clear until `npm run cli -- pii:rotate` encrypts them (it clears the plain column); the app
 * reads either. Exactly one of the two columns is set.
 */
export class EncryptFreeText1765400000000 implements MigrationInterface {
  name = 'EncryptFreeText1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE objections
        ADD COLUMN content_enc bytea,
        ALTER COLUMN content DROP NOT NULL,
        ADD CONSTRAINT objections_content_once CHECK ((content IS NULL) <> (content_enc IS NULL))`);
    await q.query(`
      ALTER TABLE leads
        ADD COLUMN indicators_enc bytea,
        ALTER COLUMN indicators DROP NOT NULL,
        ADD CONSTRAINT leads_indicators_once CHECK ((indicators IS NULL) <> (indicators_enc IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Only possible while nothing is encrypted yet (the key is not here to decrypt).
    await q.query(`ALTER TABLE leads DROP CONSTRAINT leads_indicators_once, DROP COLUMN indicators_enc,
                     ALTER COLUMN indicators SET NOT NULL`);
    await q.query(`ALTER TABLE objections DROP CONSTRAINT objections_content_once, DROP COLUMN content_enc,
                     ALTER COLUMN content SET NOT NULL`);
  }
}
