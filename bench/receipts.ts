// Receipt rendering speed: the first receipt pays for parsing the fonts, the rest should not.
import { performance } from 'node:perf_hooks';
import { type DonationReceiptData, renderDonationReceipt } from '../src/documents/donation-receipt';

export interface ReceiptBench {
  firstMs: number;
  warm: { count: number; meanMs: number; medianMs: number; p95Ms: number };
  rssMiB: number;
  bytes: number;
}

function receipt(i: number): DonationReceiptData {
  return {
    societyName: '合肥市蜀山区笔架山街道救急难互助会',
    receiptNo: `2026-${String(i + 1).padStart(6, '0')}`,
    donorName: i % 2 ? '逄箐' : '爱心人士',
    donorKind: '个人',
    amountFen: 100000 + i * 37,
    receivedOn: '2026-11-29',
    channel: 'bank_transfer',
    reference: `HF20261129-${i}`,
    purpose: '救急难互助金',
    note: i % 3 ? null : '请用于本社区因病致困家庭的临时救助。',
    cashierName: '王晓梅',
    issuedOn: '2026-11-29',
  };
}

export async function benchReceipts(warmCount: number): Promise<ReceiptBench> {
  let start = performance.now();
  const first = await renderDonationReceipt(receipt(0));
  const firstMs = performance.now() - start;

  const times: number[] = [];
  for (let i = 1; i <= warmCount; i++) {
    start = performance.now();
    await renderDonationReceipt(receipt(i));
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] ?? NaN;
  return {
    firstMs,
    warm: {
      count: times.length,
      meanMs: times.reduce((a, b) => a + b, 0) / times.length,
      medianMs: at(0.5),
      p95Ms: at(0.95),
    },
    rssMiB: process.memoryUsage().rss / 2 ** 20,
    bytes: first.length,
  };
}
