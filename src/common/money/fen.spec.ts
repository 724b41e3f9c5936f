import fc from 'fast-check';
import { MAX_FEN, fenToYuanString, formatFen, isFen, isPositiveFen } from './fen';

describe('isFen / isPositiveFen', () => {
  it.each([0, 1, 100, MAX_FEN])('accepts %p', (x) => {
    expect(isFen(x)).toBe(true);
  });

  it.each([-1, MAX_FEN + 1, 1.5, 0.1, NaN, Infinity, -Infinity, '100', 100n, null, undefined, {}])(
    'rejects %p',
    (x) => {
      expect(isFen(x)).toBe(false);
      expect(isPositiveFen(x)).toBe(false);
    },
  );

  it('isPositiveFen excludes zero only', () => {
    expect(isPositiveFen(0)).toBe(false);
    expect(isPositiveFen(1)).toBe(true);
    expect(isPositiveFen(MAX_FEN)).toBe(true);
  });
});

describe('formatFen', () => {
  it.each([
    [0, '¥0.00'],
    [1, '¥0.01'],
    [10, '¥0.10'],
    [100, '¥1.00'],
    [99999, '¥999.99'],
    [100000, '¥1,000.00'],
    [100456, '¥1,004.56'],
    [123456789, '¥1,234,567.89'],
    [MAX_FEN, '¥10,000,000,000.00'],
    [Number.MAX_SAFE_INTEGER, '¥90,071,992,547,409.91'],
    [-1, '-¥0.01'],
    [-100456, '-¥1,004.56'],
    [-0, '¥0.00'],
  ])('%p → %p', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it.each([1.5, NaN, Infinity, Number.MAX_SAFE_INTEGER + 1])('throws RangeError for %p', (x) => {
    expect(() => formatFen(x)).toThrow(RangeError);
    expect(() => fenToYuanString(x)).toThrow(RangeError);
  });
});

describe('fenToYuanString', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [50, '0.50'],
    [100456, '1004.56'],
    [100000, '1000.00'],
    [MAX_FEN, '10000000000.00'],
    [-5, '-0.05'],
    [-100456, '-1004.56'],
  ])('%p → %p', (fen, text) => {
    expect(fenToYuanString(fen)).toBe(text);
  });

  it('is exact for every safe integer and agrees with formatFen', () => {
    fc.assert(
      fc.property(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (fen) => {
        const s = fenToYuanString(fen);
        expect(s).toMatch(/^-?\d+\.\d{2}$/);
        expect(BigInt(s.replace('.', ''))).toBe(BigInt(fen));
        expect(formatFen(fen).replace('¥', '').replace(/,/g, '')).toBe(s);
      }),
    );
  });
});
