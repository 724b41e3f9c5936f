// A full scenario touching every kind of personal data the service stores, driven over HTTP as real
// callers would (so it passes through the request logs): a case with ID number, phone, address and
// bank account and a supporting document, a donor and a user with phones, an objection with contact,
// a lead from a monitoring platform. Shared by the plaintext scan and the key-rotation test.
import { intakeKey } from './lead-fixtures';
import { paidCase, publish } from './disclosure-fixtures';
import { testIdNumber, unique, type TestSociety } from './fixtures';
import type { TestContext } from './test-app';

export interface PiiScenario {
  soc: TestSociety<'secretary' | 'treasurer' | 'board'>;
  caseId: string;
  /** A case of another applicant, paid and on a notice (its ID number is the fixtures'). */
  paidCaseId: string;
  attachmentId: string;
  donorId: string;
  leadId: string;
  /** Every personal value written, each of which must never sit in clear at rest or in a log. */
  secrets: Record<string, string>;
  /** The supporting document's bytes. */
  document: Buffer;
}

let n = 0;

export async function piiScenario(t: TestContext): Promise<PiiScenario> {
  n++;
  const soc = await t.fx.society({ board: 3 });
  const secrets = {
    idNumber: testIdNumber('19640521', 300 + n),
    phone: `1356677${String(1000 + n).padStart(4, '0')}`,
    address: `贵池区梅村镇秋江村七组 ${20 + n} 号`,
    accountNo: `62170029301044${String(10000 + n)}`,
    donorPhone: `1399988${String(2000 + n).padStart(4, '0')}`,
    userPhone: `1377766${String(3000 + n).padStart(4, '0')}`,
    objectorName: `举报人${'甲乙丙丁戊'[n % 5]}某`,
    objectorPhone: `1588877${String(4000 + n).padStart(4, '0')}`,
    phoneInObjection: `1501234${String(6000 + n).padStart(4, '0')}`,
    healthIndicator: `确诊尿毒症${n}期，自付 ${52000 + n} 元`,
    leadIdNumber: testIdNumber('19790812', 500 + n),
    leadPhone: `1866655${String(5000 + n).padStart(4, '0')}`,
    leadAddress: `池州市秋浦街道月亮湖小区 ${n} 栋 302 室`,
    documentMarker: `HUZHU-DOC-MARKER-${n}-c0ffee`,
  };
  const document = Buffer.from(
    `%PDF-1.4\n% ${secrets.documentMarker}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`,
  );

  const created = await t.http
    .post(`${soc.url}/cases`)
    .set(soc.secretary.auth)
    .send({
      applicant: {
        name: '秋某某',
        idNumber: secrets.idNumber,
        phone: secrets.phone,
        address: secrets.address,
      },
      category: 'fire',
      description: '房屋失火',
      source: 'home_visit',
      requestedAmountFen: 50_000,
      payee: { name: '秋某某', bankName: '邮储银行', accountNo: secrets.accountNo },
    })
    .expect(201);
  const caseId = created.body.id as string;
  const up = await t.http
    .post(`${soc.url}/cases/${caseId}/attachments`)
    .set(soc.secretary.auth)
    .field('kind', 'diagnosis')
    .attach('file', document, { filename: 'diagnosis.pdf', contentType: 'application/pdf' })
    .expect(201);
  await t.http.post(`${soc.url}/cases/${caseId}/reveal`).set(soc.secretary.auth).expect(200);
  await t.http.get(`${soc.url}/cases`).query({ q: secrets.idNumber }).set(soc.board.auth).expect(200);

  const donor = await t.http
    .post(`${soc.url}/donors`)
    .set(soc.treasurer.auth)
    .send({ kind: 'individual', name: '爱心居民王某', phone: secrets.donorPhone })
    .expect(201);
  await t.http.get(`${soc.url}/donors`).query({ q: secrets.donorPhone }).set(soc.treasurer.auth).expect(200);
  await t.http
    .post('/api/v1/users')
    .set(t.admin.auth)
    .send({
      username: unique('pii_'),
      password: 'a long passphrase',
      displayName: '乙',
      phone: secrets.userPhone,
    })
    .expect(201);

  await t.fx.donation(soc, { amountFen: 100_000 });
  const paid = await paidCase(t, soc, { amountFen: 10_000 });
  const notice = await publish(t, soc, [paid.id]);
  await t.http
    .post(`/api/v1/public/disclosures/${notice.id}/objections`)
    .send({
      content: '该户情况与公示不符',
      contactName: secrets.objectorName,
      contactPhone: secrets.objectorPhone,
    })
    .expect(201);

  const { key } = await intakeKey(t, soc);
  const lead = await t.http
    .post('/api/v1/intake/warnings')
    .set('Authorization', `ApiKey ${key}`)
    .send({
      externalId: unique('CZ-'),
      subject: {
        name: '范某某',
        idNumber: secrets.leadIdNumber,
        phone: secrets.leadPhone,
        address: secrets.leadAddress,
      },
      indicators: [{ code: 'MEDICAL_OOP_HIGH', label: '医疗费用自付比例高', value: secrets.healthIndicator }],
      observedAt: '2026-11-28T09:30:00+08:00',
    })
    .expect(201);
  await t.http.get(`${soc.url}/leads`).set(soc.secretary.auth).expect(200);

  return {
    soc,
    caseId,
    paidCaseId: paid.id,
    attachmentId: up.body.id as string,
    donorId: donor.body.id as string,
    leadId: lead.body.leadId as string,
    secrets,
    document,
  };
}
