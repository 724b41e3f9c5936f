import fc from 'fast-check';
import { ageAt, idCardCheckChar, isValidIdCard, latestDateOnEarth, parseIdCard } from './id-card';

const TODAY = '2026-11-29';
const withCheck = (first17: string) => first17 + idCardCheckChar(first17);

describe('idCardCheckChar', () => {
  it('matches the known-good number', () => {
    expect(idCardCheckChar('11010519491231002')).toBe('X');
  });

  it.each(['', '1101051949123100', '110105194912310021', '1101051949123100X'])('rejects %p', (s) => {
    expect(() => idCardCheckChar(s)).toThrow(RangeError);
  });
});

describe('parseIdCard', () => {
  it('decodes the known-good number', () => {
    expect(parseIdCard('11010519491231002X', { today: TODAY })).toEqual({
      valid: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
      regionCode: '110105',
    });
  });

  it('reads sex from the 17th digit', () => {
    const male = parseIdCard(withCheck('34070219900101123'), { today: TODAY });
    const female = parseIdCard(withCheck('34070219900101124'), { today: TODAY });
    expect(male).toMatchObject({ valid: true, sex: 'male', birthDate: '1990-01-01', regionCode: '340702' });
    expect(female).toMatchObject({ valid: true, sex: 'female' });
  });

  it('accepts a lowercase x and surrounding spaces, and normalizes them', () => {
    expect(parseIdCard(' 11010519491231002x ', { today: TODAY })).toMatchObject({
      valid: true,
      normalized: '11010519491231002X',
    });
    expect(isValidIdCard('11010519491231002x', { today: TODAY })).toBe(true);
  });

  it('does not reject unknown or non-mainland area codes', () => {
    for (const area of ['000000', '999999', '810000', '820000', '830000']) {
      expect(isValidIdCard(withCheck(`${area}19800101001`), { today: TODAY })).toBe(true);
    }
  });

  it.each(['110105194912310020', '110105194912310021', '11010519491231003X'])(
    'rejects a wrong check character: %p',
    (s) => {
      expect(parseIdCard(s, { today: TODAY })).toEqual({ valid: false, reason: 'checksum' });
    },
  );

  it('rejects 15-digit first-generation numbers (no check character, void since 2013)', () => {
    expect(parseIdCard('110105491231002', { today: TODAY })).toEqual({
      valid: false,
      reason: 'legacy-15-digit',
    });
  });

  it.each([
    '',
    '11010519491231002',
    '11010519491231002 ',
    '11010519491231002XX',
    '1101051949123100XX',
    'X1010519491231002X',
    '11010519491231002Y',
    '１１０１０５１９４９１２３１００２Ｘ', // full-width digits
    '110105-19491231-002X',
  ])('rejects malformed %p', (s) => {
    expect(parseIdCard(s, { today: TODAY })).toEqual({ valid: false, reason: 'format' });
  });

  it.each(['19490230', '19000229', '19991301', '19990001', '19990100', '19990431', '18991231', '00000000'])(
    'rejects the impossible or too-early birth date %s',
    (date) => {
      expect(parseIdCard(withCheck(`110105${date}002`), { today: TODAY })).toEqual({
        valid: false,
        reason: 'birth-date',
      });
    },
  );

  it.each(['19000101', '20000229', '20240229'])('accepts the real birth date %s', (date) => {
    expect(isValidIdCard(withCheck(`110105${date}002`), { today: TODAY })).toBe(true);
  });

  it('rejects birth dates after today, but not today itself', () => {
    expect(parseIdCard(withCheck('11010520990101002'), { today: TODAY })).toEqual({
      valid: false,
      reason: 'future-birth-date',
    });
    expect(parseIdCard(withCheck('11010520261130002'), { today: TODAY }).valid).toBe(false);
    expect(parseIdCard(withCheck('11010520261129002'), { today: TODAY }).valid).toBe(true);
  });

  it('has no today of its own: the caller passes it', () => {
    // @ts-expect-error today is required
    expect(() => parseIdCard('11010519491231002X')).toThrow(RangeError);
    // @ts-expect-error today is required
    expect(() => isValidIdCard('11010519491231002X', {})).toThrow(RangeError);
  });

  it('throws on a malformed today', () => {
    expect(() => parseIdCard('11010519491231002X', { today: '2026-02-30' })).toThrow(RangeError);
    expect(() => parseIdCard('11010519491231002X', { today: '20261129' })).toThrow(RangeError);
  });

  const prefix17 = fc
    .tuple(
      fc.integer({ min: 0, max: 999_999 }),
      fc.date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date(`${TODAY}T00:00:00Z`),
        noInvalidDate: true,
      }),
      fc.integer({ min: 0, max: 999 }),
    )
    .map(
      ([area, birth, seq]) =>
        String(area).padStart(6, '0') +
        birth.toISOString().slice(0, 10).replace(/-/g, '') +
        String(seq).padStart(3, '0'),
    );

  it('accepts exactly one check character for any real prefix', () => {
    fc.assert(
      fc.property(prefix17, (first17) => {
        const check = idCardCheckChar(first17);
        expect(parseIdCard(first17 + check, { today: TODAY })).toMatchObject({
          valid: true,
          birthDate: `${first17.slice(6, 10)}-${first17.slice(10, 12)}-${first17.slice(12, 14)}`,
          sex: Number(first17[16]) % 2 ? 'male' : 'female',
        });
        for (const other of '0123456789X'.replace(check, '')) {
          expect(parseIdCard(first17 + other, { today: TODAY })).toEqual({
            valid: false,
            reason: 'checksum',
          });
        }
      }),
      { numRuns: 500 },
    );
  });

  it('detects any single-digit typo in the first 17 digits', () => {
    fc.assert(
      fc.property(
        prefix17,
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (first17, i, delta) => {
          const id = withCheck(first17);
          const typo = id.slice(0, i) + String((Number(id[i]) + delta) % 10) + id.slice(i + 1);
          expect(isValidIdCard(typo, { today: TODAY })).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('latestDateOnEarth', () => {
  it.each([
    ['2026-11-29T09:59:59.999Z', '2026-11-29'],
    ['2026-11-29T10:00:00Z', '2026-11-30'], // midnight in UTC+14
    ['2026-12-31T10:00:00Z', '2027-01-01'],
    ['2028-02-28T10:00:00Z', '2028-02-29'],
  ])('at %s is %s', (instant, date) => {
    expect(latestDateOnEarth(new Date(instant))).toBe(date);
  });
});

describe('ageAt', () => {
  it.each([
    ['1990-06-15', '1990-06-15', 0],
    ['1990-06-15', '2026-06-14', 35],
    ['1990-06-15', '2026-06-15', 36],
    ['1990-12-31', '1991-01-01', 0],
    ['1990-01-01', '1990-12-31', 0],
    ['1949-12-31', TODAY, 76],
    ['2012-11-30', TODAY, 13], // under 14 until tomorrow
    ['2012-11-29', TODAY, 14],
    // born on 29 February: a year older on 1 March in non-leap years, on 29 February in leap years
    ['2000-02-29', '2001-02-28', 0],
    ['2000-02-29', '2001-03-01', 1],
    ['2000-02-29', '2003-02-28', 2],
    ['2000-02-29', '2004-02-28', 3],
    ['2000-02-29', '2004-02-29', 4],
    ['2000-02-29', '2100-02-28', 99],
    ['2000-02-29', '2100-03-01', 100],
    ['2000-02-28', '2001-02-28', 1],
    ['2000-03-01', '2001-02-28', 0],
  ])('born %s, on %s: %p', (birth, on, age) => {
    expect(ageAt(birth, on)).toBe(age);
  });

  it.each([
    ['2001-02-29', '2026-01-01'],
    ['2000-01-01', '2026-13-01'],
    ['20000101', '2026-01-01'],
    ['2000-01-02', '2000-01-01'],
  ])('throws RangeError for %s, %s', (birth, on) => {
    expect(() => ageAt(birth, on)).toThrow(RangeError);
  });
});
