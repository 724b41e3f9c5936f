import fc from 'fast-check';
import { MAX_FEN } from './fen';
import { toCapitals, toRmbCapitals } from './capitals';

// Independent reader of 大写 amounts (capitals → fen), used to check round trips.
function parseCapitals(text: string): number {
  const s = text.replace(/^人民币/, '');
  const digits = '零壹贰叁肆伍陆柒捌玖';
  const small: Record<string, bigint> = { 拾: 10n, 佰: 100n, 仟: 1000n };
  let total = 0n; // completed 亿/万 groups
  let section = 0n; // current group below 万
  let digit = 0n;
  let fen = 0n;
  for (const ch of s) {
    const d = digits.indexOf(ch);
    if (d >= 0) digit = BigInt(d);
    else if (ch in small) [section, digit] = [section + digit * small[ch], 0n];
    else if (ch === '万') [total, section, digit] = [total + (section + digit) * 10_000n, 0n, 0n];
    else if (ch === '亿') [total, section, digit] = [(total + section + digit) * 100_000_000n, 0n, 0n];
    else if (ch === '元') [fen, total, section, digit] = [(total + section + digit) * 100n, 0n, 0n, 0n];
    else if (ch === '角') [fen, digit] = [fen + digit * 10n, 0n];
    else if (ch === '分') [fen, digit] = [fen + digit, 0n];
    else if (ch !== '整') throw new Error(`unexpected ${ch} in ${text}`);
  }
  return Number(fen);
}

describe('toCapitals', () => {
  it.each([
    // under one yuan: no 元 part at all
    [0, '零元整'],
    [1, '壹分'],
    [5, '伍分'],
    [10, '壹角整'],
    [50, '伍角整'],
    [56, '伍角陆分'],
    [99, '玖角玖分'],
    // 元 / 角 / 分 combinations
    [100, '壹元整'],
    [105, '壹元零伍分'],
    [110, '壹元壹角整'],
    [111, '壹元壹角壹分'],
    [1000, '壹拾元整'],
    [1001, '壹拾元零壹分'],
    [1010, '壹拾元壹角整'],
    [1100, '壹拾壹元整'],
    [32504, '叁佰贰拾伍元零肆分'],
    // inner zeros read as one 零
    [10000, '壹佰元整'],
    [10500, '壹佰零伍元整'],
    [11000, '壹佰壹拾元整'],
    [100000, '壹仟元整'],
    [100001, '壹仟元零壹分'],
    [100456, '壹仟零肆元伍角陆分'],
    [105000, '壹仟零伍拾元整'],
    [140950, '壹仟肆佰零玖元伍角整'],
    [168032, '壹仟陆佰捌拾元叁角贰分'],
    // 万
    [1000000, '壹万元整'],
    [1000100, '壹万零壹元整'],
    [1640902, '壹万陆仟肆佰零玖元零贰分'],
    [10000000, '壹拾万元整'],
    [10300000, '壹拾万零叁仟元整'],
    [10700053, '壹拾万零柒仟元伍角叁分'],
    [20000200, '贰拾万零贰元整'],
    [100000000, '壹佰万元整'],
    [200000000, '贰佰万元整'],
    // a zero 万位 before a non-zero 仟位 is read 零, as in 壹拾万零叁仟
    [1010101010, '壹仟零壹拾万零壹仟零壹拾元壹角整'],
    [2000000000, '贰仟万元整'],
    [5050505050, '伍仟零伍拾万零伍仟零伍拾元伍角整'],
    // 亿
    [10000000000, '壹亿元整'],
    [10000000001, '壹亿元零壹分'],
    [10000010000, '壹亿零壹佰元整'],
    [10001000000, '壹亿零壹万元整'],
    [10100000000, '壹亿零壹佰万元整'],
    [100000000000, '壹拾亿元整'],
    [123456789012, '壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元壹角贰分'],
    [999999999999, '玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
    [MAX_FEN, '壹佰亿元整'],
  ])('%p fen → %s', (fen, capitals) => {
    expect(toCapitals(fen)).toBe(capitals);
  });

  it.each([-1, MAX_FEN + 1, 1.5, NaN, Infinity, Number.MAX_SAFE_INTEGER])('throws RangeError for %p', (x) => {
    expect(() => toCapitals(x)).toThrow(RangeError);
    expect(() => toRmbCapitals(x)).toThrow(RangeError);
  });

  it('toRmbCapitals adds the 人民币 prefix', () => {
    expect(toRmbCapitals(100000)).toBe('人民币壹仟元整');
    expect(toRmbCapitals(100456)).toBe('人民币壹仟零肆元伍角陆分');
    expect(toRmbCapitals(0)).toBe('人民币零元整');
  });

  const amount = fc.oneof(
    fc.integer({ min: 0, max: MAX_FEN }),
    fc.integer({ min: 0, max: 100_000 }),
    // amounts with many zero digits, where the 零 rules bite
    fc
      .array(fc.constantFrom(0, 0, 0, 1, 5), { minLength: 1, maxLength: 12 })
      .map((ds) => Number(ds.join('')) % (MAX_FEN + 1)),
  );

  it('round-trips through an independent parser', () => {
    fc.assert(
      fc.property(amount, (fen) => {
        expect(parseCapitals(toCapitals(fen))).toBe(fen);
      }),
      { numRuns: 2000 },
    );
  });

  it('uses only the allowed characters and never a forbidden zero sequence', () => {
    fc.assert(
      fc.property(
        amount.filter((f) => f > 0),
        (fen) => {
          const s = toCapitals(fen);
          expect(s).toMatch(/^[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+$/);
          for (const bad of ['零零', '零元', '零万', '零亿', '零角', '零分', '零整', '元元', '整整']) {
            expect(s).not.toContain(bad);
          }
          expect(s.startsWith('零')).toBe(false);
          expect(s.startsWith('拾')).toBe(false); // a leading ten is 壹拾
          expect(s.includes('元')).toBe(fen >= 100);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('ends with 整 exactly when there are no 分, otherwise with 分', () => {
    fc.assert(
      fc.property(amount, (fen) => {
        const s = toCapitals(fen);
        expect(s.endsWith('整')).toBe(fen % 10 === 0);
        expect(s.endsWith('分')).toBe(fen % 10 !== 0);
      }),
    );
  });
});
