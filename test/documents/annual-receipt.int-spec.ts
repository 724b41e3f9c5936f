import {
  type AnnualGift,
  type AnnualReceiptData,
  renderAnnualReceipt,
} from '../../src/documents/annual-receipt';
import { pdfInfo, pdfPages, pdfText } from '../support/pdf-tools';

const CHANNELS = ['cash', 'bank_transfer', 'wechat', 'alipay', 'other'] as const;

function gifts(count: number): AnnualGift[] {
  return Array.from({ length: count }, (_, i) => ({
    receiptNo: `2026-${String(i + 1).padStart(6, '0')}`,
    receivedOn: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    channel: CHANNELS[i % CHANNELS.length]!,
    amountFen: 10000 + i,
  }));
}

const annual = (list: AnnualGift[], over: Partial<AnnualReceiptData> = {}): AnnualReceiptData => ({
  societyName: '笔架山街道救急难互助会',
  donorName: '逄箐',
  year: 2026,
  gifts: list,
  totalFen: list.reduce((sum, g) => sum + g.amountFen, 0),
  issuedOn: '2026-12-31',
  cashierName: '王晓梅',
  ...over,
});

describe('annual receipt', () => {
  it('lists every gift and the total in figures and 大写', async () => {
    const list: AnnualGift[] = [
      { receiptNo: '2026-000003', receivedOn: '2026-03-08', channel: 'cash', amountFen: 100000 },
      { receiptNo: '2026-000017', receivedOn: '2026-06-01', channel: 'wechat', amountFen: 50000 },
      { receiptNo: '2026-000042', receivedOn: '2026-11-29', channel: 'bank_transfer', amountFen: 456 },
    ];
    const warnings: string[] = [];
    const pdf = await renderAnnualReceipt(annual(list), { warn: (m) => warnings.push(m) });
    const text = await pdfText(pdf);
    expect(text).toMatch(/年 ?度 ?捐 ?赠 ?证 ?明/); // the heading is letter-spaced: a reader may copy spaces
    for (const expected of [
      '2026年度',
      '笔架山街道救急难互助会',
      '逄箐',
      '2026-000003',
      '2026年3月8日',
      '现金',
      '¥1,000.00',
      '2026-000017',
      '2026年6月1日',
      '微信',
      '¥500.00',
      '2026-000042',
      '2026年11月29日',
      '银行转账',
      '¥4.56',
      '¥1,504.56',
      '人民币壹仟伍佰零肆元伍角陆分',
      '2026年12月31日',
      '王晓梅',
      '（盖章）',
    ]) {
      expect(text).toContain(expected);
    }
    expect(warnings).toEqual([]);
    expect((await pdfInfo(pdf)).pages).toBe(1);
  });

  it('flows 80 gifts over several pages, repeating the table header on each', async () => {
    const list = gifts(80);
    const pdf = await renderAnnualReceipt(annual(list));
    const pages = await pdfPages(pdf);
    expect((await pdfInfo(pdf)).pages).toBeGreaterThanOrEqual(2);
    expect(pages.length).toBe((await pdfInfo(pdf)).pages);
    const withTable = pages.filter((page) => page.includes('2026-0000'));
    expect(withTable.length).toBeGreaterThanOrEqual(2);
    for (const page of withTable) {
      for (const header of ['序号', '收据编号', '收款日期', '收款方式', '金额（元）'])
        expect(page).toContain(header);
    }
    const text = pages.join('\n');
    for (const gift of list) expect(text).toContain(gift.receiptNo);
    expect(text).toMatch(new RegExp(`第\\s*1\\s*页\\s*/\\s*共\\s*${pages.length}\\s*页`));
  });

  it('refuses a total that is not the sum of the gifts', async () => {
    await expect(renderAnnualReceipt(annual(gifts(3), { totalFen: 1 }))).rejects.toThrow(RangeError);
  });

  it('issues a certificate for a year without gifts', async () => {
    const text = await pdfText(await renderAnnualReceipt(annual([], { cashierName: null })));
    expect(text).toContain('共0笔');
    expect(text).toContain('人民币零元整');
  });
});
