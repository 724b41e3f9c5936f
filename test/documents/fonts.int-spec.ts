// Its own test file so the module registry (and so the font cache) starts empty.
import { renderAnnualReceipt } from '../../src/documents/annual-receipt';
import { renderDonationReceipt, type DonationReceiptData } from '../../src/documents/donation-receipt';
import { fontParseCount, loadFonts } from '../../src/documents/fonts';
import { THAI_FONT } from '../support/fonts';

const data: DonationReceiptData = {
  societyName: '笔架山街道救急难互助会',
  receiptNo: '2026-000001',
  donorName: '逄箐',
  donorKind: '个人',
  amountFen: 100000,
  receivedOn: '2026-11-29',
  channel: 'cash',
  purpose: '救急难互助金',
  cashierName: '王晓梅',
  issuedOn: '2026-11-29',
};

describe('fonts', () => {
  it('are parsed lazily, once per process, and reused by every document', async () => {
    expect(fontParseCount()).toBe(0); // importing the renderers parses nothing

    const coldStart = performance.now();
    await renderDonationReceipt(data);
    const cold = performance.now() - coldStart;
    expect(fontParseCount()).toBe(2); // Noto Sans SC 400 and 700

    const warmStart = performance.now();
    for (let i = 0; i < 5; i++) await renderDonationReceipt({ ...data, receiptNo: `2026-00000${i + 2}` });
    const warm = (performance.now() - warmStart) / 5;
    await renderAnnualReceipt({ ...data, year: 2026, gifts: [], totalFen: 0 });
    expect(fontParseCount()).toBe(2);
    // Timing is only reported: CI machines vary too much to assert on it.
    console.info(`receipt: first ${cold.toFixed(0)} ms (with font parse), then ${warm.toFixed(0)} ms each`);
  });

  it('parses a fallback font once per path', async () => {
    const before = fontParseCount();
    await renderDonationReceipt({ ...data, donorName: '张สมชาย' }, { fallbackFontPath: THAI_FONT });
    await renderDonationReceipt({ ...data, donorName: '张สมชาย' }, { fallbackFontPath: THAI_FONT });
    expect(fontParseCount()).toBe(before + 1);
    expect(loadFonts(THAI_FONT).fallback).toBe(loadFonts(THAI_FONT).fallback);
  });

  it('fails loudly on a bad fallback path and refuses WOFF', () => {
    expect(() => loadFonts('/nonexistent/font.ttf')).toThrow(/ENOENT/);
    expect(() => loadFonts('/some/font.woff2')).toThrow(/WOFF/);
  });
});
