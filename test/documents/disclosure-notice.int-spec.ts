import { formatFen } from '../../src/common/money/fen';
import {
  type DisclosureNoticeData,
  type DisclosureNoticeItem,
  renderDisclosureNotice,
} from '../../src/documents/disclosure-notice';
import { pdfInfo, pdfPages, pdfText, readQrCodes } from '../support/pdf-tools';

const PUBLIC_URL = 'http://localhost:3000/p/disclosures/0b6f1c52-2a6e-4c59-9d0c-7d1b8a3e4f21';
const NAMES = ['小范（化名）', '张*', '某未成年人', '欧阳**', '小逄（化名）'];
const CATEGORIES = ['因病', '意外事故', '火灾', '自然灾害', '突发困难'];

function items(count: number): DisclosureNoticeItem[] {
  return Array.from({ length: count }, (_, i) => ({
    caseNo: `2026-${String(i + 1).padStart(4, '0')}`,
    displayName: NAMES[i % NAMES.length]!,
    categoryLabel: CATEGORIES[i % CATEGORIES.length]!,
    amountFen: 50_000 + i * 10_001,
    approvedOn: `2026-11-${String(1 + (i % 20)).padStart(2, '0')}`,
    paidOn: `2026-11-${String(2 + (i % 20)).padStart(2, '0')}`,
    vote: { eligible: 9, cast: 8, approve: 7 },
  }));
}

const notice = (
  list: DisclosureNoticeItem[],
  over: Partial<DisclosureNoticeData> = {},
): DisclosureNoticeData => ({
  societyName: '笔架山街道救急难互助会',
  noticeNo: '2026-001',
  publishedOn: '2026-11-29',
  periodFrom: '2026-11-29',
  periodTo: '2026-12-05',
  items: list,
  totalFen: list.reduce((sum, item) => sum + item.amountFen, 0),
  note: null,
  contactPhone: '0566-2021234',
  publicUrl: PUBLIC_URL,
  checkCode: '3fa9c2e01b7d',
  auditHead: { seq: 128, hashPrefix: '9e01c4d2aa57' },
  ...over,
});

async function render(data: DisclosureNoticeData) {
  const warnings: string[] = [];
  const pdf = await renderDisclosureNotice(data, { warn: (m) => warnings.push(m) });
  return { pdf, warnings, text: await pdfText(pdf) };
}

/** Text with the line breaks of wrapped cells and lines removed (a long value may wrap). */
const unwrapped = (text: string) => text.replace(/[\n\f]/g, '');

describe('disclosure notice', () => {
  it('prints the notice number, the items, the total in figures and 大写, the period, check code and audit head', async () => {
    const list: DisclosureNoticeItem[] = [
      {
        caseNo: '2026-0007',
        displayName: '小范（化名）',
        categoryLabel: '因病',
        amountFen: 100_000,
        approvedOn: '2026-11-20',
        paidOn: '2026-11-21',
        vote: { eligible: 9, cast: 8, approve: 7 },
      },
      {
        caseNo: '2026-0011',
        displayName: '张*',
        categoryLabel: '意外事故',
        amountFen: 50_456,
        approvedOn: '2026-11-24',
        paidOn: '2026-11-25',
        vote: { eligible: 7, cast: 7, approve: 5 },
      },
    ];
    const { pdf, text, warnings } = await render(notice(list, { note: '第2号案件另有民政临时救助。' }));
    expect(text).toMatch(/救 ?急 ?难 ?互 ?助 ?金 ?救 ?助 ?公 ?示/); // letter-spaced title
    for (const expected of [
      '笔架山街道救急难互助会',
      '公示编号：2026-001',
      '公布日期：2026年11月29日',
      '2026-0007',
      '小范（化名）',
      '因病',
      '¥1,000.00',
      '2026-0011',
      '张*',
      '意外事故',
      '¥504.56',
      '¥1,504.56',
      '人民币壹仟伍佰零肆元伍角陆分',
      '共2人次',
      '公示期：2026年11月29日至2026年12月5日',
      '监事会',
      '电话：0566-2021234',
      '校验码：3fa9c2e01b7d',
      '审计链：第128条 9e01c4d2aa57',
      '备注：第2号案件另有民政临时救助。',
      '公示单位：笔架山街道救急难互助会',
      '（盖章）',
    ]) {
      expect(text).toContain(expected);
    }
    // Each table cell on its own lines: the dates break after the year, the vote after the turnout.
    const cells = unwrapped(text);
    for (const expected of ['2026年11月20日', '2026年11月21日', '2026年11月24日', '2026年11月25日']) {
      expect(cells).toContain(expected);
    }
    expect(cells).toContain('9人中8人参加，7人同意');
    expect(cells).toContain('7人中7人参加，5人同意');
    expect(cells).toContain(PUBLIC_URL);
    expect(warnings).toEqual([]);
    expect(await pdfInfo(pdf)).toMatchObject({
      pages: 1,
      title: '救助公示 2026-001',
      subject: '笔架山街道救急难互助会',
    });
  });

  it('carries a QR code that reads back as the public page address', async () => {
    const { pdf } = await render(notice(items(1)));
    expect(await readQrCodes(pdf)).toEqual([{ page: 1, data: PUBLIC_URL }]);
  });

  it('keeps a 20-item notice under 200 KiB, its QR code still readable', async () => {
    const { pdf, text } = await render(notice(items(20)));
    expect(pdf.length).toBeLessThanOrEqual(200 * 1024);
    for (const item of items(20)) expect(text).toContain(item.caseNo);
    const codes = await readQrCodes(pdf);
    expect(codes.map((code) => code.data)).toEqual([PUBLIC_URL]);
    expect(codes[0]!.page).toBe((await pdfInfo(pdf)).pages);
  });

  it('flows 50 items over several pages, the table header repeated, every item present', async () => {
    const list = items(50);
    const { pdf } = await render(notice(list));
    const pages = await pdfPages(pdf);
    const withItems = pages.filter((page) => /2026-00\d\d/.test(page));
    expect(withItems.length).toBeGreaterThanOrEqual(2);
    for (const page of withItems) {
      for (const header of [
        '序号',
        '案件编号',
        '受助人',
        '救助类别',
        '救助金额',
        '批准日期',
        '发放日期',
        '表决结果',
      ])
        expect(page).toContain(header);
    }
    const text = pages.join('\n');
    for (const item of list) {
      expect(text).toContain(item.caseNo);
      expect(text).toContain(formatFen(item.amountFen));
    }
    expect(text).toContain(formatFen(notice(list).totalFen));
    expect(text).toContain('共50人次');
    expect(text).toMatch(new RegExp(`第\\s*1\\s*页\\s*/\\s*共\\s*${pages.length}\\s*页`));
    expect((await readQrCodes(pdf)).map((code) => code.data)).toEqual([PUBLIC_URL]);
  });

  it('prints a display name as the characters it holds, markup included', async () => {
    const list = items(2);
    list[1] = { ...list[1]!, displayName: '<script>alert(1)</script>' };
    const { text } = await render(notice(list));
    expect(unwrapped(text)).toContain('<script>alert(1)</script>');
  });

  it('leaves out the phone line when the society has no phone, and the note when there is none', async () => {
    const { text } = await render(notice(items(1), { contactPhone: null, note: null }));
    expect(text).not.toContain('电话');
    expect(text).not.toContain('备注');
    expect(text).toContain('网上：扫描右侧二维码');
  });

  it.each([
    ['no items', notice([])],
    ['51 items', notice(items(51))],
    ['a total that is not the sum of the items', notice(items(3), { totalFen: 1 })],
    [
      'a period that ends before it starts',
      notice(items(1), { periodFrom: '2026-12-05', periodTo: '2026-11-29' }),
    ],
    ['a date that does not exist', notice([{ ...items(1)[0]!, paidOn: '2026-11-31' }])],
  ])('refuses %s', async (_, data) => {
    await expect(renderDisclosureNotice(data)).rejects.toThrow(RangeError);
  });
});
