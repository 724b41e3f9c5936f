import { binaryBody as binary } from '../support/binary-body';
import { TestSociety, TestUser } from '../support/fixtures';
import { pdfText } from '../support/pdf-tools';
import { withTestApp } from '../support/test-app';

describe('Receipts (API.md "Donors and donations")', () => {
  const t = withTestApp();
  let s: TestSociety;
  let url: string;

  beforeAll(async () => {
    s = await t.fx.society({ displayNames: { treasurer: '钱出纳' } });
    url = s.url;
  });

  const get = (path: string, who: TestUser = s.treasurer) =>
    t.http
      .get(path)
      .set(who.auth)
      .buffer(true)
      .parse(binary as never);

  it('renders the donation receipt with number, donor, amount in figures and 大写, date, channel and cashier', async () => {
    const donor = await t.fx.donor(s, { name: '逄箐' });
    const gift = await t.fx.donation(s, { donor, amountFen: 100000, channel: 'wechat' });
    const res = await get(`${url}/donations/${gift.id}/receipt.pdf`).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="receipt-${gift.receiptNo}.pdf"`);
    const body = res.body as Buffer;
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(body);
    for (const expected of [
      gift.receiptNo,
      '逄箐',
      '人民币壹仟元整',
      '¥1,000.00',
      '2026年11月29日',
      '微信',
      '钱出纳',
      '救急难互助金',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('□');
  });

  it('marks a voided receipt 已作废 with the reason', async () => {
    const donor = await t.fx.donor(s, { name: '王五' });
    const gift = await t.fx.donation(s, { donor, amountFen: 500, channel: 'cash' });
    await t.fx.voidDonation(s, gift, '金额录错');
    const text = await pdfText(
      (await get(`${url}/donations/${gift.id}/receipt.pdf`, s.supervisor).expect(200)).body as Buffer,
    );
    expect(text).toContain('已作废');
    expect(text).toContain('金额录错');
  });

  it('renders the annual receipt with every recorded gift of the year and the total in 大写', async () => {
    const donor = await t.fx.donor(s, { name: '欧阳锋', kind: 'enterprise' });
    const a = await t.fx.donation(s, { donor, amountFen: 100000, channel: 'bank_transfer' });
    const b = await t.fx.donation(s, { donor, amountFen: 50000, channel: 'cash' });
    const c = await t.fx.donation(s, { donor, amountFen: 456, channel: 'alipay' });
    const voided = await t.fx.donation(s, { donor, amountFen: 99900, channel: 'cash' });
    await t.fx.voidDonation(s, voided, '重复');
    const res = await get(`${url}/donors/${donor.id}/annual-receipt.pdf?year=2026`, s.secretary).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(res.body as Buffer);
    for (const expected of [
      '欧阳锋',
      '2026',
      a.receiptNo,
      b.receiptNo,
      c.receiptNo,
      '人民币壹仟伍佰零肆元伍角陆分',
      '¥1,504.56',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain(voided.receiptNo);
  });

  it('answers 404 for a year without gifts, 400 for a bad year, 404 for unknown ids and other societies', async () => {
    const donor = await t.fx.donor(s);
    await get(`${url}/donors/${donor.id}/annual-receipt.pdf?year=2025`).expect(404);
    await t.http
      .get(`${url}/donors/${donor.id}/annual-receipt.pdf?year=abc`)
      .set(s.treasurer.auth)
      .expect(400);
    await t.http.get(`${url}/donors/${donor.id}/annual-receipt.pdf`).set(s.treasurer.auth).expect(400);
    await t.http
      .get(`${url}/donations/00000000-0000-4000-8000-000000000000/receipt.pdf`)
      .set(s.treasurer.auth)
      .expect(404);
    const other = await t.fx.society({ roles: ['treasurer'] });
    const foreign = await t.fx.donation(other, { amountFen: 100 });
    await t.http.get(`${url}/donations/${foreign.id}/receipt.pdf`).set(s.treasurer.auth).expect(404);
    await t.http
      .get(`/api/v1/societies/${other.id}/donations/${foreign.id}/receipt.pdf`)
      .set(s.treasurer.auth)
      .expect(403);
  });

  it('is for the roles that read donations', async () => {
    const gift = await t.fx.donation(s, { amountFen: 100 });
    for (const who of [s.board, s.collector, t.admin]) {
      await t.http.get(`${url}/donations/${gift.id}/receipt.pdf`).set(who.auth).expect(403);
    }
  });
});
