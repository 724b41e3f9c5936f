// Money is always an integer number of fen (分): floats cannot represent 0.1 yuan exactly.

/** 10^12 fen = ¥10,000,000,000.00, far above any society's fund; bounds every amount we accept. */
export const MAX_FEN = 10 ** 12;

export function isFen(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 && x <= MAX_FEN;
}

export function isPositiveFen(x: unknown): x is number {
  return isFen(x) && x >= 1;
}

/** "¥1,004.56"; negatives (ledger differences) as "-¥1,004.56". */
export function formatFen(fen: number): string {
  const { negative, yuan, cents } = split(fen);
  return `${negative ? '-' : ''}¥${yuan.replace(/\B(?=(\d{3})+$)/g, ',')}.${cents}`;
}

/** "1004.56": plain decimal yuan for exports and payment files, no separators. */
export function fenToYuanString(fen: number): string {
  const { negative, yuan, cents } = split(fen);
  return `${negative ? '-' : ''}${yuan}.${cents}`;
}

// Integer arithmetic only: for a safe integer, /100 and %100 are exact.
function split(fen: number): { negative: boolean; yuan: string; cents: string } {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  const abs = Math.abs(fen);
  return {
    negative: fen < 0,
    yuan: String(Math.floor(abs / 100)),
    cents: String(abs % 100).padStart(2, '0'),
  };
}
