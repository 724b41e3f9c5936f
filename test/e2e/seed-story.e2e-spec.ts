import { logCapture } from '../support/contract';
import { testIdNumber } from '../support/fixtures';
import { dumpAllRows, encodedForms } from '../support/plaintext-scan';
import { withTestApp } from '../support/test-app';

/**
 * The seed's story, end to end through HTTP (issue 8): a secretary hears at a home visit that a
 * resident's leukaemia has worsened and files a case with a photo of the diagnosis; the board meets
 * that evening and 6 of 9 raise hands — some recorded by the secretary, some cast from phones — and
 * the motion is decided the moment the outcome cannot change; the cashier pays 1,000 yuan the next
 * morning; the fund reconciles; and no personal data is left in clear in the database or the logs.
 */
describe('The seed: filed after a home visit, voted that evening, paid the next morning', () => {
  const log = logCapture();
  const t = withTestApp({ LOG_LEVEL: 'debug' }, { logStream: log.stream });

  const idNumber = testIdNumber('19880716', 235);
  const phone = '13955660011';
  const address = '池州市贵池区秋浦街道某社区 5 栋 302';
  const accountNo = '6228480123456789012';
  // A PNG whose bytes are easy to recognise wherever they might end up.
  const marker = 'DIAGNOSIS-PHOTO-SEED-4d1e';
  const photo = Buffer.concat([
    Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
    Buffer.from(`tEXt${marker}`),
  ]);

  it('takes a case from filing to payment in a day, and the books reconcile', async () => {
    const soc = await t.fx.society({ board: 9 });
    await t.fx.donation(soc, { amountFen: 500_000 }); // 5,000 yuan from caring donors

    // Afternoon, after the home visit (Shanghai time): the secretary files from a phone.
    t.clock.set('2026-11-29T07:30:00Z'); // 15:30
    const filed = await t.http
      .post(`${soc.url}/cases`)
      .set(soc.secretary.auth)
      .send({
        applicant: { name: '范某某', idNumber, phone, address, householdSize: 3 },
        pseudonym: '小范',
        category: 'serious_illness',
        description: '白血病病情加重，无法工作，家庭收入中断',
        source: 'home_visit',
        requestedAmountFen: 100_000,
        payee: { name: '范某某', bankName: '中国农业银行池州分行', accountNo },
      })
      .expect(201);
    const cid = filed.body.id as string;
    expect(filed.body).toMatchObject({ status: 'draft', pseudonym: '小范', filedBy: soc.secretary.id });
    await t.http
      .post(`${soc.url}/cases/${cid}/attachments`)
      .set(soc.secretary.auth)
      .field('kind', 'diagnosis')
      .attach('file', photo, { filename: '诊断证明.png', contentType: 'image/png' })
      .expect(201);

    // Evening: the emergency meeting. The secretary opens a meeting vote on 1,000 yuan.
    t.clock.set('2026-11-29T11:00:00Z'); // 19:00
    const url = `${soc.url}/cases/${cid}/vote`;
    const opened = await t.http
      .post(url)
      .set(soc.secretary.auth)
      .send({ amountFen: 100_000, mode: 'meeting' })
      .expect(201);
    expect(opened.body.eligibleVoterIds).toHaveLength(9);
    const held = await t.http.get(`${soc.url}/fund`).set(soc.treasurer.auth).expect(200);
    expect([held.body.heldFen, held.body.availableFen]).toEqual([100_000, 400_000]);

    // Hands: three recorded by the secretary, three cast from the members' own phones.
    const [a, b, c, d, e, f] = soc.boardMembers;
    for (const member of [a, b, c]) {
      await t.http
        .post(`${url}/ballots`)
        .set(soc.secretary.auth)
        .send({ voterId: member.id, choice: 'approve' })
        .expect(201);
    }
    for (const member of [d, e]) {
      await t.http.post(`${url}/ballots`).set(member.auth).send({ choice: 'approve' }).expect(201);
    }
    const pending = await t.http.get(`${soc.url}/cases/${cid}`).set(soc.board.auth).expect(200);
    expect(pending.body.status).toBe('voting'); // 5 of 9: not yet decided
    await t.http.post(`${url}/ballots`).set(f.auth).send({ choice: 'approve' }).expect(201);

    // The sixth hand decides it (2/3 of 9 take part, 2/3 of them approve, whatever the rest do).
    const vote = await t.http.get(url).set(soc.secretary.auth).expect(200);
    expect(vote.body.tally).toMatchObject({ eligible: 9, cast: 6, approve: 6, outcome: 'approved' });
    expect(vote.body.ballots.filter((x: { mode: string }) => x.mode === 'meeting')).toHaveLength(3);
    const approved = await t.http.get(`${soc.url}/cases/${cid}`).set(soc.treasurer.auth).expect(200);
    expect(approved.body.status).toBe('approved');
    // A late hand is refused: the vote is closed.
    const late = await t.http
      .post(`${url}/ballots`)
      .set(soc.boardMembers[6].auth)
      .send({ choice: 'reject' })
      .expect(409);
    expect(late.body.code).toBe('VOTE_CLOSED');

    // Next morning the cashier pays from the bank (a retry with the same key changes nothing).
    t.clock.set('2026-11-30T01:30:00Z'); // 09:30
    const pay = () =>
      t.http
        .post(`${soc.url}/cases/${cid}/payment`)
        .set(soc.treasurer.auth)
        .set('Idempotency-Key', 'seed-payment-1')
        .send({ amountFen: 100_000, account: 'bank', reference: '农行转账' });
    const paid = await pay().expect(201);
    expect(paid.body).toMatchObject({ caseId: cid, amountFen: 100_000 });
    expect(new Date(paid.body.paidAt as string).toISOString()).toBe('2026-11-30T01:30:00.000Z');
    await pay().expect(201);

    const caseNow = await t.http.get(`${soc.url}/cases/${cid}`).set(soc.secretary.auth).expect(200);
    expect(caseNow.body.status).toBe('paid');
    expect(caseNow.body.timeline.map((x: { action: string }) => x.action)).toEqual([
      'created',
      'attach',
      'open_vote',
      'approve',
      'pay',
    ]);
    const fund = await t.http.get(`${soc.url}/fund`).set(soc.treasurer.auth).expect(200);
    expect(fund.body).toMatchObject({ balanceFen: 400_000, heldFen: 0, availableFen: 400_000 });
    expect(fund.body.totals).toMatchObject({ donatedFen: 500_000, aidPaidFen: 100_000 });
    const recon = await t.http.get(`${soc.url}/fund/reconciliation`).set(soc.treasurer.auth).expect(200);
    expect(recon.body.ok).toBe(true);
    const entries = await t.http.get(`${soc.url}/fund/entries`).set(soc.treasurer.auth).expect(200);
    expect(entries.body.items.filter((x: { kind: string }) => x.kind === 'aid_payment')).toHaveLength(1);
  });

  it('leaves no ID number, phone, address, bank account or photo byte in clear in the database or the logs', async () => {
    const db = await dumpAllRows(t.db);
    const logs = log.text();
    expect(db).toContain('小范'); // the dump did read the case
    expect(logs).toContain('request completed'); // the log was captured
    for (const secret of [idNumber, phone, address, accountNo, marker]) {
      for (const form of encodedForms(secret)) {
        expect({ secret, inDatabase: db.includes(form) }).toEqual({ secret, inDatabase: false });
        expect({ secret, inLogs: logs.includes(form) }).toEqual({ secret, inLogs: false });
      }
    }
    expect(db.includes(photo.subarray(0, 24).toString('hex'))).toBe(false);
  });
});
