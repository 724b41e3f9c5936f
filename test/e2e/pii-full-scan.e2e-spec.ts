// Issue 15 "Personal data": after a full scenario, a dump of the database (pg_dump when one fits the
// server, else every row through SQL) and the captured logs hold no ID number, phone, address, bank
// account, contact or document byte in clear, in any of the encodings a value could take there.
import { logCapture } from '../support/contract';
import { dumpDatabase, encodedForms } from '../support/plaintext-scan';
import { piiScenario } from '../support/pii-scenario';
import { withTestApp } from '../support/test-app';

describe('personal data at rest and in logs after a full scenario', () => {
  const log = logCapture();
  const t = withTestApp({ LOG_LEVEL: 'debug' }, { logStream: log.stream });

  it('is nowhere in clear in a dump of the database nor in the logs', async () => {
    const s = await piiScenario(t);
    const dump = await dumpDatabase(t.db, t.config.DATABASE_URL);
    const logs = log.text();
    // The dump and the logs did see the scenario.
    expect(dump.text).toContain(s.caseId);
    expect(dump.text).toContain(s.leadId);
    expect(logs).toContain('request completed');
    if (process.env.TEST_DATABASE_URL) expect(dump.via).toBe('pg_dump');

    const found: string[] = [];
    for (const [name, secret] of Object.entries(s.secrets)) {
      for (const form of encodedForms(secret)) {
        if (dump.text.includes(form)) found.push(`${name} in the ${dump.via} dump as ${form}`);
        if (logs.includes(form)) found.push(`${name} in the logs as ${form}`);
      }
    }
    // No run of the document's bytes (hex in bytea) either.
    for (let i = 0; i + 24 <= s.document.length; i += 24) {
      const run = s.document.subarray(i, i + 24).toString('hex');
      if (dump.text.includes(run)) found.push(`document bytes ${i}… in the dump`);
    }
    expect(found).toEqual([]);
  });
});
