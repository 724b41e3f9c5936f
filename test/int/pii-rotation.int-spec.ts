// SECURITY.md "Keys and rotation": PII_KEY is rotated while the service runs. Instances restart with
// PII_KEY = new and PII_KEY_PREVIOUS = old (they write new, read both), `pii:rotate` re-encrypts every
// ciphertext in batches under concurrent reads and writes, then the new key alone reads everything,
// and a second run is a no-op.
import { createCipheriv, randomBytes } from 'node:crypto';
import type { Type } from '@nestjs/common';
import { PLATFORM_CHAIN } from '../../src/audit/domain/hash-chain';
import { rotatePii } from '../../src/cli/pii-rotation';
import { PiiCipher } from '../../src/common/crypto/pii-cipher';
import { runCli } from '../support/cli';
import { testIdNumber } from '../support/fixtures';
import { piiScenario, type PiiScenario } from '../support/pii-scenario';
import { startTestApp, TEST_PII_KEY, type TestApp, withTestApp } from '../support/test-app';

/** Every encrypted column, with the HMAC column computed from it (if any). */
const COLUMNS: { table: string; column: string; hmac?: string }[] = [
  { table: 'users', column: 'phone_enc' },
  { table: 'donors', column: 'phone_enc', hmac: 'phone_hmac' },
  { table: 'cases', column: 'applicant_id_enc', hmac: 'applicant_id_hmac' },
  { table: 'cases', column: 'applicant_phone_enc' },
  { table: 'cases', column: 'applicant_address_enc' },
  { table: 'cases', column: 'payee_account_enc' },
  { table: 'case_attachments', column: 'data_enc' },
  { table: 'objections', column: 'contact_name_enc' },
  { table: 'objections', column: 'contact_phone_enc' },
  { table: 'leads', column: 'subject_id_enc', hmac: 'subject_id_hmac' },
  { table: 'leads', column: 'subject_phone_enc' },
  { table: 'leads', column: 'subject_address_enc' },
  { table: 'webhooks', column: 'secret_enc' },
];

/** A ciphertext of the first format (version 1, no key id), as every row was before key ids. */
function v1(plain: string, key: string): Buffer {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', Buffer.from(key, 'base64'), iv, { authTagLength: 16 });
  c.setAAD(Buffer.of(1));
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return Buffer.concat([Buffer.of(1), iv, c.getAuthTag(), body]);
}

describe('PII_KEY rotation while the service runs', () => {
  const t = withTestApp();
  const NEW_KEY = randomBytes(32).toString('base64');
  const lines: string[] = [];
  const options = (app: TestApp, batchSize: number) => ({
    batchSize,
    run: <T>(fn: () => Promise<T>) => app.run(fn),
    log: (line: string) => void lines.push(line),
  });
  const getter =
    (app: TestApp) =>
    <T>(type: Type<T>): T =>
      app.app.get(type);

  let scenarios: PiiScenario[] = [];

  it('re-encrypts every column under concurrent reads and writes; then the new key alone reads it all', async () => {
    scenarios = [await piiScenario(t), await piiScenario(t)];
    const legacyUser = await t.fx.user();
    await t.db.query(`UPDATE users SET phone_enc = $2 WHERE id = $1`, [
      legacyUser.id,
      v1('13000000001', TEST_PII_KEY),
    ]);
    const before = await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM cases`);
    expect(Number(before.rows[0]!.n)).toBeGreaterThanOrEqual(4);

    // Instances restarted with the new key as PII_KEY and the old one as PII_KEY_PREVIOUS.
    const b = await startTestApp(
      { PII_KEY: NEW_KEY, PII_KEY_PREVIOUS: TEST_PII_KEY, JWT_SECRET: t.config.JWT_SECRET },
      { databaseUrl: t.config.DATABASE_URL },
    );
    try {
      const [s0] = scenarios as [PiiScenario, PiiScenario];
      const { soc } = s0;
      const paidId = (
        await b.http.post(`${soc.url}/cases/${s0.paidCaseId}/reveal`).set(soc.secretary.auth).expect(200)
      ).body.applicant.idNumber as string;
      // Nothing rotated yet: a case filed under the new key still finds the person's paid case (old HMAC).
      const fileSamePerson = () =>
        b.http
          .post(`${soc.url}/cases`)
          .set(soc.secretary.auth)
          .send({
            applicant: { name: '同一人', idNumber: paidId },
            category: 'accident',
            description: '再次申请',
            source: 'hotline',
            requestedAmountFen: 1_000,
          })
          .expect(201);
      expect((await fileSamePerson()).body.warnings).toEqual([{ code: 'AIDED_THIS_YEAR' }]);

      let rotating = true;
      const checks: string[] = [];
      const load = async () => {
        let i = 0;
        while (rotating || i < 3) {
          i++;
          for (const s of scenarios) {
            const shown = await b.http
              .post(`${s.soc.url}/cases/${s.caseId}/reveal`)
              .set(s.soc.secretary.auth)
              .expect(200);
            if (shown.body.applicant.idNumber !== s.secrets.idNumber) checks.push('reveal');
            if (shown.body.payee.accountNo !== s.secrets.accountNo) checks.push('account');
            const found = await b.http
              .get(`${s.soc.url}/donors`)
              .query({ q: s.secrets.donorPhone })
              .set(s.soc.treasurer.auth)
              .expect(200);
            if (found.body.items.length !== 1) checks.push('donor search');
            const byId = await b.http
              .get(`${s.soc.url}/cases`)
              .query({ q: s.secrets.idNumber })
              .set(s.soc.board.auth)
              .expect(200);
            if (byId.body.items.length !== 1) checks.push('case search');
            const doc = await b.http
              .get(`${s.soc.url}/cases/${s.caseId}/attachments/${s.attachmentId}`)
              .set(s.soc.board.auth)
              .buffer(true)
              .parse((res, cb) => {
                const chunks: Buffer[] = [];
                res.on('data', (c: Buffer) => chunks.push(c));
                res.on('end', () => cb(null, Buffer.concat(chunks)));
              })
              .expect(200);
            if (!(doc.body as Buffer).equals(s.document)) checks.push('document');
          }
          // Writes meanwhile: new donors and cases (under the new key), a repeat applicant.
          await b.http
            .post(`${soc.url}/donors`)
            .set(soc.treasurer.auth)
            .send({
              kind: 'individual',
              name: `轮换中捐赠人${i}`,
              phone: `1390000${String(i).padStart(4, '0')}`,
            })
            .expect(201);
          await b.http
            .post(`${soc.url}/cases`)
            .set(soc.secretary.auth)
            .send({
              applicant: {
                name: '新申请人',
                idNumber: testIdNumber('19900101', 700 + i),
                phone: '13811112222',
              },
              category: 'other',
              description: '轮换中',
              source: 'hotline',
              requestedAmountFen: 1_000,
            })
            .expect(201);
          if ((await fileSamePerson()).body.warnings.length !== 1) checks.push('duplicate warning');
        }
      };
      const rotation = rotatePii(getter(b), options(b, 2)).finally(() => {
        rotating = false;
      });
      const [result] = await Promise.all([rotation, load()]);
      expect(checks).toEqual([]);
      expect(result.total).toBeGreaterThan(10);
      expect(result.rows).toMatchObject({
        cases: expect.any(Number),
        case_attachments: 2,
        leads: 2,
        objections: 2,
      });
      expect(lines.some((l) => /^cases: \d+ rows re-encrypted so far$/.test(l))).toBe(true);
    } finally {
      await b.close();
    }

    // Restarted once more without PII_KEY_PREVIOUS: the new key alone.
    const fresh = new PiiCipher(NEW_KEY);
    for (const { table, column, hmac } of COLUMNS) {
      const { rows } = await t.db.query<{ v: Buffer; h: string | null }>(
        `SELECT ${column} AS v, ${hmac ?? 'NULL'} AS h FROM ${table} WHERE ${column} IS NOT NULL`,
      );
      for (const r of rows) {
        expect([table, column, fresh.isCurrent(r.v)]).toEqual([table, column, true]);
        const plain = fresh.decryptBytes(r.v);
        if (hmac) expect([table, hmac, r.h]).toEqual([table, hmac, fresh.hmac(plain.toString('utf8'))]);
      }
    }
    const c = await startTestApp(
      { PII_KEY: NEW_KEY, JWT_SECRET: t.config.JWT_SECRET },
      { databaseUrl: t.config.DATABASE_URL },
    );
    try {
      for (const s of scenarios) {
        const shown = await c.http
          .post(`${s.soc.url}/cases/${s.caseId}/reveal`)
          .set(s.soc.secretary.auth)
          .expect(200);
        expect(shown.body.applicant).toMatchObject({
          idNumber: s.secrets.idNumber,
          phone: s.secrets.phone,
          address: s.secrets.address,
        });
        const found = await c.http
          .get(`${s.soc.url}/donors`)
          .query({ q: s.secrets.donorPhone })
          .set(s.soc.treasurer.auth)
          .expect(200);
        expect(found.body.items.map((d: { id: string }) => d.id)).toEqual([s.donorId]);
      }
      const legacy = await t.db.query<{ phone_enc: Buffer }>(`SELECT phone_enc FROM users WHERE id = $1`, [
        legacyUser.id,
      ]);
      expect(fresh.decrypt(legacy.rows[0]!.phone_enc)).toBe('13000000001');

      // A second run finds nothing: no write, no audit event.
      const again = await rotatePii(getter(c), options(c, 50));
      expect(again.total).toBe(0);
      const { rows: audited } = await t.db.query<{ data: { keyId: string } }>(
        `SELECT data FROM audit_events WHERE society_id = $1 AND action = 'pii.rotated'`,
        [PLATFORM_CHAIN],
      );
      expect(audited).toEqual([{ data: expect.objectContaining({ keyId: again.keyId }) }]);

      // The command says so too.
      const env = { DATABASE_URL: t.config.DATABASE_URL, JWT_SECRET: t.config.JWT_SECRET, PII_KEY: NEW_KEY };
      const run = await runCli(['pii:rotate', '--batch-size', '100'], env);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`nothing to re-encrypt: every ciphertext is under key ${again.keyId}\n`);
      expect(run.stderr).toContain('PII_KEY_PREVIOUS is not set');
    } finally {
      await c.close();
    }
  }, 240_000);

  it('pii:rotate takes what a stale instance wrote under the old key later, and refuses a key it does not hold', async () => {
    // (Only the command and SQL from here: the second app instances of the first test were closed.)
    const s = scenarios[0]!;
    const old = new PiiCipher(TEST_PII_KEY);
    // An instance not yet restarted wrote under the old key after the rotation (the old format, even).
    await t.db.query(
      `UPDATE cases SET applicant_id_enc = $3, applicant_id_hmac = $4 WHERE society_id = $1 AND id = $2`,
      [s.soc.id, s.caseId, v1(s.secrets.idNumber, TEST_PII_KEY), old.hmac(s.secrets.idNumber)],
    );
    await t.db.query(`UPDATE donors SET phone_enc = $3, phone_hmac = $4 WHERE society_id = $1 AND id = $2`, [
      s.soc.id,
      s.donorId,
      old.encrypt(s.secrets.donorPhone),
      old.hmac(s.secrets.donorPhone),
    ]);
    // Rows from before free text was encrypted (migration 1765400000000): still in clear.
    await t.db.query(
      `UPDATE objections SET content = '旧的异议内容', content_enc = NULL WHERE society_id = $1`,
      [s.soc.id],
    );
    await t.db.query(
      `UPDATE leads SET indicators = '[{"code":"OLD","label":"旧指标","value":"自付 1 元"}]', indicators_enc = NULL
        WHERE society_id = $1 AND id = $2`,
      [s.soc.id, s.leadId],
    );
    const env = {
      DATABASE_URL: t.config.DATABASE_URL,
      JWT_SECRET: t.config.JWT_SECRET,
      PII_KEY: NEW_KEY,
      PII_KEY_PREVIOUS: TEST_PII_KEY,
    };
    const run = await runCli(['pii:rotate'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'users: 0\ndonors: 1\ncases: 1\ncase_attachments: 0\nobjections: 1\nleads: 1\nwebhooks: 0\n' +
        `4 rows re-encrypted under key ${new PiiCipher(NEW_KEY).currentPrefix.subarray(1).toString('hex')}\n`,
    );
    expect(run.stderr).toMatch(/cases: 1 rows re-encrypted so far/);
    const fresh = new PiiCipher(NEW_KEY);
    const { rows } = await t.db.query<{ v: Buffer; h: string }>(
      `SELECT applicant_id_enc AS v, applicant_id_hmac AS h FROM cases WHERE id = $1`,
      [s.caseId],
    );
    expect([fresh.decrypt(rows[0]!.v), rows[0]!.h]).toEqual([
      s.secrets.idNumber,
      fresh.hmac(s.secrets.idNumber),
    ]);
    const objection = await t.db.query<{ content: string | null; content_enc: Buffer }>(
      `SELECT content, content_enc FROM objections WHERE society_id = $1`,
      [s.soc.id],
    );
    expect(objection.rows.map((r) => [r.content, fresh.decrypt(r.content_enc)])).toEqual([
      [null, '旧的异议内容'],
    ]);
    const lead = await t.db.query<{ indicators: unknown; indicators_enc: Buffer }>(
      `SELECT indicators, indicators_enc FROM leads WHERE id = $1`,
      [s.leadId],
    );
    expect([lead.rows[0]!.indicators, JSON.parse(fresh.decrypt(lead.rows[0]!.indicators_enc))]).toEqual([
      null,
      [{ code: 'OLD', label: '旧指标', value: '自付 1 元' }],
    ]);
    expect((await runCli(['pii:rotate'], env)).stdout).toMatch(/\nnothing to re-encrypt/);

    // A key that is neither: the command stops, naming the key the data needs; nothing changes.
    const dump = await t.db.query<{ v: Buffer }>(
      `SELECT phone_enc AS v FROM users WHERE phone_enc IS NOT NULL ORDER BY id`,
    );
    const refused = await runCli(['pii:rotate'], {
      ...env,
      PII_KEY: randomBytes(32).toString('base64'),
      PII_KEY_PREVIOUS: '',
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `encrypted under key ${fresh.currentPrefix.subarray(1).toString('hex')}, which is neither`,
    );
    const after = await t.db.query<{ v: Buffer }>(
      `SELECT phone_enc AS v FROM users WHERE phone_enc IS NOT NULL ORDER BY id`,
    );
    expect(after.rows).toEqual(dump.rows);
  }, 240_000); // four runs of the command, each a process
});
