import { describe, expect, it } from '@jest/globals';
import { capitals, money, parseYuan, yuan } from './money';

describe('amounts typed in yuan', () => {
  it.each([
    ['1000', 100_000],
    ['1,000.5', 100_050],
    ['3800.50', 380_050],
    ['０.０１', 1],
    ['¥12.34', 1234],
    ['12.34元', 1234],
    [' 7 ', 700],
    ['10000000000', 10 ** 12],
  ])('%j is %d fen', (text, fen) => expect(parseYuan(text)).toBe(fen));

  it.each(['', '0', '0.00', '1.234', '-5', 'abc', '1e3', '10000000000.01', '1..2', '.5'])(
    '%j is no amount',
    (text) => expect(parseYuan(text)).toBeNull(),
  );

  it('shows fen as yuan with separators, and 大写 as printed on receipts', () => {
    expect(yuan(123_456)).toBe('1,234.56');
    expect(money(380_050)).toBe('¥3,800.50');
    expect(capitals(100_000)).toBe('人民币壹仟元整');
    expect(capitals(null)).toBe('');
  });
});
