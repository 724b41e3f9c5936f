import { loadFonts } from '../../src/documents/fonts';
import { type DonationReceiptData, renderDonationReceipt } from '../../src/documents/donation-receipt';
import { PLACEHOLDER } from '../../src/documents/glyph-runs';
import { embeddedFonts, pdfInfo, pdfText } from '../support/pdf-tools';
import { THAI_FONT } from '../support/fonts';

const receipt = (over: Partial<DonationReceiptData> = {}): DonationReceiptData => ({
  societyName: '笔架山街道救急难互助会',
  receiptNo: '2026-000001',
  donorName: '李明',
  donorKind: '个人',
  amountFen: 100000,
  receivedOn: '2026-11-29',
  channel: 'wechat',
  reference: null,
  purpose: '救急难互助金',
  note: null,
  cashierName: '王晓梅',
  issuedOn: '2026-11-30',
  voided: null,
  ...over,
});

async function render(data: DonationReceiptData, fallbackFontPath?: string) {
  const warnings: string[] = [];
  const pdf = await renderDonationReceipt(data, { fallbackFontPath, warn: (m) => warnings.push(m) });
  return { pdf, warnings, text: await pdfText(pdf) };
}

describe('donation receipt', () => {
  it('shows number, donor, amount in figures and 大写, dates, channel, purpose and society', async () => {
    const { pdf, text, warnings } = await render(receipt());
    expect(text).toMatch(/捐 ?赠 ?收 ?据/); // the heading is letter-spaced: a reader may copy spaces
    for (const expected of [
      '笔架山街道救急难互助会',
      '2026-000001',
      '李明',
      '¥1,000.00',
      '人民币壹仟元整',
      '2026年11月29日',
      '2026年11月30日',
      '微信',
      '救急难互助金',
      '王晓梅',
      '（盖章）',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('备注');
    expect(text).not.toContain('已作废');
    expect(warnings).toEqual([]);
    expect(await pdfInfo(pdf)).toMatchObject({
      pages: 1,
      title: '捐赠收据 2026-000001',
      author: 'Huzhu 互助',
    });
  });

  it.each([
    ['cash', '现金'],
    ['bank_transfer', '银行转账'],
    ['alipay', '支付宝'],
    ['other', '其他'],
  ] as const)('labels channel %s as %s, with the reference and note when given', async (channel, label) => {
    const { text } = await render(
      receipt({ channel, reference: 'HF-20261129-0087', note: '指定用于大病救助' }),
    );
    expect(text).toContain(label);
    expect(text).toContain('HF-20261129-0087');
    expect(text).toContain('备注');
    expect(text).toContain('指定用于大病救助');
  });

  it('draws rare but covered names (逄箐) with real glyphs, no placeholder and no warning', async () => {
    const { regular, bold } = loadFonts();
    for (const cp of [0x9004, 0x7b90]) {
      expect(regular.hasGlyphForCodePoint(cp)).toBe(true);
      expect(bold.hasGlyphForCodePoint(cp)).toBe(true);
    }
    const { text, warnings } = await render(receipt({ donorName: '逄箐' }));
    expect(warnings).toEqual([]);
    expect(text).toContain('逄箐');
    expect(text).not.toContain(PLACEHOLDER);
  });

  it('never drops a character no font has: placeholder plus one warning naming it (no fallback)', async () => {
    expect(loadFonts().regular.hasGlyphForCodePoint(0x2000b)).toBe(false);
    const { text, warnings } = await render(receipt({ donorName: '张𠀋', note: '𠀋 again' }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('U+2000B');
    expect(warnings[0]).not.toContain('张'); // names stay out of logs
    expect(text).toContain(`张${PLACEHOLDER}`);
    expect(text).not.toContain('𠀋');
  });

  // Noto Sans SC has no Thai; Noto Sans Thai (an npm TTF) stands in for any PDF_FALLBACK_FONT.
  it('without a fallback font, draws Thai as placeholders and warns with the code points', async () => {
    expect(loadFonts().regular.hasGlyphForCodePoint(0x0e2a)).toBe(false); // ส
    const { text, warnings } = await render(receipt({ donorName: 'สมชาย' }));
    const codePoints = ['U+0E2A', 'U+0E21', 'U+0E0A', 'U+0E32', 'U+0E22'];
    expect(warnings).toHaveLength(codePoints.length); // one per missing character
    codePoints.forEach((cp, i) => expect(warnings[i]).toContain(cp));
    for (const warning of warnings) expect(warning).not.toMatch(/[\u0e00-\u0e7f]/); // names stay out of logs
    expect(text).toContain(PLACEHOLDER.repeat(5));
    expect(text).not.toContain('ส');
  });

  it('draws what Noto Sans SC lacks with the PDF_FALLBACK_FONT, embedding both fonts', async () => {
    expect(loadFonts(THAI_FONT).fallback?.hasGlyphForCodePoint(0x0e2a)).toBe(true);
    const { pdf, text, warnings } = await render(
      receipt({ donorName: '李สมชาย', note: 'ใจดี 捐款' }),
      THAI_FONT,
    );
    expect(warnings).toEqual([]);
    expect(text).toContain('李สมชาย');
    expect(text).toContain('ใจดี 捐款');
    expect(text).not.toContain(PLACEHOLDER);
    expect(await embeddedFonts(pdf)).toEqual(
      expect.arrayContaining(['NotoSansSC-Regular', 'NotoSansSC-Bold', 'NotoSansThai-Regular']),
    );
  });

  it('still shows a placeholder for what the fallback font lacks too (𠀋 U+2000B)', async () => {
    const { text, warnings } = await render(receipt({ donorName: 'สม𠀋' }), THAI_FONT);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('U+2000B');
    expect(warnings[0]).not.toContain('U+0E2A');
    expect(text).toContain(`สม${PLACEHOLDER}`);
  });

  it('marks a voided receipt 已作废 with the date and reason', async () => {
    const voided = { on: '2026-12-01', reason: '金额录入错误' };
    const { text } = await render(receipt({ voided }));
    expect(text).toContain('已作废');
    expect(text).toContain('2026年12月1日');
    expect(text).toContain('金额录入错误');
  });

  it('wraps a long note inside its cell without losing any of it', async () => {
    const note = '此笔捐款由社区居民自发募集，'.repeat(8) + 'ABC-123 end.';
    const { pdf } = await render(receipt({ note }));
    expect((await pdfText(pdf)).replace(/\s+/g, '')).toContain(note.replace(/\s+/g, ''));
    expect((await pdfInfo(pdf)).pages).toBe(1);
  });

  it('gives the same bytes for the same input (fixed dates, no clock)', async () => {
    const [a, b] = await Promise.all([render(receipt()), render(receipt())]);
    expect(a.pdf.equals(b.pdf)).toBe(true);
  });
});
