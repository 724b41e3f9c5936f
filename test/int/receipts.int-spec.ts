import { DonationsService } from '../../src/donors/donations.service';
import { ReceiptsService } from '../../src/donors/receipts.service';
import { pdfText } from '../support/pdf-tools';
import { withTestApp } from '../support/test-app';

/** Receipts date themselves by the Clock and the society's calendar, and name the cashier by UsersService. */
describe('ReceiptsService', () => {
  const t = withTestApp({}, { validateResponses: false });
  let receipts: ReceiptsService;
  let donations: DonationsService;

  beforeAll(() => {
    receipts = t.app.get(ReceiptsService);
    donations = t.app.get(DonationsService);
  });
  afterEach(() => t.clock.reset());

  async function society(timezone?: string) {
    const s = await t.fx.society({
      roles: ['treasurer'],
      displayNames: { treasurer: '孙出纳' },
      ...(timezone ? { timezone } : {}),
    });
    const donor = await t.fx.donor(s, { kind: 'individual', name: '赵六' });
    return { ...s, actor: s.treasurer, donorId: donor.id };
  }

  it('dates the donation receipt on the local day it was recorded, and voided, by the clock', async () => {
    const s = await society(); // Asia/Shanghai
    t.clock.set('2026-12-31T16:30:00Z'); // 2027-01-01 00:30 in Shanghai
    const gift = await t.run(() =>
      donations.record(
        s.id,
        { donorId: s.donorId, amountFen: 1200, channel: 'cash', receivedAt: '2026-12-30' },
        s.actor,
      ),
    );
    t.clock.set('2027-01-02T17:00:00Z'); // 2027-01-03 01:00 in Shanghai
    await t.run(() => donations.void(s.id, gift.id, { reason: '重复录入' }, s.actor));
    const text = await pdfText((await t.run(() => receipts.donationReceipt(s.id, gift.id))).pdf);
    expect(gift.receiptNo).toBe('2027-000001');
    for (const expected of [
      '开具日期：2027年1月1日',
      '2026年12月30日',
      '2027年1月3日',
      '孙出纳',
      '重复录入',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('issues the annual receipt on the clock’s day in the society’s time zone', async () => {
    const s = await society('America/New_York');
    t.clock.set('2026-12-31T12:00:00Z');
    await t.run(() =>
      donations.record(
        s.id,
        { donorId: s.donorId, amountFen: 800, channel: 'bank_transfer', receivedAt: '2026-12-31' },
        s.actor,
      ),
    );
    t.clock.set('2027-03-01T03:00:00Z'); // still 2027-02-28 in New York
    const text = await pdfText((await t.run(() => receipts.annualReceipt(s.id, s.donorId, 2026))).pdf);
    expect(text).toContain('开具日期：2027年2月28日');
  });
});
