// Words and dates as printed on Chinese documents.

export type Channel = 'cash' | 'bank_transfer' | 'wechat' | 'alipay' | 'other';

export const CHANNEL_LABELS: Record<Channel, string> = {
  cash: '现金',
  bank_transfer: '银行转账',
  wechat: '微信',
  alipay: '支付宝',
  other: '其他',
};

export function channelLabel(channel: Channel): string {
  const label = CHANNEL_LABELS[channel] as string | undefined;
  // Data arrives from the database as a plain string; an unknown value is a bug, not a blank cell.
  if (!label) throw new RangeError(`unknown payment channel: ${String(channel)}`);
  return label;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * '2026-11-29' → '2026年11月29日'. The date is already in the society's time zone, so no Date
 * object (and no UTC shift) is involved. Months and days without leading zeros, as in 公文.
 */
export function formatCnDate(isoDate: string): string {
  const m = ISO_DATE.exec(isoDate);
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (!m || !isRealDate(year, month, day)) throw new RangeError(`not a YYYY-MM-DD date: ${isoDate}`);
  return `${year}年${month}月${day}日`;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}
