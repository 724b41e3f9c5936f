import fc from 'fast-check';
import { CITIES_WITHOUT_COUNTIES, isValidRegionCode, regionLevel, regionPrefixValid } from './region-code';

const PROVINCES = [
  ...[11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46],
  ...[50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82],
];

describe('isValidRegionCode', () => {
  it.each([
    '341702100201', // 池州 贵池区, a village
    '341702001001', // a community under a 街道
    '110105001001',
    '650102001001',
    '441900003001', // 东莞: townships directly under the city, county part 00
    '442000002001', // 中山
    '460400100201', // 儋州
  ])('accepts %s', (code) => {
    expect(isValidRegionCode(code)).toBe(true);
    expect(regionLevel(code)).toBe('village');
  });

  it.each([
    '',
    '000000000000',
    '100000100201', // province 10 does not exist
    '160000100201',
    '991702100201',
    '340002100201', // city 00
    '341700100201', // county 00 outside the cities without counties
    '620200100201', // 嘉峪关 has a county-level code (620201)
    '341702000201', // township 000
    '341702100000', // village 000
    '34170210020', // 11 digits
    '3417021002011',
    '34170210020a',
    '３４１７０２１００２０１',
    ' 341702100201',
  ])('rejects %p', (code) => {
    expect(isValidRegionCode(code)).toBe(false);
  });

  it('accepts every province and no other two-digit start', () => {
    for (let p = 0; p <= 99; p++) {
      const code = String(p).padStart(2, '0') + '0101001001';
      expect(isValidRegionCode(code)).toBe(PROVINCES.includes(p));
      expect(regionPrefixValid(code.slice(0, 2))).toBe(PROVINCES.includes(p));
    }
  });
});

describe('regionPrefixValid / regionLevel', () => {
  it.each([
    ['34', 'province'],
    ['3417', 'city'],
    ['341702', 'county'],
    ['341702100', 'township'],
    ['341702100201', 'village'],
    ['4419', 'city'],
    ['441900', 'county'],
    ['441900003', 'township'],
  ])('%s is a %s prefix', (prefix, level) => {
    expect(regionPrefixValid(prefix)).toBe(true);
    expect(regionLevel(prefix)).toBe(level);
  });

  it.each([
    '',
    '3',
    '341',
    '34170',
    '3417021',
    '34170210',
    '3417021002',
    '34170210020',
    '3400',
    '341700',
    '341702000',
    '10',
    'ab',
  ])('rejects %p', (prefix) => {
    expect(regionPrefixValid(prefix)).toBe(false);
    expect(regionLevel(prefix)).toBeNull();
  });

  it('every prefix of a valid code is valid', () => {
    const code = fc
      .tuple(
        fc.constantFrom(...PROVINCES),
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 1, max: 999 }),
      )
      .map(([p, c, k, t, v]) =>
        [
          String(p),
          String(c).padStart(2, '0'),
          String(k).padStart(2, '0'),
          String(t).padStart(3, '0'),
          String(v).padStart(3, '0'),
        ].join(''),
      );
    const cityWithoutCounties = fc
      .tuple(
        fc.constantFrom(...CITIES_WITHOUT_COUNTIES),
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 1, max: 999 }),
      )
      .map(([city, t, v]) => `${city}00${String(t).padStart(3, '0')}${String(v).padStart(3, '0')}`);
    fc.assert(
      fc.property(fc.oneof(code, cityWithoutCounties), (c) => {
        expect(isValidRegionCode(c)).toBe(true);
        for (const n of [2, 4, 6, 9, 12]) expect(regionPrefixValid(c.slice(0, n))).toBe(true);
        for (const n of [1, 3, 5, 7, 8, 10, 11]) expect(regionPrefixValid(c.slice(0, n))).toBe(false);
      }),
    );
  });
});
