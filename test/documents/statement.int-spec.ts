import { AppConfig } from '../../src/config/app-config';
import { DocumentsService } from '../../src/documents/documents.service';
import { renderStatement, type StatementDocData, type StatementGiftRow } from '../../src/documents/statement';
import { pdfInfo, pdfText } from '../support/pdf-tools';

function gifts(count: number, receipts: boolean): StatementGiftRow[] {
  return Array.from({ length: count }, (_, i) => ({
    entrySeq: i + 1,
    postedOn: `2026-11-${String((i % 30) + 1).padStart(2, '0')}`,
    receiptNo: receipts ? `2026-${String(i + 1).padStart(6, '0')}` : null,
    donorName: i % 2 ? '爱心人士' : '王大明',
    amountFen: 10_000 + i,
  }));
}

function data(over: Partial<StatementDocData> = {}): StatementDocData {
  const donations = over.donations ?? gifts(3, true);
  const aid = [
    {
      entrySeq: 90,
      postedOn: '2026-11-20',
      caseNo: '2026-0007',
      displayName: '小范（化名）',
      amountFen: 100_000,
    },
  ];
  const donatedFen = donations.reduce((s, g) => s + g.amountFen, 0);
  return {
    audience: 'internal',
    societyName: '笔架山街道救急难互助会',
    year: 2026,
    month: 11,
    from: '2026-11-01',
    to: '2026-11-30',
    issuedOn: '2026-12-01',
    openingBalanceFen: 200_000,
    closingBalanceFen: 200_000 + donatedFen - 100_000,
    donations,
    voids: [],
    aid,
    recoveries: [],
    totals: {
      donatedFen,
      voidedFen: 0,
      aidPaidFen: 100_000,
      recoveredFen: 0,
      netChangeFen: donatedFen - 100_000,
    },
    ...over,
  };
}

describe('monthly statement PDF', () => {
  it('prints every section, the totals in figures and 大写, and 本月无 for an empty one', async () => {
    const text = await pdfText(await renderStatement(data()));
    for (const expected of [
      '笔架山街道救急难互助会',
      '（2026年11月）',
      '报告期：2026年11月1日至2026年11月30日',
      '2026-000001',
      '王大明',
      '小范（化名）',
      '本月无。',
      '合计：人民币叁佰元零叁分', // 30,003 fen of gifts
      '期末余额（大写）',
      '人民币壹仟叁佰元零叁分', // 200,000 + 30,003 − 100,000
      '¥1,300.03',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('prints no receipt column in the public copy', async () => {
    const text = await pdfText(
      await renderStatement(data({ audience: 'public', donations: gifts(3, false) })),
    );
    expect(text).toContain('公开版');
    expect(text).not.toContain('收据编号');
    expect(text).not.toContain('2026-000001');
  });

  it('flows a long month over several pages', async () => {
    const pdf = await renderStatement(data({ donations: gifts(120, true) }));
    expect((await pdfInfo(pdf)).pages).toBeGreaterThan(2);
    expect(await pdfText(pdf)).toContain('2026-000120');
  });

  it('refuses figures that do not add up', async () => {
    await expect(renderStatement(data({ closingBalanceFen: 1 }))).rejects.toThrow(RangeError);
  });

  it('renders the public copy once for the same content, the internal one every time (kept nowhere)', async () => {
    const documents = new DocumentsService(new AppConfig());
    const pub = data({ audience: 'public', donations: gifts(2, false) });
    const first = await documents.statement(pub);
    expect(await documents.statement({ ...pub })).toBe(first);
    expect(await documents.statement({ ...pub, issuedOn: '2026-12-02' })).not.toBe(first);
    const internal = data();
    expect(await documents.statement(internal)).not.toBe(await documents.statement(internal));
  });
});
