import fc from 'fast-check';
import { atLeast, ceilTimes, formatFraction, moreThan, parseFraction, type Fraction } from './fraction';

const f = (s: string): Fraction => {
  const parsed = parseFraction(s);
  if (!parsed) throw new Error(`bad fixture ${s}`);
  return parsed;
};

describe('parseFraction', () => {
  it.each([
    ['1/1', 1, 1],
    ['2/3', 2, 3],
    ['1/2', 1, 2],
    ['4/6', 4, 6], // kept as written
    ['1/999999', 1, 999999],
    ['999999/999999', 999999, 999999],
  ])('%s → %p/%p', (s, p, q) => {
    expect(parseFraction(s)).toEqual({ p, q });
    expect(formatFraction({ p, q })).toBe(s);
  });

  it.each([
    '3/2',
    '0/1',
    'abc',
    '1/0',
    '2/3.0',
    ' 2/3',
    '2/3 ',
    '-1/2',
    '+1/2',
    '1/-2',
    '02/3',
    '2/03',
    '1 /2',
    '1/2/3',
    '1/1000000',
    '1000000/1000000',
    '1/',
    '/2',
    '',
    '0.5',
    '１/２',
    '2/3\n',
  ])('rejects %p', (s) => {
    expect(parseFraction(s)).toBeNull();
  });
});

describe('atLeast / moreThan / ceilTimes', () => {
  it.each([
    // x, fraction, of, atLeast, moreThan
    [6, '2/3', 9, true, false],
    [5, '2/3', 9, false, false],
    [7, '2/3', 9, true, true],
    [5, '2/3', 7, true, true],
    [4, '2/3', 7, false, false],
    [5, '1/2', 10, true, false], // half is not 过半数
    [6, '1/2', 10, true, true],
    [3, '1/2', 5, true, true],
    [0, '1/2', 0, true, false],
    [5, '1/1', 5, true, false],
    [4, '1/1', 5, false, false],
  ])('%p of (%s × %p): atLeast %p, moreThan %p', (x, frac, of, least, more) => {
    expect(atLeast(x, f(frac), of)).toBe(least);
    expect(moreThan(x, f(frac), of)).toBe(more);
  });

  it.each([
    ['2/3', 9, 6],
    ['2/3', 7, 5],
    ['2/3', 5, 4],
    ['1/2', 10, 5],
    ['1/2', 11, 6],
    ['1/1', 5, 5],
    ['2/3', 0, 0],
    ['1/999999', 1, 1],
  ])('ceilTimes(%s, %p) = %p', (frac, n, c) => {
    expect(ceilTimes(f(frac), n)).toBe(c);
  });

  it.each([[{ p: 0, q: 1 }], [{ p: 3, q: 2 }], [{ p: 1, q: 0 }], [{ p: 0.5, q: 1 }], [{ p: -1, q: 2 }]])(
    'throws RangeError for the non-fraction %p',
    (bad) => {
      expect(() => atLeast(1, bad, 1)).toThrow(RangeError);
      expect(() => moreThan(1, bad, 1)).toThrow(RangeError);
      expect(() => ceilTimes(bad, 1)).toThrow(RangeError);
    },
  );

  it('throws RangeError for non-integer counts', () => {
    expect(() => atLeast(1.5, f('1/2'), 3)).toThrow(RangeError);
    expect(() => moreThan(1, f('1/2'), NaN)).toThrow(RangeError);
    expect(() => ceilTimes(f('1/2'), 2 ** 53)).toThrow(RangeError);
  });

  const fraction = fc
    .tuple(fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 1, max: 999_999 }))
    .map(([a, b]) => ({ p: Math.min(a, b), q: Math.max(a, b) }));
  const count = fc.oneof(
    fc.integer({ min: 0, max: 20 }),
    fc.integer({ min: 0, max: 1_000_000 }),
    fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  );

  it('agrees with exact rational comparison', () => {
    fc.assert(
      fc.property(count, fraction, count, (x, frac, of) => {
        // x ≥ (p/q)·of  ⇔  x·q ≥ p·of, since q > 0
        const lhs = BigInt(x) * BigInt(frac.q);
        const rhs = BigInt(frac.p) * BigInt(of);
        expect(atLeast(x, frac, of)).toBe(lhs >= rhs);
        expect(moreThan(x, frac, of)).toBe(lhs > rhs);
      }),
      { numRuns: 2000 },
    );
  });

  it('is exact at the threshold, where floating point can round', () => {
    fc.assert(
      fc.property(fraction, fc.integer({ min: 1, max: 1_000_000 }), (frac, k) => {
        // x = k·p, of = k·q: exactly equal to the threshold
        expect(atLeast(k * frac.p, frac, k * frac.q)).toBe(true);
        expect(moreThan(k * frac.p, frac, k * frac.q)).toBe(false);
      }),
    );
  });

  it('ceilTimes is the smallest count that is atLeast the fraction', () => {
    fc.assert(
      fc.property(fraction, count, (frac, n) => {
        const c = ceilTimes(frac, n);
        expect(atLeast(c, frac, n)).toBe(true);
        if (c > 0) expect(atLeast(c - 1, frac, n)).toBe(false);
        expect(c).toBeLessThanOrEqual(n);
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips every valid fraction string', () => {
    fc.assert(
      fc.property(fraction, (frac) => {
        expect(parseFraction(formatFraction(frac))).toEqual(frac);
      }),
    );
  });
});
