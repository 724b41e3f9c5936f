import { existsSync } from 'node:fs';
import { loadFonts } from '../../src/documents/fonts';
import { type DonationReceiptData, renderDonationReceipt } from '../../src/documents/donation-receipt';
import { PLACEHOLDER } from '../../src/documents/glyph-runs';
import { embeddedFonts, pdfInfo, pdfText } from './pdf-tools';

const HANAZONO = '/usr/share/fonts/truetype/hanazono/HanaMinA.ttf'; // Debian fonts-hanazono

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
  return { pdf, warnings, text: pdfText(pdf) };
}

describe('donation receipt', () => {
  it('shows number, donor, amount in figures and 大写, dates, channel, purpose and society', async () => {
    const { pdf, text, warnings } = await render(receipt());
    for (const expected of [
      '捐赠收据',
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
    expect(pdfInfo(pdf)).toMatchObject({ Pages: '1', Title: '捐赠收据 2026-000001', Author: 'Huzhu 互助' });
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

  it('draws Extension B characters with the PDF_FALLBACK_FONT, embedding both fonts', async () => {
    expect(existsSync(HANAZONO)).toBe(true); // `apt-get install fonts-hanazono` (.ci/run does)
    expect(loadFonts(HANAZONO).fallback?.hasGlyphForCodePoint(0x2000b)).toBe(true);
    const { pdf, text, warnings } = await render(receipt({ donorName: '张𠀋' }), HANAZONO);
    expect(warnings).toEqual([]);
    expect(text).toContain('张𠀋');
    expect(text).not.toContain(PLACEHOLDER);
    expect(embeddedFonts(pdf)).toEqual(
      expect.arrayContaining(['NotoSansSC-Regular', 'NotoSansSC-Bold', 'HanaMinA']),
    );
    expect(new Set(embeddedFonts(pdf)).size).toBeGreaterThanOrEqual(2);
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
    expect(pdfText(pdf).replace(/\s+/g, '')).toContain(note.replace(/\s+/g, ''));
    expect(pdfInfo(pdf).Pages).toBe('1');
  });

  it('gives the same bytes for the same input (fixed dates, no clock)', async () => {
    const [a, b] = await Promise.all([render(receipt()), render(receipt())]);
    expect(a.pdf.equals(b.pdf)).toBe(true);
  });
});
