import { logCapture } from '../support/contract';
import { testIdNumber } from '../support/fixtures';
import { dumpAllRows, encodedForms } from '../support/plaintext-scan';
import { withTestApp } from '../support/test-app';

/**
 * DESIGN.md "Personal data": after a whole flow (file, edit, search, reveal, upload, download, a
 * refused request), no ID number, phone, address, bank account or document byte is in any column of
 * any table, nor in the logs.
 */
describe('Cases: no personal data in clear at rest or in the logs', () => {
  const log = logCapture();
  const t = withTestApp({ LOG_LEVEL: 'debug' }, { logStream: log.stream });

  const idNumber = testIdNumber('19720229', 417); // a leap day: a real date
  const phone = '13566778899';
  const address = '贵池区梅村镇秋江村七组 23 号';
  const accountNo = '6217002930104455667';
  const newPhone = '15800001234';
  // A document whose bytes are easy to recognise wherever they might end up.
  const marker = 'HUZHU-SECRET-DIAGNOSIS-7f3a9c';
  const pdf = Buffer.from(`%PDF-1.4\n% ${marker}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);

  it('keeps them encrypted after a flow', async () => {
    const soc = await t.fx.society();
    const created = await t.http
      .post(`${soc.url}/cases`)
      .set(soc.secretary.auth)
      .send({
        applicant: { name: '秋某某', idNumber, phone, address, householdSize: 3 },
        category: 'fire',
        description: '房屋失火',
        source: 'home_visit',
        requestedAmountFen: 500_000,
        payee: { name: '秋某某', bankName: '邮储银行', accountNo },
      })
      .expect(201);
    const cid = created.body.id as string;
    await t.http
      .patch(`${soc.url}/cases/${cid}`)
      .set(soc.secretary.auth)
      .send({ applicant: { name: '秋某某', idNumber, phone: newPhone, address } })
      .expect(200);
    await t.http
      .post(`${soc.url}/cases`)
      .set(soc.secretary.auth)
      .send({
        applicant: { name: '秋某某', idNumber, householdSize: 31 },
        category: 'fire',
        description: 'x',
        source: 'hotline',
        requestedAmountFen: 1,
      })
      .expect(400);
    const found = await t.http.get(`${soc.url}/cases`).query({ q: idNumber }).set(soc.board.auth).expect(200);
    expect(found.body.items).toHaveLength(1);
    const revealed = await t.http.post(`${soc.url}/cases/${cid}/reveal`).set(soc.secretary.auth).expect(200);
    expect(revealed.body.applicant.idNumber).toBe(idNumber); // the flow did see the data
    const up = await t.http
      .post(`${soc.url}/cases/${cid}/attachments`)
      .set(soc.secretary.auth)
      .field('kind', 'diagnosis')
      .attach('file', pdf, { filename: `${marker}.pdf`, contentType: 'application/pdf' })
      .expect(201);
    await t.http.get(`${soc.url}/cases/${cid}/attachments/${up.body.id}`).set(soc.board.auth).expect(200);

    const db = await dumpAllRows(t.db);
    const logs = log.text();
    expect(db).toContain(cid); // the dump did read the cases
    expect(logs).toContain('request completed'); // the log was captured
    const secrets = [idNumber, phone, newPhone, address, accountNo, marker];
    for (const secret of secrets) {
      for (const form of encodedForms(secret)) {
        expect({ secret, form, inDatabase: db.includes(form) }).toEqual({ secret, form, inDatabase: false });
        expect({ secret, form, inLogs: logs.includes(form) }).toEqual({ secret, form, inLogs: false });
      }
    }
    // No run of the document's bytes (hex in bytea) either.
    expect(db.includes(pdf.subarray(0, 32).toString('hex'))).toBe(false);
  });
});
