// Money in the console: integer fen everywhere, yuan only on screen. 大写 comes from the server's own
// rule (src/common/money/capitals.ts), so the form shows exactly what the receipt and notice print.
import { toCapitals } from '../../../src/common/money/capitals';
import { MAX_FEN } from '../../../src/common/money/fen';

/** Fen as yuan with two decimals and separators: 123456 → "1,234.56". */
export function yuan(fen: number): string {
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** "¥1,234.56". */
export function money(fen: number): string {
  return `¥${yuan(fen)}`;
}

/**
 * Yuan as typed ("1000", "1,000.5", "１２.３４") → fen, or null when it is not an amount of at most two
 * decimals within the server's bounds (1 fen … 10^12 fen). No floating point: digits are joined.
 */
export function parseYuan(text: string): number | null {
  const plain = text
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[,，\s¥￥元]/g, '');
  const m = /^(\d{1,11})(?:\.(\d{0,2}))?$/.exec(plain);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return fen >= 1 && fen <= MAX_FEN ? fen : null;
}

/** 大写 with the 人民币 prefix, or '' for no amount. */
export function capitals(fen: number | null): string {
  return fen === null ? '' : `人民币${toCapitals(fen)}`;
}
