import fc from 'fast-check';
import { creditCodeCheckChar, isValidCreditCode, normalizeCreditCode } from './credit-code';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe('credit codes', () => {
  // Published codes; a wrong algorithm would pass each with probability 1/31.
  it.each([
    '91350100M000100Y43',
    '91330100716105852F',
    '9144030071526726XG',
    '91440300708461136T',
    '91110000802100433B',
  ])('accepts %s', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it.each([
    // worked by hand: sum of value × weight, then 31 − (sum mod 31), 31 → 0
    ['91350100M000100Y4', '3'],
    ['10000000000000000', 'Y'], // 1 → 30 → Y
    ['01000000000000000', 'W'], // 3 → 28 → W
    ['00000000000000001', '3'], // 28 → 3
    ['Y1110000000000000', 'Q'], // 30 + 3 + 9 + 27 = 69 ≡ 7 → 24 → Q
    ['00000000000000000', '0'], // 0 → 31 → 0
  ])('computes the check character of %s as %s', (first17, check) => {
    expect(creditCodeCheckChar(first17)).toBe(check);
    expect(isValidCreditCode(first17 + check)).toBe(true);
  });

  it('rejects a character outside the alphabet even in the check position', () => {
    expect(isValidCreditCode('91350100M000100Y4Z')).toBe(false);
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])('rejects the excluded letter %s anywhere', (letter) => {
    const valid = '91350100M000100Y43';
    for (let i = 0; i < 18; i++) {
      expect(isValidCreditCode(valid.slice(0, i) + letter + valid.slice(i + 1))).toBe(false);
    }
    expect(() => creditCodeCheckChar(`91350100${letter}000100Y4`)).toThrow(RangeError);
  });

  it.each(['91350100M000100Y40', '91350100M000100Y4A', '91350100M000100Y44', '91350100M000101Y43'])(
    'rejects the wrong check character in %s',
    (code) => {
      expect(isValidCreditCode(code)).toBe(false);
    },
  );

  it.each(['', '91350100M000100Y4', '91350100M000100Y433', '91350100m000100y43', ' 91350100M000100Y43'])(
    'rejects the non-canonical or wrong-length %p',
    (code) => {
      expect(isValidCreditCode(code)).toBe(false);
    },
  );

  it('normalizeCreditCode trims and uppercases, or returns null', () => {
    expect(normalizeCreditCode(' 91350100m000100y43\n')).toBe('91350100M000100Y43');
    expect(normalizeCreditCode('91350100M000100Y44')).toBeNull();
    expect(normalizeCreditCode('')).toBeNull();
  });

  it('accepts exactly one check character for any 17-character prefix', () => {
    const prefix = fc
      .array(fc.constantFrom(...ALPHABET), { minLength: 17, maxLength: 17 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(prefix, (first17) => {
        const check = creditCodeCheckChar(first17);
        expect(isValidCreditCode(first17 + check)).toBe(true);
        for (const other of ALPHABET.replace(check, ''))
          expect(isValidCreditCode(first17 + other)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
