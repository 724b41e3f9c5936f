// 中文大写金额 as written on receipts and notices (支付结算办法 / 会计基础工作规范 rules).
import { MAX_FEN } from './fen';

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
// Up to 10^12 fen = 10^10 yuan = 壹佰亿, so 亿 is the largest group unit we need.
const GROUP_UNITS = ['', '万', '亿'];

/**
 * 大写 of an amount in fen, without the "人民币" prefix.
 *
 * Choices where the rules allow either form:
 * - A leading ten is written 壹拾 (壹拾万元整), as accounting requires, never bare 拾.
 * - A run of zeros inside the yuan part is one 零, also across a 万/亿 boundary (壹拾万零叁仟元整).
 * - A zero 元 digit before a non-zero 角 gets no 零 (壹仟陆佰捌拾元叁角贰分): 元 already marks it.
 * - A zero 角 before a non-zero 分 always gets 零 (壹元零伍分), as the rules require.
 * - Under one yuan the 元 part is omitted entirely (伍角陆分, 伍分): "零元伍角陆分" is never written.
 * - 整 follows 元 or 角 when there are no 分; nothing follows 分.
 */
export function toCapitals(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0 || fen > MAX_FEN) {
    throw new RangeError(`amount must be an integer number of fen in 0..${MAX_FEN}: ${fen}`);
  }
  if (fen === 0) return '零元整';

  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;

  let out = yuan > 0 ? yuanCapitals(yuan) + '元' : '';
  if (jiao > 0) out += DIGITS[jiao] + '角';
  else if (fenDigit > 0 && yuan > 0) out += '零';
  out += fenDigit > 0 ? DIGITS[fenDigit] + '分' : '整';
  return out;
}

export function toRmbCapitals(fen: number): string {
  return '人民币' + toCapitals(fen);
}

function yuanCapitals(yuan: number): string {
  const digits = String(yuan);
  let out = '';
  let zeroPending = false; // a zero was skipped since the last written digit
  let groupHasDigit = false;
  for (let i = 0; i < digits.length; i++) {
    const position = digits.length - 1 - i;
    const d = Number(digits[i]);
    if (d === 0) {
      zeroPending = true;
    } else {
      if (zeroPending) out += '零';
      zeroPending = false;
      groupHasDigit = true;
      out += DIGITS[d] + SMALL_UNITS[position % 4];
    }
    if (position % 4 === 0) {
      // An all-zero group (the 万 in 壹亿零壹元) gets no unit; its zeros stay pending.
      if (groupHasDigit) out += GROUP_UNITS[position / 4];
      groupHasDigit = false;
    }
  }
  return out;
}
